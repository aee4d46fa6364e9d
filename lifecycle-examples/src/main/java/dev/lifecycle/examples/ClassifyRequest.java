package dev.lifecycle.examples;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.Money;
import dev.lifecycle.core.SupportedInstants;
import dev.lifecycle.core.Templates;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.ObjLongConsumer;
import java.util.stream.Collectors;

/**
 * A parsed {@code POST /classify} body: the template, the optional instant and the customer's profile, built either
 * from profile fields or from events. The JSON shape is documented on {@link ClassifierService}. Every problem is a
 * {@link BadRequest} whose message starts with the path of the field at fault.
 */
final class ClassifyRequest {
    /** The template when the request names none. */
    static final String DEFAULT_TEMPLATE = "five-stage";

    /**
     * The profile fields of a body, in the order they are read (so a body with two bad fields is refused for the
     * first of them): the allowed fields, the refusal to combine them with events and the reading all follow this
     * list.
     */
    private static final List<ProfileField> PROFILE_FIELDS = List.of(
            ProfileField.instant("firstSeen", CustomerProfile.Builder::firstSeen),
            ProfileField.instant("lastActivity", CustomerProfile.Builder::lastActivity),
            ProfileField.count("orderCount", CustomerProfile.Builder::orderCount),
            ProfileField.instant("firstOrderAt", CustomerProfile.Builder::firstOrderAt),
            ProfileField.instant("lastOrderAt", CustomerProfile.Builder::lastOrderAt),
            new ProfileField("orderTimes", ClassifyRequest::readOrderTimes),
            ProfileField.money("totalSpend", CustomerProfile.Builder::totalSpend),
            ProfileField.money("refundedAmount", CustomerProfile.Builder::refundedAmount),
            new ProfileField("payments", ClassifyRequest::readPayments),
            ProfileField.count("referralCount", CustomerProfile.Builder::referralCount),
            ProfileField.count("productViews", CustomerProfile.Builder::productViews),
            ProfileField.count("cartAdds", CustomerProfile.Builder::cartAdds),
            ProfileField.count("signUps", CustomerProfile.Builder::signUps),
            ProfileField.count("siteVisits", CustomerProfile.Builder::siteVisits),
            ProfileField.entries("eventCounts", (b, path, entry) -> {
                EventType type = eventType(path, entry.getKey());
                long count = count(path, entry.getValue());
                set(path, () -> b.eventCount(type, count));
            }),
            ProfileField.entries("lastEventAt", (b, path, entry) -> {
                EventType type = eventType(path, entry.getKey());
                Instant at = instant(path, textValue(path, entry.getValue()));
                set(path, () -> b.lastEventAt(type, at));
            }),
            new ProfileField("nps", ClassifyRequest::readNps),
            ProfileField.instant("loyaltyEnrolledAt", CustomerProfile.Builder::loyaltyEnrolledAt),
            ProfileField.entries("customEventCounts", (b, path, entry) -> {
                long count = count(path, entry.getValue());
                set(path, () -> b.customEventCount(entry.getKey(), count));
            }),
            ProfileField.entries("attributes", (b, path, entry) -> {
                double value = number(path, entry.getValue());
                set(path, () -> b.attribute(entry.getKey(), value));
            }));
    /** Every field a body may have: the request's own, then the profile fields. */
    private static final List<String> BODY_FIELDS = bodyFields();

    private static final List<String> EVENT_FIELDS =
            List.of("type", "timestamp", "eventId", "amount", "currency", "npsScore", "customType", "attributes");

    private final LifecycleTemplate template;
    private final Optional<Instant> asOf;
    private final CustomerProfile profile;

    private ClassifyRequest(LifecycleTemplate template, Optional<Instant> asOf, CustomerProfile profile) {
        this.template = template;
        this.asOf = asOf;
        this.profile = profile;
    }

