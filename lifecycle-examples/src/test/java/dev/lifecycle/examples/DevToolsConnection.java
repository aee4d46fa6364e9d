package dev.lifecycle.examples;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A small Chrome DevTools Protocol (CDP) client: JSON-RPC over the JDK's {@link java.net.http.WebSocket}, with Jackson
 * for the messages.
 *
 * <p>Connect with {@link #open(URI, Duration)} to a browser's WebSocket endpoint ({@code ws://127.0.0.1:PORT/devtools/
 * browser/ID}). {@link #send} calls a method and waits for its result; a {@code sessionId} addresses a target attached
 * with {@code Target.attachToTarget} and {@code flatten: true}, {@code null} addresses the browser. Every event that
 * arrives is kept, in order, for {@link #events(String)}; {@link #nextEvent} waits for one that has not arrived yet (call
 * it before the command that causes the event). Every wait is bounded by the timeout given to {@code open}, so a
 * browser that hangs fails a test instead of hanging the build.
 *
 * <p>Thread-safe: the WebSocket listener runs on the HTTP client's threads, callers on theirs.
 */
final class DevToolsConnection implements AutoCloseable {
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final Queue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    private final Duration timeout;
    private final WebSocket socket;

    /** Someone waiting for the next event of a method in a session. */
    private record Waiter(String sessionId, String method, CompletableFuture<JsonNode> event) {}

    private DevToolsConnection(URI endpoint, Duration timeout) throws IOException, InterruptedException {
        this.timeout = timeout;
        CompletableFuture<WebSocket> connected = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .build()
                .newWebSocketBuilder()
                .connectTimeout(timeout)
                .buildAsync(endpoint, new Listener());
        this.socket = await(connected, "connect to " + endpoint);
    }

    /**
     * Connects to a DevTools WebSocket endpoint.
     *
     * @param endpoint the {@code ws://} URL the browser announced
     * @param timeout the bound of every wait on this connection, positive
     * @return the connection
     * @throws IOException if the connection cannot be made in time
     * @throws InterruptedException if interrupted while connecting
     */
    static DevToolsConnection open(URI endpoint, Duration timeout) throws IOException, InterruptedException {
        requireNonNull(endpoint, "endpoint");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive but was " + timeout);
        }
        return new DevToolsConnection(endpoint, timeout);
    }

    /**
     * Calls a CDP method and waits for its result.
     *
     * @param sessionId the attached target's session, or {@code null} for the browser itself
     * @param method the method, for example {@code "Runtime.evaluate"}
     * @param params the parameters, converted to JSON by Jackson
     * @return the {@code result} object of the response
     * @throws IOException if the browser answers with an error or not in time, or the connection fails
     * @throws InterruptedException if interrupted while waiting
     */
    JsonNode send(@Nullable String sessionId, String method, Map<String, ?> params)
            throws IOException, InterruptedException {
        long id = ids.incrementAndGet();
        ObjectNode message = json.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", json.valueToTree(params));
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> response = new CompletableFuture<>();
        pending.put(id, response);
        try {
            // a WebSocket allows one outstanding send at a time
            synchronized (socket) {
                await(socket.sendText(json.writeValueAsString(message), true), "send " + method);
            }
            JsonNode answer = await(response, "answer " + method);
            if (answer.has("error")) {
                throw new IOException("CDP " + method + " failed: " + answer.get("error"));
            }
            return answer.path("result");
        } finally {
            pending.remove(id);
        }
    }

    /**
     * Calls a CDP method without parameters and waits for its result.
     *
     * @param sessionId the attached target's session, or {@code null} for the browser itself
     * @param method the method, for example {@code "Page.enable"}
     * @return the {@code result} object of the response
     * @throws IOException if the browser answers with an error or not in time, or the connection fails
     * @throws InterruptedException if interrupted while waiting
     */
    JsonNode send(String sessionId, String method) throws IOException, InterruptedException {
        return send(sessionId, method, Map.of());
    }

    /**
     * Returns a future for the next event of a method in a session; register it before the command that causes the
     * event. Wait for it with {@link #await(CompletableFuture, String)}.
     *
     * @param sessionId the session the event belongs to
     * @param method the event, for example {@code "Page.loadEventFired"}
     * @return the future event message (with {@code method}, {@code params} and {@code sessionId})
     */
    CompletableFuture<JsonNode> nextEvent(String sessionId, String method) {
        CompletableFuture<JsonNode> event = new CompletableFuture<>();
        waiters.add(new Waiter(requireNonNull(sessionId, "sessionId"), requireNonNull(method, "method"), event));
        return event;
    }

    /**
     * Returns every event received so far for a session, in arrival order.
     *
     * @param sessionId the session
     * @return the event messages
     */
    List<JsonNode> events(String sessionId) {
        return events.stream()
                .filter(event -> sessionId.equals(event.path("sessionId").asText()))
                .toList();
    }

    /**
     * Waits for a future for at most this connection's timeout.
     *
     * @param <T> the value type
     * @param future what to wait for
     * @param what what is awaited, for the error message
     * @return the value
     * @throws IOException if the future fails or does not complete in time
     * @throws InterruptedException if interrupted while waiting
     */
    <T> T await(CompletableFuture<T> future, String what) throws IOException, InterruptedException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("DevTools: no " + what + " within " + timeout, e);
        } catch (ExecutionException e) {
            throw new IOException("DevTools: " + what + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** Closes the WebSocket without waiting for the browser, which is killed next anyway. */
    @Override
    public void close() {
        socket.abort();
        IOException closed = new IOException("DevTools connection closed");
        pending.values().forEach(response -> response.completeExceptionally(closed));
        waiters.forEach(waiter -> waiter.event().completeExceptionally(closed));
    }

    @SuppressWarnings("ModifyCollectionInEnhancedForLoop") // a ConcurrentLinkedQueue, and remove() claims a waiter once
    private void dispatch(String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (JsonProcessingException e) {
            failAll(new IOException("DevTools sent a message that is not JSON: " + abbreviate(text), e));
            return;
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> response = pending.get(message.get("id").asLong());
            if (response != null) {
                response.complete(message);
            }
            return;
        }
        events.add(message);
        String method = message.path("method").asText();
        String sessionId = message.path("sessionId").asText();
        for (Waiter waiter : waiters) {
            if (waiter.method().equals(method) && waiter.sessionId().equals(sessionId) && waiters.remove(waiter)) {
                waiter.event().complete(message);
            }
        }
    }

    private void failAll(Throwable cause) {
        pending.values().forEach(response -> response.completeExceptionally(cause));
        waiters.forEach(waiter -> waiter.event().completeExceptionally(cause));
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 197) + "...";
    }

    /** Reassembles messages that arrive in parts and hands each whole one to {@link #dispatch}. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                dispatch(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            failAll(new IOException("DevTools closed the connection: " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failAll(new IOException("DevTools connection failed: " + error, error));
        }
    }
}
