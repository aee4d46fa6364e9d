package dev.lifecycle.core;

import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The binary form of a {@link CustomerState}, self-contained and checked:
 *
 * <pre>
 * MAGIC VERSION FINGERPRINT CURRENCIES RECORD CRC32
 * </pre>
 *
 * <ul>
 *   <li>{@code MAGIC}: the four bytes {@code "LCST"} (lifecycle customer state).
 *   <li>{@code VERSION}: one byte, {@value #VERSION}.
 *   <li>{@code FINGERPRINT}: the step's template {@linkplain LifecycleStep#fingerprint() fingerprint}, as a length and
 *       its ASCII characters.
 *   <li>{@code CURRENCIES}: the number of currencies the record uses, then each ISO 4217 code (a length and its
 *       letters), in the order the record numbers them.
 *   <li>{@code RECORD}: the customer's packed record, laid out as {@link CustomerRecords} defines it for the tracker's
 *       store, its currencies numbered by the table before it.
 *   <li>{@code CRC32}: the CRC-32 of every byte before it, four bytes, most significant first.
 * </ul>
 *
 * <p>Reading checks, in this order, the magic, the version, the checksum and the fingerprint, then reads the record
 * with a {@link PackedBytes.Checked} reader (every count bounded by the bytes left before anything of its size is
 * allocated, every instant in the supported years) and checks it against the template (stage and rule indexes, stays
 * along the template's rules and in time order) and the profile's facts against each other. Last, the state must be
 * exactly what writing it gives back, so that no two byte strings read as the same state. Anything wrong is refused
 * with an {@link IllegalArgumentException} saying what.
 */
final class CustomerStateCodec {
    /** The bytes every customer state begins with: {@code "LCST"}. */
    static final byte[] MAGIC = {'L', 'C', 'S', 'T'};

    static final int VERSION = 2;

    private static final int CHECKSUM_BYTES = 4;
    /** The longest fingerprint read: a CRC-32 in hexadecimal takes eight; room for a longer one in a later version. */
    private static final int MAX_FINGERPRINT_CHARS = 64;
    /** The fewest bytes a currency of the table takes: the code's length and three letters. */
    private static final int CURRENCY_BYTES = 4;

    private static final String WHAT = "customer state";

    private CustomerStateCodec() {}

    /** Writes the customer's state under the step's template fingerprint. */
    static byte[] write(LifecycleStep step, TrackedCustomer customer) {
        CustomerRecords.Currencies currencies = new CustomerRecords.Currencies();
        PackedBytes.Writer record = new PackedBytes.Writer(128);
        CustomerRecords.pack(customer, record, currencies);
        PackedBytes.Writer out = new PackedBytes.Writer(record.size() + 32);
        out.bytes(MAGIC);
        out.bytes(new byte[] {VERSION});
        out.string(step.fingerprint());
        List<Currency> used = currencies.all();
        out.unsigned(used.size());
        for (Currency currency : used) {
            out.string(currency.getCurrencyCode());
        }
        out.bytes(record.toArray());
        CRC32 crc = new CRC32();
        crc.update(out.toArray());
        long checksum = crc.getValue();
        out.bytes(
                new byte[] {(byte) (checksum >>> 24), (byte) (checksum >>> 16), (byte) (checksum >>> 8), (byte) checksum
                });
        return out.toArray();
    }

    /**
     * Reads a state written by {@link #write} under the step's template fingerprint.
     *
     * @throws IllegalArgumentException if the bytes are not a customer state, of another version, of another template
     *     fingerprint, corrupt or malformed; the message says which
     */
    static TrackedCustomer read(LifecycleStep step, byte[] bytes) {
        if (bytes.length < MAGIC.length || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IllegalArgumentException("the " + bytes.length + " bytes are not a lifecycle customer state,"
                    + " which begins with the bytes 'LCST'");
        }
        if (bytes.length == MAGIC.length) {
            throw new IllegalArgumentException("the customer state ends after its first " + bytes.length
                    + " bytes, before its version; the bytes are truncated");
        }
        int version = bytes[MAGIC.length] & 0xFF;
        if (version != VERSION) {
            throw new IllegalArgumentException("the customer state is of version " + version
                    + "; this library reads version " + VERSION + " only");
        }
        int body = MAGIC.length + 1;
        int end = bytes.length - CHECKSUM_BYTES;
        if (end < body) {
            throw new IllegalArgumentException("the customer state ends after " + bytes.length
                    + " bytes, before its checksum; the bytes are truncated");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, end);
        long stored = ((bytes[end] & 0xFFL) << 24)
                | ((bytes[end + 1] & 0xFFL) << 16)
                | ((bytes[end + 2] & 0xFFL) << 8)
                | (bytes[end + 3] & 0xFFL);
        if (stored != crc.getValue()) {
            throw new IllegalArgumentException("the customer state's checksum " + Long.toHexString(stored)
                    + " does not match its content (" + Long.toHexString(crc.getValue())
                    + "); the state is corrupt or truncated");
        }
        PackedBytes.Checked in = new PackedBytes.Checked(bytes, body, end, WHAT);
        String fingerprint = fingerprint(in);
        if (!fingerprint.equals(step.fingerprint())) {
            throw new IllegalArgumentException("the customer state was written under template fingerprint "
                    + fingerprint + ", not under the fingerprint " + step.fingerprint() + " of this step's template '"
                    + step.template().name() + "'; a state is read only by a step of the template it was written by");
        }
        CustomerRecords.Currencies currencies = currencies(in);
        TrackedCustomer customer;
        int start = in.position();
        try {
            customer = CustomerRecords.unpack(in, null, currencies);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw message != null && message.startsWith("malformed " + WHAT)
                    ? e
                    : in.error("the record from byte " + start + " is invalid: " + message);
        } catch (RuntimeException e) {
            // a last guard: the checked reader bounds every value, so nothing else is expected here
            throw in.error("the record from byte " + start + " cannot be read: " + e);
        }
        if (in.remaining() != 0) {
            throw in.error(in.remaining() + " bytes follow the record; the state has trailing bytes");
        }
        TrackedCustomer checked = check(step, customer);
        if (!Arrays.equals(write(step, checked), bytes)) {
            throw new IllegalArgumentException("malformed customer state: its content is not in the form this library"
                    + " writes (a number with needless bytes, a flag without a value, names out of order or an"
                    + " unnormalised profile)");
        }
        return checked;
    }

    private static String fingerprint(PackedBytes.Checked in) {
        int start = in.position();
        String fingerprint = in.string();
        if (fingerprint.isEmpty() || fingerprint.length() > MAX_FINGERPRINT_CHARS) {
            throw new IllegalArgumentException("malformed " + WHAT + " at byte " + start + ": a template fingerprint"
                    + " has 1 to " + MAX_FINGERPRINT_CHARS + " characters but this one has " + fingerprint.length());
        }
        return fingerprint;
    }

    private static CustomerRecords.Currencies currencies(PackedBytes.Checked in) {
        int count = in.count(CURRENCY_BYTES);
        CustomerRecords.Currencies currencies = new CustomerRecords.Currencies();
        for (int i = 0; i < count; i++) {
            int start = in.position();
            String code = in.string();
            Currency currency;
            try {
                currency = code.length() == 3 ? Currency.getInstance(code) : null;
            } catch (IllegalArgumentException e) {
                currency = null;
            }
            if (currency == null) {
                throw new IllegalArgumentException("malformed " + WHAT + " at byte " + start
                        + ": unknown currency code '" + TrackerStateCodec.quoted(code) + "'");
            }
            if (currencies.numberOf(currency) != i) {
                throw new IllegalArgumentException("malformed " + WHAT + " at byte " + start + ": currency " + code
                        + " appears twice in the table");
            }
        }
        return currencies;
    }

    /**
     * Checks the customer against the template and the profile's facts against each other, and returns the customer
     * with the checked profile.
     */
    private static TrackedCustomer check(LifecycleStep step, TrackedCustomer c) {
        LifecycleClassifier classifier = step.classifier();
        List<TransitionRule> rules = step.template().rules();
        int stages = step.template().stages().size();
        String id = c.profile.customerId;
        if (id.isBlank()) {
            throw malformed("the customer id '" + id + "' is blank");
        }
        String customer = "customer '" + TrackerStateCodec.quoted(id) + "'";
        if (c.current >= stages || c.highest >= stages) {
            throw malformed(customer + " is in stage index " + c.current + " and was furthest in stage index "
                    + c.highest + " but template '" + step.template().name() + "' has " + stages + " stages");
        }
        if (c.visits == 0) {
            throw malformed(customer + " has no stays; every customer has at least one");
        }
        for (int v = 0; v < c.visits; v++) {
            int stage = c.stageOf(v);
            int rule = c.ruleOf(v);
            if (stage >= stages) {
                throw malformed("stay " + v + " of " + customer + " is in stage index " + stage + " but template '"
                        + step.template().name() + "' has " + stages + " stages");
            }
            if (v == 0 ? rule != PackedStages.NO_RULE : rule < 0 || rule >= rules.size()) {
                throw malformed("stay " + v + " of " + customer + " was entered by rule index " + rule + " but "
                        + (v == 0
                                ? "the first stay has no rule"
                                : "template '" + step.template().name() + "' has " + rules.size() + " rules"));
            }
            if (v > 0) {
                TransitionRule by = rules.get(rule);
                String from = classifier.stageAt(c.stageOf(v - 1)).id();
                String to = classifier.stageAt(stage).id();
                if (!by.from().contains(from) || !by.to().equals(to)) {
                    throw malformed("stay " + v + " of " + customer + " moves from '" + from + "' to '" + to
                            + "' by rule '" + by.id() + "', which leads from " + by.from() + " to '" + by.to() + "'");
                }
                if (c.entered[v] < c.entered[v - 1]) {
                    throw malformed("the stays of " + customer + " are not in time order");
                }
            }
        }
        if (c.stageOf(c.visits - 1) != c.current) {
            throw malformed(
                    customer + " is in stage '" + classifier.stageAt(c.current).id() + "' but the last stay is in '"
                            + classifier.stageAt(c.stageOf(c.visits - 1)).id() + "'");
        }
        if (c.evaluatedAt < c.entered[c.visits - 1]) {
            throw malformed("the time of " + customer + " is before their last stay began");
        }
        return new TrackedCustomer(
                checkedProfile(c.profile, customer),
                c.current,
                c.highest,
                c.evaluatedAt,
                Arrays.copyOf(c.entered, c.visits),
                Arrays.copyOf(c.stageAndRule, c.visits));
    }

    /** The profile as a builder would check it: counts not negative, an NPS score of 0 to 10, facts that agree. */
    private static CustomerProfile checkedProfile(CustomerProfile p, String customer) {
        for (EventType type : EventType.values()) {
            if (p.counts[type.ordinal()] < 0) {
                throw malformed("the " + type + " count of " + customer + " is negative");
            }
        }
        p.customCounts.forEach((name, count) -> {
            if (count < 0) {
                throw malformed("the count of custom events '" + TrackerStateCodec.quoted(name) + "' of " + customer
                        + " is negative");
            }
        });
        try {
            if (p.lastNpsScore >= 0) {
                Checks.npsScore(p.lastNpsScore, "NPS score");
            }
            p.customCounts.keySet().forEach(name -> Checks.id(name, "custom type"));
            p.attributes.forEach((name, value) -> {
                Checks.id(name, "attribute name");
                Checks.finite(value, "attribute '" + name + "'");
            });
            return ProfileFacts.of(p).toCheckedProfile();
        } catch (IllegalArgumentException e) {
            throw malformed("the profile of " + customer + " is invalid: " + e.getMessage());
        }
    }

    private static IllegalArgumentException malformed(String problem) {
        return new IllegalArgumentException("malformed " + WHAT + ": " + problem);
    }
}
