package dev.lifecycle.examples;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerHistory;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleTracker;
import dev.lifecycle.core.Money;
import dev.lifecycle.core.StageVisit;
import dev.lifecycle.core.Templates;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * The tracker example of docs/tracker.md: a service that starts campaigns when customers change stage. Run it with {@code java
 * -cp lifecycle-examples/target/lifecycle-demo.jar dev.lifecycle.examples.ReactingToStageChanges}.
 */
public final class ReactingToStageChanges {
    private ReactingToStageChanges() {}

    /**
     * Runs the example and prints to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        // reacting:begin
        LifecycleTracker tracker = LifecycleTracker.builder(Templates.fiveStage())
                .allowedLateness(Duration.ofHours(1)) // events may arrive up to an hour out of order
                .listener(change -> {
                    String campaign = switch (change.toStageId()) {
                        case "conversion" -> "welcome series";
                        case "retention" ->
                            change.fromStageId().equals("lapsed") ? "welcome-back offer" : "loyalty invitation";
                        case "advocacy" -> "referral reward";
                        case "lapsed" -> "win-back campaign";
                        default -> "no campaign";
                    };
                    out.println(change.at() + " " + change.customerId() + ": " + change.fromStageId() + " -> "
                            + change.toStageId() + " (" + change.ruleId() + "), start " + campaign);
                })
                .build();

        Instant start = Instant.parse("2026-01-05T09:00:00Z");
        tracker.accept(CustomerEvent.of("ada", EventType.SITE_VISIT, start));
        tracker.accept(CustomerEvent.builder("ada", EventType.PURCHASE, start.plus(Duration.ofMinutes(20)))
                .amount(Money.of("35.00", "EUR"))
                .build());
        tracker.accept(CustomerEvent.of("ada", EventType.PURCHASE, start.plus(Duration.ofDays(30))));

        // No order for months: advancing the clock lets the lapse rule act.
        tracker.advanceTo(start.plus(Duration.ofDays(250)));

        // Ada orders again and is won back.
        tracker.accept(CustomerEvent.of("ada", EventType.PURCHASE, start.plus(Duration.ofDays(260))));
        tracker.advanceTo(start.plus(Duration.ofDays(261)));

        CustomerHistory ada = tracker.history("ada").orElseThrow();
        for (StageVisit visit : ada.visits()) {
            out.println("  " + visit);
        }
        out.println("days in retention, all stays: "
                + ada.timeInStage("retention", start.plus(Duration.ofDays(261)))
                        .orElseThrow()
                        .cumulative()
                        .toDays());
        // reacting:end
    }
}
