package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lifecycle.core.Classification;
import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.FiredRule;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.Money;
import dev.lifecycle.core.Templates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The service answers exactly what {@link LifecycleClassifier#classify} answers when called directly. Each example
 * draws a customer from a seed and writes it twice: once through {@code CustomerProfile.builder} or
 * {@code CustomerEvent.builder}, once as the JSON the service documents.
 */
final class ClassifierServiceProperties {
    private static final Instant CLOCK = RunningService.CLOCK;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TEMPLATES = Templates.names();

    @RegisterExtension
    static final RunningService SERVICE = new RunningService();

    /** One generated request: the JSON body, the profile it stands for, the template and the instant. */
    record Case(ObjectNode body, CustomerProfile profile, String template, Instant asOf) {}

    @Test
    void classify_generatedProfiles_sameAsTheClassifier() {
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> check(profileCase(new Random(seed))));
    }

    @Test
    void classify_generatedEventLists_sameAsTheClassifier() {
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> check(eventsCase(new Random(seed))));
    }

    private static void check(Case c) {
        Classification expected = LifecycleClassifier.of(
                        Templates.byName(c.template()).orElseThrow())
                .classify(c.profile(), c.asOf());
        HttpResponse<String> response;
        JsonNode actual;
        try {
            response = ClassifierServiceTest.post(
                    SERVICE.get().classifyUri(), c.body().toString());
            actual = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertEquals(200, response.statusCode(), () -> c.body() + " -> " + response.body());
        assertEquals(expectedJson(expected), actual, () -> "request " + c.body());
    }

    static JsonNode expectedJson(Classification c) {
        ObjectNode json = JSON.createObjectNode()
                .put("customerId", c.customerId())
                .put("template", c.templateName())
                .put("asOf", c.asOf().toString())
                .put("stage", c.stage().id())
                .put("stageName", c.stage().name())
                .put("highestMainStage", c.highestMainStage().id());
        ArrayNode path = json.putArray("path");
        for (FiredRule step : c.path()) {
            path.addObject()
                    .put("rule", step.ruleId())
                    .put("from", step.fromStageId())
                    .put("to", step.toStageId())
                    .put("evidence", step.evidence());
        }
        return json;
    }

    /** Starts a body with the id, a template (sometimes the default) and an instant (sometimes the clock's). */
    private static ObjectNode header(Random r, String id, String[] template, Instant[] asOf) {
        ObjectNode body = JSON.createObjectNode().put("customerId", id);
        template[0] = TEMPLATES.get(r.nextInt(TEMPLATES.size()));
        if (!template[0].equals(ClassifyRequest.DEFAULT_TEMPLATE) || r.nextBoolean()) {
            body.put("template", template[0]);
        }
        asOf[0] = CLOCK;
        if (r.nextBoolean()) {
            asOf[0] = CLOCK.minus(Duration.ofDays(r.nextInt(100)));
            body.put("asOf", asOf[0].toString());
        }
        return body;
    }

    private static Instant daysBefore(Instant asOf, int days) {
        return asOf.minus(Duration.ofDays(days)).minusSeconds(days * 37L);
    }

    static Case profileCase(Random r) {
        String[] template = new String[1];
        Instant[] asOf = new Instant[1];
        ObjectNode body = header(r, "p-" + r.nextInt(1000), template, asOf);
        CustomerProfile.Builder b =
                CustomerProfile.builder(body.get("customerId").asText());
        int orders = r.nextInt(4);
        if (orders > 0) {
            Instant last = daysBefore(asOf[0], r.nextInt(400));
            Instant first = orders == 1 ? last : last.minus(Duration.ofDays(r.nextInt(300)));
            b.orderCount(orders).firstOrderAt(first).lastOrderAt(last);
            body.put("orderCount", orders).put("firstOrderAt", first.toString()).put("lastOrderAt", last.toString());
            ArrayNode payments = body.putArray("payments");
            BigDecimal total = BigDecimal.ZERO;
            for (Instant at : orders == 1 ? List.of(last) : List.of(first, last)) {
                BigDecimal amount = BigDecimal.valueOf(r.nextInt(90_000) + 1, 2);
                total = total.add(amount);
                b.payment(at, new Money(amount, java.util.Currency.getInstance("USD")));
                payments.addObject()
                        .put("at", at.toString())
                        .put("amount", amount.toPlainString())
                        .put("currency", "USD");
            }
            b.totalSpend(new Money(total, java.util.Currency.getInstance("USD")));
            body.putObject("totalSpend").put("amount", total).put("currency", "USD");
        }
        long views = r.nextInt(3);
        long carts = r.nextInt(2);
        long signUps = r.nextInt(2);
        long visits = r.nextInt(4);
        long referrals = r.nextInt(3);
        b.productViews(views)
                .cartAdds(carts)
                .signUps(signUps)
                .siteVisits(visits)
                .referralCount(referrals);
        body.put("productViews", views)
                .put("cartAdds", carts)
                .put("signUps", signUps)
                .put("siteVisits", visits)
                .put("referralCount", referrals);
        if (r.nextBoolean()) {
            int score = r.nextInt(11);
            Instant answeredAt = daysBefore(asOf[0], r.nextInt(200));
            b.lastNpsScore(score, answeredAt);
            body.putObject("nps").put("score", score).put("answeredAt", answeredAt.toString());
        }
        if (r.nextInt(4) == 0) {
            Instant enrolled = daysBefore(asOf[0], r.nextInt(200));
            b.loyaltyEnrolledAt(enrolled);
            body.put("loyaltyEnrolledAt", enrolled.toString());
        }
        if (r.nextBoolean()) {
            int opens = 1 + r.nextInt(3);
            Instant lastOpen = daysBefore(asOf[0], r.nextInt(50));
            b.eventCount(EventType.EMAIL_OPEN, opens).lastEventAt(EventType.EMAIL_OPEN, lastOpen);
            body.putObject("eventCounts").put("EMAIL_OPEN", opens);
            body.putObject("lastEventAt").put("EMAIL_OPEN", lastOpen.toString());
        }
        if (r.nextBoolean()) {
            int wishes = 1 + r.nextInt(3);
            b.customEventCount("wishlist-add", wishes);
            body.putObject("customEventCounts").put("wishlist-add", wishes);
        }
        if (r.nextBoolean()) {
            double ltv = r.nextInt(10_000) / 8.0;
            b.attribute("ltv", ltv);
            body.putObject("attributes").put("ltv", ltv);
        }
        return new Case(body, b.build(), template[0], asOf[0]);
    }

    private static final EventType[] EVENT_TYPES = {
        EventType.SITE_VISIT,
        EventType.PRODUCT_VIEW,
        EventType.CART_ADD,
        EventType.PURCHASE,
        EventType.REFUND,
        EventType.REFERRAL,
        EventType.NPS_ANSWER,
        EventType.CUSTOM
    };

    static Case eventsCase(Random r) {
        String[] template = new String[1];
        Instant[] asOf = new Instant[1];
        ObjectNode body = header(r, "e-" + r.nextInt(1000), template, asOf);
        String id = body.get("customerId").asText();
        ArrayNode json = body.putArray("events");
        List<CustomerEvent> events = new ArrayList<>();
        int n = r.nextInt(9);
        for (int i = 0; i < n; i++) {
            EventType type = EVENT_TYPES[r.nextInt(EVENT_TYPES.length)];
            // whole days only now and then, so that ties between events happen and event ids must break them
            Instant at = r.nextBoolean()
                    ? asOf[0].minus(Duration.ofDays(r.nextInt(3)))
                    : daysBefore(asOf[0], r.nextInt(400));
            CustomerEvent.Builder b = CustomerEvent.builder(id, type, at).eventId("ev-" + i);
            ObjectNode event = json.addObject().put("type", type.name()).put("timestamp", at.toString());
            event.put("eventId", "ev-" + i);
            if ((type == EventType.PURCHASE || type == EventType.REFUND) && r.nextBoolean()) {
                BigDecimal amount = BigDecimal.valueOf(r.nextInt(50_000), 2);
                b.amount(new Money(amount, java.util.Currency.getInstance("EUR")));
                event.put("amount", amount).put("currency", "EUR");
            }
            if (type == EventType.NPS_ANSWER) {
                int score = r.nextInt(11);
                b.npsScore(score);
                event.put("npsScore", score);
            }
            if (type == EventType.CUSTOM) {
                b.customType("wishlist-add");
                event.put("customType", "wishlist-add");
            }
            events.add(b.build());
        }
        return new Case(body, CustomerProfile.fromEvents(id, events), template[0], asOf[0]);
    }
}
