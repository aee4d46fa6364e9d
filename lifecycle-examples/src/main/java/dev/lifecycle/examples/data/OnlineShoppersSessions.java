package dev.lifecycle.examples.data;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bundled Online Shoppers Purchasing Intention sessions (UCI data set 468) as pre-purchase funnel events: one
 * customer per session, who visits, views products and sometimes buys.
 *
 * <p>Each data row (session) {@code r}, counted from 1 after the header, becomes customer {@code session-<r>} with
 * these events, a millisecond apart in this order:
 *
 * <ol>
 *   <li>one {@link EventType#SITE_VISIT};
 *   <li>one {@link EventType#PRODUCT_VIEW} per product-related page of the session ({@code ProductRelated}), at most
 *       {@value #MAX_PRODUCT_VIEWS} so that a few long sessions do not dominate the event count; none when the
 *       count is empty, as it is in 14 sessions of this copy (see {@link #sessionsWithoutPageCounts()});
 *   <li>one {@link EventType#PURCHASE}, without an amount, when {@code Revenue} is {@code TRUE}.
 * </ol>
 *
 * <p>The data carry the month of a session but neither day nor time, and no year. The visit is therefore put at a
 * synthetic instant: midnight UTC on the first day of that month of 2017, plus {@code r} seconds, so that sessions are
 * ordered as in the file within a month and no two sessions start at the same instant. Instants mean nothing finer
 * than the month. See {@code data/online-shoppers/PROVENANCE.md} among the resources for source and licence.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class OnlineShoppersSessions {
    /** The most product views recorded for one session. */
    public static final int MAX_PRODUCT_VIEWS = 3;

    static final String RESOURCE = "/data/online-shoppers/online_shoppers_intention.csv";
    static final int YEAR = 2017;

    private final List<CustomerEvent> events;
    private final long sessions;
    private final long purchases;
    private final long sessionsWithoutPageCounts;
    /** The visitor type of each session, by customer id. */
    private final Map<String, String> visitorTypes;

    private OnlineShoppersSessions(
            List<CustomerEvent> events,
            long sessions,
            long purchases,
            long sessionsWithoutPageCounts,
            Map<String, String> visitorTypes) {
        this.events = List.copyOf(events);
        this.visitorTypes = Map.copyOf(visitorTypes);
        this.sessions = sessions;
        this.purchases = purchases;
        this.sessionsWithoutPageCounts = sessionsWithoutPageCounts;
    }

    /**
     * Reads the bundled sessions (12,330 sessions, 1,908 of them with a purchase).
     *
     * @return the sessions as events
     * @throws IllegalStateException if the resource is missing or a row does not have the documented columns
     * @throws UncheckedIOException if the resource cannot be read
     */
    public static OnlineShoppersSessions read() {
        InputStream stream = OnlineShoppersSessions.class.getResourceAsStream(RESOURCE);
        if (stream == null) {
            throw new IllegalStateException("resource '" + RESOURCE + "' is not on the class path");
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource '" + RESOURCE + "': " + e, e);
        }
    }

    private static OnlineShoppersSessions read(BufferedReader in) throws IOException {
        String header = in.readLine();
        if (header == null) {
            throw new IllegalStateException("resource '" + RESOURCE + "' is empty");
        }
        List<String> columns = Arrays.asList(header.strip().split(","));
        int productRelated = column(columns, "ProductRelated");
        int month = column(columns, "Month");
        int revenue = column(columns, "Revenue");
        int visitorType = column(columns, "VisitorType");
        Map<String, String> visitorTypes = new HashMap<>();
        List<CustomerEvent> events = new ArrayList<>();
        long sessions = 0;
        long purchases = 0;
        long withoutPageCounts = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            sessions++;
            String[] fields = line.strip().split(",", -1);
            if (fields.length != columns.size()) {
                throw rowError(sessions, "has " + fields.length + " fields instead of " + columns.size());
            }
            String customer = "session-" + sessions;
            visitorTypes.put(customer, fields[visitorType].strip());
            Instant visit = LocalDate.of(YEAR, month(fields[month], sessions), 1)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant()
                    .plusSeconds(sessions);
            events.add(CustomerEvent.builder(customer, EventType.SITE_VISIT, visit)
                    .eventId(customer + "-visit")
                    .build());
            String productPages = fields[productRelated].strip();
            if (productPages.isEmpty()) {
                withoutPageCounts++;
            }
            int views = productPages.isEmpty() ? 0 : (int) Math.min(count(productPages, sessions), MAX_PRODUCT_VIEWS);
            for (int view = 1; view <= views; view++) {
                events.add(CustomerEvent.builder(customer, EventType.PRODUCT_VIEW, visit.plus(Duration.ofMillis(view)))
                        .eventId(customer + "-view-" + view)
                        .build());
            }
            if (bool(fields[revenue], sessions)) {
                purchases++;
                events.add(
                        CustomerEvent.builder(customer, EventType.PURCHASE, visit.plus(Duration.ofMillis(views + 1L)))
                                .eventId(customer + "-purchase")
                                .build());
            }
        }
        return new OnlineShoppersSessions(events, sessions, purchases, withoutPageCounts, visitorTypes);
    }

    /**
     * Returns the visitor type the data give a session: {@code Returning_Visitor}, {@code New_Visitor} or {@code
     * Other}.
     *
     * @param customerId a session's customer id, {@code session-<r>}
     * @return the session's visitor type
     * @throws IllegalArgumentException if no session has that id
     */
    public String visitorType(String customerId) {
        String type = visitorTypes.get(customerId);
        if (type == null) {
            throw new IllegalArgumentException("customerId must be a session of the data, session-1 to session-"
                    + sessions + ", but was '" + customerId + "'");
        }
        return type;
    }

    /** {@return all events, session by session in file order} */
    public List<CustomerEvent> events() {
        return events;
    }

    /** {@return the number of sessions, each one customer} */
    public long sessions() {
        return sessions;
    }

    /** {@return the number of sessions that ended in a purchase} */
    public long purchases() {
        return purchases;
    }

    /**
     * Returns the number of sessions whose page counts are empty in the data; they are read as sessions without
     * product views.
     *
     * @return the number of sessions without page counts
     */
    public long sessionsWithoutPageCounts() {
        return sessionsWithoutPageCounts;
    }

    private static int column(List<String> columns, String name) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new IllegalStateException(
                    "resource '" + RESOURCE + "' has no column '" + name + "' in its header " + columns);
        }
        return index;
    }

    private static Month month(String field, long row) {
        String prefix = field.length() < 3 ? field : field.substring(0, 3).toUpperCase(Locale.ROOT);
        for (Month month : Month.values()) {
            if (month.name().startsWith(prefix) && prefix.length() == 3) {
                return month;
            }
        }
        throw rowError(row, "has Month '" + field + "', which is not a month name");
    }

    private static long count(String field, long row) {
        try {
            long value = Long.parseLong(field.strip());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            throw rowError(row, "has ProductRelated '" + field + "', which is not a whole number");
        }
        throw rowError(row, "has ProductRelated '" + field + "', which is negative");
    }

    private static boolean bool(String field, long row) {
        if (field.equalsIgnoreCase("TRUE")) {
            return true;
        }
        if (field.equalsIgnoreCase("FALSE")) {
            return false;
        }
        throw rowError(row, "has Revenue '" + field + "', which is neither TRUE nor FALSE");
    }

    private static IllegalStateException rowError(long row, String problem) {
        return new IllegalStateException("resource '" + RESOURCE + "' session " + row + " " + problem);
    }
}
