package dev.lifecycle.benchmarks;

import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Templates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The SQL peer: an in-process DuckDB database holding the same profiles or events, queried with the five-stage rules
 * written by hand as a SQL {@code CASE}. Not thread-safe; close it to free the database.
 */
final class DuckDbPeer implements AutoCloseable {
    /** DuckDB's threads, the same number the library side uses. */
    static final int THREADS = 2;

    private final DuckDBConnection connection;

    private DuckDbPeer(DuckDBConnection connection) {
        this.connection = connection;
    }

    /** Opens an empty in-memory database limited to {@link #THREADS} threads. */
    static DuckDbPeer open() {
        try {
            Connection c = DriverManager.getConnection("jdbc:duckdb:");
            DuckDbPeer peer = new DuckDbPeer(c.unwrap(DuckDBConnection.class));
            peer.execute("SET threads = " + THREADS);
            peer.execute("SET preserve_insertion_order = false");
            return peer;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open an in-memory DuckDB database", e);
        }
    }

    /**
     * The five-stage rules as one SQL expression over {@code order_count}, {@code last_order_at}, {@code
     * referral_count} and {@code engagement}, derived by hand from {@link Templates#fiveStage()} classified at {@code
     * asOf}: without orders, consideration with engagement and awareness without; with orders, lapsed when the last
     * order lies strictly more than the lapse period before {@code asOf} (the walk moves forward first, but conversion,
     * retention and advocacy all lapse, and win-back cannot hold right after a lapse); otherwise advocacy with two
     * orders and a referral, retention with two orders, conversion with one.
     */
    static String fiveStageCase(Instant asOf) {
        Instant cutoff = asOf.minus(Templates.DEFAULT_LAPSE_PERIOD);
        return "CASE"
                + " WHEN order_count = 0 THEN (CASE WHEN engagement >= 1 THEN 'consideration' ELSE 'awareness' END)"
                + " WHEN last_order_at < make_timestamp(" + cutoff.getEpochSecond() * 1_000_000L + ") THEN 'lapsed'"
                + " WHEN order_count >= 2 AND referral_count >= 1 THEN 'advocacy'"
                + " WHEN order_count >= 2 THEN 'retention'"
                + " ELSE 'conversion' END";
    }

