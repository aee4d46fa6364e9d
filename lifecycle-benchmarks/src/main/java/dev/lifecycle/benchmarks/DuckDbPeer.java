package dev.lifecycle.benchmarks;

import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Templates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The SQL peer: an in-process DuckDB database holding the same profiles or events, queried with the five-stage rules
 * written by hand as a SQL {@code CASE}, with the schema a competent SQL user would write: customers as {@code
 * INTEGER} codes resolved once at load (as the library's {@link EventBatch} holds codes), event types as an {@code
 * ENUM}, amounts as {@code DECIMAL(12, 2)}, instants as {@code TIMESTAMP}. Every timed query is a prepared statement,
 * prepared once and kept, with {@code asOf} (and the funnel's window, and a CSV file's path) bound as parameters. Not
 * thread-safe; close it to free the database.
 */
final class DuckDbPeer implements AutoCloseable {
    /** DuckDB's threads, the same number the library side uses. */
    static final int THREADS = 2;

    /**
     * Changes whenever the events table does, so that database files cached by an older version are not copied:
     * version 2 has integer customer codes, an ENUM of types, {@code INTEGER seq} and no event ids.
     */
    static final int SCHEMA_VERSION = 2;

    /** The columns of a CSV file of events as {@code read_csv} takes them: the default mapping's, typed. */
    static final String CSV_COLUMNS = "{'customer_id': 'VARCHAR', 'timestamp': 'TIMESTAMP', 'type': 'event_type',"
            + " 'amount': 'DECIMAL(12, 2)'}";

    private final DuckDBConnection connection;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    private DuckDbPeer(DuckDBConnection connection) {
        this.connection = connection;
    }

    /** Opens an empty in-memory database limited to {@link #THREADS} threads. */
    static DuckDbPeer open() {
        return open(THREADS);
    }

    /** Opens an empty in-memory database limited to {@code threads} threads, with type {@code event_type}. */
    static DuckDbPeer open(int threads) {
        try {
            Connection c = DriverManager.getConnection("jdbc:duckdb:");
            DuckDbPeer peer = new DuckDbPeer(c.unwrap(DuckDBConnection.class));
            peer.execute("SET threads = " + threads);
            peer.execute("SET preserve_insertion_order = false");
            peer.execute("CREATE TYPE event_type AS " + eventTypeEnum());
            return peer;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open an in-memory DuckDB database", e);
        }
    }

    /** {@return the ENUM of every {@link EventType} name, in ordinal order} */
    private static String eventTypeEnum() {
        StringBuilder values = new StringBuilder("ENUM (");
        for (EventType t : EventType.values()) {
            values.append(t.ordinal() == 0 ? "" : ", ")
                    .append('\'')
                    .append(t.name())
                    .append('\'');
        }
        return values.append(')').toString();
    }

    /**
     * The five-stage rules as one SQL expression over {@code order_count}, {@code last_order_at}, {@code
     * referral_count} and {@code engagement}, derived by hand from {@link Templates#fiveStage()}: without orders,
     * consideration with engagement and awareness without; with orders, lapsed when the last order lies strictly more
     * than the lapse period before {@code asOf} (the walk moves forward first, but conversion, retention and advocacy
     * all lapse, and win-back cannot hold right after a lapse); otherwise advocacy with two orders and a referral,
     * retention with two orders, conversion with one. {@code asOf} is the statement's parameter {@code asOfParameter}
     * (epoch microseconds); the lapse period is the template's, written into the SQL as the rules are.
     */
    static String fiveStageCase(String asOfParameter) {
        long lapseDays = Templates.DEFAULT_LAPSE_PERIOD.toDays();
        if (Duration.ofDays(lapseDays).compareTo(Templates.DEFAULT_LAPSE_PERIOD) != 0) {
            throw new IllegalStateException(
                    "the lapse period " + Templates.DEFAULT_LAPSE_PERIOD + " is not whole days");
        }
        return "CASE"
                + " WHEN order_count = 0 THEN (CASE WHEN engagement >= 1 THEN 'consideration' ELSE 'awareness' END)"
                + " WHEN last_order_at < make_timestamp(" + asOfParameter + ") - INTERVAL " + lapseDays
                + " DAY THEN 'lapsed'"
                + " WHEN order_count >= 2 AND referral_count >= 1 THEN 'advocacy'"
                + " WHEN order_count >= 2 THEN 'retention'"
                + " ELSE 'conversion' END";
    }