    /** Thrown for a body that is not a valid request; the message names the field and the rule it breaks. */
    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message, null, false, false);
        }

        /** {@return the message, which a bad request always has} */
        @Override
        public String getMessage() {
            return requireNonNull(super.getMessage(), "a bad request has a message");
        }
    }

    LifecycleTemplate template() {
        return template;
    }

    Optional<Instant> asOf() {
        return asOf;
    }

    CustomerProfile profile() {
        return profile;
    }

    /** Reads a request from a parsed JSON body. */
    static ClassifyRequest parse(JsonNode body) {
        if (!body.isObject()) {
            throw new BadRequest("the request body must be a JSON object but was " + kind(body));
        }
        checkFields("", body, BODY_FIELDS);
        String customerId = text(body, "customerId", "customerId")
                .orElseThrow(() -> new BadRequest("customerId: required, the customer's id"));
        if (customerId.isBlank()) {
            throw new BadRequest("customerId: must not be blank");
        }
        checkUnicode("customerId", customerId);
        String templateName = text(body, "template", "template").orElse(DEFAULT_TEMPLATE);
        LifecycleTemplate template = Templates.byName(templateName)
                .orElseThrow(() -> new BadRequest(
                        "template: unknown template '" + templateName + "'; built-in templates: " + Templates.names()));
        Optional<Instant> asOf = text(body, "asOf", "asOf").map(value -> instant("asOf", value));
        CustomerProfile profile;
        if (body.has("events")) {
            for (ProfileField field : PROFILE_FIELDS) {
                if (body.has(field.name())) {
                    throw new BadRequest(field.name() + ": cannot be combined with 'events'; send either profile"
                            + " fields or events, not both");
                }
            }
            profile = fromEvents(customerId, body.get("events"));
        } else {
            profile = fromFields(customerId, body);
        }
        return new ClassifyRequest(template, asOf, profile);
    }

    /**
     * Refuses text with half a surrogate pair, which a JSON escape of one half of a pair can give but UTF-8 cannot
     * carry: the answer, which repeats the text, would name another value ({@code ?} in its place).
     */
    private static void checkUnicode(String path, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new BadRequest(String.format(
                        Locale.ROOT,
                        "%s: must be Unicode text but has half a surrogate pair, \\u%04x, at index %d (UTF-8 cannot"
                                + " carry it)",
                        path,
                        (int) c,
                        i));
            }
        }
    }

    private static List<String> bodyFields() {
        List<String> fields = new ArrayList<>(List.of("customerId", "template", "asOf", "events"));
        PROFILE_FIELDS.forEach(field -> fields.add(field.name()));
        return List.copyOf(fields);
    }

    /**
     * One profile field of a body: its JSON name and how its value (present, perhaps JSON null) is read, checked and
     * set on the profile builder; every problem is a bad request naming the field's path.
     */
    private record ProfileField(String name, Reading read) {
        @FunctionalInterface
        interface Reading {
            void read(String name, JsonNode value, CustomerProfile.Builder b);
        }

        @FunctionalInterface
        interface EntryReading {
            void read(CustomerProfile.Builder b, String path, Map.Entry<String, JsonNode> entry);
        }

        /** An ISO-8601 instant in a string. */
        static ProfileField instant(String name, BiConsumer<CustomerProfile.Builder, Instant> set) {
            return new ProfileField(name, (field, value, b) -> {
                Instant at = ClassifyRequest.instant(field, textValue(field, value));
                set(field, () -> set.accept(b, at));
            });
        }

        /** A whole number of 0 or more. */
        static ProfileField count(String name, ObjLongConsumer<CustomerProfile.Builder> set) {
            return new ProfileField(name, (field, value, b) -> {
                long count = ClassifyRequest.count(field, value);
                set(field, () -> set.accept(b, count));
            });
        }

        /** A money object, {@code {"amount": ..., "currency": ...}}. */
        static ProfileField money(String name, BiConsumer<CustomerProfile.Builder, Money> set) {
            return new ProfileField(name, (field, value, b) -> {
                Money money = moneyObject(field, value);
                set(field, () -> set.accept(b, money));
            });
        }

        /** A JSON object read entry by entry, each entry's path {@code NAME.KEY}. */
        static ProfileField entries(String name, EntryReading read) {
            return new ProfileField(
                    name, (field, value, b) -> eachEntry(field, value, (path, entry) -> read.read(b, path, entry)));
        }
    }

    private static CustomerProfile fromFields(String customerId, JsonNode body) {
        CustomerProfile.Builder b = CustomerProfile.builder(customerId);
        for (ProfileField field : PROFILE_FIELDS) {
            JsonNode value = body.get(field.name());
            if (value != null) {
                field.read().read(field.name(), value, b);
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new BadRequest("profile: " + e.getMessage());
        }
    }

    /** {@code [{"at": ..., "amount": ..., "currency": ...}, ...]}. */
    private static void readPayments(String name, JsonNode value, CustomerProfile.Builder b) {
        JsonNode payments = array(name, value);
        for (int i = 0; i < payments.size(); i++) {
            String path = name + "[" + i + "]";
            JsonNode payment = object(path, payments.get(i));
            checkFields(path + ".", payment, List.of("at", "amount", "currency"));
            Instant at = instant(path + ".at", required(payment, "at", path).asText());
            Money amount = money(path, payment);
            set(path, () -> b.payment(at, amount));
        }
    }

    /** An array of ISO-8601 instants, one per order whose instant is known (what {@code ordersWithin} counts). */
    private static void readOrderTimes(String name, JsonNode value, CustomerProfile.Builder b) {
        JsonNode times = array(name, value);
        for (int i = 0; i < times.size(); i++) {
            String path = name + "[" + i + "]";
            Instant at = instant(path, textValue(path, times.get(i)));
            set(path, () -> b.orderAt(at));
        }
    }

    /** {@code {"score": 0..10, "answeredAt": ...}}. */
    private static void readNps(String name, JsonNode value, CustomerProfile.Builder b) {
        JsonNode nps = object(name, value);
        checkFields(name + ".", nps, List.of("score", "answeredAt"));
        int score = npsScore(name + ".score", required(nps, "score", name));
        Instant answeredAt =
                instant(name + ".answeredAt", textValue(name + ".answeredAt", required(nps, "answeredAt", name)));
        set(name, () -> b.lastNpsScore(score, answeredAt));
    }

    private static CustomerProfile fromEvents(String customerId, JsonNode node) {
        JsonNode events = array("events", node);
        CustomerProfile.Accumulator profile = CustomerProfile.accumulator(customerId);
        for (int i = 0; i < events.size(); i++) {
            String path = "events[" + i + "]";
            JsonNode event = object(path, events.get(i));
            checkFields(path + ".", event, EVENT_FIELDS);
            EventType type = eventType(path + ".type", textValue(path + ".type", required(event, "type", path)));
            Instant timestamp =
                    instant(path + ".timestamp", textValue(path + ".timestamp", required(event, "timestamp", path)));
            CustomerEvent.Builder b = CustomerEvent.builder(customerId, type, timestamp);
            text(event, "eventId", path + ".eventId").ifPresent(id -> set(path + ".eventId", () -> b.eventId(id)));
            if (event.has("amount") || event.has("currency")) {
                Money amount = money(path, event);
                set(path + ".amount", () -> b.amount(amount));
            }
            if (event.has("npsScore")) {
                int score = npsScore(path + ".npsScore", event.get("npsScore"));
                set(path + ".npsScore", () -> b.npsScore(score));
            }
            text(event, "customType", path + ".customType")
                    .ifPresent(name -> set(path + ".customType", () -> b.customType(name)));
            entries(event, "attributes", path + ".attributes", (attributePath, entry) -> {
                double value = number(attributePath, entry.getValue());
                set(attributePath, () -> b.attribute(entry.getKey(), value));
            });
            // the profile refuses an amount in another currency than the earlier ones as the event is added
            set(path, () -> profile.add(b.build()));
        }
        return profile.toProfile();
    }

    /** Runs a builder call, turning its rejection into a bad request naming the field. */
    private static void set(String path, Runnable call) {
        try {
            call.run();
        } catch (IllegalArgumentException e) {
            throw new BadRequest(path + ": " + e.getMessage());
        }
    }

    private static void checkFields(String prefix, JsonNode object, List<String> allowed) {
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            String name = property.getKey();
            if (!allowed.contains(name)) {
                throw new BadRequest(prefix + name + ": unknown field; expected one of " + allowed);
            }
        }
    }

    private static JsonNode required(JsonNode object, String field, String parent) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            throw new BadRequest((parent.isEmpty() ? "" : parent + ".") + field + ": required");
        }
        return value;
    }

    private static Optional<String> text(JsonNode object, String field, String path) {
        JsonNode value = object.get(field);
        return value == null ? Optional.empty() : Optional.of(textValue(path, value));
    }

    private static String textValue(String path, JsonNode value) {
        if (!value.isTextual()) {
            throw new BadRequest(path + ": must be a string but was " + kind(value));
        }
        return value.asText();
    }

    private static Instant instant(String path, String value) {
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequest(
                    path + ": must be an ISO-8601 instant such as 2026-06-01T00:00:00Z but was '" + value + "'");
        }
        try {
            return SupportedInstants.check(instant, path);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(Objects.toString(e.getMessage(), e.toString()));
        }
    }

    private static long count(String path, JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw new BadRequest(path + ": must be a whole number of 0 or more but was " + value);
        }
        return value.asLong();
    }

    private static int npsScore(String path, JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0 || value.asInt() > 10) {
            throw new BadRequest(path + ": must be a whole number from 0 to 10 but was " + value);
        }
        return value.asInt();
    }

    private static double number(String path, JsonNode value) {
        if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw new BadRequest(path + ": must be a finite number but was " + value);
        }
        return value.asDouble();
    }

    /** Reads a money object, {@code {"amount": ..., "currency": ...}} and nothing else. */
    private static Money moneyObject(String path, JsonNode node) {
        checkFields(path + ".", object(path, node), List.of("amount", "currency"));
        return money(path, node);
    }

    /** Reads {@code amount} (a decimal string or a JSON number) and {@code currency} (ISO 4217) of an object. */
    private static Money money(String path, JsonNode node) {
        JsonNode object = object(path, node);
        JsonNode amountNode = required(object, "amount", path);
        if (!amountNode.isNumber() && !amountNode.isTextual()) {
            throw new BadRequest(path + ".amount: must be a decimal number but was " + kind(amountNode));
        }
        String code = textValue(path + ".currency", required(object, "currency", path));
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(
                    path + ".currency: must be an ISO 4217 currency code such as USD but was '" + code + "'");
        }
        try {
            // Money bounds the digits (and the length of a text) before any arithmetic, so 1e99999999 costs nothing
            return amountNode.isNumber()
                    ? new Money(amountNode.decimalValue(), currency)
                    : Money.of(amountNode.asText(), currency.getCurrencyCode());
        } catch (IllegalArgumentException e) {
            throw new BadRequest(path + ".amount: " + e.getMessage());
        }
    }

    private static EventType eventType(String path, String name) {
        try {
            return EventType.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(path + ": unknown event type '" + name + "'; expected one of "
                    + Arrays.stream(EventType.values()).map(Enum::name).collect(Collectors.toList()));
        }
    }

    private static JsonNode object(String path, JsonNode value) {
        if (!value.isObject()) {
            throw new BadRequest(path + ": must be a JSON object but was " + kind(value));
        }
        return value;
    }

    private static JsonNode array(String path, JsonNode value) {
        if (!value.isArray()) {
            throw new BadRequest(path + ": must be a JSON array but was " + kind(value));
        }
        return value;
    }

    private interface EntryReader {
        void read(String path, Map.Entry<String, JsonNode> entry);
    }

    private static void entries(JsonNode object, String field, String path, EntryReader reader) {
        JsonNode map = object.get(field);
        if (map != null) {
            eachEntry(path, map, reader);
        }
    }

    /** Reads a JSON object entry by entry, each entry's path {@code PATH.KEY}. */
    private static void eachEntry(String path, JsonNode map, EntryReader reader) {
        object(path, map);
        for (Map.Entry<String, JsonNode> entry : map.properties()) {
            reader.read(path + "." + entry.getKey(), entry);
        }
    }

    private static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> value.getNodeType().toString().toLowerCase(Locale.ROOT);
        };
    }
}
