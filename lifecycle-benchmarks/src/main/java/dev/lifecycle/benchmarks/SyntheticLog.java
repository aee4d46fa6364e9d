package dev.lifecycle.benchmarks;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.RandomAccess;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * A deterministic synthetic event log in the shape of the CDNOW purchase history, scaled to any number of customers,
 * with the visits, product views, cart additions, sign-ups, referrals and NPS answers that populate every stage of the
 * five-stage template. Stored column-wise (about 25 bytes per event); {@link #events()} and {@link #profiles()} turn
 * it into library objects.
 *
 * <p>Customers are generated in blocks of {@value #BLOCK}, block {@code b} from a {@link SplittableRandom} seeded with
 * {@code seed + b * 0x9E3779B97F4A7C15}, so blocks can be generated in parallel and the log depends only on the seed
 * and the customer count. Per customer:
 *
 * <ul>
 *   <li>first seen on a uniformly drawn day of the 546 days from 1997-01-01 (CDNOW's window), at a uniform second;
 *   <li>{@value #BUYER_PERCENT}% are buyers: the number of orders is drawn from CDNOW's orders per customer, the first
 *       order lies up to 14 days after first seen, each later one a gap drawn from CDNOW's gaps between consecutive
 *       orders (in days, plus a uniform part of a day) after the one before; orders at or after {@link #AS_OF} are
 *       cut, as CDNOW's own window cuts them. Each order is a session: a site visit 30 to 60 minutes before, one to
 *       three product views, a cart addition 5 minutes before, and the purchase with an amount drawn from CDNOW's order
 *       amounts. Every buyer visits when first seen, so a buyer whose first order would fall after the window still has
 *       an event. 30% of repeat buyers and 5% of one-time buyers refer someone within 30 days of their last order; 35%
 *       of buyers answer an NPS survey 3 to 7 days after one of their orders; 30% sign up; zero to two more browsing
 *       visits, half with a product view, fall anywhere between first seen and {@link #AS_OF};
 *   <li>the others never buy: 60% of them browse (one to three visits with one to three product views each, 30% sign
 *       up), 40% only visit (one to three visits and nothing else).
 * </ul>
 *
 * <p>Every event lies before {@link #AS_OF}. Immutable.
 */
public final class SyntheticLog {
    /** The instant the benchmarks classify at: the end of CDNOW's window. */
    public static final Instant AS_OF = Instant.parse("1998-07-01T00:00:00Z");

    /** The seed the benchmarks use. */
    public static final long DEFAULT_SEED = 20_260_601L;

    /** Changes whenever the generator does, so that caches of older data are not used. */
    static final int GENERATOR_VERSION = 2;

    /** Customers per block; each block has its own random source, so blocks are generated in parallel. */
    static final int BLOCK = 16_384;

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    static final int BUYER_PERCENT = 62;
    static final Instant START = Instant.parse("1997-01-01T00:00:00Z");
    static final Currency USD = Currency.getInstance("USD");

    private static final EventType[] TYPES = EventType.values();
    private static final long DAY = 86_400L;
    private static final int WINDOW_DAYS = Math.toIntExact((AS_OF.getEpochSecond() - START.getEpochSecond()) / DAY);
    /** Weights of the NPS scores 0 to 10 in percent: 54% promoters, 30% passives, 16% detractors. */
    private static final int[] NPS_WEIGHTS = {2, 1, 1, 2, 2, 3, 5, 10, 20, 22, 32};

    private final int customers;
    private final long seed;
    private final String[] customerIds;
    /** Index of each customer's first event; customer c owns events {@code start[c]} to {@code start[c + 1] - 1}. */
    private final int[] start;

    private final byte[] type;
    private final long[] epochSecond;
    /** Amount in cents for purchases, -1 for other events. */
    private final int[] amountCents;
    /** Score for NPS answers, -1 for other events. */
    private final byte[] npsScore;

    private SyntheticLog(int customers, long seed, List<Columns> blocks) {
        this.customers = customers;
        this.seed = seed;
        this.customerIds = new String[customers];
        for (int c = 0; c < customers; c++) {
            customerIds[c] = customerId(c);
        }
        int size = blocks.stream().mapToInt(b -> b.size).sum();
        this.start = new int[customers + 1];
        this.type = new byte[size];
        this.epochSecond = new long[size];
        this.amountCents = new int[size];
        this.npsScore = new byte[size];
        int c = 0;
        int offset = 0;
        for (Columns block : blocks) {
            for (int i = 0; i < block.customers; i++) {
                start[c++] = offset + block.starts[i];
            }
            System.arraycopy(block.type, 0, type, offset, block.size);
            System.arraycopy(block.epochSecond, 0, epochSecond, offset, block.size);
            System.arraycopy(block.amountCents, 0, amountCents, offset, block.size);
            System.arraycopy(block.npsScore, 0, npsScore, offset, block.size);
            offset += block.size;
        }
        start[customers] = offset;
    }

    /**
     * Generates the log of {@code customers} customers from a seed, in the shape of the bundled CDNOW data.
     *
     * @param customers how many customers, at least 1
     * @param seed the seed; the same seed and count give the same log
     * @return the log
     * @throws IllegalArgumentException if {@code customers} is less than 1
     */
    public static SyntheticLog generate(int customers, long seed) {
        return generate(customers, seed, CdnowShape.bundled());
    }

    static SyntheticLog generate(int customers, long seed, CdnowShape shape) {
        if (customers < 1) {
            throw new IllegalArgumentException("customers must be at least 1 but was " + customers);
        }
        int[] orders = shape.ordersPerCustomer();
        int[] gaps = shape.gapDays();
        int[] amounts = shape.amountCents();
        int blocks = (customers + BLOCK - 1) / BLOCK;
        List<Columns> generated = IntStream.range(0, blocks)
                .parallel()
                .mapToObj(block -> generateBlock(
                        block * BLOCK,
                        Math.min(customers, (block + 1) * BLOCK),
                        new SplittableRandom(seed + block * GOLDEN_GAMMA),
                        orders,
                        gaps,
                        amounts))
                .toList();
        return new SyntheticLog(customers, seed, generated);
    }

    /** Generates customers {@code from} (inclusive) to {@code to} (exclusive) with their own random source. */
    private static Columns generateBlock(
            int from, int to, SplittableRandom random, int[] orders, int[] gaps, int[] amounts) {
        Columns out = new Columns(to - from);
        long windowStart = START.getEpochSecond();
        long asOf = AS_OF.getEpochSecond();
        long[] orderTimes = new long[64];
        for (int c = 0; c < to - from; c++) {
            out.startCustomer(c);
            long firstSeen = windowStart + random.nextInt(WINDOW_DAYS) * DAY + random.nextInt((int) DAY);
            if (random.nextInt(100) < BUYER_PERCENT) {
                out.add(EventType.SITE_VISIT, firstSeen);
                int wanted = orders[random.nextInt(orders.length)];
                if (orderTimes.length < wanted) {
                    orderTimes = new long[wanted];
                }
                int placed = 0;
                long at = firstSeen + random.nextInt(14 * (int) DAY);
                for (int i = 0; i < wanted; i++) {
                    if (i > 0) {
                        at += gaps[random.nextInt(gaps.length)] * DAY + random.nextInt((int) DAY);
                    }
                    if (at >= asOf) {
                        break;
                    }
                    orderTimes[placed++] = at;
                    long visit = at - 1_800 - random.nextInt(1_800);
                    out.add(EventType.SITE_VISIT, visit);
                    int views = 1 + random.nextInt(3);
                    for (int v = 0; v < views; v++) {
                        out.add(EventType.PRODUCT_VIEW, visit + 60 + 300L * v);
                    }
                    out.add(EventType.CART_ADD, at - 300);
                    out.addPurchase(at, amounts[random.nextInt(amounts.length)]);
                }
                long lastOrder = placed > 0 ? orderTimes[placed - 1] : firstSeen;
                int referralPercent = placed >= 2 ? 30 : 5;
                if (placed > 0 && random.nextInt(100) < referralPercent) {
                    out.addIfBefore(EventType.REFERRAL, lastOrder + random.nextInt(30 * (int) DAY), asOf);
                }
                if (placed > 0 && random.nextInt(100) < 35) {
                    long answered = orderTimes[random.nextInt(placed)] + 3 * DAY + random.nextInt(4 * (int) DAY);
                    if (answered < asOf) {
                        out.addNps(answered, npsScore(random));
                    }
                }
                if (random.nextInt(100) < 30) {
                    out.add(EventType.SIGN_UP, firstSeen);
                }
                int browsing = random.nextInt(3);
                for (int b = 0; b < browsing; b++) {
                    long visit = firstSeen + (long) (random.nextDouble() * (asOf - firstSeen));
                    out.add(EventType.SITE_VISIT, visit);
                    if (random.nextBoolean()) {
                        out.addIfBefore(EventType.PRODUCT_VIEW, visit + 120, asOf);
                    }
                }
            } else {
                boolean browses = random.nextInt(100) < 60;
                int visits = 1 + random.nextInt(3);
                for (int v = 0; v < visits; v++) {
                    long visit = v == 0 ? firstSeen : firstSeen + (long) (random.nextDouble() * (asOf - firstSeen));
                    out.add(EventType.SITE_VISIT, visit);
                    if (browses) {
                        int views = 1 + random.nextInt(3);
                        for (int i = 0; i < views; i++) {
                            out.addIfBefore(EventType.PRODUCT_VIEW, visit + 60 + 240L * i, asOf);
                        }
                    }
                }
                if (browses && random.nextInt(100) < 30) {
                    out.add(EventType.SIGN_UP, firstSeen);
                }
            }
        }
        return out;
    }

    private static int npsScore(SplittableRandom random) {
        int draw = random.nextInt(100);
        int score = 0;
        while (draw >= NPS_WEIGHTS[score]) {
            draw -= NPS_WEIGHTS[score];
            score++;
        }
        return score;
    }

    /** {@return the id of the customer with the given index} */
    static String customerId(int index) {
        return "c" + index;
    }

    /** {@return the number of customers} */
    public int customerCount() {
        return customers;
    }

    /** {@return the seed the log was generated from} */
    public long seed() {
        return seed;
    }

    /** {@return the number of events} */
    public int eventCount() {
        return type.length;
    }

    /** {@return the id of customer {@code c}, the same String instance on every call} */
    String customerIdAt(int c) {
        return customerIds[c];
    }

    /** {@return index of the first event of customer {@code c}; {@code c = customerCount()} gives the event count} */
    int firstEventOf(int c) {
        return start[c];
    }

    EventType typeAt(int event) {
        return TYPES[type[event]];
    }

    long epochSecondAt(int event) {
        return epochSecond[event];
    }

    /** {@return the amount of a purchase in cents, -1 for other events} */
    int amountCentsAt(int event) {
        return amountCents[event];
    }

    /** {@return the score of an NPS answer, -1 for other events} */
    int npsScoreAt(int event) {
        return npsScore[event];
    }

    /** {@return the number of events of each type, indexed by ordinal} */
    long[] countsByType() {
        long[] counts = new long[TYPES.length];
        for (byte t : type) {
            counts[t]++;
        }
        return counts;
    }

    /**
     * Builds event {@code i} as a library event; its id is {@code "e" + i}, so the same log always gives equal events.
     */
    CustomerEvent event(int i, String customerId) {
        EventType t = TYPES[type[i]];
        CustomerEvent.Builder builder = CustomerEvent.builder(customerId, t, Instant.ofEpochSecond(epochSecond[i]))
                .eventId("e" + i);
        if (t == EventType.PURCHASE) {
            builder.amount(new Money(BigDecimal.valueOf(amountCents[i], 2), USD));
        } else if (t == EventType.NPS_ANSWER) {
            builder.npsScore(npsScore[i]);
        }
        return builder.build();
    }

    /**
     * Returns the order in which the events happened: event indexes sorted by timestamp, ties by index. This is the
     * order of {@link #eventsInTimeOrder()} and of the {@code seq} column of the DuckDB table.
     *
     * @return a new array of all event indexes
     */
    int[] timeOrder() {
        long first = START.getEpochSecond();
        long[] keys = new long[type.length];
        for (int i = 0; i < keys.length; i++) {
            // 26 bits of seconds since START cover the window; 37 bits of index cover any log that fits in an array.
            keys[i] = (epochSecond[i] - first) << 37 | i;
        }
        Arrays.parallelSort(keys);
        int[] order = new int[keys.length];
        long mask = (1L << 37) - 1;
        for (int i = 0; i < keys.length; i++) {
            order[i] = (int) (keys[i] & mask);
        }
        return order;
    }

    /**
     * Returns every event as a library event in the order they happened, as a raw event log arrives. The events are
     * made in that order too, as a reader of the log would make them, so they lie in memory in log order (made per
     * customer and only then put in time order, each event read would be a cache miss that no reader of a real log
     * pays). A customer's events share one id object, as a reader that interns ids would give. Holding them costs
     * about 150 bytes per event.
     *
     * @return a new random-access list
     */
    public List<CustomerEvent> eventsInTimeOrder() {
        int[] order = timeOrder();
        int[] customerOf = customerOfEvents();
        CustomerEvent[] all = new CustomerEvent[type.length];
        int chunk = 1 << 16;
        IntStream.range(0, (order.length + chunk - 1) / chunk).parallel().forEach(block -> {
            int end = Math.min(order.length, (block + 1) * chunk);
            for (int p = block * chunk; p < end; p++) {
                int i = order[p];
                all[p] = event(i, customerIds[customerOf[i]]);
            }
        });
        return new Unmodifiable<>(all);
    }

    /** {@return the customer index of every event, by event index} */
    int[] customerOfEvents() {
        int[] customerOf = new int[type.length];
        for (int c = 0; c < customers; c++) {
            Arrays.fill(customerOf, start[c], start[c + 1], c);
        }
        return customerOf;
    }

    /**
     * Returns every event as an {@link EventBatch} in the order they happened (the order of {@link
     * #eventsInTimeOrder()}, row {@code r} there is row {@code r} here), built through the builder's primitive methods
     * column by column: each customer id is resolved to its code once, when the log first meets the customer (so codes
     * follow first appearance, as a reader numbering ids gives them), and every event after that is added by code.
     * The batch carries no event ids: nothing the workloads compute reads them.
     *
     * @return the batch
     */
    public EventBatch batchInTimeOrder() {
        int[] order = timeOrder();
        int[] customerOf = customerOfEvents();
        int[] code = new int[customers];
        Arrays.fill(code, -1);
        EventBatch.Builder batch = new EventBatch.Builder(order.length);
        for (int i : order) {
            int c = customerOf[i];
            int k = code[c];
            if (k < 0) {
                k = batch.customer(customerIds[c]);
                code[c] = k;
            }
            EventType t = TYPES[type[i]];
            if (t == EventType.PURCHASE) {
                batch.purchase(k, epochSecond[i], 0, amountCents[i], USD);
            } else if (t == EventType.NPS_ANSWER) {
                batch.npsAnswer(k, epochSecond[i], 0, npsScore[i]);
            } else {
                batch.add(k, t, epochSecond[i], 0);
            }
        }
        return batch.build();
    }

    /**
     * Writes the events a CSV row can carry to a file in the order they happened, with the header of the library's
     * default mapping ({@code customer_id,timestamp,type,amount}; {@code EventMapping.defaults()} in lifecycle-io):
     * the customer id, the instant as an ISO-8601 instant in UTC ({@code 1997-03-04T10:15:30Z}), the {@link
     * EventType} name, and a purchase's amount in dollars with two decimals (empty for other events). NPS answers are
     * left out: the default mapping has no score column, its reader refuses them, and no five-stage condition reads
     * them.
     *
     * @param file the file to write, replaced if it exists
     * @return the number of rows written (the events but the NPS answers)
     * @throws IOException if the file cannot be written
     */
    public long writeCsv(Path file) throws IOException {
        int[] order = timeOrder();
        int[] customerOf = customerOfEvents();
        long rows = 0;
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("customer_id,timestamp,type,amount\n");
            StringBuilder line = new StringBuilder(64);
            for (int i : order) {
                EventType t = TYPES[type[i]];
                if (t == EventType.NPS_ANSWER) {
                    continue;
                }
                line.setLength(0);
                line.append(customerIds[customerOf[i]])
                        .append(',')
                        .append(Instant.ofEpochSecond(epochSecond[i]))
                        .append(',')
                        .append(t.name())
                        .append(',');
                if (t == EventType.PURCHASE) {
                    int cents = amountCents[i];
                    line.append(cents / 100)
                            .append('.')
                            .append(cents % 100 < 10 ? "0" : "")
                            .append(cents % 100);
                }
                out.append(line).append('\n');
                rows++;
            }
        }
        return rows;
    }

    /**
     * Returns every event as a library event, grouped by customer.
     *
     * @return a new random-access list
     */
    public List<CustomerEvent> events() {
        CustomerEvent[] all = new CustomerEvent[type.length];
        inParallel(c -> {
            String id = customerIds[c];
            for (int i = start[c]; i < start[c + 1]; i++) {
                all[i] = event(i, id);
            }
        });
        return new Unmodifiable<>(all);
    }

    /**
     * Folds each customer's events into a profile with {@link CustomerProfile.Accumulator}; the events are built one
     * customer at a time and not kept.
     *
     * @return one profile per customer, in customer order
     */
    public List<CustomerProfile> profiles() {
        CustomerProfile[] profiles = new CustomerProfile[customers];
        inParallel(c -> {
            String id = customerIds[c];
            CustomerProfile.Accumulator accumulator = CustomerProfile.accumulator(id);
            for (int i = start[c]; i < start[c + 1]; i++) {
                accumulator.add(event(i, id));
            }
            profiles[c] = accumulator.toProfile();
        });
        return new Unmodifiable<>(profiles);
    }

    /** Runs {@code perCustomer} for every customer, on as many threads as there are processors (setup only). */
    private void inParallel(IntConsumer perCustomer) {
        IntStream.range(0, customers).parallel().forEach(perCustomer);
    }

    @Override
    public String toString() {
        return "SyntheticLog{customers=" + customers + ", events=" + type.length + ", seed=" + seed + "}";
    }

    /** A fixed-size list over an array the caller gave up. */
    private static final class Unmodifiable<T> extends AbstractList<T> implements RandomAccess {
        private final T[] items;

        Unmodifiable(T[] items) {
            this.items = items;
        }

        @Override
        public T get(int index) {
            return items[index];
        }

        @Override
        public int size() {
            return items.length;
        }
    }

    /** Growable columns the generator appends to, for one block of customers. */
    private static final class Columns {
        final int customers;
        final int[] starts;
        byte[] type = new byte[1 << 16];
        long[] epochSecond = new long[1 << 16];
        int[] amountCents = new int[1 << 16];
        byte[] npsScore = new byte[1 << 16];
        int size;

        Columns(int customers) {
            this.customers = customers;
            this.starts = new int[customers];
        }

        void startCustomer(int c) {
            starts[c] = size;
        }

        void add(EventType t, long second) {
            append(t, second, -1, -1);
        }

        void addIfBefore(EventType t, long second, long limit) {
            if (second < limit) {
                add(t, second);
            }
        }

        void addPurchase(long second, int cents) {
            append(EventType.PURCHASE, second, cents, -1);
        }

        void addNps(long second, int score) {
            append(EventType.NPS_ANSWER, second, -1, score);
        }

        private void append(EventType t, long second, int cents, int score) {
            if (size == type.length) {
                int capacity = size + (size >> 1);
                type = Arrays.copyOf(type, capacity);
                epochSecond = Arrays.copyOf(epochSecond, capacity);
                amountCents = Arrays.copyOf(amountCents, capacity);
                npsScore = Arrays.copyOf(npsScore, capacity);
            }
            type[size] = (byte) t.ordinal();
            epochSecond[size] = second;
            amountCents[size] = cents;
            npsScore[size] = (byte) score;
            size++;
        }
    }
}
