package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.Templates;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many requests over kept-alive connections, each answer compared with the classifier called directly. The default
 * build sends {@value #DEFAULT_REQUESTS} requests; {@code -Dclassifier.load.requests=50000} sends more. The test
 * prints the throughput and the latency percentiles that {@code docs/service.md} records.
 */
final class ClassifierServiceLoadTest {
    private static final int DEFAULT_REQUESTS = 10_000;
    private static final int CONNECTIONS = 32;
    private static final int CASES = 512;
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as sent, and the answer the classifier gives when called directly. */
    @SuppressWarnings("ArrayRecordComponent") // never compared or hashed: the bytes are sent as they are, encoded once
    private record Sample(byte[] request, JsonNode expected) {}

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void classify_manyRequestsOver32KeptAliveConnections_noErrorAndAnswersAsTheClassifier() throws Exception {
        int requests = Integer.getInteger("classifier.load.requests", DEFAULT_REQUESTS);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            Random random = new Random(i);
            ClassifierServiceProperties.Case c = i % 2 == 0
                    ? ClassifierServiceProperties.profileCase(random)
                    : ClassifierServiceProperties.eventsCase(random);
            JsonNode expected = ClassifierServiceProperties.expectedJson(
                    LifecycleClassifier.of(Templates.byName(c.template()).orElseThrow())
                            .classify(c.profile(), c.asOf()));
            samples.add(new Sample(
                    RawHttp.postJson(c.body().toString()).getBytes(java.nio.charset.StandardCharsets.UTF_8), expected));
        }
        long[] latencies = new long[requests];
        ExecutorService clients = Executors.newFixedThreadPool(CONNECTIONS);
        try (ClassifierService service = ClassifierService.start(0, Clock.fixed(NOW, ZoneOffset.UTC))) {
            long started = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < CONNECTIONS; t++) {
                int first = t;
                done.add(clients.submit(() -> {
                    try (RawHttp connection = new RawHttp(service.port(), 10_000)) {
                        for (int i = first; i < requests; i += CONNECTIONS) {
                            Sample sample = samples.get(i % CASES);
                            long sent = System.nanoTime();
                            connection.send(sample.request());
                            RawHttp.Reply reply = connection.read();
                            latencies[i] = System.nanoTime() - sent;
                            int n = i;
                            assertEquals(200, reply.status(), () -> "request " + n + ": " + reply.body());
                            assertNotEquals("close", reply.header("Connection"), "request " + n);
                            assertEquals(sample.expected(), JSON.readTree(reply.body()), "request " + n);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            long wall = System.nanoTime() - started;
            Arrays.sort(latencies);
            System.out.printf(
                    Locale.ROOT,
                    "classifier service load: %d requests over %d kept-alive connections in %.2f s: %.0f requests/s;"
                            + " latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    requests,
                    CONNECTIONS,
                    wall / 1e9,
                    requests / (wall / 1e9),
                    latencies[requests / 2] / 1e6,
                    latencies[(int) Math.min(requests - 1, Math.ceil(requests * 0.99) - 1)] / 1e6,
                    latencies[requests - 1] / 1e6);
        } finally {
            clients.shutdownNow();
        }
    }
}
