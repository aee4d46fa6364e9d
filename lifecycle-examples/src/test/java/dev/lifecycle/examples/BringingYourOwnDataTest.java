package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleTracker;
import dev.lifecycle.core.Money;
import dev.lifecycle.core.Templates;
import dev.lifecycle.io.EventFile;
import dev.lifecycle.io.Rejection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three ways in of the README's "Bringing your own data" give the same events, and the README shows their code. */
final class BringingYourOwnDataTest {
    private static final String SOURCE = "src/main/java/dev/lifecycle/examples/BringingYourOwnData.java";

    private static final List<CustomerEvent> EXPECTED = List.of(
            order("o1", "ada", "2024-03-01T10:15:30Z", "1000.00", "EUR"),
            order("o2", "bob", "2024-03-02T09:00:00Z", "25.50", "USD"),
            order("o4", "ada", "2024-04-01T00:00:00Z", "12.00", "EUR"));

    @Test
    void fromCsv_ordersExport_eventsAndEveryUnusedRowReported(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("orders.csv");
        Files.writeString(csv, """
                order_id,customer,created_at,total,currency,coupon
                o1,ada,2024-03-01 10:15:30,"1000.00",EUR,SPRING
                o2,bob,2024-03-02T09:00:00Z,25.50,usd,
                o3,cyd,2024-03-03,"1,200.00",EUR,
                o4,ada,2024-04-01,12.00,EUR,
                """, StandardCharsets.UTF_8);

        List<String> printed = new ArrayList<>();
        EventFile[] read = new EventFile[1];
        printed.addAll(ReadmeSnippets.output(out -> {
            try {
                read[0] = BringingYourOwnData.fromCsv(csv, out);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }));

        assertEquals(EXPECTED, read[0].events());
        assertEquals(
                List.of(
                        "3 of 4 rows used; columns not used: [coupon]",
                        "line 4: total: amount must be a decimal number but was '1,200.00' (write amounts without"
                                + " thousands separators, with '.' as the decimal point)"),
                printed);
    }

    @Test
    void fromJdbc_ordersTable_theSameEventsAsTheExport() throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:h2:mem:own-data")) {
            try (Statement sql = db.createStatement()) {
                sql.execute("create table orders (order_id varchar(10), customer varchar(10), created_at timestamp,"
                        + " total decimal(12, 2), currency char(3))");
                sql.execute("insert into orders values ('o0', 'zed', '2024-01-01 00:00:00', 5.00, 'EUR'),"
                        + " ('o1', 'ada', '2024-03-01 10:15:30', 1000.00, 'EUR'),"
                        + " ('o2', 'bob', '2024-03-02 09:00:00', 25.50, 'usd'),"
                        + " ('o3', 'cyd', '2024-03-03 00:00:00', 1200.00, null),"
                        + " ('o4', 'ada', '2024-04-01 00:00:00', 12.00, 'EUR')");
            }

            EventFile orders = BringingYourOwnData.fromJdbc(db, LocalDateTime.parse("2024-02-01T00:00:00"));

            assertEquals(EXPECTED, orders.events());
            assertEquals(
                    List.of(new Rejection(
                            3, "currency must be an ISO 4217 code such as EUR for the amount '1200.00' but was empty")),
                    orders.rejections());
        }
    }

    @Test
    void orderConsumer_jsonMessages_trackedOrLogged() {
        LifecycleTracker tracker =
                LifecycleTracker.builder(Templates.fiveStage()).build();
        List<String> log = ReadmeSnippets.output(out -> {
            BringingYourOwnData.OrderConsumer consumer = new BringingYourOwnData.OrderConsumer(tracker, out);
            consumer.onMessage(
                    "{\"order_id\":\"o1\",\"customer\":\"ada\",\"created_at\":\"2024-03-01T10:15:30Z\","
                            + "\"total\":1000.00,\"currency\":\"EUR\",\"items\":3}",
                    100);
            consumer.onMessage(
                    "{\"order_id\":\"o2\",\"customer\":\"bob\",\"created_at\":\"2024-03-02 09:00:00\","
                            + "\"total\":\"25.50\",\"currency\":\"USD\"}",
                    101);
            consumer.onMessage("{\"order_id\":\"o3\",\"customer\":\"cyd\",\"total\":\"5.00\"}", 102);
            consumer.onMessage("{not json", 103);
            consumer.onMessage(
                    "{\"order_id\":\"o4\",\"customer\":\"ada\",\"created_at\":\"2024-04-01\",\"total\":\"12.00\","
                            + "\"currency\":\"EUR\"}",
                    104);
        });

        // events wait until the tracker's time passes them
        tracker.advanceTo(Instant.parse("2024-04-02T00:00:00Z"));

        assertEquals(2, log.size(), log::toString);
        assertEquals(
                "offset 102: the row lacks the mapped fields 'created_at' (timestamp), 'currency' (currency); it has"
                        + " ['order_id', 'customer', 'total']",
                log.get(0));
        assertEquals(true, log.get(1).startsWith("offset 103: not JSON: "), log::toString);
        assertEquals(Set.of("ada", "bob"), tracker.customerIds());
        assertEquals(
                Map.of("retention", 1L, "conversion", 1L),
                Map.of(
                        "retention",
                        tracker.distribution().counts().get("retention"),
                        "conversion",
                        tracker.distribution().counts().get("conversion")));
        assertEquals(2, tracker.profile("ada").orElseThrow().orderCount());
    }

    @Test
    void direct_eventBuiltByHand_redeliveryDroppedAsDuplicate() {
        LifecycleTracker tracker =
                LifecycleTracker.builder(Templates.fiveStage()).build();

        BringingYourOwnData.direct(tracker, "o1", "ada", Instant.parse("2024-03-01T10:15:30Z"), "1000.00");
        BringingYourOwnData.direct(tracker, "o1", "ada", Instant.parse("2024-03-01T10:15:30Z"), "1000.00");
        tracker.advanceTo(Instant.parse("2024-03-02T00:00:00Z"));

        assertEquals(1, tracker.profile("ada").orElseThrow().orderCount());
        assertEquals(1, tracker.stats().duplicates());
    }

    @Test
    void readme_ownDataSection_showsTheCompiledCode() throws IOException {
        for (String marker : List.of("orders-mapping", "from-csv", "from-jdbc", "from-messages", "direct-events")) {
            ReadmeSnippets.assertReadmeShows(SOURCE, marker);
        }
    }

    private static CustomerEvent order(String id, String customer, String at, String total, String currency) {
        return CustomerEvent.builder(customer, EventType.PURCHASE, Instant.parse(at))
                .eventId(id)
                .amount(Money.of(total, currency))
                .build();
    }
}
