package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.Stage;
import dev.lifecycle.core.Templates;
import dev.lifecycle.core.TransitionRule;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Coverage-guided fuzzing of the classifier service's request mapping, {@link ClassifierService#classify}: the bytes of
 * a request body, as the server has read them, to the answer. The contract: any body is answered within a time bound,
 * and nothing escapes; the answer is {@code 200} with a classification that agrees with the request and the template it
 * names, or one of the client errors {@code classify} documents ({@code 400}; {@code 415} exactly when the body is not
 * UTF-8) whose JSON is one non-blank {@code error} text; never {@code 500}. The answer is checked as the client reads
 * it, from the bytes sent. Its regression inputs (under {@code ClassifierServiceFuzzTestInputs} in the test resources)
 * run in every build; {@code JAZZER_FUZZ=1} fuzzes it (docs/quality.md).
 */
final class ClassifierServiceFuzzTest {
    /** The most a body may take to be answered, even on a loaded machine. */
    private static final Duration BOUND = Duration.ofSeconds(5);

    private static final Instant CLOCK = RunningService.CLOCK;

    /** Reads requests and answers back; lenient, as a client would be. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> ANSWER_FIELDS =
            List.of("customerId", "template", "asOf", "stage", "stageName", "highestMainStage", "path");

    @RegisterExtension
    static final RunningService SERVICE = new RunningService();

    @FuzzTest(maxDuration = "5m")
    @DictionaryFile(resourcePath = "ClassifierServiceFuzzTest.dict")
    void anyBody_givesAClassificationOrADocumentedClientError(byte[] body) throws IOException {
        ClassifierService.Answer answer = answer(body);
        byte[] sent = answer.bytes();
        String text = new String(sent, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n"), text);
        JsonNode json = JSON.readTree(sent);
        int status = answer.status();
        if (body.length == 0) {
            assertEquals(400, status, text);
        } else if (!isUtf8(body)) {
            assertEquals(415, status, text);
        } else {
            assertTrue(status == 200 || status == 400, () -> status + " " + text);
        }
        if (status == 200) {
            checkClassification(JSON.readTree(body), json);
        } else {
            assertEquals(List.of("error"), fieldNames(json), text);
            String error = json.get("error").asText();
            assertTrue(json.get("error").isTextual() && !error.isBlank(), text);
            assertFalse(error.contains("\tat "), () -> "a stack trace: " + text);
        }
    }

    /**
     * Answers a body within {@link #BOUND}. The first body to take a path also loads and initialises its classes (the
     * JDK's {@code SecureRandom}, for the id of an event that has none, took 5 s once on a loaded machine), so a slow
     * answer is timed again: a body slow in itself is slow twice.
     */
    private static ClassifierService.Answer answer(byte[] body) {
        // the server hands over a buffer with room to spare: zeros after the body, which must not be read
        byte[] buffer = Arrays.copyOf(body, body.length + 64);
        long start = System.nanoTime();
        ClassifierService.Answer answer = SERVICE.get().classify(buffer, body.length);
        answer.bytes();
        long took = System.nanoTime() - start;
        if (took < BOUND.toNanos()) {
            return answer;
        }
        long again = System.nanoTime();
        answer = SERVICE.get().classify(buffer, body.length);
        answer.bytes();
        Duration second = Duration.ofNanos(System.nanoTime() - again);
        assertTrue(
                second.compareTo(BOUND) < 0,
                () -> "took " + Duration.ofNanos(took) + ", then " + second + ", for " + body.length + " bytes");
        return answer;
    }

    /** Whether the body is JSON's UTF-8: valid UTF-8 and no NUL byte (a NUL would be escaped in JSON). */
    private static boolean isUtf8(byte[] body) {
        for (byte b : body) {
            if (b == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * Checks a {@code 200} answer against the request it answers and the template it names: the request's id,
     * template and instant; a stage of the template with its name; a path of the template's rules from its entry
     * stage to the stage, visiting no stage twice; the furthest main-path stage of that path.
     */
    private static void checkClassification(JsonNode request, JsonNode answer) {
        String text = answer.toString();
        assertEquals(ANSWER_FIELDS, fieldNames(answer), text);
        assertEquals(
                request.get("customerId").asText(), answer.get("customerId").asText(), text);
        String templateName =
                request.has("template") ? request.get("template").asText() : ClassifyRequest.DEFAULT_TEMPLATE;
        assertEquals(templateName, answer.get("template").asText(), text);
        Instant asOf = request.has("asOf") ? Instant.parse(request.get("asOf").asText()) : CLOCK;
        assertEquals(asOf, Instant.parse(answer.get("asOf").asText()), text);

        LifecycleTemplate template = Templates.byName(templateName).orElseThrow();
        Stage stage = template.stage(answer.get("stage").asText()).orElse(null);
        assertNotNull(stage, () -> "not a stage of " + templateName + ": " + text);
        assertEquals(stage.name(), answer.get("stageName").asText(), text);
        List<Stage> main = template.mainPath();

        Stage current = template.entryStage();
        Stage highest = current;
        Set<String> visited = new HashSet<>(List.of(current.id()));
        for (JsonNode step : answer.get("path")) {
            TransitionRule rule = template.rule(step.get("rule").asText()).orElse(null);
            assertNotNull(rule, () -> "not a rule of " + templateName + ": " + text);
            assertEquals(current.id(), step.get("from").asText(), text);
            assertTrue(rule.from().contains(current.id()), text);
            assertEquals(rule.to(), step.get("to").asText(), text);
            assertFalse(step.get("evidence").asText().isBlank(), text);
            current = template.stage(rule.to()).orElseThrow();
            assertTrue(visited.add(current.id()), () -> "a stage visited twice: " + text);
            if (main.indexOf(current) > main.indexOf(highest)) {
                highest = current;
            }
        }
        assertEquals(current.id(), stage.id(), text);
        assertEquals(highest.id(), answer.get("highestMainStage").asText(), text);
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
