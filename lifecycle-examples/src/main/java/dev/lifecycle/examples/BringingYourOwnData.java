package dev.lifecycle.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleTracker;
import dev.lifecycle.core.Money;
import dev.lifecycle.io.EventFile;
import dev.lifecycle.io.EventFileReader;
import dev.lifecycle.io.EventMapping;
import dev.lifecycle.io.Rejection;
import dev.lifecycle.io.RowResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The README's "Bringing your own data": a shop's orders as events, from a CSV export, from a JDBC query and from a
 * message consumer, all through one {@link EventMapping}. The consumer is a plain callback given JSON strings: wire it
 * to the client of your broker (Kafka, SQS, a webhook); no broker is needed to run it.
 */
public final class BringingYourOwnData {
    // orders-mapping:begin
    // orders.csv: order_id,customer,created_at,total,currency (and any other columns, which are ignored)
    static final EventMapping ORDERS = EventMapping.builder()
            .customerId("customer")
            .timestamp("created_at") // 2024-03-01 10:15:30 is read in UTC unless .zone(...) says otherwise
            .constantType(EventType.PURCHASE) // every row of an orders export is a purchase
            .amount("total")
            .currency("currency")
            .eventId("order_id")
            .build();
    // orders-mapping:end

    private BringingYourOwnData() {}

    /** Reads a CSV export of orders and prints what was used and what was not. */
    static EventFile fromCsv(Path ordersCsv, PrintStream out) throws IOException {
        // from-csv:begin
        EventFile orders = EventFileReader.create().withMapping(ORDERS).read(ordersCsv);
        out.println(orders.rowsUsed() + " of " + orders.rowsRead() + " rows used; columns not used: "
                + orders.ignoredColumns());
        for (Rejection rejected : orders.rejections()) {
            out.println("line " + rejected.line() + ": " + rejected.reason());
        }
        // from-csv:end
        return orders;
    }

    /** Reads the orders of a database table since an instant. */
    static EventFile fromJdbc(Connection connection, LocalDateTime since) throws SQLException {
        // from-jdbc:begin
        String sql = "select order_id, customer, created_at, total, currency from orders where created_at >= ?";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, since);
            try (ResultSet rows = query.executeQuery()) {
                // a bad row is a rejection numbered by its row, as a bad line of a file is
                return EventFileReader.create().withMapping(ORDERS).read(rows, "orders");
            }
        }
        // from-jdbc:end
    }

    /** A message consumer: each JSON order message becomes an event for the tracker, or a logged rejection. */
    static final class OrderConsumer {
        private final ObjectMapper json = new ObjectMapper();
        private final LifecycleTracker tracker;
        private final PrintStream log;

        OrderConsumer(LifecycleTracker tracker, PrintStream log) {
            this.tracker = tracker;
            this.log = log;
        }

        // from-messages:begin
        /** Called by your broker's client with each message and its offset. */
        void onMessage(String message, long offset) {
            Map<String, String> fields = new LinkedHashMap<>();
            try {
                JsonNode order = json.readTree(message);
                order.properties()
                        .forEach(field ->
                                fields.put(field.getKey(), field.getValue().asText()));
            } catch (JsonProcessingException e) {
                log.println("offset " + offset + ": not JSON: " + e.getOriginalMessage());
                return;
            }
            RowResult row = ORDERS.map(fields, "orders-topic", offset);
            if (row instanceof RowResult.Accepted accepted) {
                tracker.accept(accepted.event());
            } else {
                log.println("offset " + offset + ": " + ((RowResult.Rejected) row).reason());
            }
        }
        // from-messages:end
    }

    /** Builds the event itself, for a consumer whose messages are the shop's own typed objects. */
    static void direct(LifecycleTracker tracker, String orderId, String customer, Instant placed, String total) {
        // direct-events:begin
        tracker.accept(CustomerEvent.builder(customer, EventType.PURCHASE, placed)
                .eventId(orderId) // a redelivered message has the same id: the tracker drops the duplicate
                .amount(Money.of(total, "EUR"))
                .build());
        // direct-events:end
    }
}
