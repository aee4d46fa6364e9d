package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class ClassifierServiceTest {
    static final Instant CLOCK = RunningService.CLOCK;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @RegisterExtension
    static final RunningService SERVICE = new RunningService();

    static HttpResponse<String> post(URI uri, String body) throws IOException, InterruptedException {
        return CLIENT.send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return post(SERVICE.get().classifyUri(), body);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** Asserts a 400 (or other) answer whose error message contains every fragment. */
    private static void assertError(int status, HttpResponse<String> response, String... fragments) throws IOException {
        assertEquals(status, response.statusCode(), response::body);
        assertTrue(
                response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                "content type");
        JsonNode body = json(response);
        assertEquals(List.of("error"), List.copyOf(iterable(body.fieldNames())), response::body);
        String message = body.get("error").asText();
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), () -> "'" + message + "' should contain '" + fragment + "'");
        }
        assertTrue(!message.contains("Exception") && !message.contains("\tat "), () -> "no stack trace: " + message);
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }

    private static String path(JsonNode answer) {
        List<String> steps = new ArrayList<>();
        for (JsonNode step : answer.get("path")) {
            steps.add(step.get("rule").asText() + " " + step.get("from").asText() + "->"
                    + step.get("to").asText() + ": " + step.get("evidence").asText());
        }
        return String.join("; ", steps);
    }

    @Test
    void classify_profileBody_answersStageHighestStageAndPath() throws Exception {
        HttpResponse<String> response = post("""
                {"customerId": "ada", "asOf": "2026-06-01T00:00:00Z", "orderCount": 2,
                 "firstOrderAt": "2026-03-02T10:15:00Z", "lastOrderAt": "2026-05-20T18:40:00Z",
                 "totalSpend": {"amount": "129.80", "currency": "EUR"}, "referralCount": 1}
                """);

        assertEquals(200, response.statusCode(), response::body);
        JsonNode answer = json(response);
        assertAll(
                () -> assertEquals("ada", answer.get("customerId").asText()),
                () -> assertEquals("five-stage", answer.get("template").asText()),
                () -> assertEquals("2026-06-01T00:00:00Z", answer.get("asOf").asText()),
                () -> assertEquals("advocacy", answer.get("stage").asText()),
                () -> assertEquals("Advocacy", answer.get("stageName").asText()),
                () -> assertEquals("advocacy", answer.get("highestMainStage").asText()),
                () -> assertEquals(
                        "first-purchase awareness->conversion: orderCount 2 >= 1; "
                                + "second-purchase conversion->retention: orderCount 2 >= 2; "
                                + "referral retention->advocacy: referralCount 1 >= 1",
                        path(answer)));
    }

    @Test
    void classify_eventsBody_foldsTheEventsIntoAProfile() throws Exception {
        // one purchase 243 days before asOf: converted, then lapsed after 180 days without an order
        HttpResponse<String> response = post("""
                {"customerId": "bob", "asOf": "2026-06-01T00:00:00Z", "events": [
                  {"type": "PRODUCT_VIEW", "timestamp": "2025-09-30T20:00:00Z"},
                  {"type": "PURCHASE", "timestamp": "2025-10-01T12:00:00Z", "amount": "49.90", "currency": "EUR"},
                  {"type": "NPS_ANSWER", "timestamp": "2025-10-05T12:00:00Z", "npsScore": 9},
                  {"type": "CUSTOM", "timestamp": "2025-10-06T12:00:00Z", "customType": "wishlist-add"}]}
                """);

        assertEquals(200, response.statusCode(), response::body);
        JsonNode answer = json(response);
        assertEquals("lapsed", answer.get("stage").asText());
        assertEquals("conversion", answer.get("highestMainStage").asText());
        assertEquals(List.of("first-purchase", "lapse"), rules(answer));
    }

    @Test
    void classify_namedTemplate_usesIt() throws Exception {
        // buyer lifecycle: the first order 40 days ago is older than 30 days, so acquire moves on to develop
        HttpResponse<String> response = post("""
                {"customerId": "cat", "template": "buyer-lifecycle", "asOf": "2026-06-01T00:00:00Z",
                 "orderCount": 1, "firstOrderAt": "2026-04-22T00:00:00Z", "lastOrderAt": "2026-04-22T00:00:00Z"}
                """);

        assertEquals(200, response.statusCode(), response::body);
        JsonNode answer = json(response);
        assertEquals("buyer-lifecycle", answer.get("template").asText());
        assertEquals("develop", answer.get("stage").asText());
        assertEquals(List.of("first-purchase", "nurture"), rules(answer));
    }

    @Test
    void classify_withoutAsOf_usesTheServiceClock() throws Exception {
        // the order lies 181 days before the service's clock (2026-06-01): lapsed
        HttpResponse<String> response = post("""
                {"customerId": "dan", "orderCount": 1, "lastOrderAt": "2025-12-02T00:00:00Z"}
                """);

        assertEquals(200, response.statusCode(), response::body);
        JsonNode answer = json(response);
        assertEquals(CLOCK.toString(), answer.get("asOf").asText());
        assertEquals("lapsed", answer.get("stage").asText());
    }

    @Test
    void classify_profileWithAFactAfterAsOf_400NamingTheFactAndAsOf() throws Exception {
        // a classification at asOf uses only facts dated at or before it; a snapshot with a later order is refused
        assertError(
                400,
                post("""
                        {"customerId": "eve", "asOf": "2026-06-01T00:00:00Z", "orderCount": 2,
                         "firstOrderAt": "2025-11-13T00:00:00Z", "lastOrderAt": "2026-06-11T00:00:00Z"}
                        """),
                "asOf: customer 'eve' has a fact dated after asOf 2026-06-01T00:00:00Z",
                "2026-06-11T00:00:00Z");
    }

    @Test
    void classify_eventAfterAsOf_400NamingAsOf() throws Exception {
        assertError(400, post("""
                        {"customerId": "fay", "asOf": "2026-06-01T00:00:00Z", "events": [
                          {"type": "PURCHASE", "timestamp": "2025-11-13T00:00:00Z", "amount": "10", "currency": "EUR"},
                          {"type": "PURCHASE", "timestamp": "2026-06-11T00:00:00Z", "amount": "10", "currency": "EUR"}]}
                        """), "asOf: customer 'fay' has a fact dated after asOf 2026-06-01T00:00:00Z");
    }

    private static List<String> rules(JsonNode answer) {
        List<String> rules = new ArrayList<>();
        answer.get("path").forEach(step -> rules.add(step.get("rule").asText()));
        return rules;
    }

    @Test
    void classify_malformedJson_400WithLineAndColumn() throws Exception {
        assertError(400, post("{\"customerId\": \"a\",\n \"orderCount\": }"), "malformed JSON at line 2, column");
    }

    @Test
    void classify_trailingText_400() throws Exception {
        assertError(400, post("{\"customerId\": \"a\"} {}"), "malformed JSON at line 1");
    }

    @Test
    void classify_duplicateField_400NamingIt() throws Exception {
        assertError(400, post("{\"customerId\": \"a\", \"customerId\": \"b\"}"), "Duplicate field 'customerId'");
    }

    @Test
    void classify_emptyBody_400() throws Exception {
        assertError(400, post(""), "the request body is empty");
    }

    @Test
    void classify_bodyNotAnObject_400() throws Exception {
        assertError(400, post("[1, 2]"), "the request body must be a JSON object but was an array");
    }

    @Test
    void classify_tooDeeplyNested_400() throws Exception {
        assertError(400, post("[".repeat(40) + "]".repeat(40)), "nesting depth");
    }

    @Test
    void classify_numberWithAnExponentOutOfRange_400NamingTheFieldAndThePlace() throws Exception {
        // found by ClassifierServiceFuzzTest: a number BigDecimal cannot hold failed the JSON reader with a 500
        assertError(
                400,
                post("{\"customerId\": \"a\", \"events\": [\n"
                        + " {\"type\": \"NPS_ANSWER\", \"timestamp\": \"2025-10-05T12:00:00Z\","
                        + " \"npsScore\": 9e10000001111}]}"),
                "events[0].npsScore: must be a number whose exponent is within about -2147483647 to 2147483647 (what a"
                        + " decimal holds) but was 9e10000001111 (line 2, column 74)");
    }

    @Test
    void classify_numberWithAScaleOutOfRange_400NamingTheField() throws Exception {
        // the exponent is in range, but with the digit after the point the decimal's scale is not
        assertError(
                400,
                post("{\"customerId\": \"a\", \"attributes\": {\"ltv\": 0.1e-2147483647}}"),
                "attributes.ltv: must be a number whose exponent is within about",
                "but was 0.1e-2147483647 (line 1, column 43)");
        assertError(400, post("1e2147483648"), "request body: must be a number whose exponent");
    }

    @Test
    void classify_unknownField_400NamingItAndTheKnownOnes() throws Exception {
        assertError(
                400,
                post("{\"customerId\": \"a\", \"orders\": 2}"),
                "orders: unknown field; expected one of [customerId, template, asOf, events, firstSeen");
    }

    @Test
    void classify_unknownEventField_400NamingItsPath() throws Exception {
        assertError(
                400,
                post("{\"customerId\": \"a\", \"events\": [{\"type\": \"SITE_VISIT\","
                        + " \"timestamp\": \"2026-01-01T00:00:00Z\", \"price\": 3}]}"),
                "events[0].price: unknown field; expected one of [type, timestamp");
    }

    @Test
    void classify_missingCustomerId_400() throws Exception {
        assertError(400, post("{\"orderCount\": 0}"), "customerId: required");
    }

    @Test
    void classify_blankCustomerId_400() throws Exception {
        assertError(400, post("{\"customerId\": \" \"}"), "customerId: must not be blank");
    }

    @Test
    void classify_negativeCount_400() throws Exception {
        assertError(
                400,
                post("{\"customerId\": \"a\", \"productViews\": -1}"),
                "productViews: must be a whole number of 0 or more but was -1");
    }

    @Test
    void classify_fractionalCount_400() throws Exception {
        assertError(
                400,
                post("{\"customerId\": \"a\", \"orderCount\": 1.5}"),
                "orderCount: must be a whole number of 0 or more but was 1.5");
    }

    @Test
    void classify_countAsString_400() throws Exception {
        assertError(
                400,
                post("{\"customerId\": \"a\", \"referralCount\": \"1\"}"),
                "referralCount: must be a whole number of 0 or more but was \"1\"");
    }

    @Test
    void classify_badTimestamp_400() throws Exception {
        assertError(
                400,
                post("{\"customerId\": \"a\", \"orderCount\": 1, \"lastOrderAt\": \"2026-13-01\"}"),
                "lastOrderAt: must be an ISO-8601 instant such as 2026-06-01T00:00:00Z but was '2026-13-01'");
    }

    @Test
    void classify_badEventTimestamp_400() throws Exception {
        assertError(
                400,
                post("{\"customerId\": \"a\", \"events\": [{\"type\": \"SITE_VISIT\", \"timestamp\": \"yesterday\"}]}"),
                "events[0].timestamp: must be an ISO-8601 instant",
                "'yesterday'");
    }

    @Test
    void classify_badAsOf_400() throws Exception {
        assertError(
                400, post("{\"customerId\": \"a\", \"asOf\": 20260601}"), "asOf: must be a string but was a number");
    }

    @Test
    void classify_unknownTemplate_400ListingTheBuiltIns() throws Exception {
        assertError(
                400,
                post("{\"customerId\": \"a\", \"template\": \"six-stage\"}"),
                "template: unknown template 'six-stage'; built-in templates: [five-stage, buyer-lifecycle,"
                        + " tracking-categories]");
    }

    @Test
    void classify_unknownEventType_400ListingTheTypes() throws Exception {
        assertError(
                400,
                post("{\"customerId\": \"a\", \"events\": [{\"type\": \"CLICK\","
                        + " \"timestamp\": \"2026-01-01T00:00:00Z\"}]}"),
                "events[0].type: unknown event type 'CLICK'; expected one of [PURCHASE, REFUND, SITE_VISIT");
    }

    @Test
    void classify_eventWithoutTimestamp_400() throws Exception {
        assertError(
                400,
                post("{\"customerId\": \"a\", \"events\": [{\"type\": \"PURCHASE\"}]}"),
                "events[0].timestamp: required");
    }

    @Test
    void classify_amountOnAVisit_400WithTheCoreRule() throws Exception {
        assertError(
                400,
                post("{\"customerId\": \"a\", \"events\": [{\"type\": \"SITE_VISIT\","
                        + " \"timestamp\": \"2026-01-01T00:00:00Z\", \"amount\": \"5\", \"currency\": \"USD\"}]}"),
                "events[0]: amount 5.00 USD is only allowed on PURCHASE and REFUND events");
    }

    @Test
    void classify_npsScoreOutOfRange_400() throws Exception {
        assertError(
                400,
                post("{\"customerId\": \"a\", \"nps\": {\"score\": 11, \"answeredAt\": \"2026-01-01T00:00:00Z\"}}"),
                "nps.score: must be a whole number from 0 to 10 but was 11");
    }

    @Test
    void classify_unknownCurrency_400() throws Exception {
        assertError(
                400,
                post("{\"customerId\": \"a\", \"orderCount\": 1, \"lastOrderAt\": \"2026-01-01T00:00:00Z\","
                        + " \"totalSpend\": {\"amount\": \"10\", \"currency\": \"XYZ\"}}"),
                "totalSpend.currency: must be an ISO 4217 currency code such as USD but was 'XYZ'");
    }

    @Test
    void classify_tooManyDecimals_400() throws Exception {
        assertError(
                400,
                post("{\"customerId\": \"a\", \"orderCount\": 1, \"lastOrderAt\": \"2026-01-01T00:00:00Z\","
                        + " \"totalSpend\": {\"amount\": 10.001, \"currency\": \"USD\"}}"),
                "totalSpend.amount: amount 10.001 has more decimal places than USD allows (2)");
    }

    @Test
    void classify_contradictoryFacts_400WithTheProfileRule() throws Exception {
        assertError(
                400,
                post("{\"customerId\": \"a\", \"orderCount\": 2}"),
                "profile: orderCount of customer 'a' is 2 but lastOrderAt is not set");
    }

    @Test
    void classify_profileFieldsAndEvents_400() throws Exception {
        assertError(
                400,
                post("{\"customerId\": \"a\", \"events\": [], \"orderCount\": 0}"),
                "orderCount: cannot be combined with 'events'");
    }

    @Test
    void classify_getInsteadOfPost_405WithAllowHeader() throws Exception {
        HttpResponse<String> response = CLIENT.send(
                HttpRequest.newBuilder(SERVICE.get().classifyUri()).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertError(405, response, "method GET is not allowed on /classify; use POST");
        assertEquals("POST", response.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void classify_unknownPath_404() throws Exception {
        assertError(
                404, post(SERVICE.get().classifyUri().resolve("/classify/ada"), "{}"), "no resource at /classify/ada");
        assertError(404, post(SERVICE.get().classifyUri().resolve("/"), "{}"), "no resource at /;");
    }

    @Test
    void classify_bodyOverOneMebibyte_413() throws Exception {
        String padding = " ".repeat(ClassifierService.MAX_BODY_BYTES - "{\"customerId\": \"a\"}".length() + 1);

        assertError(413, post("{\"customerId\": \"a\"}" + padding), "at most 1048576 bytes");
    }

    @Test
    void classify_bodyOfExactlyOneMebibyte_accepted() throws Exception {
        String padding = " ".repeat(ClassifierService.MAX_BODY_BYTES - "{\"customerId\": \"a\"}".length());

        assertEquals(200, post("{\"customerId\": \"a\"}" + padding).statusCode());
    }

    @Test
    void classify_concurrentRequests_allAnswered() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            answers.add(CLIENT.sendAsync(
                    HttpRequest.newBuilder(SERVICE.get().classifyUri())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"customerId\": \"c" + i + "\", \"productViews\": " + (i % 2) + "}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < answers.size(); i++) {
            JsonNode answer = json(answers.get(i).get());
            assertEquals("c" + i, answer.get("customerId").asText());
            assertEquals(
                    i % 2 == 0 ? "awareness" : "consideration",
                    answer.get("stage").asText());
        }
    }

    @Test
    void start_portOutOfRange_rejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ClassifierService.start(65_536, Clock.systemUTC()));
        assertEquals("port must be between 0 and 65535 but was 65536", e.getMessage());
    }

    @Test
    void start_portInUse_uncheckedIoExceptionSayingSo() {
        UncheckedIOException e = assertThrows(
                UncheckedIOException.class,
                () -> ClassifierService.start(SERVICE.get().port(), Clock.systemUTC()));
        assertEquals(
                "cannot listen on port " + SERVICE.get().port() + " of the loopback address: the port is in use",
                e.getMessage());
    }

    @Test
    void start_boundToLoopback() {
        assertEquals("127.0.0.1", SERVICE.get().classifyUri().getHost());
        assertTrue(SERVICE.get().port() > 0);
    }

    @Test
    void port_arguments_defaultOrParsedOrRejected() {
        assertEquals(ClassifierService.DEFAULT_PORT, ClassifierService.port(new String[0]));
        assertEquals(0, ClassifierService.port(new String[] {"0"}));
        IllegalArgumentException notNumber =
                assertThrows(IllegalArgumentException.class, () -> ClassifierService.port(new String[] {"http"}));
        assertEquals("port must be a whole number from 0 to 65535 but was 'http'", notNumber.getMessage());
        IllegalArgumentException tooMany =
                assertThrows(IllegalArgumentException.class, () -> ClassifierService.port(new String[] {"1", "2"}));
        assertEquals("expected at most one argument, the port, but got 2", tooMany.getMessage());
    }

    @Test
    void printStarted_printsTheUrl() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ClassifierService.printStarted(SERVICE.get(), new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertTrue(bytes.toString(StandardCharsets.UTF_8)
                .startsWith("classifier service listening on http://127.0.0.1:"
                        + SERVICE.get().port() + "/classify"));
    }

    @Test
    void stop_thenRequest_refused() throws Exception {
        ClassifierService other = ClassifierService.start(0, Clock.systemUTC());
        URI uri = other.classifyUri();
        assertEquals(200, post(uri, "{\"customerId\": \"a\"}").statusCode());

        other.stop();
        other.close();

        assertThrows(IOException.class, () -> post(uri, "{\"customerId\": \"a\"}"));
    }

    @Test
    void servicePage_curlExample_isWhatTheServiceAnswers() throws Exception {
        Path page = ReadmeSnippets.docsPage("service.md");
        String text = ReadmeSnippets.read(page);
        int section = text.indexOf("## Calling it\n");
        assertTrue(section >= 0, () -> page + " must have the section 'Calling it'");
        Matcher blocks = Pattern.compile("```json\n(.*?)```\n", Pattern.DOTALL).matcher(text);
        assertTrue(blocks.find(section), () -> page + ", 'Calling it', must show the request as a json block");
        String request = blocks.group(1);
        assertTrue(blocks.find(), () -> page + ", 'Calling it', must show the response as a json block");
        String response = blocks.group(1);
        Matcher curl = Pattern.compile("`(curl [^`]*)`").matcher(text);
        assertTrue(curl.find(section), () -> page + ", 'Calling it', must show the curl command");
        assertTrue(curl.group(1).endsWith("--data-binary @ada.json http://127.0.0.1:8080/classify"), curl.group(1));
        // send the headers the command sends, so that the page cannot drop one the service requires
        HttpRequest.Builder asCurlSendsIt = HttpRequest.newBuilder(SERVICE.get().classifyUri());
        Matcher header = Pattern.compile("-H '([^:']+): ([^']*)'").matcher(curl.group(1));
        while (header.find()) {
            asCurlSendsIt.header(header.group(1), header.group(2));
        }

        HttpResponse<String> answer = CLIENT.send(
                asCurlSendsIt.POST(HttpRequest.BodyPublishers.ofString(request)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, answer.statusCode());
        assertEquals(response, answer.body());
    }
}
