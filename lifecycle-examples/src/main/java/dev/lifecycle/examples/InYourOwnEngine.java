package dev.lifecycle.examples;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerState;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleStep;
import dev.lifecycle.core.Money;
import dev.lifecycle.core.StepResult;
import dev.lifecycle.core.Templates;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The README's example of {@link LifecycleStep}: the tracker's logic run by an engine that keeps the state itself (a
 * map of bytes stands for its keyed state, another map for its timers). Run it with {@code java -cp
 * lifecycle-examples/target/lifecycle-demo.jar dev.lifecycle.examples.InYourOwnEngine}.
 */
public final class InYourOwnEngine {
    private InYourOwnEngine() {}

    /**
     * Runs the example and prints to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        // own-engine:begin
        LifecycleStep step = LifecycleStep.of(Templates.fiveStage());
        Map<String, byte[]> states = new HashMap<>(); // the engine's keyed state: bytes per customer
        Map<String, Instant> timers = new HashMap<>(); // the engine's timers: one per customer

        Instant start = Instant.parse("2026-01-05T09:00:00Z");
        List<CustomerEvent> events = List.of(
                CustomerEvent.of("ada", EventType.SITE_VISIT, start),
                CustomerEvent.builder("ada", EventType.PURCHASE, start.plus(Duration.ofMinutes(20)))
                        .amount(Money.of("35.00", "EUR"))
                        .build(),
                CustomerEvent.of("ada", EventType.PURCHASE, start.plus(Duration.ofDays(30))));
        for (CustomerEvent event : events) {
            byte[] saved = states.get(event.customerId());
            CustomerState state = saved == null ? null : step.read(saved);
            StepResult result = step.apply(state, event);
            result.transitions()
                    .forEach(t -> out.println(t.at() + " " + t.customerId() + ": " + t.fromStageId() + " -> "
                            + t.toStageId() + " (" + t.ruleId() + ")"));
            states.put(event.customerId(), result.state().toBytes());
            result.nextChange()
                    .ifPresentOrElse(at -> timers.put(event.customerId(), at), () -> timers.remove(event.customerId()));
        }

        // The engine's clock reaches day 250: every timer due fires at its own instant.
        Instant now = start.plus(Duration.ofDays(250));
        for (Map.Entry<String, Instant> timer : Map.copyOf(timers).entrySet()) {
            String customer = timer.getKey();
            Instant at = timer.getValue();
            byte[] saved = Objects.requireNonNull(states.get(customer), "the event that set the timer saved a state");
            while (at != null && !at.isAfter(now)) {
                StepResult result = step.advance(step.read(saved), at);
                result.transitions()
                        .forEach(t -> out.println(t.at() + " " + t.customerId() + ": " + t.fromStageId() + " -> "
                                + t.toStageId() + " (" + t.ruleId() + ")"));
                saved = result.state().toBytes();
                states.put(customer, saved);
                at = result.nextChange().orElse(null);
            }
            out.println(customer + " now waits for " + (at == null ? "nothing" : at) + "; state " + saved.length
                    + " bytes, stage " + step.read(saved).stage().id());
        }
        // own-engine:end
    }
}
