package dev.lifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The profile fields of a {@code POST /classify} body, read through the request's one table of fields: every field
 * the documentation names is allowed, refused next to events, and set on the profile.
 */
final class ClassifyRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The profile fields as {@link ClassifierService} and docs/service.md document them, in the order they are read. */
    private static final List<String> PROFILE_FIELDS = List.of(
            "firstSeen",
            "lastActivity",
            "orderCount",
            "firstOrderAt",
            "lastOrderAt",
            "orderTimes",
            "totalSpend",
            "refundedAmount",
            "payments",
            "referralCount",
            "productViews",
            "cartAdds",
            "signUps",
            "siteVisits",
            "eventCounts",
            "lastEventAt",
            "nps",
            "loyaltyEnrolledAt",
            "customEventCounts",
            "attributes");

    private static JsonNode json(String text) throws JsonProcessingException {
        return JSON.readTree(text);
    }

    private static ClassifyRequest.BadRequest refused(JsonNode body) {
        return assertThrows(ClassifyRequest.BadRequest.class, () -> ClassifyRequest.parse(body));
    }

    @Test
    void parse_unknownField_refusedListingEveryAllowedFieldInOrder() throws JsonProcessingException {
        ClassifyRequest.BadRequest e = refused(json("{\"customerId\": \"c1\", \"orders\": 3}"));

        assertEquals(
                "orders: unknown field; expected one of [customerId, template, asOf, events, "
                        + String.join(", ", PROFILE_FIELDS) + "]",
                e.getMessage());
    }

    @Test
    void parse_eachProfileFieldWithEvents_refusedNamingTheField() throws JsonProcessingException {
        assertAll(PROFILE_FIELDS.stream().map(field -> () -> {
            ObjectNode body = (ObjectNode) json("{\"customerId\": \"c1\", \"events\": []}");
            body.putNull(field);

            ClassifyRequest.BadRequest e = refused(body);

            assertEquals(
                    field + ": cannot be combined with 'events'; send either profile fields or events, not both",
                    e.getMessage());
        }));
    }

    @Test
    void parse_everyProfileField_setsTheSameProfileAsTheBuilder() throws JsonProcessingException {
        JsonNode body = json("""
                {"customerId": "c1",
                 "firstSeen": "2025-01-01T00:00:00Z",
                 "lastActivity": "2025-03-01T00:00:00Z",
                 "orderCount": 2,
                 "firstOrderAt": "2025-01-05T00:00:00Z",
                 "lastOrderAt": "2025-02-05T00:00:00Z",
                 "orderTimes": ["2025-02-05T00:00:00Z", "2025-01-05T00:00:00Z"],
                 "totalSpend": {"amount": "80.00", "currency": "EUR"},
                 "refundedAmount": {"amount": "10.00", "currency": "EUR"},
                 "payments": [{"at": "2025-01-05T00:00:00Z", "amount": "30.00", "currency": "EUR"},
                              {"at": "2025-02-05T00:00:00Z", "amount": 50, "currency": "EUR"}],
                 "referralCount": 3,
                 "productViews": 4,
                 "cartAdds": 5,
                 "signUps": 1,
                 "siteVisits": 6,
                 "eventCounts": {"NPS_ANSWER": 1, "REFUND": 1},
                 "lastEventAt": {"NPS_ANSWER": "2025-02-10T00:00:00Z", "REFUND": "2025-02-20T00:00:00Z"},
                 "nps": {"score": 9, "answeredAt": "2025-02-10T00:00:00Z"},
                 "loyaltyEnrolledAt": "2025-02-01T00:00:00Z",
                 "customEventCounts": {"webinar": 2},
                 "attributes": {"age": 41.5}}
                """);
        CustomerProfile expected = CustomerProfile.builder("c1")
                .firstSeen(Instant.parse("2025-01-01T00:00:00Z"))
                .lastActivity(Instant.parse("2025-03-01T00:00:00Z"))
                .orderCount(2)
                .firstOrderAt(Instant.parse("2025-01-05T00:00:00Z"))
                .lastOrderAt(Instant.parse("2025-02-05T00:00:00Z"))
                .orderAt(Instant.parse("2025-01-05T00:00:00Z"))
                .orderAt(Instant.parse("2025-02-05T00:00:00Z"))
                .totalSpend(Money.of("80.00", "EUR"))
                .refundedAmount(Money.of("10.00", "EUR"))
                .payment(Instant.parse("2025-01-05T00:00:00Z"), Money.of("30.00", "EUR"))
                .payment(Instant.parse("2025-02-05T00:00:00Z"), Money.of("50", "EUR"))
                .referralCount(3)
                .productViews(4)
                .cartAdds(5)
                .signUps(1)
                .siteVisits(6)
                .eventCount(EventType.NPS_ANSWER, 1)
                .eventCount(EventType.REFUND, 1)
                .lastEventAt(EventType.NPS_ANSWER, Instant.parse("2025-02-10T00:00:00Z"))
                .lastEventAt(EventType.REFUND, Instant.parse("2025-02-20T00:00:00Z"))
                .lastNpsScore(9, Instant.parse("2025-02-10T00:00:00Z"))
                .loyaltyEnrolledAt(Instant.parse("2025-02-01T00:00:00Z"))
                .customEventCount("webinar", 2)
                .attribute("age", 41.5)
                .build();

        assertEquals(expected, ClassifyRequest.parse(body).profile());
    }

    @Test
    void parse_customerIdWithHalfASurrogatePair_refused() throws JsonProcessingException {
        // the answer repeats the id in UTF-8, which has no form for it: the service answered 200 for customer "?"
        ClassifyRequest.BadRequest e = refused(json("{\"customerId\": \"ab\\ud800\"}"));

        assertEquals(
                "customerId: must be Unicode text but has half a surrogate pair, \\ud800, at index 2 (UTF-8 cannot"
                        + " carry it)",
                e.getMessage());
        // a whole pair is Unicode text
        assertEquals(
                "a\ud83d\ude00",
                ClassifyRequest.parse(json("{\"customerId\": \"a\\ud83d\\ude00\"}"))
                        .profile()
                        .customerId());
    }

    @Test
    void parse_orderTimeNotAnInstant_refusedNamingItsIndex() throws JsonProcessingException {
        ClassifyRequest.BadRequest e = refused(
                json("{\"customerId\": \"c1\", \"orderCount\": 2, \"orderTimes\": [\"2025-01-05T00:00:00Z\", 7]}"));

        assertEquals("orderTimes[1]: must be a string but was a number", e.getMessage());
    }

    @Test
    void parse_moreOrderTimesThanOrders_refusedByTheProfileRules() throws JsonProcessingException {
        ClassifyRequest.BadRequest e = refused(json(
                "{\"customerId\": \"c1\", \"orderCount\": 1, \"lastOrderAt\": \"2025-01-06T00:00:00Z\", \"orderTimes\": [\"2025-01-05T00:00:00Z\","
                        + " \"2025-01-06T00:00:00Z\"]}"));

        assertEquals("profile: customer 'c1' has 2 order instants but orderCount is 1", e.getMessage());
    }

    @Test
    void parse_twoBadProfileFields_refusedForTheOneReadFirst() throws JsonProcessingException {
        ClassifyRequest.BadRequest e = refused(
                json("{\"customerId\": \"c1\", \"attributes\": {\"age\": \"old\"}, \"firstSeen\": \"yesterday\"}"));

        assertEquals(
                "firstSeen: must be an ISO-8601 instant such as 2026-06-01T00:00:00Z but was 'yesterday'",
                e.getMessage());
    }
}
