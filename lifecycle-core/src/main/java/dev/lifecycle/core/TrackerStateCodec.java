package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes a tracker's state as versioned, line-oriented UTF-8 text. Strings are URL-encoded so that fields are
 * separated by single spaces; instants are epoch nanoseconds; a last line holds the counts and a CRC-32 of everything
 * before it, so truncated or altered state is rejected rather than half-read.
 *
 * <pre>
 * lifecycle-tracker-state 4
 * template NAME FINGERPRINT
 * clock WATERMARK LATEST_EVENT TIME
 * counters RECEIVED APPLIED DUPLICATES LATE REJECTED TRANSITIONS LISTENER_FAILURES
 * customer ID CURRENT_STAGE HIGHEST_STAGE EVALUATED_AT VISITS
 * profile KEY=VALUE ...
 * visit STAGE ENTERED RULE|-          (VISITS lines)
 * event ID CUSTOMER TYPE TIMESTAMP CUSTOM_TYPE|- AMOUNT|- NPS|- ATTRIBUTES|-
 * end CUSTOMERS EVENTS CRC32
 * </pre>
 *
 * <p>No line may have more than {@value #MAX_LINE_CHARS} characters: the reader refuses a longer one as soon as it has
 * read that many, so that a file that is no state (or a corrupt one) costs no more memory than that, and the writer
 * refuses to write one. Only a profile line grows with a customer's events; a million orders with their payments take
 * about 50 million characters.
 *
 * <p>Version 1 had no rejected events; its counters line reads {@code ACCEPTED APPLIED DUPLICATES LATE TRANSITIONS
 * LISTENER_FAILURES} and is still read. Versions 1 and 2 fingerprinted each rule's condition by its description text, so
 * that rewording a description made saved states unreadable; version 3 fingerprints the conditions' data form
 * ({@link ConditionSpec}). States of versions 1 and 2 are still read, their fingerprints checked the old way.
 *
 * <p>Version 4 adds the instants of each customer's orders to the profile line ({@code orders=NANOS,...}), which
 * {@link Condition#ordersWithin(int, java.time.Duration)} counts. States of versions 1 to 3 are still read: their
 * profiles hold no order instants for the orders before the export ({@link CustomerProfile#orderTimes()} lists only
 * the orders applied after the restore, while {@link CustomerProfile#orderCount()} counts them all). No template of
 * those versions reads order instants, and a template that does has another fingerprint, so such a state cannot be
 * restored into it: a tracker that is to classify with {@code orders-within} is built from the event log instead.
 */
final class TrackerStateCodec {
    static final String MAGIC = "lifecycle-tracker-state";
    static final int VERSION = 4;
    /** The last version whose fingerprint reads the conditions' descriptions. */
    private static final int VERSION_WITH_DESCRIBED_CONDITIONS = 2;

    private static final int VERSION_WITHOUT_REJECTED = 1;
    private static final String NONE = "-";
    private static final long NONE_NANOS = Long.MIN_VALUE;
    /** The most stays a customer's history may claim: the history's stage and rule share one int per stay. */
    private static final int MAX_VISITS = Integer.MAX_VALUE - 8;
    /** The most characters a line of a state may have, its line end not counted. */
    static final int MAX_LINE_CHARS = 1 << 26;
    /** How much of a bad value an error message quotes. */
    private static final int QUOTED_CHARS = 80;

    private TrackerStateCodec() {}

    /**
     * A fingerprint of what the state depends on: stage ids and kinds, the entry stage, and the rules, each rule's
     * condition by its data form (by its description where it has none, as a plain lambda).
     */
    static String fingerprint(LifecycleTemplate template) {
        return fingerprint(template, TrackerStateCodec::conditionData);
    }

    /** The fingerprint of versions 1 and 2, which read each rule's condition by its description. */
    static String describedFingerprint(LifecycleTemplate template) {
        return fingerprint(template, Condition::description);
    }

    private static String fingerprint(LifecycleTemplate template, Function<Condition, String> condition) {
        String text = String.join("|", fingerprintParts(template, condition));
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }

    /** The parts {@link #fingerprint(LifecycleTemplate)} is computed from; see {@link LifecycleStep#fingerprintParts}. */
    static List<String> fingerprintParts(LifecycleTemplate template) {
        return fingerprintParts(template, TrackerStateCodec::conditionData);
    }

    private static List<String> fingerprintParts(LifecycleTemplate template, Function<Condition, String> condition) {
        List<String> parts = new ArrayList<>();
        parts.add(template.name());
        parts.add(template.entryStage().id());
        for (Stage stage : template.stages()) {
            parts.add(stage.id() + (stage.isSideStage() ? ":side" : ":main"));
        }
        for (TransitionRule rule : template.rules()) {
            parts.add(rule.id() + ':' + rule.from() + "->" + rule.to() + '@' + rule.priority() + ':'
                    + condition.apply(rule.condition()));
        }
        return List.copyOf(parts);
    }

    /** The condition's data form as text: type, parameters in order, nested conditions in brackets. */
    private static String conditionData(Condition condition) {
        if (!(condition instanceof DataCondition data)) {
            return "described:" + condition.description();
        }
        StringBuilder text = new StringBuilder();
        appendData(data.toSpec(), text);
        return text.toString();
    }

    private static void appendData(ConditionSpec spec, StringBuilder text) {
        text.append(enc(spec.type()));
        spec.parameters()
                .forEach((name, value) ->
                        text.append(' ').append(enc(name)).append('=').append(enc(value)));
        if (!spec.conditions().isEmpty()) {
            text.append(" [");
            for (ConditionSpec nested : spec.conditions()) {
                appendData(nested, text);
                text.append(';');
            }
            text.append(']');
        }
    }

    /**
     * The text, cut to {@value #QUOTED_CHARS} characters so that a huge value does not become a huge message; the
     * state codecs quote bad values with it.
     */
    static String quoted(String text) {
        return text.length() <= QUOTED_CHARS
                ? text
                : text.substring(0, QUOTED_CHARS) + "... (" + text.length() + " characters)";
    }

    // ---- writing

    static void write(LifecycleTracker tracker, Appendable out) throws IOException {
        Writer writer = new Writer(out);
        LifecycleClassifier classifier = tracker.classifier();
        writer.line(MAGIC + " " + VERSION);
        writer.line("template " + enc(tracker.template().name()) + " " + fingerprint(tracker.template()));
        TrackerClock clock = tracker.clock();
        writer.line("clock " + clock.watermark() + " " + clock.latestEvent() + " " + clock.time());
        TrackerCounters counters = tracker.counters();
        writer.line("counters " + counters.received() + " " + counters.applied() + " " + counters.duplicates() + " "
                + counters.late() + " " + counters.rejected() + " " + counters.transitions() + " "
                + counters.listenerFailures());
        List<String> ids = tracker.customerIdsForExport();
        ids.sort(null);
        for (String id : ids) {
            TrackedCustomer c = requireNonNull(tracker.customerForExport(id), id);
            writer.line(
                    "customer " + enc(id) + " " + classifier.stageAt(c.current).id() + " "
                            + classifier.stageAt(c.highest).id() + " " + c.evaluatedAt + " " + c.visits);
            writer.line(profileLine(c.profile));
            for (int v = 0; v < c.visits; v++) {
                int rule = c.ruleOf(v);
                writer.line("visit " + classifier.stageAt(c.stageOf(v)).id() + " " + c.entered[v] + " "
                        + (rule < 0 ? NONE : classifier.ruleAt(rule).id()));
            }
        }
        List<CustomerEvent> pending = tracker.pendingInOrder();
        for (CustomerEvent event : pending) {
            writer.line(eventLine(event));
        }
        out.append("end ")
                .append(String.valueOf(ids.size()))
                .append(' ')
                .append(String.valueOf(pending.size()))
                .append(' ')
                .append(Long.toHexString(writer.crc.getValue()))
                .append('\n');
    }

    private static String profileLine(CustomerProfile p) {
        StringBuilder line = new StringBuilder("profile");
        for (ProfileField field : PROFILE_FIELDS) {
            field.write().write(field, p, line);
        }
        return line.toString();
    }

    /**
     * One field of a profile line: the key (or key prefix, ending in a dot, with an optional second prefix), how it is
     * written from a profile (nothing for a fact the profile does not have) and how it is read back. {@link
     * #PROFILE_FIELDS} lists them in the order they are written, so a fact of the line is described once.
     */
    private record ProfileField(String key, String otherKey, Writing write, Reading read) {
        @FunctionalInterface
        interface Writing {
            void write(ProfileField field, CustomerProfile p, StringBuilder line);
        }

        @FunctionalInterface
        interface Reading {
            void read(ProfileField field, String name, String value, Parser in, ProfileReading r);
        }

        static ProfileField of(String key, Writing write, Reading read) {
            return new ProfileField(key, "", write, read);
        }

        static ProfileField instant(
                String key,
                Function<CustomerProfile, @Nullable Instant> fact,
                BiConsumer<ProfileReading, Instant> set) {
            return of(
                    key,
                    (field, p, line) -> TrackerStateCodec.instant(line, key, fact.apply(p)),
                    (field, name, value, in, r) -> set.accept(r, in.instant(value)));
        }

        static ProfileField money(
                String key, Function<CustomerProfile, @Nullable Money> fact, BiConsumer<ProfileReading, Money> set) {
            return of(
                    key,
                    (field, p, line) -> TrackerStateCodec.money(line, key, fact.apply(p)),
                    (field, name, value, in, r) -> set.accept(r, in.money(value)));
        }

        /** A field per name of a map fact: {@code PREFIX.NAME=VALUE}, the name URL-encoded. */
        static ProfileField named(String prefix, Function<CustomerProfile, Map<String, ?>> facts, NamedReading set) {
            return of(
                    prefix,
                    (field, p, line) -> facts.apply(p)
                            .forEach((name, value) -> line.append(' ')
                                    .append(prefix)
                                    .append(enc(name))
                                    .append('=')
                                    .append(value)),
                    (field, name, value, in, r) -> set.read(r, in.dec(name.substring(prefix.length())), value, in));
        }

        @FunctionalInterface
        interface NamedReading {
            void read(ProfileReading r, String name, String value, Parser in);
        }

        boolean reads(String name) {
            return owns(key, name) || (!otherKey.isEmpty() && owns(otherKey, name));
        }

        private static boolean owns(String key, String name) {
            return key.endsWith(".") ? name.startsWith(key) : name.equals(key);
        }
    }

    private static final List<ProfileField> PROFILE_FIELDS = List.of(
            ProfileField.instant("firstSeen", p -> p.firstSeen, (r, at) -> r.builder.firstSeen(at)),
            ProfileField.instant("lastActivity", p -> p.lastActivity, (r, at) -> r.builder.lastActivity(at)),
            ProfileField.instant("firstOrderAt", p -> p.firstOrderAt, (r, at) -> r.builder.firstOrderAt(at)),
            // count.TYPE and last.TYPE, type by type; custom events are counted by name instead
            new ProfileField("count.", "last.", TrackerStateCodec::writeEventTypes, TrackerStateCodec::readEventType),
            ProfileField.money("spend", p -> p.totalSpend, (r, money) -> r.builder.totalSpend(money)),
            ProfileField.money("refunded", p -> p.refunded, (r, money) -> r.builder.refundedAmount(money)),
            ProfileField.of("payments", TrackerStateCodec::writePayments, TrackerStateCodec::readPayments),
            // since version 4; a state of an earlier version has none, and its profiles hold no order instants
            ProfileField.of("orders", TrackerStateCodec::writeOrders, TrackerStateCodec::readOrders),
            // the score only: its instant is last.NPS_ANSWER, so it is set once the whole line is read
            ProfileField.of(
                    "nps",
                    (field, p, line) -> {
                        if (p.lastNpsScore >= 0) {
                            line.append(' ').append(field.key()).append('=').append(p.lastNpsScore);
                        }
                    },
                    (field, name, value, in, r) -> r.nps = in.npsScore(value)),
            // set once the whole line is read, after the loyalty type's count and latest instant
            ProfileField.instant("loyalty", p -> p.loyaltyEnrolledAt, (r, at) -> r.loyalty = at),
            ProfileField.named(
                    "custom.",
                    p -> p.customCounts,
                    (r, name, value, in) -> r.builder.customEventCount(name, in.count(value))),
            ProfileField.named(
                    "attribute.",
                    p -> p.attributes,
                    (r, name, value, in) -> r.builder.attribute(name, Double.parseDouble(value))));

    private static void writeEventTypes(ProfileField field, CustomerProfile p, StringBuilder line) {
        for (EventType type : EventType.values()) {
            int i = type.ordinal();
            if (p.counts[i] > 0 && type != EventType.CUSTOM) {
                line.append(' ').append(field.key()).append(type).append('=').append(p.counts[i]);
            }
            instant(line, field.otherKey() + type, p.lastAt[i]);
        }
    }

    private static void readEventType(ProfileField field, String name, String value, Parser in, ProfileReading r) {
        if (name.startsWith(field.key())) {
            r.builder.eventCount(in.type(name.substring(field.key().length())), in.count(value));
        } else {
            r.builder.lastEventAt(in.type(name.substring(field.otherKey().length())), in.instant(value));
        }
    }

    /** {@code payments=NANOS:AMOUNT:CURRENCY,...}. */
    private static void writePayments(ProfileField field, CustomerProfile p, StringBuilder line) {
        if (p.payments.isEmpty()) {
            return;
        }
        line.append(' ').append(field.key()).append('=');
        for (int i = 0; i < p.payments.size(); i++) {
            CustomerProfile.Payment payment = p.payments.get(i);
            line.append(i == 0 ? "" : ",")
                    .append(TrackerTime.toNanos(payment.at()))
                    .append(':');
            line.append(payment.amount().amount().toPlainString())
                    .append(':')
                    .append(payment.amount().currency().getCurrencyCode());
        }
    }

    private static void readPayments(ProfileField field, String name, String value, Parser in, ProfileReading r) {
        for (String payment : value.split(",", -1)) {
            int colon = payment.indexOf(':');
            if (colon < 1) {
                throw in.error("expected NANOS:AMOUNT:CURRENCY but found '" + quoted(payment) + "'");
            }
            r.builder.payment(in.instant(payment.substring(0, colon)), in.money(payment.substring(colon + 1)));
        }
    }

    /** {@code orders=NANOS,NANOS,...}, in time order. */
    private static void writeOrders(ProfileField field, CustomerProfile p, StringBuilder line) {
        OrderTimes orders = p.orders;
        for (int i = 0; i < orders.size(); i++) {
            line.append(i == 0 ? " " + field.key() + "=" : ",").append(orders.nanosAt(i));
        }
    }

    private static void readOrders(ProfileField field, String name, String value, Parser in, ProfileReading r) {
        for (String order : value.split(",", -1)) {
            r.builder.orderAt(in.instant(order));
        }
    }

    /** A profile line being read: the builder and the facts set only once the whole line is read. */
    private static final class ProfileReading {
        final CustomerProfile.Builder builder;

        @Nullable
        Integer nps;

        @Nullable
        Instant loyalty;

        ProfileReading(String customerId) {
            this.builder = CustomerProfile.builder(customerId);
        }
    }

    private static void instant(StringBuilder line, String key, @Nullable Instant at) {
        if (at != null) {
            line.append(' ').append(key).append('=').append(TrackerTime.toNanos(at));
        }
    }

    private static void money(StringBuilder line, String key, @Nullable Money money) {
        if (money != null) {
            line.append(' ')
                    .append(key)
                    .append('=')
                    .append(money.amount().toPlainString())
                    .append(':')
                    .append(money.currency().getCurrencyCode());
        }
    }

    private static String eventLine(CustomerEvent e) {
        StringBuilder attributes = new StringBuilder();
        e.attributes()
                .forEach((name, value) -> attributes
                        .append(attributes.length() == 0 ? "" : ",")
                        .append(enc(name))
                        .append(':')
                        .append(value));
        return "event " + enc(e.eventId()) + " " + enc(e.customerId()) + " " + e.type() + " "
                + TrackerTime.toNanos(e.timestamp()) + " "
                + e.customType().map(TrackerStateCodec::enc).orElse(NONE)
                + " "
                + e.amount()
                        .map(m ->
                                m.amount().toPlainString() + ":" + m.currency().getCurrencyCode())
                        .orElse(NONE)
                + " " + (e.npsScore().isPresent() ? String.valueOf(e.npsScore().getAsInt()) : NONE) + " "
                + (attributes.length() == 0 ? NONE : attributes);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Appends lines and keeps the CRC-32 of everything written. */
    private static final class Writer {
        final Appendable out;
        final CRC32 crc = new CRC32();

        Writer(Appendable out) {
            this.out = out;
        }

        void line(String text) throws IOException {
            if (text.length() > MAX_LINE_CHARS) {
                throw new IllegalStateException("the state cannot be exported: a line would have " + text.length()
                        + " characters, more than the " + MAX_LINE_CHARS + " a state line may have, so the state could"
                        + " not be restored: '" + quoted(text) + "'");
            }
            String withNewline = text + "\n";
            crc.update(withNewline.getBytes(StandardCharsets.UTF_8));
            out.append(withNewline);
        }
    }

    // ---- reading

    /** The version a header names, or -1 if this library does not read it. */
    private static int supportedVersion(String text) {
        for (int version = VERSION_WITHOUT_REJECTED; version <= VERSION; version++) {
            if (text.equals(String.valueOf(version))) {
                return version;
            }
        }
        return -1;
    }

    static void read(Reader source, LifecycleTracker tracker) throws IOException {
        Parser p = new Parser(source);
        String[] header = p.next("a header");
        if (header.length != 2 || !header[0].equals(MAGIC)) {
            throw p.error("not a lifecycle tracker state: expected '" + MAGIC + " " + VERSION + "' but found '"
                    + quoted(String.join(" ", header)) + "'");
        }
        int version = supportedVersion(header[1]);
        if (version < 0) {
            throw p.error("tracker state version " + quoted(header[1]) + " is not supported; this library reads"
                    + " versions " + VERSION_WITHOUT_REJECTED + " to " + VERSION);
        }
        boolean withRejected = version != VERSION_WITHOUT_REJECTED;
        LifecycleTemplate template = tracker.template();
        String[] templateLine = p.expect("template", 3);
        String name = p.dec(templateLine[1]);
        if (!name.equals(template.name())) {
            throw p.error("tracker state was exported from template '" + quoted(name)
                    + "' but this tracker follows template '" + template.name() + "'");
        }
        String expected =
                version > VERSION_WITH_DESCRIBED_CONDITIONS ? fingerprint(template) : describedFingerprint(template);
        if (!templateLine[2].equals(expected)) {
            throw p.error("template '" + name + "' has changed since the state was exported (fingerprint "
                    + quoted(templateLine[2]) + ", now " + expected + "); stages or rules differ");
        }
        String[] clockLine = p.expect("clock", 4);
        // The watermark is a threshold that may lie anywhere; the latest event and the time are instants or none.
        TrackerClock clock =
                new TrackerClock(p.number(clockLine[1]), p.nanosOrNone(clockLine[2]), p.nanosOrNone(clockLine[3]));
        String[] countersLine = p.expect("counters", withRejected ? 8 : 7);
        TrackerCounters counters = withRejected ? p.counters(countersLine) : p.version1Counters(countersLine);
        LifecycleClassifier classifier = tracker.classifier();
        Map<String, TrackedCustomer> customers = new HashMap<>();
        List<CustomerEvent> pending = new ArrayList<>();
        String[] fields = p.next("a customer, event or end line");
        while (fields[0].equals("customer")) {
            p.arity(fields, 6);
            String id = p.dec(fields[1]);
            if (id.isBlank()) {
                throw p.error("customer id must not be blank but was '" + quoted(id) + "'");
            }
            String shown = quoted(id);
            int current = p.stage(classifier, fields[2]);
            int highest = p.stage(classifier, fields[3]);
            long evaluatedAt = p.nanos(fields[4]);
            long visitCount = p.count(fields[5]);
            if (visitCount < 1 || visitCount > MAX_VISITS) {
                throw p.error("customer '" + shown + "' must have between 1 and " + MAX_VISITS
                        + " stage visits but has " + visitCount);
            }
            int visits = (int) visitCount;
            CustomerProfile profile = p.profile(id, p.expect("profile", -1));
            // Sized by the lines actually read, not by the count the text claims.
            long[] entered = new long[Math.min(visits, 16)];
            int[] stageAndRule = new int[entered.length];
            for (int v = 0; v < visits; v++) {
                String[] visit = p.expect("visit", 4);
                if (v == entered.length) {
                    entered = Arrays.copyOf(entered, Math.min(visits, 2 * v));
                    stageAndRule = Arrays.copyOf(stageAndRule, entered.length);
                }
                int stage = p.stage(classifier, visit[1]);
                entered[v] = p.nanos(visit[2]);
                int rule = visit[3].equals(NONE) ? PackedStages.NO_RULE : p.rule(template, visit[3]);
                if (v > 0 && entered[v] < entered[v - 1]) {
                    throw p.error("visits of customer '" + shown + "' are not in time order");
                }
                stageAndRule[v] = PackedStages.stay(stage, rule);
            }
            int lastStage = PackedStages.stage(stageAndRule[visits - 1]);
            if (lastStage != current) {
                throw p.error("customer '" + shown + "' is in stage '" + fields[2] + "' but the last visit is to '"
                        + classifier.stageAt(lastStage).id() + "'");
            }
            if (customers.put(id, new TrackedCustomer(profile, current, highest, evaluatedAt, entered, stageAndRule))
                    != null) {
                throw p.error("customer '" + shown + "' appears twice");
            }
            fields = p.next("a customer, event or end line");
        }
        Set<List<String>> waitingKeys = new HashSet<>();
        while (fields[0].equals("event")) {
            CustomerEvent event = p.event(fields);
            // a tracker keeps one waiting event of a customer and id, and would drop the other one unaccounted
            if (!waitingKeys.add(List.of(event.customerId(), event.eventId()))) {
                throw p.error("waiting event '" + quoted(event.eventId()) + "' of customer '"
                        + quoted(event.customerId()) + "' appears twice");
            }
            pending.add(event);
            fields = p.next("an event or end line");
        }
        long crc = p.crc.getValue();
        if (!fields[0].equals("end")) {
            throw p.error("expected 'customer', 'event' or 'end' but found '" + quoted(fields[0]) + "'");
        }
        p.arity(fields, 4);
        if (p.count(fields[1]) != customers.size() || p.count(fields[2]) != pending.size()) {
            throw p.error("the end line counts " + quoted(fields[1]) + " customers and " + quoted(fields[2])
                    + " events but the state holds " + customers.size() + " and " + pending.size()
                    + "; the state is incomplete");
        }
        if (!fields[3].equals(Long.toHexString(crc))) {
            throw p.error("checksum " + quoted(fields[3]) + " does not match the content (" + Long.toHexString(crc)
                    + "); the state is corrupt");
        }
        if (!p.atEnd()) {
            throw p.error("unexpected content after the end line");
        }
        long accounted =
                p.sum(counters.applied(), counters.duplicates(), counters.late(), counters.rejected(), pending.size());
        if (counters.received() != accounted) {
            throw p.error("counters say " + counters.received() + " events received but " + counters.applied()
                    + " applied, " + counters.duplicates() + " duplicates, " + counters.late() + " late, "
                    + counters.rejected() + " rejected and " + pending.size()
                    + " waiting; the counts do not reconcile");
        }
        tracker.restore(clock, counters, customers, pending);
    }

    /** Reads lines, keeps their CRC-32 and names the line number in every error. */
    private static final class Parser {
        final Reader in;
        final CRC32 crc = new CRC32();
        int lineNumber;
        private final char[] buffer = new char[8192];
        private int position;
        private int limit;
        /** Whether the last line ended in CR, so that an LF right after it belongs to that line end. */
        private boolean afterCr;

        Parser(Reader in) {
            this.in = in;
        }

        String[] next(String what) throws IOException {
            lineNumber++;
            String line = readLine();
            if (line == null) {
                throw error("the state ends early: expected " + what);
            }
            String[] fields = line.split(" ", -1);
            if (!fields[0].equals("end")) {
                crc.update((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return fields;
        }

        /**
         * The next line as {@link java.io.BufferedReader#readLine()} reads it (ended by LF, CR or CR LF, or by the end
         * of the text), or null at the end of the text; a line longer than {@value #MAX_LINE_CHARS} characters is
         * refused once that many are read, not read whole.
         */
        private @Nullable String readLine() throws IOException {
            if (atEnd()) {
                return null;
            }
            StringBuilder line = new StringBuilder();
            int c = read();
            while (c >= 0 && c != '\n' && c != '\r') {
                if (line.length() == MAX_LINE_CHARS) {
                    throw error("the line is longer than " + MAX_LINE_CHARS
                            + " characters, the most a state line may have: '" + quoted(line.toString()) + "'");
                }
                line.append((char) c);
                c = read();
            }
            afterCr = c == '\r';
            return line.toString();
        }

        /** Whether the text has ended: no character follows the last line's end. */
        boolean atEnd() throws IOException {
            int c = peek();
            if (afterCr && c == '\n') {
                position++;
                c = peek();
            }
            afterCr = false;
            return c < 0;
        }

        /** The next character, or -1 at the end of the text. */
        private int read() throws IOException {
            int c = peek();
            if (c >= 0) {
                position++;
            }
            return c;
        }

        /** The next character without reading it, or -1 at the end of the text. */
        private int peek() throws IOException {
            if (position == limit) {
                int read;
                do {
                    read = in.read(buffer, 0, buffer.length);
                } while (read == 0);
                if (read < 0) {
                    return -1;
                }
                position = 0;
                limit = read;
            }
            return buffer[position];
        }

        String[] expect(String keyword, int arity) throws IOException {
            String[] fields = next("a '" + keyword + "' line");
            if (!fields[0].equals(keyword)) {
                throw error("expected a '" + keyword + "' line but found '" + quoted(fields[0]) + "'");
            }
            if (arity >= 0) {
                arity(fields, arity);
            }
            return fields;
        }

        void arity(String[] fields, int arity) {
            if (fields.length != arity) {
                throw error("'" + quoted(fields[0]) + "' line has " + (fields.length - 1) + " fields, expected "
                        + (arity - 1));
            }
        }

        IllegalArgumentException error(String message) {
            return new IllegalArgumentException("tracker state line " + lineNumber + ": " + message);
        }

        long number(String text) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw error("expected a whole number but found '" + quoted(text) + "'");
            }
        }

        /** Adds counts, refusing a total past {@code Long.MAX_VALUE} instead of wrapping. */
        long sum(long... counts) {
            long total = 0;
            for (long count : counts) {
                if (count > Long.MAX_VALUE - total) {
                    throw error("the counters add up to more than " + Long.MAX_VALUE);
                }
                total += count;
            }
            return total;
        }

        /** The counts of a {@code counters} line: received, applied, duplicates, late, rejected, transitions, failures. */
        TrackerCounters counters(String[] fields) {
            return new TrackerCounters(
                    count(fields[1]),
                    count(fields[2]),
                    count(fields[3]),
                    count(fields[4]),
                    count(fields[5]),
                    count(fields[6]),
                    count(fields[7]));
        }

        /**
         * The counts of a version 1 {@code counters} line, which counted the accepted events instead of the received
         * ones and had no rejected ones: accepted, applied, duplicates, late, transitions, failures.
         */
        TrackerCounters version1Counters(String[] fields) {
            long accepted = count(fields[1]);
            long applied = count(fields[2]);
            long duplicates = count(fields[3]);
            long late = count(fields[4]);
            long transitions = count(fields[5]);
            long listenerFailures = count(fields[6]);
            return new TrackerCounters(
                    sum(accepted, duplicates, late), applied, duplicates, late, 0, transitions, listenerFailures);
        }

        long count(String text) {
            long value = number(text);
            if (value < 0) {
                throw error("expected a count of zero or more but found " + value);
            }
            return value;
        }

        String dec(String text) {
            try {
                return URLDecoder.decode(text, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw error("malformed encoded text '" + quoted(text) + "'");
            }
        }

        int stage(LifecycleClassifier classifier, String id) {
            int index = classifier.indexOf(id);
            if (index < 0) {
                throw error("unknown stage '" + quoted(id) + "'");
            }
            return index;
        }

        int rule(LifecycleTemplate template, String id) {
            List<TransitionRule> rules = template.rules();
            for (int i = 0; i < rules.size(); i++) {
                if (rules.get(i).id().equals(id)) {
                    return i;
                }
            }
            throw error("unknown rule '" + quoted(id) + "'");
        }

        Instant instant(String text) {
            return TrackerTime.toInstant(nanos(text));
        }

        /** Epoch nanoseconds of a {@linkplain SupportedInstants supported instant}. */
        long nanos(String text) {
            long nanos = number(text);
            Instant instant = TrackerTime.toInstant(nanos);
            if (nanos == NONE_NANOS || !SupportedInstants.isSupported(instant)) {
                throw error("instant " + text + " (" + instant + ") must lie between " + SupportedInstants.FIRST
                        + " (inclusive) and " + SupportedInstants.END + " (exclusive)");
            }
            return nanos;
        }

        long nanosOrNone(String text) {
            return text.equals(String.valueOf(NONE_NANOS)) ? NONE_NANOS : nanos(text);
        }

        Money money(String text) {
            int colon = text.indexOf(':');
            if (colon < 0) {
                throw error("expected AMOUNT:CURRENCY but found '" + quoted(text) + "'");
            }
            try {
                // Money.of bounds the text before parsing it, so no amount costs more than its few characters.
                return Money.of(text.substring(0, colon), text.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw error("malformed money '" + quoted(text) + "': " + e.getMessage());
            }
        }

        int npsScore(String text) {
            long score = number(text);
            if (score < 0 || score > 10) {
                throw error("NPS score must be between 0 and 10 but was " + score);
            }
            return (int) score;
        }

        CustomerProfile profile(String customerId, String[] fields) {
            ProfileReading r = new ProfileReading(customerId);
            CustomerProfile.Builder b = r.builder;
            try {
                for (int i = 1; i < fields.length; i++) {
                    String field = fields[i];
                    int eq = field.indexOf('=');
                    if (eq < 1) {
                        throw error("expected KEY=VALUE but found '" + quoted(field) + "'");
                    }
                    String key = field.substring(0, eq);
                    ProfileField profileField = profileField(key);
                    profileField.read().read(profileField, key, field.substring(eq + 1), this, r);
                }
                Integer nps = r.nps;
                Instant loyalty = r.loyalty;
                if (nps != null) {
                    Instant answeredAt = b.lastEventAtOrNull(EventType.NPS_ANSWER);
                    if (answeredAt == null) {
                        throw error(
                                "profile of customer '" + quoted(customerId) + "' has an NPS score but no answer time");
                    }
                    b.lastNpsScore(nps, answeredAt);
                }
                if (loyalty != null) {
                    b.loyaltyEnrolledAt(loyalty);
                }
                return b.build();
            } catch (IllegalArgumentException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("tracker state line")) {
                    throw e;
                }
                throw error("invalid profile of customer '" + quoted(customerId) + "': " + e.getMessage());
            }
        }

        private ProfileField profileField(String key) {
            for (ProfileField field : PROFILE_FIELDS) {
                if (field.reads(key)) {
                    return field;
                }
            }
            throw error("unknown profile field '" + quoted(key) + "'");
        }

        EventType type(String name) {
            try {
                return EventType.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw error("unknown event type '" + quoted(name) + "'");
            }
        }

        CustomerEvent event(String[] fields) {
            arity(fields, 9);
            try {
                CustomerEvent.Builder b = CustomerEvent.builder(dec(fields[2]), type(fields[3]), instant(fields[4]))
                        .eventId(dec(fields[1]));
                if (!fields[5].equals(NONE)) {
                    b.customType(dec(fields[5]));
                }
                if (!fields[6].equals(NONE)) {
                    b.amount(money(fields[6]));
                }
                if (!fields[7].equals(NONE)) {
                    b.npsScore(npsScore(fields[7]));
                }
                if (!fields[8].equals(NONE)) {
                    for (String attribute : fields[8].split(",", -1)) {
                        int colon = attribute.lastIndexOf(':');
                        if (colon < 1) {
                            throw error("expected NAME:VALUE but found '" + quoted(attribute) + "'");
                        }
                        b.attribute(
                                dec(attribute.substring(0, colon)), Double.parseDouble(attribute.substring(colon + 1)));
                    }
                }
                return b.build();
            } catch (IllegalArgumentException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("tracker state line")) {
                    throw e;
                }
                throw error("invalid waiting event: " + e.getMessage());
            }
        }
    }
}
