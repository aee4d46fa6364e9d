package dev.lifecycle.io;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import dev.lifecycle.core.SupportedInstants;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * How the columns of a user's rows become the fields of a {@link CustomerEvent}: which column holds the customer id,
 * the timestamp, the type (or one type for every row), the amount, its currency (or one currency for every row) and the
 * event id (or none, for a generated one), which of the user's type names mean which {@link EventType}, and the time
 * zone of local times. The one place of the row-to-event rules, used by {@link EventFileReader} for CSV files and JDBC
 * result sets and by {@link #map(Map, String, long)} for one message's fields.
 *
 * <p>The rules of a row, each failure a rejection whose reason names the column, the rule and the value (at most 80
 * characters of it); values are stripped of surrounding white space first:
 *
 * <ul>
 *   <li>customer id: not blank.
 *   <li>timestamp: an ISO-8601 instant with {@code Z} or an offset ({@code 2024-03-01T10:15:30Z}, {@code
 *       2024-03-01T10:15:30+01:00}); a local date-time ({@code 2024-03-01T10:15:30} or {@code 2024-03-01 10:15:30},
 *       seconds and fractions optional) in the mapping's {@linkplain Builder#zone zone}; or a day {@code yyyy-MM-dd},
 *       its start in that zone. A local time that a daylight-saving change skips is moved forward by the gap, one that
 *       occurs twice takes the earlier offset (the rule of {@code java.time}). The instant must be {@linkplain
 *       SupportedInstants supported}.
 *   <li>type: one of the mapped {@linkplain Builder#typeName type names} or an {@link EventType} name, in any case;
 *       {@code CUSTOM} and {@code NPS_ANSWER} need data a row does not carry and are refused.
 *   <li>amount: empty for none, else a plain decimal number such as {@code 1000.00} (no thousands separators, {@code .}
 *       as the decimal point), read by {@link Money#of(String, String)} with its bounds in the row's currency, and only
 *       on purchases and refunds.
 *   <li>currency: an ISO 4217 code in any case, needed on a row with an amount.
 *   <li>event id: not blank; without an event-id column the id is {@code <source>-<number>}, the row's line (or row
 *       number) in its source.
 *   <li>no value longer than {@value #MAX_VALUE_CHARS} characters.
 * </ul>
 *
 * <p>Column names are matched in any case (JDBC drivers often upper-case them). Instances are immutable and
 * thread-safe; the {@link Builder} is not.
 */
public final class EventMapping {
    /** The longest value a row may hold in a mapped column, in characters. */
    public static final int MAX_VALUE_CHARS = 65_536;

    /** The event types a row can carry: every type but those that need data a row has no column for. */
    private static final List<EventType> ROW_TYPES = Arrays.stream(EventType.values())
            .filter(type -> type != EventType.CUSTOM && type != EventType.NPS_ANSWER)
            .toList();

    private static final EventMapping DEFAULTS = builder()
            .customerId("customer_id")
            .timestamp("timestamp")
            .type("type")
            .amount("amount")
            .defaultCurrency("USD")
            .build();

    private final String customerId;
    private final String timestamp;
    private final @Nullable String type;
    private final @Nullable EventType constantType;
    private final @Nullable String amount;
    private final @Nullable String currency;
    private final @Nullable Currency defaultCurrency;
    private final @Nullable String eventId;
    /** The user's type names, lower-cased, in the order they were given; the map is unmodifiable. */
    private final Map<String, EventType> typeNames;

    private final ZoneId zone;

    private EventMapping(Builder builder) {
        this.customerId = requireSet(builder.customerId, "customerId", "the column of the customer id");
        this.timestamp = requireSet(builder.timestamp, "timestamp", "the column of the timestamp");
        this.type = builder.type;
        this.constantType = builder.constantType;
        this.amount = builder.amount;
        this.currency = builder.currency;
        this.defaultCurrency = builder.defaultCurrency;
        this.eventId = builder.eventId;
        this.typeNames = Collections.unmodifiableMap(new LinkedHashMap<>(builder.typeNames));
        this.zone = builder.zone;
        if (type == null && constantType == null) {
            throw new IllegalArgumentException("the event type is not set: map a type column (type(column)) or give"
                    + " every row one type (constantType(type))");
        }
        if (constantType != null && !typeNames.isEmpty()) {
            throw new IllegalArgumentException("type names " + typeNames.keySet() + " map the values of a type column,"
                    + " but every row has type " + constantType + "; map a type column or drop the type names");
        }
        if (amount != null && currency == null && defaultCurrency == null) {
            throw new IllegalArgumentException("amount column '" + amount + "' needs a currency: map a currency column"
                    + " (currency(column)) or give every row one (defaultCurrency(code)); amounts are never assumed to"
                    + " be US dollars");
        }
        String currencySet = currency != null
                ? "column '" + currency + "'"
                : defaultCurrency != null ? defaultCurrency.getCurrencyCode() : null;
        if (amount == null && currencySet != null) {
            throw new IllegalArgumentException("a currency (" + currencySet
                    + ") is set but no amount column: map the amount column (amount(column)) or drop the currency");
        }
    }

    private static String requireSet(@Nullable String column, String setter, String what) {
        if (column == null) {
            throw new IllegalArgumentException(what + " is not set; name it with " + setter + "(column)");
        }
        return column;
    }

    /**
     * Returns an empty builder: set the customer id and timestamp columns, and the type column or a constant type.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the mapping of the library's own CSV header {@code customer_id,timestamp,type,amount}: a type column of
     * {@link EventType} names, and amounts in US dollars (the {@linkplain Builder#defaultCurrency default currency},
     * which {@code toBuilder().defaultCurrency(...)} or {@code .currency(column)} replaces); timestamps in UTC; event
     * ids generated.
     *
     * @return the default mapping
     */
    public static EventMapping defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a builder that starts from this mapping.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.customerId = customerId;
        builder.timestamp = timestamp;
        builder.type = type;
        builder.constantType = constantType;
        builder.amount = amount;
        builder.currency = currency;
        builder.defaultCurrency = defaultCurrency;
        builder.eventId = eventId;
        builder.typeNames.putAll(typeNames);
        builder.zone = zone;
        return builder;
    }

    /**
     * Returns the event types a row can carry: every {@link EventType} but {@code CUSTOM} and {@code NPS_ANSWER}, which
     * need a custom type name or a score that no mapped column gives.
     *
     * @return the types, in declaration order
     */
    public static List<EventType> rowTypes() {
        return ROW_TYPES;
    }

    /** {@return the time zone of local date-times and days} */
    public ZoneId zone() {
        return zone;
    }

    /**
     * Returns the mapped columns by the event field they fill, in the order customer id, timestamp, type, amount,
     * currency, event id; fields without a column (a constant type, a default currency, generated ids) are left out.
     *
     * @return the columns, keyed by {@code "customer id"}, {@code "timestamp"}, {@code "type"}, {@code "amount"},
     *     {@code "currency"}, {@code "event id"}
     */
    public Map<String, String> columns() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put(Field.CUSTOMER_ID.label, customerId);
        columns.put(Field.TIMESTAMP.label, timestamp);
        putIfSet(columns, Field.TYPE, type);
        putIfSet(columns, Field.AMOUNT, amount);
        putIfSet(columns, Field.CURRENCY, currency);
        putIfSet(columns, Field.EVENT_ID, eventId);
        return Collections.unmodifiableMap(columns);
    }

    private static void putIfSet(Map<String, String> columns, Field field, @Nullable String column) {
        if (column != null) {
            columns.put(field.label, column);
        }
    }

    /**
     * Turns one row given as named fields, such as the fields of a JSON message, into an event or a rejection, by the
     * same rules as a CSV row. Field names are matched in any case; fields the mapping does not name are ignored.
     *
     * @param fields the row's values by field name; a null value is an empty one
     * @param source the name of the source, such as a topic, for the generated event id
     * @param number the row's position in its source, such as an offset, for the generated event id
     * @return the event, or the reason the row was rejected (a mapped field missing is one)
     * @throws NullPointerException if {@code fields} or {@code source} is null
     */
    public RowResult map(Map<String, String> fields, String source, long number) {
        requireNonNull(fields, "fields");
        requireNonNull(source, "source");
        Map<String, @Nullable String> byName = new HashMap<>();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            byName.putIfAbsent(key(requireNonNull(field.getKey(), "field name")), field.getValue());
        }
        List<String> missing = new ArrayList<>();
        String[] values = new String[Field.values().length];
        for (Field field : Field.values()) {
            String column = column(field);
            if (column == null) {
                continue;
            }
            if (!byName.containsKey(key(column))) {
                missing.add("'" + column + "' (" + field.label + ")");
            } else {
                values[field.ordinal()] = Objects.requireNonNullElse(byName.get(key(column)), "");
            }
        }
        if (!missing.isEmpty()) {
            return new RowResult.Rejected("the row lacks the mapped field" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + "; it has " + names(fields.keySet()));
        }
        return event(values, source, number);
    }

    /**
     * Binds this mapping to the columns of a header: finds each mapped column's position and lists the columns it does
     * not use.
     *
     * @param header the column names, in order
     * @param what what has the header, for the message, such as {@code event file 'orders.csv'}
     * @throws IllegalArgumentException if a mapped column is missing from the header or is in it twice
     */
    Bound bind(List<String> header, String what) {
        Map<String, Integer> positions = new HashMap<>();
        Map<String, Integer> twice = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            Integer earlier = positions.putIfAbsent(key(header.get(i)), i);
            if (earlier != null) {
                twice.putIfAbsent(key(header.get(i)), earlier);
            }
        }
        int[] index = new int[Field.values().length];
        List<String> missing = new ArrayList<>();
        for (Field field : Field.values()) {
            String column = column(field);
            index[field.ordinal()] = -1;
            if (column == null) {
                continue;
            }
            Integer at = positions.get(key(column));
            Integer first = twice.get(key(column));
            if (at == null) {
                missing.add("'" + column + "' (" + field.label + ")");
            } else if (first != null) {
                throw new IllegalArgumentException(what + ": the header has the mapped column '" + column
                        + "' more than once (columns " + (first + 1) + " and "
                        + (lastIndexOf(header, column) + 1) + "); name each column once");
            } else {
                index[field.ordinal()] = at;
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(what + ": the header lacks the mapped column"
                    + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + "; it has " + names(header));
        }
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            int column = i;
            if (Arrays.stream(index).noneMatch(at -> at == column)) {
                ignored.add(header.get(i));
            }
        }
        return new Bound(index, header.size(), ignored);
    }

    private static int lastIndexOf(List<String> header, String column) {
        for (int i = header.size() - 1; i >= 0; i--) {
            if (key(header.get(i)).equals(key(column))) {
                return i;
            }
        }
        return -1;
    }

    /** This mapping bound to one header: where each mapped column is, and the columns it ignores. */
    final class Bound {
        private final int[] index;
        private final int width;
        private final List<String> ignored;

        private Bound(int[] index, int width, List<String> ignored) {
            this.index = index;
            this.width = width;
            this.ignored = List.copyOf(ignored);
        }

        /** {@return the header's columns that no field is mapped from, in header order} */
        List<String> ignored() {
            return ignored;
        }

        /** {@return whether a field is mapped from the column at {@code index}, 0-based} */
        boolean isMapped(int index) {
            return Arrays.stream(this.index).anyMatch(at -> at == index);
        }

        /** {@return the number of columns of the header} */
        int width() {
            return width;
        }

        /**
         * Returns the 0-based column of a field, -1 when the field has no column.
         *
         * @param field 0 customer id, 1 timestamp, 2 type, 3 amount, 4 currency, 5 event id
         */
        int columnOf(int field) {
            return index[field];
        }

        /** Maps a row whose values stand in the header's order; the caller checked that it has {@link #width()}. */
        RowResult map(List<String> row, String source, long number) {
            String[] values = new String[index.length];
            for (int i = 0; i < index.length; i++) {
                if (index[i] >= 0) {
                    values[i] = row.get(index[i]);
                }
            }
            return event(values, source, number);
        }
    }

    /** The event of a row's values by field ({@code null} where the field has no column), or why there is none. */
    private RowResult event(@Nullable String[] values, String source, long number) {
        for (Field field : Field.values()) {
            String value = values[field.ordinal()];
            if (value != null && value.length() > MAX_VALUE_CHARS) {
                return new RowResult.Rejected(column(field) + " must be at most " + MAX_VALUE_CHARS
                        + " characters long but was " + value.length() + " characters: " + quote(value));
            }
        }
        try {
            String customer =
                    requireNonNull(values[Field.CUSTOMER_ID.ordinal()]).strip();
            if (customer.isEmpty()) {
                throw new IllegalArgumentException(customerId + " must not be blank");
            }
            Instant at =
                    instant(requireNonNull(values[Field.TIMESTAMP.ordinal()]).strip());
            EventType eventType = constantType != null
                    ? constantType
                    : type(requireNonNull(values[Field.TYPE.ordinal()]).strip());
            CustomerEvent.Builder event = CustomerEvent.builder(customer, eventType, at);
            if (eventId != null) {
                String id = requireNonNull(values[Field.EVENT_ID.ordinal()]).strip();
                if (id.isEmpty()) {
                    throw new IllegalArgumentException(eventId + " must not be blank");
                }
                event.eventId(id);
            } else {
                event.eventId(source + "-" + number);
            }
            if (amount != null) {
                String text = requireNonNull(values[Field.AMOUNT.ordinal()]).strip();
                if (!text.isEmpty()) {
                    event.amount(money(text, currencyOf(values, text)));
                }
            }
            return new RowResult.Accepted(event.build());
        } catch (IllegalArgumentException e) {
            return new RowResult.Rejected(String.valueOf(e.getMessage()));
        }
    }

    /**
     * Reads a row's timestamp, stripped, by the rule of the mapping.
     *
     * @throws IllegalArgumentException naming the column, the forms and the value, if it is not one of the forms or
     *     not a supported instant
     */
    Instant instant(String text) {
        Instant instant;
        try {
            instant = parseInstant(text, zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    timestamp + " must be an ISO-8601 instant such as 2024-03-01T10:15:30Z, a local date-time such as"
                            + " 2024-03-01 10:15:30 (in " + zone + ") or a day yyyy-MM-dd but was " + quote(text),
                    e);
        }
        return SupportedInstants.check(instant, timestamp);
    }

    /**
     * Reads an instant with {@code Z} or an offset, a local date-time in {@code zone}, or a day (its start in {@code
     * zone}); which of them is told by the text's shape, so that no row costs a failed parse.
     */
    static Instant parseInstant(String text, ZoneId zone) {
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay(zone).toInstant();
        }
        String iso =
                text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        int time = iso.indexOf('T');
        boolean offset = time >= 0
                && (iso.endsWith("Z")
                        || iso.endsWith("z")
                        || iso.indexOf('+', time) >= 0
                        || iso.indexOf('-', time) >= 0);
        return offset
                ? Instant.parse(iso)
                : LocalDateTime.parse(iso).atZone(zone).toInstant();
    }

    /** {@return the type every row has, or null when a column gives it} */
    @Nullable
    EventType constantType() {
        return constantType;
    }

    /** {@return the currency of every amount, or null when a column gives it or there are no amounts} */
    @Nullable
    Currency defaultCurrency() {
        return defaultCurrency;
    }

    /**
     * Returns every text a type column may hold, as the key it is matched by (lower-cased), with the type it gives by
     * {@link #type(String)}'s rule: the mapped names first, then the names of the {@linkplain #rowTypes() row types}.
     * A text not among them is rejected by {@link #type(String)}, with its message.
     */
    Map<String, EventType> rowTypeNames() {
        Map<String, EventType> names = new LinkedHashMap<>(typeNames);
        for (EventType rowType : ROW_TYPES) {
            names.putIfAbsent(rowType.name().toLowerCase(Locale.ROOT), rowType);
        }
        return names;
    }

    private EventType type(String text) {
        EventType named = typeNames.get(key(text));
        if (named != null) {
            return named;
        }
        EventType parsed = null;
        for (EventType candidate : EventType.values()) {
            if (candidate.name().equalsIgnoreCase(text)) {
                parsed = candidate;
            }
        }
        if (parsed == null) {
            throw new IllegalArgumentException(type + " must be "
                    + (typeNames.isEmpty() ? "" : "one of the mapped names " + typeNames.keySet() + " or ")
                    + "one of " + ROW_TYPES + " (in any case) but was " + quote(text));
        }
        if (!ROW_TYPES.contains(parsed)) {
            throw new IllegalArgumentException(type + " " + parsed + " needs a custom type name or an NPS score, which"
                    + " a row does not carry; the mapping reads "
                    + (typeNames.isEmpty() ? "" : "the names " + typeNames.keySet() + " and ") + ROW_TYPES);
        }
        return parsed;
    }

    private String currencyOf(@Nullable String[] values, String amountText) {
        if (currency == null) {
            return requireNonNull(defaultCurrency).getCurrencyCode();
        }
        String code = requireNonNull(values[Field.CURRENCY.ordinal()]).strip();
        if (code.isEmpty()) {
            throw new IllegalArgumentException(currency + " must be an ISO 4217 code such as EUR for the amount "
                    + quote(amountText) + " but was empty");
        }
        String upper = code.toUpperCase(Locale.ROOT);
        try {
            Currency.getInstance(upper);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    currency + " must be an ISO 4217 code such as EUR but was " + quote(code), e);
        }
        return upper;
    }

    /** Reads an amount; {@link Money} bounds the text and the digits before any arithmetic. */
    private Money money(String text, String code) {
        try {
            return Money.of(text, code);
        } catch (IllegalArgumentException e) {
            String hint = text.indexOf(',') >= 0
                    ? " (write amounts without thousands separators, with '.' as the decimal point)"
                    : "";
            throw new IllegalArgumentException(amount + ": " + e.getMessage() + hint, e);
        }
    }

    private @Nullable String column(Field field) {
        return switch (field) {
            case CUSTOMER_ID -> customerId;
            case TIMESTAMP -> timestamp;
            case TYPE -> type;
            case AMOUNT -> amount;
            case CURRENCY -> currency;
            case EVENT_ID -> eventId;
        };
    }

    /** A column name as it is matched: stripped and lower-cased, so that the case of a header does not matter. */
    static String key(String name) {
        return stripBom(name).strip().toLowerCase(Locale.ROOT);
    }

    static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Lists names for a message: each quoted, at most 20 of them. */
    private static String names(Collection<String> names) {
        StringJoiner list = new StringJoiner(", ", "[", "]");
        int shown = 0;
        for (String name : names) {
            if (shown++ == 20) {
                list.add("and " + (names.size() - 20) + " more");
                break;
            }
            list.add(quote(name));
        }
        return list.toString();
    }

    /** Quotes a value for a message, cut to 80 characters so that a huge value cannot flood the output. */
    static String quote(String value) {
        return "'" + abbreviate(value, 80) + "'";
    }

    static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    /** The event fields a column can fill, with the words messages use for them. */
    private enum Field {
        CUSTOMER_ID("customer id"),
        TIMESTAMP("timestamp"),
        TYPE("type"),
        AMOUNT("amount"),
        CURRENCY("currency"),
        EVENT_ID("event id");

        final String label;

        Field(String label) {
            this.label = label;
        }
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof EventMapping other
                && customerId.equals(other.customerId)
                && timestamp.equals(other.timestamp)
                && Objects.equals(type, other.type)
                && constantType == other.constantType
                && Objects.equals(amount, other.amount)
                && Objects.equals(currency, other.currency)
                && Objects.equals(defaultCurrency, other.defaultCurrency)
                && Objects.equals(eventId, other.eventId)
                && typeNames.equals(other.typeNames)
                && zone.equals(other.zone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                customerId, timestamp, type, constantType, amount, currency, defaultCurrency, eventId, typeNames, zone);
    }

    /** {@return the mapping in words, such as {@code customer id <- customer, timestamp <- created_at (UTC), ...}} */
    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(", ");
        text.add("customer id <- " + customerId);
        text.add("timestamp <- " + timestamp + " (" + zone + ")");
        text.add(constantType != null ? "type " + constantType + " for every row" : "type <- " + type);
        if (!typeNames.isEmpty()) {
            text.add("type names " + typeNames);
        }
        if (amount != null) {
            text.add("amount <- " + amount);
            text.add(
                    currency != null
                            ? "currency <- " + currency
                            : "currency " + requireNonNull(defaultCurrency).getCurrencyCode() + " for every row");
        }
        text.add(eventId != null ? "event id <- " + eventId : "event id <source>-<row>");
        return text.toString();
    }

    /**
     * Builds an {@link EventMapping}. Each setter replaces what an earlier call of it, or of its alternative, set:
     * {@link #type(String)} and {@link #constantType(EventType)} exclude each other, and so do {@link
     * #currency(String)} and {@link #defaultCurrency(String)}. Not thread-safe.
     */
    public static final class Builder {
        private @Nullable String customerId;
        private @Nullable String timestamp;
        private @Nullable String type;
        private @Nullable EventType constantType;
        private @Nullable String amount;
        private @Nullable String currency;
        private @Nullable Currency defaultCurrency;
        private @Nullable String eventId;
        private final Map<String, EventType> typeNames = new LinkedHashMap<>();
        private ZoneId zone = ZoneId.of("UTC");

        private Builder() {}

        /**
         * Names the column of the customer id.
         *
         * @param column the column name, not blank
         * @return this builder
         * @throws NullPointerException if {@code column} is null
         * @throws IllegalArgumentException if {@code column} is blank
         */
        public Builder customerId(String column) {
            this.customerId = column(column, "customerId");
            return this;
        }

        /**
         * Names the column of the timestamp.
         *
         * @param column the column name, not blank
         * @return this builder
         * @throws NullPointerException if {@code column} is null
         * @throws IllegalArgumentException if {@code column} is blank
         */
        public Builder timestamp(String column) {
            this.timestamp = column(column, "timestamp");
            return this;
        }

        /**
         * Names the column of the event type, replacing a constant type.
         *
         * @param column the column name, not blank
         * @return this builder
         * @throws NullPointerException if {@code column} is null
         * @throws IllegalArgumentException if {@code column} is blank
         */
        public Builder type(String column) {
            this.type = column(column, "type");
            this.constantType = null;
            return this;
        }

        /**
         * Gives every row one event type, such as {@link EventType#PURCHASE} for an orders export, replacing a type
         * column.
         *
         * @param type the type
         * @return this builder
         * @throws NullPointerException if {@code type} is null
         * @throws IllegalArgumentException if the type needs data a row does not carry ({@code CUSTOM}, {@code
         *     NPS_ANSWER})
         */
        public Builder constantType(EventType type) {
            this.constantType = rowType(type, "constantType");
            this.type = null;
            return this;
        }

        /**
         * Maps one of the user's type names, such as {@code order}, onto an event type; names are matched in any case.
         *
         * @param name the name, not blank
         * @param type the event type it means
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if the name is blank or already maps to another type, or the type needs data
         *     a row does not carry
         */
        public Builder typeName(String name, EventType type) {
            requireNonNull(type, "type");
            String key = key(column(name, "type name"));
            EventType checked = rowType(type, "type name '" + name + "'");
            EventType earlier = typeNames.putIfAbsent(key, checked);
            if (earlier != null && earlier != checked) {
                throw new IllegalArgumentException("type name '" + name + "' maps to " + earlier + " already and"
                        + " cannot map to " + checked + " too (names are matched in any case)");
            }
            return this;
        }

        /**
         * Names the column of the amount; a row with an empty amount has none.
         *
         * @param column the column name, not blank
         * @return this builder
         * @throws NullPointerException if {@code column} is null
         * @throws IllegalArgumentException if {@code column} is blank
         */
        public Builder amount(String column) {
            this.amount = column(column, "amount");
            return this;
        }

        /**
         * Names the column of the amount's currency, an ISO 4217 code per row, replacing a default currency.
         *
         * @param column the column name, not blank
         * @return this builder
         * @throws NullPointerException if {@code column} is null
         * @throws IllegalArgumentException if {@code column} is blank
         */
        public Builder currency(String column) {
            this.currency = column(column, "currency");
            this.defaultCurrency = null;
            return this;
        }

        /**
         * Gives every amount one currency, replacing a currency column.
         *
         * @param code an ISO 4217 code such as {@code EUR}, in any case
         * @return this builder
         * @throws NullPointerException if {@code code} is null
         * @throws IllegalArgumentException if the code is not an ISO 4217 code
         */
        public Builder defaultCurrency(String code) {
            requireNonNull(code, "code");
            try {
                this.defaultCurrency = Currency.getInstance(code.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "defaultCurrency must be an ISO 4217 code such as EUR but was " + quote(code), e);
            }
            this.currency = null;
            return this;
        }

        /**
         * Names the column of the event id, such as an order id; without one, ids are generated as {@code
         * <source>-<number>}.
         *
         * @param column the column name, not blank
         * @return this builder
         * @throws NullPointerException if {@code column} is null
         * @throws IllegalArgumentException if {@code column} is blank
         */
        public Builder eventId(String column) {
            this.eventId = column(column, "eventId");
            return this;
        }

        /**
         * Sets the time zone of local date-times and days; UTC unless set.
         *
         * @param zone the zone
         * @return this builder
         * @throws NullPointerException if {@code zone} is null
         */
        public Builder zone(ZoneId zone) {
            this.zone = requireNonNull(zone, "zone");
            return this;
        }

        /**
         * Returns the mapping.
         *
         * @return a new mapping
         * @throws IllegalArgumentException if the customer id or timestamp column is not set, neither a type column
         *     nor a constant type is, type names are set beside a constant type, an amount column has neither a
         *     currency column nor a default currency, or a currency is set without an amount column
         */
        public EventMapping build() {
            return new EventMapping(this);
        }

        private static String column(String column, String what) {
            requireNonNull(column, what);
            String stripped = column.strip();
            if (stripped.isEmpty()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return stripped;
        }

        private static EventType rowType(EventType type, String what) {
            requireNonNull(type, what);
            if (!ROW_TYPES.contains(type)) {
                throw new IllegalArgumentException(what + " cannot be " + type + ", which needs a custom type name or"
                        + " an NPS score that a row does not carry; it can be one of " + ROW_TYPES);
            }
            return type;
        }
    }
}
