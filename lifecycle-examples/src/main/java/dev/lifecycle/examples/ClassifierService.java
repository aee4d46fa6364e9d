package dev.lifecycle.examples;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lifecycle.core.Classification;
import dev.lifecycle.core.ClassificationException;
import dev.lifecycle.core.FiredRule;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.Templates;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP service that classifies one customer per request: {@code POST /classify} with a JSON body, answered
 * with the stage, the furthest main-path stage and the rules that fired with their evidence. It runs on the JDK's
 * built-in {@code com.sun.net.httpserver} server and binds to the loopback address only. Run it with {@code java -cp
 * lifecycle-examples/target/lifecycle-demo.jar dev.lifecycle.examples.ClassifierService [port]}.
 *
 * <p><b>Request.</b> A JSON object with {@code customerId} (required), optionally {@code template} (a built-in name
 * from {@link Templates#names()}; default {@code five-stage}) and {@code asOf} (an ISO-8601 instant; default the
 * service's clock), and the customer either as profile fields or as {@code events}, never both:
 *
 * <pre>{@code
 * {"customerId": "ada", "template": "five-stage", "asOf": "2026-06-01T00:00:00Z",
 *  "orderCount": 2, "firstOrderAt": "2026-03-02T10:15:00Z", "lastOrderAt": "2026-05-20T18:40:00Z",
 *  "totalSpend": {"amount": "129.80", "currency": "EUR"}, "referralCount": 1}
 *
 * {"customerId": "bob", "asOf": "2026-06-01T00:00:00Z", "events": [
 *   {"type": "PRODUCT_VIEW", "timestamp": "2025-09-30T20:00:00Z"},
 *   {"type": "PURCHASE", "timestamp": "2025-10-01T12:00:00Z", "amount": "49.90", "currency": "EUR"}]}
 * }</pre>
 *
 * <p>Profile fields mirror {@link dev.lifecycle.core.CustomerProfile.Builder}: instants {@code firstSeen},
 * {@code lastActivity}, {@code firstOrderAt}, {@code lastOrderAt}, {@code loyaltyEnrolledAt}; counts (whole numbers,
 * 0 or more) {@code orderCount}, {@code referralCount}, {@code productViews}, {@code cartAdds}, {@code signUps},
 * {@code siteVisits}; money objects {@code {"amount": "12.50", "currency": "USD"}} {@code totalSpend} and
 * {@code refundedAmount}; {@code payments}, an array of {@code {"at": instant, "amount": ..., "currency": ...}}
 * (negative for a refund; what spend-within-a-window conditions read); {@code eventCounts} and {@code lastEventAt},
 * objects keyed by {@link dev.lifecycle.core.EventType} name; {@code nps}, {@code {"score": 0..10, "answeredAt":
 * instant}}; {@code customEventCounts}, custom type name to count; {@code attributes}, name to number. An event has
 * {@code type} (an {@code EventType} name) and {@code timestamp} (required), and optionally {@code eventId},
 * {@code amount} with {@code currency} (purchases and refunds), {@code npsScore} (NPS answers), {@code customType}
 * (custom events) and {@code attributes}. Amounts are decimal strings or JSON numbers, kept exact.
 *
 * <p><b>Response.</b> {@code 200} with
 *
 * <pre>{@code
 * {"customerId": "ada", "template": "five-stage", "asOf": "2026-06-01T00:00:00Z",
 *  "stage": "advocacy", "stageName": "Advocacy", "highestMainStage": "advocacy",
 *  "path": [{"rule": "first-purchase", "from": "awareness", "to": "conversion",
 *            "evidence": "orderCount 2 >= 1"}, ...]}
 * }</pre>
 *
 * <p><b>Errors</b> are {@code {"error": "..."}} whose message starts with the field at fault and says the rule it
 * breaks, as in {@code "orderCount: must be a whole number of 0 or more but was -1"}: {@code 400} for malformed
 * JSON (with line and column), unknown or duplicate fields, missing or invalid values (negative counts, bad instants,
 * unknown templates or event types, facts that contradict each other); {@code 404} for any path but
 * {@code /classify}; {@code 405} for any method but {@code POST}; {@code 413} for a body over {@value #MAX_BODY_BYTES}
 * bytes (the rest of such a body is read and discarded up to 8 MiB, so the client can read the answer; beyond that
 * the connection is closed). The client never sees a stack trace; an unexpected failure is logged and answered with {@code 500}.
 *
 * <p>Requests are handled by a small bounded pool of {@value #THREADS} threads; when its queue is full the accepting
 * thread handles the request itself, which slows intake instead of dropping requests. Loading this class sets the
 * system property {@code sun.net.httpserver.nodelay} to {@code true} unless it is set already, so that answers are
 * not held back by Nagle's algorithm. Instances are thread-safe; {@link #close()} stops the service.
 */
public final class ClassifierService implements AutoCloseable {
    /** The largest request body accepted, 1 MiB. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    /** The number of threads that handle requests. */
    public static final int THREADS = 4;

    /** The port {@link #main(String[])} listens on when given none. */
    public static final int DEFAULT_PORT = 8080;

    private static final Logger LOG = LoggerFactory.getLogger(ClassifierService.class);
    private static final String PATH = "/classify";
    private static final int QUEUE = 64;
    private static final String NODELAY = "sun.net.httpserver.nodelay";
    /** How much of an oversize body is read and discarded so that the client can read the 413 answer. */
    private static final int MAX_DRAIN_BYTES = 8 * MAX_BODY_BYTES;

    private static final ObjectMapper READER = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(
                            StreamReadConstraints.builder().maxNestingDepth(16).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final ObjectWriter WRITER = new ObjectMapper()
            .writer(new DefaultPrettyPrinter()
                    .withSeparators(Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                            .withArrayEmptySeparator("")
                            .withObjectEmptySeparator(""))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n")));

    static {
        // The JDK's server sends an answer's headers and body in separate writes; without TCP_NODELAY each answer
        // waits some 40 ms for the client's delayed acknowledgement. The server reads this once, when first used.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
    }

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final Clock clock;
    private final Map<String, LifecycleClassifier> classifiers = new LinkedHashMap<>();

    private ClassifierService(HttpServer server, ThreadPoolExecutor executor, Clock clock) {
        this.server = server;
        this.executor = executor;
        this.clock = clock;
        for (String name : Templates.names()) {
            LifecycleTemplate template = Templates.byName(name).orElseThrow();
            classifiers.put(name, LifecycleClassifier.of(template));
        }
    }

    /**
     * Starts the service on the loopback address.
     *
     * @param port the port, 0 for any free port (see {@link #port()})
     * @param clock where requests without {@code asOf} take their instant from
     * @return the running service
     * @throws NullPointerException if {@code clock} is null
     * @throws IllegalArgumentException if {@code port} is outside 0..65535
     * @throws UncheckedIOException if the port cannot be bound
     */
    public static ClassifierService start(int port, Clock clock) {
        requireNonNull(clock, "clock");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535 but was " + port);
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port + " of the loopback address: " + e, e);
        }
        ThreadPoolExecutor executor = new ThreadPoolExecutor(
                THREADS,
                THREADS,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE),
                threads(),
                new ThreadPoolExecutor.CallerRunsPolicy());
        ClassifierService service = new ClassifierService(server, executor, clock);
        server.createContext("/", service::handle);
        server.setExecutor(executor);
        server.start();
        return service;
    }

    private static ThreadFactory threads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "classifier-service-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** {@return the port the service listens on} */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@return the URL to post classification requests to} */
    public URI classifyUri() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + port() + PATH);
    }

    /** Stops the service: closes the socket, then waits briefly for requests in progress. Idempotent. */
    public void stop() {
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the service, as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /**
     * Starts the service on the loopback address and prints its URL; it runs until the process is stopped.
     *
     * @param args nothing, or the port (0 for any free port; default {@value #DEFAULT_PORT})
     */
    public static void main(String[] args) {
        int port;
        try {
            port = port(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ClassifierService: " + e.getMessage());
            System.exit(2);
            return;
        }
        ClassifierService service;
        try {
            service = start(port, Clock.systemUTC());
        } catch (UncheckedIOException e) {
            System.err.println("ClassifierService: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "classifier-service-stop"));
        printStarted(service, System.out);
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void printStarted(ClassifierService service, PrintStream out) {
        out.println("classifier service listening on " + service.classifyUri() + "; POST a JSON body to classify,"
                + " Ctrl-C stops it");
    }

    /** Reads the optional port argument. */
    static int port(String[] args) {
        if (args.length == 0) {
            return DEFAULT_PORT;
        }
        if (args.length > 1) {
            throw new IllegalArgumentException("expected at most one argument, the port, but got " + args.length);
        }
        int port;
        try {
            port = Integer.parseInt(args[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be a whole number from 0 to 65535 but was '" + args[0] + "'");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be a whole number from 0 to 65535 but was '" + args[0] + "'");
        }
        return port;
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            try {
                respond(exchange, route(exchange));
            } catch (RuntimeException e) {
                LOG.warn(
                        "classifier service failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                respond(exchange, Answer.error(500, "internal error; the service log has the details"));
            }
        } catch (IOException e) {
            LOG.debug(
                    "could not answer {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
        }
    }

    private Answer route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!PATH.equals(path)) {
            return Answer.error(404, "no resource at " + path + "; POST a JSON body to " + PATH);
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            return Answer.error(
                    405, "method " + exchange.getRequestMethod() + " is not allowed on " + PATH + "; use POST");
        }
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null && declaredLength(declared) > MAX_DRAIN_BYTES) {
            // Far too large to read: refuse at once and drop the connection.
            exchange.getResponseHeaders().set("Connection", "close");
            return tooLarge();
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                // Read the rest (up to a bound) so that the client, still sending, can read the answer.
                if (!drain(in)) {
                    exchange.getResponseHeaders().set("Connection", "close");
                }
                return tooLarge();
            }
        }
        return classify(body);
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1; // the server itself rejects a malformed length before the handler runs
        }
    }

    /** Reads and discards the rest of a body; returns whether it ended within {@link #MAX_DRAIN_BYTES}. */
    private static boolean drain(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        long drained = 0;
        while (drained <= MAX_DRAIN_BYTES) {
            int n = in.read(buffer);
            if (n < 0) {
                return true;
            }
            drained += n;
        }
        return false;
    }

    private static Answer tooLarge() {
        return Answer.error(413, "the request body must be at most " + MAX_BODY_BYTES + " bytes (1 MiB)");
    }

    /** Answers a request body that is within the size limit. */
    private Answer classify(byte[] body) {
        if (body.length == 0) {
            return Answer.error(400, "the request body is empty; send a JSON object");
        }
        JsonNode json;
        try {
            json = READER.readTree(body);
        } catch (StreamConstraintsException e) {
            return Answer.error(400, "JSON over a parser limit: " + e.getOriginalMessage());
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return Answer.error(400, "malformed JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            return Answer.error(400, "unreadable request body: " + e.getMessage());
        }
        ClassifyRequest request;
        try {
            request = ClassifyRequest.parse(json);
        } catch (ClassifyRequest.BadRequest e) {
            return Answer.error(400, e.getMessage());
        }
        Instant asOf = request.asOf().orElseGet(clock::instant);
        LifecycleClassifier classifier =
                requireNonNull(classifiers.get(request.template().name()), "classifier of a built-in template");
        Classification result;
        try {
            result = classifier.classify(request.profile(), asOf);
        } catch (ClassificationException e) {
            return Answer.error(400, "cannot classify: " + e.getMessage());
        }
        return new Answer(200, toJson(result));
    }

    private static ObjectNode toJson(Classification result) {
        ObjectNode json = READER.createObjectNode();
        json.put("customerId", result.customerId());
        json.put("template", result.templateName());
        json.put("asOf", result.asOf().toString());
        json.put("stage", result.stage().id());
        json.put("stageName", result.stage().name());
        json.put("highestMainStage", result.highestMainStage().id());
        ArrayNode path = json.putArray("path");
        for (FiredRule step : result.path()) {
            path.addObject()
                    .put("rule", step.ruleId())
                    .put("from", step.fromStageId())
                    .put("to", step.toStageId())
                    .put("evidence", step.evidence());
        }
        return json;
    }

    private static void respond(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.text().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** An HTTP status and a JSON body. */
    private record Answer(int status, JsonNode json) {
        static Answer error(int status, String message) {
            return new Answer(status, READER.createObjectNode().put("error", message));
        }

        /** {@return the body as sent: indented JSON and a final newline} */
        String text() {
            try {
                return WRITER.writeValueAsString(json) + "\n";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
