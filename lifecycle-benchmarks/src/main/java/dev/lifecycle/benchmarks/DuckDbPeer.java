package dev.lifecycle.benchmarks;

import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Templates;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** Creates table {@code events} holding every event of the log, one row per event. */
    void loadEvents(SyntheticLog log) {
        execute("CREATE OR REPLACE TABLE events (event_id VARCHAR, customer_id VARCHAR, type VARCHAR, ts TIMESTAMP,"
                + " amount DECIMAL(12, 2), nps_score TINYINT)");
        String[] typeNames = new String[EventType.values().length];
        for (EventType t : EventType.values()) {
            typeNames[t.ordinal()] = t.name();
        }
        try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "events")) {
            for (int c = 0; c < log.customerCount(); c++) {
                String customer = log.customerIdAt(c);
                for (int i = log.firstEventOf(c); i < log.firstEventOf(c + 1); i++) {
                    appender.beginRow()
                            .append("e" + i)
                            .append(customer)
                            .append(typeNames[log.typeAt(i).ordinal()])
                            .appendEpochMicros(log.epochSecondAt(i) * 1_000_000L);
                    int cents = log.amountCentsAt(i);
                    if (cents >= 0) {
                        appender.append(BigDecimal.valueOf(cents, 2));
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
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the events into DuckDB", e);
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
