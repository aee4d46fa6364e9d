package dev.lifecycle.rfm;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The R package rfm's orders (test resource rfm/rfm_data_orders.csv) as purchase events in US dollars. */
final class RfmOrders {
    /** The package documentation's analysis date. */
    static final Instant AS_OF =
            LocalDate.of(2006, 12, 31).atStartOfDay(ZoneOffset.UTC).toInstant();

    private RfmOrders() {}

    /** {@return every order as a purchase at midnight UTC of its date} */
    static List<CustomerEvent> events() {
        List<CustomerEvent> events = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(
                        RfmOrders.class.getResourceAsStream("/rfm/rfm_data_orders.csv"), "rfm_data_orders.csv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (!"\"customer_id\",\"order_date\",\"revenue\"".equals(header)) {
                throw new IllegalStateException("unexpected header " + header);
            }
            int line = 1;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                line++;
                String[] cells = text.split(",", -1);
                if (cells.length != 3) {
                    throw new IllegalStateException("line " + line + " has " + cells.length + " cells");
                }
                String id = cells[0].replace("\"", "");
                Instant at = LocalDate.parse(cells[1].replace("\"", ""))
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
                events.add(CustomerEvent.of(id, EventType.PURCHASE, at).withAmount(Money.of(cells[2], "USD")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }
}