    /** The per-customer facts the rules read, from events with columns {@code type} and {@code ts}. */
    private static String perCustomerFacts(String customer, String ts, String from, boolean withCustomer) {
        return "SELECT " + (withCustomer ? customer + "," : "")
                + " count(*) FILTER (WHERE type = 'PURCHASE') AS order_count,"
                + " max(" + ts + ") FILTER (WHERE type = 'PURCHASE') AS last_order_at,"
                + " count(*) FILTER (WHERE type = 'REFERRAL') AS referral_count,"
                + " count(*) FILTER (WHERE type IN ('PRODUCT_VIEW', 'CART_ADD', 'SIGN_UP')) AS engagement"
                + " FROM " + from + " GROUP BY " + customer;
    }

    static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
    }

    /**
     * Creates table {@code profiles} holding the facts the five-stage rules read, one row per profile: {@code
     * customer} is the profile's index in the list (its id resolved once, here).
     */
    void loadProfiles(List<CustomerProfile> profiles) {
        execute("CREATE OR REPLACE TABLE profiles (customer INTEGER, order_count INTEGER, last_order_at TIMESTAMP,"
                + " referral_count INTEGER, product_views INTEGER, cart_adds INTEGER, sign_ups INTEGER)");
        try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "profiles")) {
            int code = 0;
            for (CustomerProfile p : profiles) {
                appender.beginRow().append(code++).append(Math.toIntExact(p.orderCount()));
                if (p.lastOrderAt().isPresent()) {
                    appender.appendEpochMicros(micros(p.lastOrderAt().get()));
                } else {
                    appender.appendNull();
                }
                appender.append(Math.toIntExact(p.referralCount()))
                        .append(Math.toIntExact(p.productViews()))
                        .append(Math.toIntExact(p.cartAdds()))
                        .append(Math.toIntExact(p.signUps()))
                        .endRow();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the profiles into DuckDB", e);
        }
    }

    /** The DDL of table {@code events} in catalog {@code catalog} (empty for the in-memory database). */
    private static String eventsTable(String catalog) {
        return "CREATE OR REPLACE TABLE " + catalog + "events (seq INTEGER, customer INTEGER, type " + catalog
                + "event_type, ts TIMESTAMP, amount DECIMAL(12, 2), nps_score TINYINT)";
    }

    /**
     * Creates table {@code events} holding every event of the batch, one row per event, in the batch's order: {@code
     * seq} is the row, {@code customer} the batch's customer code (the ids resolved once, when the batch was built),
     * {@code type} the ENUM, amounts exact decimals (the batch's minor units of USD as the unscaled value).
     */
    void loadEvents(EventBatch batch) {
        execute(eventsTable(""));
        try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "events")) {
            EventType[] types = EventType.values();
            for (int row = 0; row < batch.size(); row++) {
                appender.beginRow()
                        .append(row)
                        .append(batch.customer(row))
                        .append(types[batch.typeOrdinal(row)].name())
                        .appendEpochMicros(batch.epochSecond(row) * 1_000_000L + batch.nano(row) / 1_000);
                long minorUnits = batch.amountMinorUnits(row);
                if (minorUnits != EventBatch.NO_AMOUNT) {
                    if (!SyntheticLog.USD.equals(batch.currency(row))) {
                        throw new IllegalArgumentException("event " + row + " is in " + batch.currency(row)
                                + " but the events table holds USD amounts with 2 decimals");
                    }
                    // The unscaled value of DECIMAL(12, 2): cents.
                    appender.appendDecimal(minorUnits);
                } else {
                    appender.appendNull();
                }
                int score = batch.npsScore(row);
                if (score >= 0) {
                    appender.append((byte) score);
                } else {
                    appender.appendNull();
                }
                appender.endRow();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the events into DuckDB", e);
        }
    }

    /**
     * Creates table {@code events} as {@link #loadEvents(EventBatch)} does, copied from a database file that an
     * earlier load {@linkplain #saveEvents(Path) saved} when it exists (loading ten million rows through the appender
     * takes about 20 seconds, the copy about 3), else loaded and saved there.
     */
    void loadEventsCached(Path file, Supplier<EventBatch> batch) {
        if (Files.isRegularFile(file)) {
            execute("ATTACH '" + file.toAbsolutePath() + "' AS cache (READ_ONLY)");
            execute(eventsTable(""));
            execute("INSERT INTO events SELECT * FROM cache.events");
            execute("DETACH cache");
        } else {
            loadEvents(batch.get());
            saveEvents(file);
        }
    }

    /** Writes table {@code events} to a new database file, replacing it atomically. */
    void saveEvents(Path file) {
        try {
            Path partial = BenchConfig.partialFor(file);
            Files.deleteIfExists(partial);
            execute("ATTACH '" + partial + "' AS cache");
            execute("CREATE TYPE cache.event_type AS " + eventTypeEnum());
            execute(eventsTable("cache."));
            execute("INSERT INTO cache.events SELECT * FROM events");
            execute("DETACH cache");
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the events to " + file, e);
        }
    }

    private static final String PROFILE_FACTS = "SELECT order_count, last_order_at, referral_count,"
            + " product_views + cart_adds + sign_ups AS engagement FROM profiles";

    /** Workload 1: the five-stage distribution of table {@code profiles} at {@code asOf}. */
    Map<String, Long> stageCountsOfProfiles(Instant asOf) {
        return stageCounts(
                "SELECT " + fiveStageCase("?") + " AS stage, count(*) FROM (" + PROFILE_FACTS + ") GROUP BY stage",
                micros(asOf));
    }

    /** Workload 2: the five-stage distribution from table {@code events}: per-customer aggregates, then the rules. */
    Map<String, Long> stageCountsOfEvents(Instant asOf) {
        return stageCounts(
                "SELECT " + fiveStageCase("?") + " AS stage, count(*) FROM ("
                        + perCustomerFacts("customer", "ts", "events", false) + ") GROUP BY stage",
                micros(asOf));
    }

    /**
     * The new workload: the five-stage distribution straight from a CSV file of events with the default mapping's
     * columns ({@code customer_id,timestamp,type,amount}, header first), read with {@code read_csv} and explicit
     * types, the customer ids as text grouped as they come.
     */
    Map<String, Long> stageCountsOfCsv(Path file, Instant asOf) {
        return stageCounts(
                "SELECT " + fiveStageCase("?") + " AS stage, count(*) FROM ("
                        + perCustomerFacts("customer_id", "\"timestamp\"", csv("?"), false) + ") GROUP BY stage",
                micros(asOf),
                file.toAbsolutePath().toString());
    }

    /** The number of rows {@code read_csv} reads from a CSV file of events (for the check of the counts). */
    long csvRowCount(Path file) {
        return longs(
                "SELECT count(*) FROM " + csv("?"), 1, file.toAbsolutePath().toString())[0];
    }

    private static String csv(String pathParameter) {
        return "read_csv(" + pathParameter + ", columns = " + CSV_COLUMNS + ", header = true)";
    }

    /**
     * Workload 4: the event funnel site visit, product view, cart addition, purchase within {@code window} of the
     * entry visit, as the library defines it: per customer, the first visit enters, and each next step is the first
     * matching event after the previous step's (in {@code seq} order) no later than the window after the entry.
     *
     * @return the number of customers reaching each step
     */
    long[] funnelCounts(Duration window) {
        String within = "e.ts <= s1.t1 + to_seconds($1)";
        String sql = "WITH s1 AS (SELECT customer, min(seq) AS q, arg_min(ts, seq) AS t1 FROM events"
                + " WHERE type = 'SITE_VISIT' GROUP BY customer),"
                + " s2 AS (SELECT e.customer, min(e.seq) AS q, any_value(s1.t1) AS t1 FROM events e JOIN s1"
                + " ON e.customer = s1.customer WHERE e.type = 'PRODUCT_VIEW' AND e.seq > s1.q AND " + within
                + " GROUP BY e.customer),"
                + " s3 AS (SELECT e.customer, min(e.seq) AS q, any_value(s1.t1) AS t1 FROM events e JOIN s2 s1"
                + " ON e.customer = s1.customer WHERE e.type = 'CART_ADD' AND e.seq > s1.q AND " + within
                + " GROUP BY e.customer),"
                + " s4 AS (SELECT e.customer FROM events e JOIN s3 s1 ON e.customer = s1.customer"
                + " WHERE e.type = 'PURCHASE' AND e.seq > s1.q AND " + within + " GROUP BY e.customer)"
                + " SELECT (SELECT count(*) FROM s1), (SELECT count(*) FROM s2), (SELECT count(*) FROM s3),"
                + " (SELECT count(*) FROM s4)";
        return longs(sql, 4, window.toSeconds());
    }

    /**
     * Workload 4: the NPS answers counted as promoters (9 and 10), passives (7 and 8) and detractors (0 to 6).
     *
     * @return promoters, passives, detractors
     */
    long[] npsCounts() {
        return longs(
                "SELECT count(*) FILTER (WHERE nps_score >= 9), count(*) FILTER (WHERE nps_score BETWEEN 7 AND 8),"
                        + " count(*) FILTER (WHERE nps_score <= 6) FROM events WHERE type = 'NPS_ANSWER'",
                3);
    }

    /**
     * Workload 4: monthly cohort retention of the purchases at or before {@code asOf}: per cohort (month of the first
     * order) and month offset with an order, the active customers, the customers active then or later, the revenue,
     * and the cohort size; as {@link Canonical#cohortLines} writes the library's table.
     */
    List<String> cohortLines(Instant asOf) {
        String sql = "WITH p AS (SELECT customer, date_trunc('month', ts) AS m, amount FROM events"
                + " WHERE type = 'PURCHASE' AND ts <= make_timestamp($1)),"
                + " c AS (SELECT customer, min(m) AS cohort, max(m) AS last_m FROM p GROUP BY customer),"
                + " cells AS (SELECT c.cohort, datediff('month', c.cohort, p.m) AS k,"
                + " count(DISTINCT p.customer) AS active, sum(p.amount) AS revenue"
                + " FROM p JOIN c ON p.customer = c.customer GROUP BY ALL),"
                + " lasts AS (SELECT cohort, datediff('month', cohort, last_m) AS last_k, count(*) AS n FROM c"
                + " GROUP BY ALL),"
                + " sizes AS (SELECT cohort, sum(n) AS size FROM lasts GROUP BY cohort)"
                + " SELECT strftime(cells.cohort, '%Y-%m-%d'), cells.k, cells.active,"
                + " (SELECT sum(n) FROM lasts WHERE lasts.cohort = cells.cohort AND lasts.last_k >= cells.k),"
                + " cells.revenue, sizes.size FROM cells JOIN sizes ON cells.cohort = sizes.cohort";
        List<String> lines = new ArrayList<>();
        try (ResultSet rows = query(sql, micros(asOf))) {
            while (rows.next()) {
                lines.add(Canonical.cohortLine(
                        rows.getString(1),
                        rows.getLong(2),
                        rows.getLong(6),
                        rows.getLong(3),
                        rows.getLong(4),
                        rows.getBigDecimal(5)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
        Collections.sort(lines);
        return lines;
    }

    private long[] longs(String sql, int columns, Object... parameters) {
        long[] values = new long[columns];
        try (ResultSet rows = query(sql, parameters)) {
            if (!rows.next()) {
                throw new IllegalStateException("query returned no row: " + sql);
            }
            for (int i = 0; i < columns; i++) {
                values[i] = rows.getLong(i + 1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
        return values;
    }

    /** The stage of every customer in table {@code profiles} at {@code asOf}, by customer code (for tests). */
    Map<Integer, String> stagesOfProfiles(Instant asOf) {
        return stagesByCustomer(
                "SELECT customer, " + fiveStageCase("?")
                        + " FROM (SELECT customer, order_count, last_order_at, referral_count,"
                        + " product_views + cart_adds + sign_ups AS engagement FROM profiles)",
                micros(asOf));
    }

    /** The stage of every customer in table {@code events} at {@code asOf}, by customer code (for tests). */
    Map<Integer, String> stagesOfEvents(Instant asOf) {
        return stagesByCustomer(
                "SELECT customer, " + fiveStageCase("?") + " FROM ("
                        + perCustomerFacts("customer", "ts", "events", true) + ")",
                micros(asOf));
    }

    /** The stage of every customer of a CSV file of events at {@code asOf}, by customer id (for tests). */
    Map<String, String> stagesOfCsv(Path file, Instant asOf) {
        String sql = "SELECT customer_id, " + fiveStageCase("?") + " FROM ("
                + perCustomerFacts("customer_id", "\"timestamp\"", csv("?"), true) + ")";
        Map<String, String> stages = new HashMap<>();
        try (ResultSet rows = query(sql, micros(asOf), file.toAbsolutePath().toString())) {
            while (rows.next()) {
                stages.put(rows.getString(1), rows.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
        return stages;
    }

    private Map<Integer, String> stagesByCustomer(String sql, Object... parameters) {
        Map<Integer, String> stages = new HashMap<>();
        try (ResultSet rows = query(sql, parameters)) {
            while (rows.next()) {
                stages.put(rows.getInt(1), rows.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
        return stages;
    }

    private Map<String, Long> stageCounts(String sql, Object... parameters) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (ResultSet rows = query(sql, parameters)) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
        return counts;
    }

    /** Runs a query through its prepared statement (prepared on first use and kept), binding the parameters. */
    private ResultSet query(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = prepared.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            prepared.put(sql, statement);
        }
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement.executeQuery();
    }

    void execute(String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("statement failed: " + sql, e);
        }
    }

    @Override
    public void close() {
        try {
            for (PreparedStatement statement : prepared.values()) {
                statement.close();
            }
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close DuckDB", e);
        }
    }
}
