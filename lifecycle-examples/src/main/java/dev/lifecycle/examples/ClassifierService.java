package dev.lifecycle.examples;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
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
import dev.lifecycle.core.Classification;
import dev.lifecycle.core.ClassificationException;
import dev.lifecycle.core.FiredRule;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.Templates;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP service that classifies one customer per request: {@code POST /classify} with a JSON body, answered
 * with the stage, the furthest main-path stage and the rules that fired with their evidence. It runs on an embedded
 * Jetty 12 server (its core API, no servlets) and binds to the loopback address only. Run it with {@code java -cp
 * lifecycle-examples/target/lifecycle-demo.jar dev.lifecycle.examples.ClassifierService [port]}.
 *
 * <p><b>Request.</b> {@code Content-Type: application/json} (with no charset or {@code charset=utf-8}) and a UTF-8
 * JSON object with {@code customerId} (required), optionally {@code template} (a built-in name from
 * {@link Templates#names()}; default {@code five-stage}) and {@code asOf} (an ISO-8601 instant; default the service's
 * clock), and the customer either as profile fields or as {@code events}, never both:
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
 * (negative for a refund; what spend-within-a-window conditions read); {@code orderTimes}, an array of instants,
 * one per order whose instant is known (what {@code orders-within} counts); {@code eventCounts} and {@code lastEventAt},
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
 * <p><b>Errors.</b> Every failure, also those found by the server before this class sees the request, is answered
 * with {@code Content-Type: application/json} and {@code {"error": "..."}} whose message starts with what is at fault
 * and says the rule it breaks, as in {@code "orderCount: must be a whole number of 0 or more but was -1"}:
 *
 * <ul>
 *   <li>{@code 400} for malformed JSON (with line and column), a number a decimal cannot hold (an exponent beyond
 *       about ±2147483647, named with its field, line and column), unknown or duplicate fields, missing or invalid
 *       values (negative counts, bad instants, a customer id with half a surrogate pair, unknown templates or event
 *       types, amounts in two currencies, facts that contradict each other), a malformed chunked body and a malformed request head (request line,
 *       {@code Content-Length}, two {@code Content-Length} headers);
 *   <li>{@code 404} for any path but {@code /classify}; {@code 405} for any method but {@code POST};
 *   <li>{@code 408} when the body does not arrive within the read timeout (the connection is closed);
 *   <li>{@code 413} for a body over {@value #MAX_BODY_BYTES} bytes (the rest of a body of up to
 *       {@value #MAX_DRAIN_BYTES} bytes is read and discarded, so that the client can read the answer on a connection
 *       that stays open; a longer one, or one declared longer, is refused at once and the connection closed);
 *   <li>{@code 415} for a {@code Content-Type} other than {@code application/json} with no charset or
 *       {@code charset=utf-8}, and for a body that is not UTF-8 (such as UTF-16);
 *   <li>{@code 431} for a request line and headers over {@value #MAX_HEAD_BYTES} bytes;
 *   <li>{@code 501} for a {@code Transfer-Encoding} with a coding before {@code chunked} (one that does not end in
 *       {@code chunked} is a {@code 400}: the body's length cannot be known, RFC 9112 section 6.1).
 * </ul>
 *
 * <p>The client never sees a stack trace; an unexpected failure is logged and answered with {@code 500}.
 *
 * <p><b>Slow and idle clients.</b> Bodies are read without blocking a thread, so a client that sends slowly holds a
 * connection, never a worker. A body must arrive whole within the read timeout after its request head; a request
 * head that has begun must be whole within one to two read timeouts, or the connection is closed; and a connection on
 * which nothing moves for the idle timeout is closed (see {@link Timeouts}). At most
 * {@value #MAX_CONNECTIONS} connections are open at once; more wait in the operating system's accept queue. Requests
 * run on a pool of at most {@value #THREADS} threads.
 *
 * <p>Loading this class sets the system property {@code org.slf4j.simpleLogger.log.org.eclipse.jetty} to
 * {@code warn} unless it is set already, so that the server's start and stop messages stay out of the output.
 *
 * <p>Instances are thread-safe; {@link #stop()} stops accepting connections, lets requests in progress finish within
 * the stop timeout and then closes the rest.
 */
public final class ClassifierService implements AutoCloseable {
    /** The largest request body accepted, 1 MiB. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    /**
     * How long a too-large body may be in total and still be read and discarded before the {@code 413} answer, so
     * that the client, still sending, can read it; 8 MiB.
     */
    public static final int MAX_DRAIN_BYTES = 8 * MAX_BODY_BYTES;

    /** The largest request line plus headers accepted, 8 KiB. */
    public static final int MAX_HEAD_BYTES = 8 << 10;

    /** The most threads of the server's pool: one accepts connections, one waits for ready ones, the rest work. */
    public static final int THREADS = 16;

    /** The most connections open at once. */
    public static final int MAX_CONNECTIONS = 1024;

    /** The port {@link #main(String[])} listens on when given none. */
    public static final int DEFAULT_PORT = 8080;

    private static final Logger LOG = LoggerFactory.getLogger(ClassifierService.class);
    private static final String PATH = "/classify";
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    private static final String JETTY_LOG_LEVEL = "org.slf4j.simpleLogger.log.org.eclipse.jetty";
    private static final String INTERNAL_ERROR = "internal error; the service log has the details";

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

    /**
     * The service's timeouts. Tests use short ones; a service facing the open network might shorten the read timeout.
     *
     * @param idle how long a connection may stay without a byte moving in either direction before it is closed
     *     (between requests of a kept-alive connection, or while a client sends nothing)
     * @param read how long a request's body may take to arrive, counted from the moment its head was read; a body
     *     still incomplete then is answered with {@code 408} and the connection closed; a request head that has
     *     begun gets one to two read timeouts to be whole, or its connection is closed
     * @param stop how long {@link ClassifierService#stop()} waits for requests in progress before it closes their
     *     connections
     */
    public record Timeouts(Duration idle, Duration read, Duration stop) {
        /** The longest timeout accepted, one day. */
        public static final Duration MAX = Duration.ofDays(1);

        /** The defaults: idle 30 s, read 10 s, stop 5 s. */
        public static final Timeouts DEFAULTS =
                new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(5));

        /**
         * Checks the timeouts.
         *
         * @param idle the idle timeout
         * @param read the read timeout
         * @param stop the stop timeout
         * @throws NullPointerException if any is null
         * @throws IllegalArgumentException if any is shorter than 1 ms or longer than {@link #MAX}
         */
        public Timeouts {
            check("idle", idle);
            check("read", read);
            check("stop", stop);
        }

        private static void check(String name, Duration timeout) {
            requireNonNull(timeout, name);
            if (timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(MAX) > 0) {
                throw new IllegalArgumentException(name + " timeout must be between 1 ms and 1 day but was " + timeout);
            }
        }
    }

    static {
        // Jetty reports every start and stop at INFO; the service says itself what a user needs to know.
        if (System.getProperty(JETTY_LOG_LEVEL) == null) {
            System.setProperty(JETTY_LOG_LEVEL, "warn");
        }
    }

    private final Server server;
    private final ServerConnector connector;
    private final Clock clock;
    private final Timeouts timeouts;
    private final Map<String, LifecycleClassifier> classifiers = new LinkedHashMap<>();
    private final HeadWatch heads = new HeadWatch();

    private ClassifierService(Clock clock, Timeouts timeouts, int port) {
        this.clock = clock;
        this.timeouts = timeouts;
        for (String name : Templates.names()) {
            LifecycleTemplate template = Templates.byName(name).orElseThrow();
            classifiers.put(name, LifecycleClassifier.of(template));
        }
        QueuedThreadPool pool = new QueuedThreadPool(THREADS, 4);
        pool.setName("classifier-service");
        pool.setDaemon(true);
        server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(MAX_HEAD_BYTES);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(port);
        connector.setIdleTimeout(timeouts.idle().toMillis());
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, connector));
        connector.addBean(heads);
        server.setErrorHandler(new JsonErrors());
        server.setHandler(new GracefulHandler(new ClassifyHandler()));
        server.setStopTimeout(timeouts.stop().toMillis());
        server.setStopAtShutdown(false);
    }

    /**
     * Starts the service on the loopback address with the {@linkplain Timeouts#DEFAULTS default timeouts}.
     *
     * @param port the port, 0 for any free port (see {@link #port()})
     * @param clock where requests without {@code asOf} take their instant from
     * @return the running service
     * @throws NullPointerException if {@code clock} is null
     * @throws IllegalArgumentException if {@code port} is outside 0..65535
     * @throws UncheckedIOException if the port cannot be bound
     */
    public static ClassifierService start(int port, Clock clock) {
        return start(port, clock, Timeouts.DEFAULTS);
    }

    /**
     * Starts the service on the loopback address.
     *
     * @param port the port, 0 for any free port (see {@link #port()})
     * @param clock where requests without {@code asOf} take their instant from
     * @param timeouts the idle, read and stop timeouts
     * @return the running service
     * @throws NullPointerException if {@code clock} or {@code timeouts} is null
     * @throws IllegalArgumentException if {@code port} is outside 0..65535
     * @throws UncheckedIOException if the port cannot be bound
     */
    public static ClassifierService start(int port, Clock clock, Timeouts timeouts) {
        requireNonNull(clock, "clock");
        requireNonNull(timeouts, "timeouts");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535 but was " + port);
        }
        ClassifierService service = new ClassifierService(clock, timeouts, port);
        try {
            service.server.start();
        } catch (Exception e) {
            service.stop();
            IOException cause = e instanceof IOException io ? io : new IOException(e);
            String reason = e instanceof BindException || e.getCause() instanceof BindException
                    ? "the port is in use"
                    : e.toString();
            throw new UncheckedIOException(
                    "cannot listen on port " + port + " of the loopback address: " + reason, cause);
        }
        return service;
    }

    /** {@return the port the service listens on} */
    public int port() {
        return connector.getLocalPort();
    }

    /** {@return the URL to post classification requests to} */
    public URI classifyUri() {
        return URI.create("http://" + connector.getHost() + ":" + port() + PATH);
    }

    /** {@return the timeouts the service runs with} */
    public Timeouts timeouts() {
        return timeouts;
    }

    /**
     * Stops the service: stops accepting connections, waits up to the stop timeout for requests in progress to be
     * answered, then closes every connection. Idempotent.
     */
    public void stop() {
        try {
            server.stop();
        } catch (TimeoutException e) {
            LOG.info(
                    "classifier service: requests still in progress after the stop timeout of {} ms were cut off",
                    timeouts.stop().toMillis());
        } catch (Exception e) {
            LOG.warn("classifier service did not stop cleanly", e);
        }
    }

    /** Stops the service, as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /**
     * Starts the service on the loopback address and prints its URL; it runs until the process is stopped, and a
     * stop (Ctrl-C) lets requests in progress finish as {@link #stop()} does.
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
            service.server.join();
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

    /**
     * Closes connections that send a request head too slowly. The server's idle timeout only ends connections on
     * which nothing moves; a client that sends one byte of a head now and then would hold its connection for ever.
     * Once per read timeout each connection that is between requests is looked at: if bytes of a new head have come
     * but the head is not whole, it gets a strike; a second strike in a row closes it. So a head has between one and
     * two read timeouts to arrive; a connection that sends nothing is left to the idle timeout.
     */
    private final class HeadWatch implements Connection.Listener {
        private final Map<Connection, Watched> connections = new ConcurrentHashMap<>();
        private final AtomicBoolean checking = new AtomicBoolean();

        /** What is known of one connection; its fields are written by request threads and read by the check. */
        private static final class Watched {
            volatile boolean busy;
            final AtomicLong requests = new AtomicLong();
            volatile long bytesWhenIdle;
            long requestsAtLastCheck;
            int strikes;
        }

        @Override
        public void onOpened(Connection connection) {
            connections.put(connection, new Watched());
            if (checking.compareAndSet(false, true)) {
                scheduleCheck();
            }
        }

        @Override
        public void onClosed(Connection connection) {
            connections.remove(connection);
        }

        /** Marks a request as begun on its connection; returns the callback to complete it with. */
        Callback requestStarted(Connection connection, Callback done) {
            Watched watched = connections.get(connection);
            if (watched == null) {
                return done;
            }
            watched.busy = true;
            watched.requests.incrementAndGet();
            // idle again before the server may read the next request of the connection
            return new Callback() {
                @Override
                public void succeeded() {
                    idle();
                    done.succeeded();
                }

                @Override
                public void failed(Throwable failure) {
                    idle();
                    done.failed(failure);
                }

                @Override
                public InvocationType getInvocationType() {
                    return done.getInvocationType();
                }

                private void idle() {
                    watched.bytesWhenIdle = connection.getBytesIn();
                    watched.busy = false;
                }
            };
        }

        private void scheduleCheck() {
            server.getScheduler().schedule(this::check, timeouts.read().toMillis(), TimeUnit.MILLISECONDS);
        }

        private void check() {
            for (Map.Entry<Connection, Watched> entry : connections.entrySet()) {
                Connection connection = entry.getKey();
                Watched watched = entry.getValue();
                long requests = watched.requests.get();
                boolean headPending = !watched.busy
                        && requests == watched.requestsAtLastCheck
                        && connection.getBytesIn() > watched.bytesWhenIdle;
                watched.requestsAtLastCheck = requests;
                watched.strikes = headPending ? watched.strikes + 1 : 0;
                if (watched.strikes >= 2) {
                    LOG.debug("closing {}: its request head did not arrive within the read timeout", connection);
                    connection.getEndPoint().close();
                }
            }
            if (server.isRunning()) {
                scheduleCheck();
            }
        }
    }

    /** Routes a request and reads its body without blocking a thread while the client sends it. */
    private final class ClassifyHandler extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback done) {
            Callback callback =
                    heads.requestStarted(request.getConnectionMetaData().getConnection(), done);
            Answer early = route(request, response);
            if (early != null) {
                // Nothing of the body is read: the server discards what fits its buffers, else closes the connection.
                respond(response, callback, early, false);
                return true;
            }
            long declared = request.getLength();
            if (declared > MAX_DRAIN_BYTES) {
                respond(response, callback, tooLarge(), true);
                return true;
            }
            new BodyReader(request, response, callback, declared).start();
            return true;
        }
    }

    /** Answers what can be answered from the request head alone, or null when the body is to be read. */
    private static @Nullable Answer route(Request request, Response response) {
        String path = request.getHttpURI().getPath();
        if (!PATH.equals(path)) {
            return Answer.error(404, "no resource at " + path + "; POST a JSON body to " + PATH);
        }
        if (!request.getMethod().equals("POST")) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            return Answer.error(405, "method " + request.getMethod() + " is not allowed on " + PATH + "; use POST");
        }
        String codings = request.getHeaders().get(HttpHeader.TRANSFER_ENCODING);
        if (codings != null && !codings.strip().equalsIgnoreCase("chunked")) {
            return Answer.error(501, "Transfer-Encoding: only chunked is supported but was '" + codings + "'");
        }
        String encoding = request.getHeaders().get(HttpHeader.CONTENT_ENCODING);
        if (encoding != null && !encoding.strip().equalsIgnoreCase("identity")) {
            return Answer.error(415, "Content-Encoding: must be absent or identity but was '" + encoding + "'");
        }
        List<String> types = request.getHeaders().getValuesList(HttpHeader.CONTENT_TYPE);
        if (types.size() > 1) {
            return Answer.error(400, "Content-Type: must be given once but was given " + types.size() + " times");
        }
        String type = types.isEmpty() ? null : types.get(0);
        if (!isJsonInUtf8(type)) {
            return Answer.error(
                    415,
                    "Content-Type: must be application/json, with no charset or charset=utf-8, but was "
                            + (type == null ? "absent" : "'" + type + "'"));
        }
        return null;
    }

    /** Whether a media type is {@code application/json} with no parameter but an optional UTF-8 charset. */
    static boolean isJsonInUtf8(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";", -1);
        if (!parts[0].strip().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int equals = parameter.indexOf('=');
            if (equals < 0 || !parameter.substring(0, equals).strip().equalsIgnoreCase("charset")) {
                return false;
            }
            String charset = parameter.substring(equals + 1).strip();
            if (charset.length() >= 2 && charset.startsWith("\"") && charset.endsWith("\"")) {
                charset = charset.substring(1, charset.length() - 1);
            }
            if (!charset.equalsIgnoreCase("utf-8")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads one request body as its chunks arrive, on whichever pool thread the server runs the demand callback, and
     * answers exactly once: when the body is whole, when it fails, or when the read timeout fires first.
     */
    private final class BodyReader implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final long declared;
        private final AtomicBoolean answered = new AtomicBoolean();
        private byte[] body;
        private int size;
        private long received;
        private Scheduler.@Nullable Task timeout;

        BodyReader(Request request, Response response, Callback callback, long declared) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.declared = declared;
            this.body = new byte[(int) Math.min(Math.max(declared, 256), MAX_BODY_BYTES)];
        }

        void start() {
            timeout = server.getScheduler()
                    .schedule(this::timedOut, timeouts.read().toMillis(), TimeUnit.MILLISECONDS);
            run();
        }

        @Override
        public void run() {
            try {
                read();
            } catch (RuntimeException e) {
                LOG.warn("classifier service failed on {}", request.getHttpURI().getPath(), e);
                answer(Answer.error(500, INTERNAL_ERROR), true);
            }
        }

        private void read() {
            while (!answered.get()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    answer(failed(chunk.getFailure()), true);
                    return;
                }
                ByteBuffer bytes = chunk.getByteBuffer();
                int n = bytes.remaining();
                received += n;
                if (received <= MAX_BODY_BYTES) {
                    if (size + n > body.length) {
                        body = Arrays.copyOf(
                                body, (int) Math.min(Math.max(2L * body.length, size + n), MAX_BODY_BYTES));
                    }
                    bytes.get(body, size, n);
                    size += n;
                }
                boolean last = chunk.isLast();
                chunk.release();
                if (received > MAX_DRAIN_BYTES) {
                    answer(tooLarge(), true);
                    return;
                }
                if (last) {
                    answer(received > MAX_BODY_BYTES ? tooLarge() : classify(body, size), false);
                    return;
                }
            }
        }

        private Answer failed(Throwable failure) {
            if (failure instanceof TimeoutException) {
                return Answer.error(
                        408,
                        "request body: a byte must arrive at least every "
                                + timeouts.idle().toMillis() + " ms (the idle timeout) but none came after "
                                + progress());
            }
            if (failure instanceof EofException) {
                // the server's parser reports a malformed chunk this way too, without its reason
                return Answer.error(
                        400,
                        "request body: ended early, after " + progress()
                                + " (malformed chunked encoding, or the client closed its side)");
            }
            if (failure instanceof HttpException http) {
                return Answer.error(http.getCode(), describe(http.getCode(), http.getReason()));
            }
            return Answer.error(
                    400, "request body: could not be read after " + progress() + ": " + failure.getMessage());
        }

        private void timedOut() {
            answer(
                    Answer.error(
                            408,
                            "request body: must arrive within "
                                    + timeouts.read().toMillis()
                                    + " ms of the request head (the read timeout) but only " + progress()
                                    + " had come"),
                    true);
        }

        private String progress() {
            return received + (declared >= 0 ? " of " + declared : "") + " bytes";
        }

        private void answer(Answer answer, boolean close) {
            if (answered.compareAndSet(false, true)) {
                if (timeout != null) {
                    timeout.cancel();
                }
                respond(response, callback, answer, close);
            }
        }
    }

    private static final String TOO_LARGE = "the request body must be at most " + MAX_BODY_BYTES + " bytes (1 MiB)";

    private static Answer tooLarge() {
        return Answer.error(413, TOO_LARGE);
    }

    /**
     * The message of an error the server found before this class saw the request, or while reading it: the limits
     * this class sets are named, anything else keeps the server's reason.
     */
    private static String describe(int status, @Nullable String reason) {
        return switch (status) {
            case 413 -> TOO_LARGE;
            case 431 ->
                "request head: the request line and headers must be at most " + MAX_HEAD_BYTES + " bytes in total";
            case 500 -> INTERNAL_ERROR;
            default ->
                (status >= 500 ? "unsupported request: " : "malformed request: ")
                        + (reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason);
        };
    }

    /** Answers errors that the server raises itself, such as a malformed request head, in this service's JSON. */
    private static final class JsonErrors extends ErrorHandler {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            int status = request.getAttribute(ERROR_STATUS) instanceof Integer code ? code : 500;
            String message = request.getAttribute(ERROR_MESSAGE) instanceof String text ? text : null;
            if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException http) {
                status = http.getCode();
                message = http.getReason();
            }
            respond(response, callback, Answer.error(status, describe(status, message)), false);
            return true;
        }
    }

    /**
     * Answers a request body that is within the size limit: the first {@code size} bytes of {@code body}.
     * Package-private for {@code ClassifierServiceFuzzTest}, which calls it with fuzzed bodies.
     */
    Answer classify(byte[] body, int size) {
        if (size == 0) {
            return Answer.error(400, "the request body is empty; send a JSON object");
        }
        String encoding = utf8Problem(body, size);
        if (encoding != null) {
            return Answer.error(415, "request body: must be JSON in UTF-8 but " + encoding);
        }
        JsonNode json;
        try {
            json = READER.readTree(body, 0, size);
        } catch (StreamConstraintsException e) {
            return Answer.error(400, "JSON over a parser limit: " + e.getOriginalMessage());
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return Answer.error(400, "malformed JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            return Answer.error(400, "unreadable request body: " + e.getMessage());
        } catch (NumberFormatException e) {
            // a number with a fraction or an exponent is read as a BigDecimal while the tree is built; one beyond what
            // a BigDecimal holds (1e10000000000) fails there without being a JacksonException, so with no location
            return Answer.error(400, numberOutOfRange(body, size, e));
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
        } catch (IllegalArgumentException e) {
            // the classifier's one refusal of a well-formed request: a fact dated after asOf
            // (docs/classification.md, "Facts after asOf"); every field was checked when the request was read
            return Answer.error(400, "asOf: " + e.getMessage());
        }
        return new Answer(200, toJson(result));
    }

    /**
     * Says which number of a body could not be read as a {@link java.math.BigDecimal}, whose scale (the exponent less
     * the digits after the decimal point, negated) is an {@code int}: the body is read again token by token up to it,
     * so that the message names its field and its place.
     */
    private static String numberOutOfRange(byte[] body, int size, NumberFormatException failure) {
        try (JsonParser parser = READER.createParser(body, 0, size)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                    try {
                        parser.getDecimalValue();
                    } catch (NumberFormatException e) {
                        JsonLocation at = parser.currentTokenLocation();
                        return path(parser.getParsingContext())
                                + ": must be a number whose exponent is within about -2147483647 to 2147483647 (what a"
                                + " decimal holds) but was " + abbreviated(parser.getText())
                                + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the body was read up to the number once already; a second read that fails otherwise says nothing more
            LOG.debug("second read of a body with a number out of range failed", e);
        }
        return "malformed JSON: a number out of range: " + failure.getMessage();
    }

    /** The path of a parser's place, as {@link ClassifyRequest} names fields: {@code events[2].npsScore}. */
    private static String path(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            JsonStreamContext parent = c.getParent();
            String name = c.getCurrentName();
            if (c.inArray()) {
                path.insert(0, "[" + c.getCurrentIndex() + "]");
            } else if (name != null) {
                path.insert(0, (parent == null || parent.inRoot() ? "" : ".") + name);
            }
        }
        return path.length() == 0 ? "request body" : path.toString();
    }

    /** A number's text, its middle left out when it is long: the parser allows numbers of 1,000 characters. */
    private static String abbreviated(String number) {
        return number.length() <= 60
                ? number
                : number.substring(0, 28) + "..." + number.substring(number.length() - 28);
    }

    /**
     * Says why a body is not UTF-8, or returns null. A NUL byte cannot be part of JSON in UTF-8 (control characters
     * in strings must be escaped) but is how UTF-16 and UTF-32 text of ASCII characters looks; the parser would
     * detect those encodings and read them, so they are refused here.
     */
    private static @Nullable String utf8Problem(byte[] body, int size) {
        for (int i = 0; i < size; i++) {
            if (body[i] == 0) {
                return "has a NUL byte at offset " + i + " (UTF-16 or UTF-32?)";
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body, 0, size);
        CharBuffer out = CharBuffer.allocate(4096);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return "the bytes at offset " + in.position() + " are not UTF-8";
            }
            if (result.isUnderflow()) {
                return null;
            }
            out.clear();
        }
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

    private static void respond(Response response, Callback callback, Answer answer, boolean close) {
        byte[] bytes = answer.bytes();
        response.setStatus(answer.status());
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, JSON_TYPE);
        headers.put(HttpHeader.CONTENT_LENGTH, bytes.length);
        if (close) {
            headers.put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE);
        }
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    /** An HTTP status and a JSON body. Package-private for {@code ClassifierServiceFuzzTest}, as {@link #classify}. */
    record Answer(int status, JsonNode json) {
        static Answer error(int status, String message) {
            return new Answer(status, READER.createObjectNode().put("error", message));
        }

        /** {@return the body as sent: indented JSON and a final newline, in UTF-8} */
        byte[] bytes() {
            try {
                return (WRITER.writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