    /** Creates table {@code profiles} holding the facts the five-stage rules read, one row per profile. */
    void loadProfiles(List<CustomerProfile> profiles) {
        execute("CREATE OR REPLACE TABLE profiles (customer_id VARCHAR, order_count BIGINT, last_order_at TIMESTAMP,"
                + " referral_count BIGINT, product_views BIGINT, cart_adds BIGINT, sign_ups BIGINT)");
        try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "profiles")) {
            for (CustomerProfile p : profiles) {
                appender.beginRow().append(p.customerId()).append(p.orderCount());
                if (p.lastOrderAt().isPresent()) {
                    Instant last = p.lastOrderAt().get();
                    appender.appendEpochMicros(last.getEpochSecond() * 1_000_000L + last.getNano() / 1_000);
                } else {
                    appender.appendNull();
                }
                appender.append(p.referralCount())
                        .append(p.productViews())
                        .append(p.cartAdds())
                        .append(p.signUps())
                        .endRow();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the profiles into DuckDB", e);
        }
    }

    /**
     * Creates table {@code events} holding every event of the log, one row per event, in the order they happened:
     * {@code seq} is the position in that order (as in {@link SyntheticLog#eventsInTimeOrder()}), {@code event_id}
     * and {@code customer_id} are the library events' ids, amounts are exact decimals.
     */
    void loadEvents(SyntheticLog log) {
        execute("CREATE OR REPLACE TABLE events (seq BIGINT, event_id VARCHAR, customer_id VARCHAR, type VARCHAR,"
                + " ts TIMESTAMP, amount DECIMAL(12, 2), nps_score TINYINT)");
        String[] typeNames = new String[EventType.values().length];
        for (EventType t : EventType.values()) {
            typeNames[t.ordinal()] = t.name();
        }
        int[] order = log.timeOrder();
        int[] customerOf = new int[order.length];
        for (int c = 0; c < log.customerCount(); c++) {
            for (int i = log.firstEventOf(c); i < log.firstEventOf(c + 1); i++) {
                customerOf[i] = c;
            }
        }
        try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "events")) {
            for (int seq = 0; seq < order.length; seq++) {
                int i = order[seq];
                appender.beginRow()
                        .append((long) seq)
                        .append("e" + i)
                        .append(log.customerIdAt(customerOf[i]))
                        .append(typeNames[log.typeAt(i).ordinal()])
                        .appendEpochMicros(log.epochSecondAt(i) * 1_000_000L);
                int cents = log.amountCentsAt(i);
                if (cents >= 0) {
                    // The unscaled value of DECIMAL(12, 2): cents.
                    appender.appendDecimal((long) cents);
                } else {
                    appender.appendNull();
                }
                int score = log.npsScoreAt(i);
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
     * Creates table {@code events} as {@link #loadEvents(SyntheticLog)} does, copied from a database file that an
     * earlier load {@linkplain #saveEvents(Path) saved} when it exists (loading ten million rows through the appender
     * takes about 20 seconds, the copy about 3), else loaded and saved there.
     */
    void loadEventsCached(Path file, Supplier<SyntheticLog> log) {
        if (Files.isRegularFile(file)) {
            execute("ATTACH '" + file.toAbsolutePath() + "' AS cache (READ_ONLY)");
            execute("CREATE OR REPLACE TABLE events AS SELECT * FROM cache.events");
            execute("DETACH cache");
        } else {
            loadEvents(log.get());
            saveEvents(file);
        }
    }

    /** Writes table {@code events} to a new database file, replacing it atomically. */
    void saveEvents(Path file) {
        try {
            Path absolute = file.toAbsolutePath();
            Path parent = absolute.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
            Files.deleteIfExists(partial);
            execute("ATTACH '" + partial + "' AS cache");
            execute("CREATE TABLE cache.events AS SELECT * FROM events");
            execute("DETACH cache");
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the events to " + file, e);
        }
    }

    /** Workload 1: the five-stage distribution of table {@code profiles} at {@code asOf}. */
    Map<String, Long> stageCountsOfProfiles(Instant asOf) {
        return stageCounts("SELECT stage, count(*) FROM (SELECT "
                + fiveStageCase(asOf).replace("engagement", "(product_views + cart_adds + sign_ups)")
                + " AS stage FROM profiles) GROUP BY stage");
    }

    /** Workload 2: the five-stage distribution from table {@code events}: per-customer aggregates, then the rules. */
    Map<String, Long> stageCountsOfEvents(Instant asOf) {
        return stageCounts("SELECT stage, count(*) FROM (SELECT " + fiveStageCase(asOf) + " AS stage FROM ("
                + "SELECT customer_id,"
                + " count(*) FILTER (WHERE type = 'PURCHASE') AS order_count,"
                + " max(ts) FILTER (WHERE type = 'PURCHASE') AS last_order_at,"
                + " count(*) FILTER (WHERE type = 'REFERRAL') AS referral_count,"
                + " count(*) FILTER (WHERE type IN ('PRODUCT_VIEW', 'CART_ADD', 'SIGN_UP')) AS engagement"
                + " FROM events GROUP BY customer_id))"
                + " GROUP BY stage");
    }

    /**
     * Workload 4: the event funnel site visit, product view, cart addition, purchase within {@code window} of the
     * entry visit, as the library defines it: per customer, the first visit enters, and each next step is the first
     * matching event after the previous step's (in {@code seq} order) no later than the window after the entry.
     *
     * @return the number of customers reaching each step
     */
    long[] funnelCounts(Duration window) {
        String within = "e.ts <= s1.t1 + to_seconds(" + window.toSeconds() + ")";
        String sql = "WITH s1 AS (SELECT customer_id, min(seq) AS q, arg_min(ts, seq) AS t1 FROM events"
                + " WHERE type = 'SITE_VISIT' GROUP BY customer_id),"
                + " s2 AS (SELECT e.customer_id, min(e.seq) AS q, any_value(s1.t1) AS t1 FROM events e JOIN s1"
                + " ON e.customer_id = s1.customer_id WHERE e.type = 'PRODUCT_VIEW' AND e.seq > s1.q AND " + within
                + " GROUP BY e.customer_id),"
                + " s3 AS (SELECT e.customer_id, min(e.seq) AS q, any_value(s1.t1) AS t1 FROM events e JOIN s2 s1"
                + " ON e.customer_id = s1.customer_id WHERE e.type = 'CART_ADD' AND e.seq > s1.q AND " + within
                + " GROUP BY e.customer_id),"
                + " s4 AS (SELECT e.customer_id FROM events e JOIN s3 s1 ON e.customer_id = s1.customer_id"
                + " WHERE e.type = 'PURCHASE' AND e.seq > s1.q AND " + within + " GROUP BY e.customer_id)"
                + " SELECT (SELECT count(*) FROM s1), (SELECT count(*) FROM s2), (SELECT count(*) FROM s3),"
                + " (SELECT count(*) FROM s4)";
        return longs(sql, 4);
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
        long asOfMicros = asOf.getEpochSecond() * 1_000_000L + asOf.getNano() / 1_000;
        String sql = "WITH p AS (SELECT customer_id, date_trunc('month', ts) AS m, amount FROM events"
                + " WHERE type = 'PURCHASE' AND ts <= make_timestamp(" + asOfMicros + ")),"
                + " c AS (SELECT customer_id, min(m) AS cohort, max(m) AS last_m FROM p GROUP BY customer_id),"
                + " cells AS (SELECT c.cohort, datediff('month', c.cohort, p.m) AS k,"
                + " count(DISTINCT p.customer_id) AS active, sum(p.amount) AS revenue"
                + " FROM p JOIN c ON p.customer_id = c.customer_id GROUP BY ALL),"
                + " lasts AS (SELECT cohort, datediff('month', cohort, last_m) AS last_k, count(*) AS n FROM c"
                + " GROUP BY ALL),"
                + " sizes AS (SELECT cohort, sum(n) AS size FROM lasts GROUP BY cohort)"
                + " SELECT strftime(cells.cohort, '%Y-%m-%d'), cells.k, cells.active,"
                + " (SELECT sum(n) FROM lasts WHERE lasts.cohort = cells.cohort AND lasts.last_k >= cells.k),"
                + " cells.revenue, sizes.size FROM cells JOIN sizes ON cells.cohort = sizes.cohort";
        List<String> lines = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
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

    private long[] longs(String sql, int columns) {
        long[] values = new long[columns];
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
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

    /** The stage of every customer in table {@code profiles} at {@code asOf}, by customer id (for tests). */
    Map<String, String> stagesOfProfiles(Instant asOf) {
        String sql = "SELECT customer_id, "
                + fiveStageCase(asOf).replace("engagement", "(product_views + cart_adds + sign_ups)")
                + " FROM profiles";
        Map<String, String> stages = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                stages.put(rows.getString(1), rows.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
        return stages;
    }

    Map<String, Long> stageCounts(String sql) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
        return counts;
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
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close DuckDB", e);
        }
    }
}
