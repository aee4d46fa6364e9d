package dev.lifecycle.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The service under clients that send slowly, stop half way or send what no HTTP library would: each gets a JSON
 * answer with the right status within its timeout, and none delays the other clients. Every test starts its own
 * service with short timeouts and talks to it over plain sockets on the loopback address.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
final class ClassifierServiceHostileClientsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static final String GOOD_BODY = "{\"customerId\": \"ada\", \"productViews\": 1}";
    private static final Duration IDLE = Duration.ofSeconds(3);
    private static final Duration READ = Duration.ofSeconds(1);
    private static final Duration STOP = Duration.ofSeconds(2);

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void closeAll() throws Exception {
        threads.shutdownNow();
        // connections first, so that the services stop at once
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private ClassifierService start(ClassifierService.Timeouts timeouts) {
        ClassifierService service = ClassifierService.start(0, CLOCK, timeouts);
        resources.add(service);
        return service;
    }

    private ClassifierService start() {
        return start(new ClassifierService.Timeouts(IDLE, READ, STOP));
    }

    private RawHttp connect(ClassifierService service) throws IOException {
        RawHttp connection = new RawHttp(service.port(), 10_000);
        resources.add(connection);
        return connection;
    }

    /** Sends a well-formed request on a fresh connection; returns how long the answer took, in milliseconds. */
    private long timedGoodRequest(ClassifierService service) throws IOException {
        long start = System.nanoTime();
        try (RawHttp connection = new RawHttp(service.port(), 10_000)) {
            connection.send(RawHttp.postJson(GOOD_BODY));
            RawHttp.Reply reply = connection.read();
            assertEquals(200, reply.status(), reply::body);
            assertEquals(
                    "consideration", JSON.readTree(reply.body()).get("stage").asText());
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** Asserts a JSON error answer with the status and exactly the message. */
    static void assertJsonError(int status, String message, RawHttp.Reply reply) throws IOException {
        assertEquals(status, reply.status(), reply::body);
        assertEquals("application/json; charset=utf-8", reply.header("Content-Type"), reply::toString);
        JsonNode body = JSON.readTree(reply.body());
        assertEquals(1, body.size(), reply::body);
        assertEquals(message, body.get("error").asText());
    }

    /** Sends one byte per second of a body until told to stop or the connection fails. */
    private void trickle(RawHttp connection, int bytes) {
        threads.execute(() -> {
            for (int i = 0; i < bytes && !Thread.currentThread().isInterrupted(); i++) {
                try {
                    connection.send(" ");
                    Thread.sleep(1000);
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        });
    }

    @Test
    void classify_eightSlowBodies_408AfterTheReadTimeoutAndOthersNotDelayed() throws Exception {
        ClassifierService service = start();
        List<RawHttp> slow = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            RawHttp connection = connect(service);
            connection.send(RawHttp.post("Content-Type: application/json\r\nContent-Length: 100\r\n"));
            trickle(connection, 100);
            slow.add(connection);
        }
        long started = System.nanoTime();

        long worst = 0;
        for (int i = 0; i < 20; i++) {
            worst = Math.max(worst, timedGoodRequest(service));
        }

        assertTrue(worst < READ.toMillis(), "a request beside the slow ones took " + worst + " ms");
        for (RawHttp connection : slow) {
            RawHttp.Reply reply = connection.read();
            assertEquals(408, reply.status(), reply::body);
            String error = JSON.readTree(reply.body()).get("error").asText();
            assertTrue(
                    error.matches("request body: must arrive within 1000 ms of the request head \\(the read timeout\\)"
                            + " but only [1-3] of 100 bytes had come"),
                    error);
            assertEquals("close", reply.header("Connection"));
        }
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(waited < READ.toMillis() + 2000, "the slow clients were answered after " + waited + " ms");
    }

    @Test
    void classify_bodyStopsHalfWay_408AfterTheReadTimeout() throws Exception {
        ClassifierService service = start();
        RawHttp connection = connect(service);
        connection.send(RawHttp.post("Content-Type: application/json\r\nContent-Length: 40\r\n") + "{\"customerId\"");
        long started = System.nanoTime();

        RawHttp.Reply reply = connection.read();

        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertJsonError(
                408,
                "request body: must arrive within 1000 ms of the request head (the read timeout) but only 13 of 40"
                        + " bytes had come",
                reply);
        assertTrue(waited < READ.toMillis() + 2000, "answered after " + waited + " ms");
        assertTrue(connection.isClosedByServer());
    }

    @Test
    void classify_malformedChunkSize_400AtOnce() throws Exception {
        ClassifierService service = start();
        RawHttp connection = connect(service);

        connection.send(RawHttp.post("Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n")
                + "zz\r\n{}\r\n0\r\n\r\n");

        assertJsonError(
                400,
                "request body: ended early, after 0 bytes (malformed chunked encoding, or the client closed its side)",
                connection.read());
    }

    @Test
    void classify_eightChunkedBodiesThatStop_408AndOthersNotDelayed() throws Exception {
        ClassifierService service = start();
        List<RawHttp> stalled = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            RawHttp connection = connect(service);
            // a chunk of 0x40 bytes announced, 5 sent, then nothing
            connection.send(
                    RawHttp.post("Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n") + "40\r\n{\"cus");
            stalled.add(connection);
        }

        long worst = 0;
        for (int i = 0; i < 20; i++) {
            worst = Math.max(worst, timedGoodRequest(service));
        }

        assertTrue(worst < READ.toMillis(), "a request beside the stalled ones took " + worst + " ms");
        for (RawHttp connection : stalled) {
            assertJsonError(
                    408,
                    "request body: must arrive within 1000 ms of the request head (the read timeout) but only 5 bytes"
                            + " had come",
                    connection.read());
        }
    }

    @Test
    void connect_160SlowConnections_newConnectionsStillServed() throws Exception {
        ClassifierService service = start(new ClassifierService.Timeouts(IDLE, Duration.ofSeconds(8), STOP));
        for (int i = 0; i < 160; i++) {
            RawHttp connection = connect(service);
            if (i % 2 == 0) {
                // a body that trickles in
                connection.send(RawHttp.post("Content-Type: application/json\r\nContent-Length: 100\r\n"));
                trickle(connection, 100);
            } else {
                // half a request head, then nothing
                connection.send("POST /classify HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            }
        }

        long worst = 0;
        for (int i = 0; i < 20; i++) {
            worst = Math.max(worst, timedGoodRequest(service));
        }

        assertTrue(worst < 1000, "a new connection beside 160 slow ones took " + worst + " ms");
    }

    @Test
    void connect_slowRequestHead_closedWithinTwiceTheReadTimeout() throws Exception {
        ClassifierService service = start();
        RawHttp connection = connect(service);
        connection.send("POST /classify HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        long started = System.nanoTime();
        // a byte of a header every 300 ms: never idle, never done
        threads.execute(() -> {
            for (int i = 0; i < 60 && !Thread.currentThread().isInterrupted(); i++) {
                try {
                    Thread.sleep(300);
                    connection.send("X");
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        });

        assertTrue(connection.isClosedByServer());

        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(
                waited >= READ.toMillis() - 100 && waited < 2 * READ.toMillis() + 1000,
                "closed after " + waited + " ms");
    }

    @Test
    void connect_keptAliveConnectionBetweenRequests_keptForTheIdleTimeout() throws Exception {
        ClassifierService service = start();
        RawHttp connection = connect(service);
        connection.send(RawHttp.postJson(GOOD_BODY));
        assertEquals(200, connection.read().status());

        // quiet for longer than two read timeouts but less than the idle timeout: still open
        Thread.sleep(2 * READ.toMillis() + 500);
        connection.send(RawHttp.postJson(GOOD_BODY));

        assertEquals(200, connection.read().status());
    }

    @Test
    void connect_silentConnection_closedAfterTheIdleTimeout() throws Exception {
        ClassifierService service = start();
        RawHttp connection = connect(service);
        long started = System.nanoTime();

        assertTrue(connection.isClosedByServer());

        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(
                waited >= IDLE.toMillis() - 100 && waited < IDLE.toMillis() + 2000, "closed after " + waited + " ms");
    }

    private RawHttp.Reply exchange(ClassifierService service, String request) throws IOException {
        RawHttp connection = connect(service);
        connection.send(request);
        return connection.read();
    }

    @Test
    void classify_badContentLength_json400() throws Exception {
        ClassifierService service = start();

        RawHttp.Reply reply = exchange(
                service, RawHttp.post("Content-Type: application/json\r\nContent-Length: 12x\r\n") + GOOD_BODY);

        assertJsonError(400, "malformed request: Invalid Content-Length Value", reply);
    }

    @Test
    void classify_twoContentLengths_json400() throws Exception {
        ClassifierService service = start();
        int length = GOOD_BODY.length();

        RawHttp.Reply reply = exchange(
                service,
                RawHttp.post("Content-Type: application/json\r\nContent-Length: " + length + "\r\nContent-Length: "
                                + (length + 1) + "\r\n")
                        + GOOD_BODY);

        assertJsonError(400, "malformed request: Multiple Content-Lengths", reply);
    }

    @Test
    void classify_badRequestLine_json400() throws Exception {
        ClassifierService service = start();

        RawHttp.Reply reply = exchange(service, "POST /classify HTTP/1.1 extra\r\nHost: 127.0.0.1\r\n\r\n");

        assertJsonError(400, "malformed request: Illegal character SPACE=' '", reply);
    }

    @Test
    void classify_transferEncodingNotEndingInChunked_json400() throws Exception {
        ClassifierService service = start();

        RawHttp.Reply reply = exchange(
                service, RawHttp.post("Content-Type: application/json\r\nTransfer-Encoding: gzip\r\n") + GOOD_BODY);

        // RFC 9112, 6.1: the body's length cannot be known, so 400 and close
        assertJsonError(400, "malformed request: Bad Transfer-Encoding, chunked not last", reply);
    }

    @Test
    void classify_unsupportedTransferCoding_json501() throws Exception {
        ClassifierService service = start();

        RawHttp.Reply reply = exchange(
                service,
                RawHttp.post("Content-Type: application/json\r\nTransfer-Encoding: gzip, chunked\r\n")
                        + "2\r\n{}\r\n0\r\n\r\n");

        assertJsonError(501, "Transfer-Encoding: only chunked is supported but was 'gzip, chunked'", reply);
    }

    @Test
    void classify_contentEncodingGzip_json415() throws Exception {
        ClassifierService service = start();

        RawHttp.Reply reply = exchange(
                service,
                RawHttp.post("Content-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: 2\r\n")
                        + "{}");

        assertJsonError(415, "Content-Encoding: must be absent or identity but was 'gzip'", reply);
    }

    @Test
    void classify_oneMebibyteHeader_json431() throws Exception {
        ClassifierService service = start();
        RawHttp connection = connect(service);
        String head = RawHttp.post("Content-Type: application/json\r\nX-Padding: " + "a".repeat(1 << 20) + "\r\n");
        Future<?> sending = threads.submit(() -> {
            connection.send(head);
            return null;
        });

        RawHttp.Reply reply = connection.read();

        assertJsonError(431, "request head: the request line and headers must be at most 8192 bytes in total", reply);
        sending.cancel(true);
    }

    @Test
    void classify_declaredBodyOverTheDrainLimit_json413AtOnceAndClosed() throws Exception {
        ClassifierService service = start();
        RawHttp connection = connect(service);
        connection.send(RawHttp.post("Content-Type: application/json\r\nContent-Length: "
                + (ClassifierService.MAX_DRAIN_BYTES + 1) + "\r\n"));

        RawHttp.Reply reply = connection.read();

        assertJsonError(413, "the request body must be at most 1048576 bytes (1 MiB)", reply);
        assertEquals("close", reply.header("Connection"));
        assertTrue(connection.isClosedByServer());
    }

    @Test
    void classify_chunkedBodyOverOneMebibyte_json413AndTheConnectionKept() throws Exception {
        ClassifierService service = start();
        RawHttp connection = connect(service);
        String chunk = " ".repeat(64 << 10);
        String body = "{\"customerId\": \"a\"}";
        StringBuilder request =
                new StringBuilder(RawHttp.post("Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"));
        request.append(Integer.toHexString(body.length()))
                .append("\r\n")
                .append(body)
                .append("\r\n");
        for (int i = 0; i < 17; i++) {
            request.append(Integer.toHexString(chunk.length()))
                    .append("\r\n")
                    .append(chunk)
                    .append("\r\n");
        }
        request.append("0\r\n\r\n");
        Future<?> sending = threads.submit(() -> {
            connection.send(request.toString());
            return null;
        });

        assertJsonError(413, "the request body must be at most 1048576 bytes (1 MiB)", connection.read());

        sending.get(5, TimeUnit.SECONDS);
        connection.send(RawHttp.postJson(GOOD_BODY));
        assertEquals(200, connection.read().status());
    }

    @Test
    void classify_textPlain_json415() throws Exception {
        ClassifierService service = start();

        RawHttp.Reply reply = exchange(
                service,
                RawHttp.post("Content-Type: text/plain\r\nContent-Length: " + GOOD_BODY.length() + "\r\n") + GOOD_BODY);

        assertJsonError(
                415,
                "Content-Type: must be application/json, with no charset or charset=utf-8, but was 'text/plain'",
                reply);
    }

    @Test
    void classify_noContentType_json415() throws Exception {
        ClassifierService service = start();

        RawHttp.Reply reply =
                exchange(service, RawHttp.post("Content-Length: " + GOOD_BODY.length() + "\r\n") + GOOD_BODY);

        assertJsonError(
                415, "Content-Type: must be application/json, with no charset or charset=utf-8, but was absent", reply);
    }

    @Test
    void classify_utf16Charset_json415() throws Exception {
        ClassifierService service = start();

        RawHttp.Reply reply = exchange(
                service,
                RawHttp.post("Content-Type: application/json; charset=utf-16\r\nContent-Length: " + GOOD_BODY.length()
                                + "\r\n")
                        + GOOD_BODY);

        assertJsonError(
                415,
                "Content-Type: must be application/json, with no charset or charset=utf-8, but was"
                        + " 'application/json; charset=utf-16'",
                reply);
    }

    @Test
    void classify_utf16Body_json415() throws Exception {
        ClassifierService service = start();
        RawHttp connection = connect(service);
        byte[] body = GOOD_BODY.getBytes(StandardCharsets.UTF_16LE);

        connection.send(RawHttp.post("Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n"));
        connection.send(body);

        assertJsonError(
                415,
                "request body: must be JSON in UTF-8 but has a NUL byte at offset 1 (UTF-16 or UTF-32?)",
                connection.read());
    }

    @Test
    void classify_latin1Body_json415() throws Exception {
        ClassifierService service = start();
        RawHttp connection = connect(service);
        byte[] body = "{\"customerId\": \"José\"}".getBytes(StandardCharsets.ISO_8859_1);

        connection.send(RawHttp.post("Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n"));
        connection.send(body);

        assertJsonError(
                415, "request body: must be JSON in UTF-8 but the bytes at offset 19 are not UTF-8", connection.read());
    }

    @Test
    void classify_quotedUtf8Charset_accepted() throws Exception {
        ClassifierService service = start();

        RawHttp.Reply reply = exchange(
                service,
                RawHttp.post("Content-Type: Application/JSON; Charset=\"UTF-8\"\r\nContent-Length: "
                                + GOOD_BODY.length() + "\r\n")
                        + GOOD_BODY);

        assertEquals(200, reply.status(), reply::body);
    }

    @Test
    void classify_mixedCurrencyEvents_json400NamingTheEvent() throws Exception {
        ClassifierService service = start();
        String body = "{\"customerId\": \"a\", \"events\": ["
                + "{\"type\": \"PURCHASE\", \"timestamp\": \"2026-01-01T00:00:00Z\", \"amount\": \"5\", \"currency\":"
                + " \"EUR\", \"eventId\": \"e1\"},"
                + "{\"type\": \"PURCHASE\", \"timestamp\": \"2026-01-02T00:00:00Z\", \"amount\": \"5\", \"currency\":"
                + " \"USD\", \"eventId\": \"e2\"}]}";

        RawHttp.Reply reply = exchange(service, RawHttp.postJson(body));

        assertJsonError(
                400,
                "events[1]: amount 5.00 USD of event 'e2' of customer 'a' is in another currency than the earlier"
                        + " amounts (EUR)",
                reply);
    }

    /** Posts a body and asserts a quick JSON 400 with exactly the message. */
    private void assertQuick400(ClassifierService service, String body, String message) throws IOException {
        timedGoodRequest(service); // the first request of a JVM loads classes
        long started = System.nanoTime();
        RawHttp.Reply reply = exchange(service, RawHttp.postJson(body));
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertJsonError(400, message, reply);
        assertTrue(took < 1000, "answered after " + took + " ms");
    }

    @Test
    void classify_hugeExponentAmounts_quick400NamingTheField() throws Exception {
        ClassifierService service = start();
        String purchase = "{\"customerId\": \"a\", \"events\": [{\"type\": \"PURCHASE\", \"timestamp\":"
                + " \"2026-01-01T00:00:00Z\", \"currency\": \"EUR\", \"amount\": ";

        assertQuick400(
                service,
                purchase + "1e99999999}]}",
                "events[0].amount: amount must have at most 18 digits before the decimal point but was 1E+99999999");
        assertQuick400(
                service,
                purchase + "\"1e99999999\"}]}",
                "events[0].amount: amount must have at most 18 digits before the decimal point but was 1E+99999999");
        assertQuick400(
                service,
                "{\"customerId\": \"a\", \"orderCount\": 1, \"lastOrderAt\": \"2026-01-01T00:00:00Z\","
                        + " \"totalSpend\": {\"amount\": \"" + "9".repeat(65) + "\", \"currency\": \"EUR\"}}",
                "totalSpend.amount: amount must be at most 64 characters long but was 65 characters: '" + "9".repeat(64)
                        + "…'");
    }

    @Test
    void classify_instantsOutsideTheSupportedRange_quick400NamingTheField() throws Exception {
        ClassifierService service = start();

        assertQuick400(
                service,
                "{\"customerId\": \"a\", \"events\": [{\"type\": \"SITE_VISIT\", \"timestamp\":"
                        + " \"+1000000000-01-01T00:00:00Z\"}]}",
                "events[0].timestamp must lie between 1678-01-01T00:00:00Z (inclusive) and 2262-01-01T00:00:00Z"
                        + " (exclusive) but was +1000000000-01-01T00:00:00Z");
        assertQuick400(
                service,
                "{\"customerId\": \"a\", \"asOf\": \"+1000000000-01-01T00:00:00Z\"}",
                "asOf must lie between 1678-01-01T00:00:00Z (inclusive) and 2262-01-01T00:00:00Z (exclusive) but was"
                        + " +1000000000-01-01T00:00:00Z");
        assertQuick400(
                service,
                "{\"customerId\": \"a\", \"orderCount\": 1, \"lastOrderAt\": \"-1000000000-01-01T00:00:00Z\"}",
                "lastOrderAt must lie between 1678-01-01T00:00:00Z (inclusive) and 2262-01-01T00:00:00Z (exclusive)"
                        + " but was -1000000000-01-01T00:00:00Z");
    }

    @Test
    void classify_engagementCountsNearLongMax_consideration() throws Exception {
        ClassifierService service = start();
        String body = "{\"customerId\": \"a\", \"productViews\": " + Long.MAX_VALUE + ", \"cartAdds\": "
                + Long.MAX_VALUE + ", \"signUps\": 1}";

        RawHttp.Reply reply = exchange(service, RawHttp.postJson(body));

        // the sum saturates at Long.MAX_VALUE instead of wrapping negative: still at least one view
        assertEquals(200, reply.status(), reply::body);
        assertEquals("consideration", JSON.readTree(reply.body()).get("stage").asText());
    }

    @Test
    void stop_requestInProgress_finishesAndNewConnectionsRefused() throws Exception {
        ClassifierService service = start(new ClassifierService.Timeouts(IDLE, Duration.ofSeconds(5), STOP));
        int port = service.port();
        RawHttp inFlight = connect(service);
        byte[] body = GOOD_BODY.getBytes(UTF_8);
        inFlight.send(RawHttp.post("Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n"));
        inFlight.send(new String(body, 0, 10, UTF_8));
        Thread.sleep(200);
        long started = System.nanoTime();
        Future<?> stopping = threads.submit(service::stop);
        Thread.sleep(300);

        assertThrows(ConnectException.class, () -> new Socket(java.net.InetAddress.getLoopbackAddress(), port).close());
        inFlight.send(new String(body, 10, body.length - 10, UTF_8));
        RawHttp.Reply reply = inFlight.read();
        stopping.get(5, TimeUnit.SECONDS);

        assertEquals(200, reply.status(), reply::body);
        assertEquals("consideration", JSON.readTree(reply.body()).get("stage").asText());
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(took < STOP.toMillis(), "stop took " + took + " ms");
    }

    @Test
    void stop_requestThatNeverFinishes_stopReturnsAfterTheStopTimeout() throws Exception {
        ClassifierService service = start(new ClassifierService.Timeouts(IDLE, Duration.ofSeconds(15), STOP));
        RawHttp inFlight = connect(service);
        inFlight.send(RawHttp.post("Content-Type: application/json\r\nContent-Length: 100\r\n") + "{");
        // a byte every 300 ms: never idle, never done
        threads.execute(() -> {
            for (int i = 0; i < 60 && !Thread.currentThread().isInterrupted(); i++) {
                try {
                    Thread.sleep(300);
                    inFlight.send(" ");
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        });
        Thread.sleep(200);
        long started = System.nanoTime();

        service.stop();

        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(took >= STOP.toMillis() - 100 && took < STOP.toMillis() + 1500, "stop took " + took + " ms");
    }

    @Test
    @SuppressWarnings("NullAway") // the test passes null on purpose
    void timeouts_outOfRange_rejected() {
        IllegalArgumentException zero = assertThrows(
                IllegalArgumentException.class,
                () -> new ClassifierService.Timeouts(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        assertEquals("idle timeout must be between 1 ms and 1 day but was PT0S", zero.getMessage());
        IllegalArgumentException long_ = assertThrows(
                IllegalArgumentException.class,
                () -> new ClassifierService.Timeouts(Duration.ofSeconds(1), Duration.ofDays(2), Duration.ofSeconds(1)));
        assertEquals("read timeout must be between 1 ms and 1 day but was PT48H", long_.getMessage());
        NullPointerException none = assertThrows(
                NullPointerException.class,
                () -> new ClassifierService.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), null));
        assertEquals("stop", none.getMessage());
    }
}
