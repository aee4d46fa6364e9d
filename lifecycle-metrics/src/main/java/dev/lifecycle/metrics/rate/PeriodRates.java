package dev.lifecycle.metrics.rate;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.LifecycleTracker;
import dev.lifecycle.core.Money;
import dev.lifecycle.core.StageVisit;
import dev.lifecycle.metrics.internal.BatchScan;
import dev.lifecycle.metrics.internal.PeriodBound;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Lifecycle rates over a period {@code [start, end)} computed from customer events and a template.
 *
 * <p>Definitions: {@code docs/metrics.md}, "Rates over a period". A "customer at t" is someone with at least one
 * {@link EventType#PURCHASE} before {@code t}; "classified at t" means {@link LifecycleClassifier#classify} of {@link
 * CustomerProfile#fromEvents} over that customer's events with timestamp before {@code t}, at {@code t}; "churned at
 * t" means in one of the template's churn stages ({@link LifecycleTemplate#churnStages()}, such as {@code lapsed})
 * when classified at {@code t}; "active at t" means a customer at {@code t} not churned at {@code t}. A customer in a
 * side stage that is not a churn stage, such as {@code vip}, is active.
 *
 * <ul>
 *   <li>S, customers at start: customers active at {@code start}.
 *   <li>lost: customers of S who are in a churn stage at some instant of the period, also those won back before
 *       {@code end}: who enter a churn stage at an instant in {@code [start, end)}, or are churned at {@code end}. The
 *       instants come from the customer's stage history as a {@link LifecycleTracker} fed all events before the last
 *       period's end records it, so a time-based lapse (no purchase for 180 days) counts at the nanosecond it
 *       happens. A lapse exactly at {@code start} shows in the classification at {@code start}: that customer is not
 *       in S. A lapse exactly at {@code end} shows in the classification at {@code end}: that customer is lost in this
 *       period and is not in the next period's S. Customers outside S who lapse (churned at the start, or new) are not
 *       lost: churn is a share of S.
 *   <li>won back: customers active at {@code end} who were customers at {@code start} and either churned at {@code
 *       start} or lost during the period.
 *   <li>N, new customers acquired: customers whose first purchase ever lies in {@code [start, end)}; of them, those
 *       churned at {@code end} are the new customers not active at the end.
 *   <li>E, customers at end: customers active at {@code end}, counted (never derived). The counts add up exactly:
 *       {@code E = S - lost + wonBack + N - newNotActiveAtEnd}, and the E of a period is the S of the period starting
 *       at its end.
 *   <li>churn rate: lost / S, in [0, 1].
 *   <li>customer retention rate: {@code (E - N) / S}, a {@link Ratio} since it may exceed 1 when customers churned at
 *       the start are won back. New customers who are no longer active at {@code end} are in N but not in E; they are
 *       not subtracted, so the numerator is the customers active at {@code end} who are not new ({@code S - lost +
 *       wonBack}) and is never negative. Churn and retention need not add up to 1.
 *   <li>repeat purchase rate: customers with two or more purchases in {@code [start, end)} / customers with one or
 *       more purchases in {@code [start, end)}.
 *   <li>referral rate: customers at {@code end} with one or more {@link EventType#REFERRAL} in {@code [start, end)} /
 *       customers at {@code end}.
 *   <li>conversion (acquisition) rate: leads whose first purchase ever lies in {@code [start, end)} / leads, where a
 *       lead is a customer with one or more {@link EventType#SITE_VISIT} in {@code [start, end)}.
 *   <li>email rates, counted per customer since events carry no message id: with "reached" the customers with one or
 *       more {@link EventType#EMAIL_DELIVERED} in the period, open rate = reached customers who opened one or more
 *       emails in the period / reached; click-through rate = reached customers who clicked / reached; click-to-open
 *       rate = reached customers who both opened and clicked / reached customers who opened.
 * </ul>
 *
 * <ul>
 *   <li>purchase frequency: purchases in {@code [start, end)} / customers with one or more of them.
 *   <li>average order value: the sum of the amounts of the purchases in {@code [start, end)} that carry one / their
 *       number; empty when none carries an amount. Amounts in more than one currency are rejected.
 * </ul>
 *
 * <p>Churn needs to know which stages count as churn, so a template that declares none is refused (with a message
 * saying how to declare one) rather than reported as having no churn; {@link LifecycleTemplate#churnStages()} tells
 * beforehand. The upsell rate needs to know which orders were offered an upsell, which events do not say; compute it
 * from counts with {@link LifecycleRates#upsellRate(long, long)}.
 *
 * <p>Events at or after {@code end} are ignored. With no customers every rate is undefined. {@link #quarterly} computes
 * the rates of consecutive calendar quarters, at most 1,200 of them. Instances are immutable and thread-safe.
 */
public final class PeriodRates {
    private final Instant start;
    private final Instant end;
    private final long customersAtStart;
    private final long lostCustomers;
    private final long wonBackCustomers;
    private final long newCustomers;
    private final long customersAtEnd;
    private final long newCustomersActiveAtEnd;
    private final Rate repeatPurchaseRate;
    private final Rate referralRate;
    private final Rate conversionRate;
    private final Rate emailOpenRate;
    private final Rate clickThroughRate;
    private final Rate clickToOpenRate;
    private final Ratio purchaseFrequency;
    private final @Nullable MoneyPerUnit averageOrderValue;

    private PeriodRates(
            Instant start,
            Instant end,
            long customersAtStart,
            long lostCustomers,
            long wonBackCustomers,
            long newCustomers,
            long customersAtEnd,
            long newCustomersActiveAtEnd,
            Rate repeatPurchaseRate,
            Rate referralRate,
            Rate[] funnelRates,
            Ratio purchaseFrequency,
            @Nullable MoneyPerUnit averageOrderValue) {
        this.start = start;
        this.end = end;
        this.customersAtStart = customersAtStart;
        this.lostCustomers = lostCustomers;
        this.wonBackCustomers = wonBackCustomers;
        this.newCustomers = newCustomers;
        this.customersAtEnd = customersAtEnd;
        this.newCustomersActiveAtEnd = newCustomersActiveAtEnd;
        this.repeatPurchaseRate = repeatPurchaseRate;
        this.referralRate = referralRate;
        this.conversionRate = funnelRates[0];
        this.emailOpenRate = funnelRates[1];
        this.clickThroughRate = funnelRates[2];
        this.clickToOpenRate = funnelRates[3];
        this.purchaseFrequency = purchaseFrequency;
        this.averageOrderValue = averageOrderValue;
    }

    /**
     * Computes the rates of the period from events, as the class documentation defines them.
     *
     * @param template the template whose classifier, rules and churn stages decide who is active and who is lost
     * @param events the events of any number of customers, in any order
     * @param start the start of the period, inclusive
     * @param end the end of the period, exclusive
     * @return the rates
     * @throws NullPointerException if an argument or an event is null
     * @throws IllegalArgumentException if the template declares no churn stage, {@code end} is not after {@code
     *     start}, an event before {@code end} or {@code end} lies outside the years 1678 to 2261 (the range of the
     *     tracker that records stage histories), or purchase amounts in the period are in more than one currency
     */
    public static PeriodRates compute(
            LifecycleTemplate template, Iterable<CustomerEvent> events, Instant start, Instant end) {
        requireNonNull(template, "template");
        requireNonNull(events, "events");
        requireNonNull(start, "start");
        requireNonNull(end, "end");
        checkChurnMeasurable(template);
        checkPeriod(start, end);
        return ofObjects(template, events, new Instant[] {start, end}).get(0);
    }

    /**
     * Computes the rates of the period from the events of an event batch, on as many threads as the common fork-join
     * pool runs: see {@link #compute(LifecycleTemplate, EventBatch, Instant, Instant, int)}.
     *
     * @param template the template whose classifier, rules and churn stages decide who is active and who is lost
     * @param batch the events of any number of customers
     * @param start the start of the period, inclusive
     * @param end the end of the period, exclusive
     * @return the rates
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException as {@link #compute(LifecycleTemplate, Iterable, Instant, Instant)}
     */
    public static PeriodRates compute(LifecycleTemplate template, EventBatch batch, Instant start, Instant end) {
        return compute(template, batch, start, end, BatchScan.defaultThreads());
    }

    /**
     * Computes the rates of the period from the events of an event batch, read from its columns: the same rates as
     * {@link #compute(LifecycleTemplate, Iterable, Instant, Instant)} over {@link EventBatch#events()}.
     *
     * <p>The customers are split into {@code threads} ranges of codes (no more than there are customers), run on the
     * common fork-join pool with the calling thread taking part; each range reads the batch's columns and keeps its
     * customers' counts in primitive arrays. Who is churned at {@code start} and at {@code end} comes from {@link
     * LifecycleClassifier#classifyEach(EventBatch, Instant, int)} of the rows before each instant ({@link
     * EventBatch#upTo}), on the same threads. Only the customers whose stage history decides whether they are lost
     * (active at {@code start} and at {@code end}) are replayed through a {@link LifecycleTracker}, one per range,
     * from their rows as event objects; no other row becomes an object. When such a customer has two rows with one
     * event id (which the tracker drops as duplicates depending on the other customers' events), every row before
     * {@code end} is replayed through one tracker, as the object path does. Amounts are summed in minor units. With
     * {@code threads = 1} everything runs on the calling thread.
     *
     * <p>A batch whose amounts before {@code end} are in more than one currency, or whose revenue in the period reaches
     * the bound of {@link Money}, is read as objects ({@link EventBatch#events()}, on the calling thread), so that it is
     * refused, or answered, exactly as the object path does.
     *
     * @param template the template whose classifier, rules and churn stages decide who is active and who is lost
     * @param batch the events of any number of customers
     * @param start the start of the period, inclusive
     * @param end the end of the period, exclusive
     * @param threads the number of threads, 1 or more
     * @return the rates
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code threads} is below 1, or as {@link #compute(LifecycleTemplate,
     *     Iterable, Instant, Instant)}
     */
    public static PeriodRates compute(
            LifecycleTemplate template, EventBatch batch, Instant start, Instant end, int threads) {
        requireNonNull(template, "template");
        requireNonNull(batch, "batch");
        requireNonNull(start, "start");
        requireNonNull(end, "end");
        BatchScan.checkThreads(threads);
        checkChurnMeasurable(template);
        checkPeriod(start, end);
        return BatchRates.of(template, batch, new Instant[] {start, end}, threads)
                .get(0);
    }

    /**
     * Computes the rates of consecutive calendar quarters (UTC): from the quarter that contains {@code from} to the
     * last quarter that ends at or before {@code to}, one {@link #compute} result per quarter, in order.
     *
     * <p>At most 1,200 quarters are supported (the bound of every period table); a longer span is rejected before any
     * per-quarter work, so the check is instant however far apart the instants are.
     *
     * @param template the template whose classifier, rules and churn stages decide who is active and who is lost
     * @param events the events of any number of customers, in any order
     * @param from an instant in the first quarter
     * @param to the instant the last quarter must have ended by
     * @return the rates of each quarter, oldest first, each quarter's E the next one's S; empty when no quarter ends by
     *     {@code to}
     * @throws NullPointerException if an argument or an event is null
     * @throws IllegalArgumentException if the template declares no churn stage, {@code from} or {@code to} is outside
     *     the range of dates, the span has more than 1,200 quarters, the last quarter's end or an event before it lies
     *     outside the years 1678 to 2261 (the range of the tracker that records stage histories), or purchase amounts
     *     within a quarter are in more than one currency
     */
    public static List<PeriodRates> quarterly(
            LifecycleTemplate template, Iterable<CustomerEvent> events, Instant from, Instant to) {
        requireNonNull(template, "template");
        requireNonNull(events, "events");
        checkChurnMeasurable(template);
        Instant[] bounds = quarterBounds(from, to);
        return bounds.length == 0 ? List.of() : ofObjects(template, events, bounds);
    }

    /**
     * Computes the rates of consecutive calendar quarters (UTC) from the events of an event batch, on as many threads
     * as the common fork-join pool runs: see {@link #quarterly(LifecycleTemplate, EventBatch, Instant, Instant, int)}.
     *
     * @param template the template whose classifier, rules and churn stages decide who is active and who is lost
     * @param batch the events of any number of customers
     * @param from an instant in the first quarter
     * @param to the instant the last quarter must have ended by
     * @return the rates of each quarter, oldest first; empty when no quarter ends by {@code to}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException as {@link #quarterly(LifecycleTemplate, Iterable, Instant, Instant)}
     */
    public static List<PeriodRates> quarterly(LifecycleTemplate template, EventBatch batch, Instant from, Instant to) {
        return quarterly(template, batch, from, to, BatchScan.defaultThreads());
    }

    /**
     * Computes the rates of consecutive calendar quarters (UTC) from the events of an event batch, read from its
     * columns as {@link #compute(LifecycleTemplate, EventBatch, Instant, Instant, int)} reads them: the same rates as
     * {@link #quarterly(LifecycleTemplate, Iterable, Instant, Instant)} over {@link EventBatch#events()}. Customers
     * are classified once at each quarter's bound, and a customer is replayed through a tracker (once, up to the last
     * quarter's end) only when active at both bounds of some quarter.
     *
     * @param template the template whose classifier, rules and churn stages decide who is active and who is lost
     * @param batch the events of any number of customers
     * @param from an instant in the first quarter
     * @param to the instant the last quarter must have ended by
     * @param threads the number of threads, 1 or more
     * @return the rates of each quarter, oldest first, each quarter's E the next one's S; empty when no quarter ends by
     *     {@code to}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code threads} is below 1, or as {@link #quarterly(LifecycleTemplate,
     *     Iterable, Instant, Instant)}
     */
    public static List<PeriodRates> quarterly(
            LifecycleTemplate template, EventBatch batch, Instant from, Instant to, int threads) {
        requireNonNull(template, "template");
        requireNonNull(batch, "batch");
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        BatchScan.checkThreads(threads);
        checkChurnMeasurable(template);
        Instant[] bounds = quarterBounds(from, to);
        return bounds.length == 0 ? List.of() : BatchRates.of(template, batch, bounds, threads);
    }

    /**
     * Returns the bounds of the calendar quarters from the one that contains {@code from} to the last that ends at or
     * before {@code to}: quarter {@code q} is {@code [bounds[q], bounds[q + 1])}; no bound when no quarter ends by
     * {@code to}. Checks the bound on periods before making any.
     */
    private static Instant[] quarterBounds(Instant from, Instant to) {
        LocalDate first = quarterStart(date(requireNonNull(from, "from"), "from"));
        LocalDate toDate = date(requireNonNull(to, "to"), "to");
        LocalDate pastLast = quarterStart(toDate);
        long quarters = Math.max(0, ChronoUnit.MONTHS.between(first, pastLast) / 3);
        PeriodBound.check(quarters, "quarters", first, toDate);
        if (quarters == 0) {
            return new Instant[0];
        }
        Instant[] bounds = new Instant[(int) quarters + 1];
        for (int q = 0; q < bounds.length; q++) {
            bounds[q] = instant(first.plusMonths(3L * q));
        }
        return bounds;
    }

    /**
     * The object path: the rates of the periods {@code [bounds[p], bounds[p + 1])} from event objects, the stage
     * histories recorded up to the last bound. Also what a batch falls back to when its columns cannot give the
     * object path's answer or error.
     */
    static List<PeriodRates> ofObjects(LifecycleTemplate template, Iterable<CustomerEvent> events, Instant[] bounds) {
        History history = History.of(template, events, bounds[bounds.length - 1]);
        List<PeriodRates> result = new ArrayList<>();
        for (int p = 0; p + 1 < bounds.length; p++) {
            result.add(compute(history, bounds[p], bounds[p + 1]));
            // only the end's answers are asked again, as the next period's start
            history.forgetBefore(bounds[p + 1]);
        }
        return List.copyOf(result);
    }

    private static void checkPeriod(Instant start, Instant end) {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end must be after start " + start + " but was " + end);
        }
    }

    /** Refuses a template without churn stages, on which churn cannot be told from no churn. */
    private static void checkChurnMeasurable(LifecycleTemplate template) {
        if (template.churnStages().isEmpty()) {
            throw new IllegalArgumentException("template '" + template.name() + "' declares no churn stage, so churn"
                    + " and retention cannot be measured on it; mark the side stage churned customers are in as churn"
                    + " (Stage.Builder.churn(true), or churn: true in a template file)");
        }
    }

    private static LocalDate date(Instant instant, String name) {
        try {
            return LocalDate.ofInstant(instant, ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(name + " must be within the range of dates but was " + instant, e);
        }
    }

    private static LocalDate quarterStart(LocalDate day) {
        return LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
    }

    private static Instant instant(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * The events before a horizon, per customer, the instants each customer entered a churn stage, the template's
     * classifier, and the customers' churn answers at the instants asked so far (see {@link #churnedAt}).
     */
    private record History(
            Map<String, List<CustomerEvent>> byCustomer,
            Map<String, List<Instant>> churnEntries,
            LifecycleClassifier classifier,
            Map<Instant, Map<String, Boolean>> churnedAt) {
        static History of(LifecycleTemplate template, Iterable<CustomerEvent> events, Instant horizon) {
            Map<String, List<CustomerEvent>> byCustomer = new LinkedHashMap<>();
            List<CustomerEvent> kept = new ArrayList<>();
            for (CustomerEvent event : events) {
                requireNonNull(event, "event");
                if (event.timestamp().isBefore(horizon)) {
                    byCustomer
                            .computeIfAbsent(event.customerId(), id -> new ArrayList<>())
                            .add(event);
                    kept.add(event);
                }
            }
            LifecycleTracker tracker = LifecycleTracker.builder(template).build();
            tracker.acceptAll(kept);
            tracker.advanceTo(horizon);
            Map<String, List<Instant>> churnEntries = new HashMap<>();
            for (String customerId : byCustomer.keySet()) {
                List<Instant> entered = tracker.history(customerId).stream()
                        .flatMap(h -> h.visits().stream())
                        .filter(v -> v.stage().isChurn())
                        .map(StageVisit::enteredAt)
                        .toList();
                if (!entered.isEmpty()) {
                    churnEntries.put(customerId, entered);
                }
            }
            return new History(byCustomer, churnEntries, LifecycleClassifier.of(template), new HashMap<>());
        }

        /**
         * Tells whether the customer, classified at {@code at} on their events before it, is in a churn stage. The
         * answer is remembered: a quarter's end is the next quarter's start, with the same events before it.
         */
        boolean churnedAt(String customerId, List<CustomerEvent> eventsBefore, Instant at) {
            return churnedAt
                    .computeIfAbsent(at, instant -> new HashMap<>())
                    .computeIfAbsent(
                            customerId,
                            id -> classifier
                                    .classify(CustomerProfile.fromEvents(id, eventsBefore), at)
                                    .stage()
                                    .isChurn());
        }

        /** Forgets the answers at instants before {@code instant}, which later periods do not ask for. */
        void forgetBefore(Instant instant) {
            churnedAt.keySet().removeIf(at -> at.isBefore(instant));
        }

        /** Tells whether the customer entered a churn stage at an instant in {@code [start, end)}. */
        boolean enteredChurnWithin(String customerId, Instant start, Instant end) {
            for (Instant entered : churnEntries.getOrDefault(customerId, List.of())) {
                if (!entered.isBefore(start) && entered.isBefore(end)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static PeriodRates compute(History history, Instant start, Instant end) {
        Tally tally = new Tally();
        HistoryStages stages = new HistoryStages(history, start, end);
        long pricedOrders = 0;
        Money revenue = null;
        for (Map.Entry<String, List<CustomerEvent>> entry : history.byCustomer().entrySet()) {
            List<CustomerEvent> before = new ArrayList<>();
            List<CustomerEvent> inPeriodOrBefore = new ArrayList<>();
            boolean purchasedBefore = false;
            long purchasesIn = 0;
            int flags = 0;
            for (CustomerEvent event : entry.getValue()) {
                if (!event.timestamp().isBefore(end)) {
                    continue;
                }
                inPeriodOrBefore.add(event);
                if (event.timestamp().isBefore(start)) {
                    before.add(event);
                    purchasedBefore |= event.type() == EventType.PURCHASE;
                    continue;
                }
                flags |= Tally.flag(event.type().ordinal());
                if (event.type() == EventType.PURCHASE) {
                    purchasesIn++;
                    Money amount = event.amount().orElse(null);
                    if (amount != null) {
                        if (revenue != null && !revenue.currency().equals(amount.currency())) {
                            throw new IllegalArgumentException("purchase '" + event.eventId() + "' of customer '"
                                    + event.customerId() + "' is in " + amount.currency()
                                    + " but earlier purchases are in " + revenue.currency());
                        }
                        revenue = revenue == null ? amount : revenue.plus(amount);
                        pricedOrders++;
                    }
                }
            }
            stages.customer(entry.getKey(), before, inPeriodOrBefore);
            tally.add(0, purchasedBefore, purchasesIn, flags, stages);
        }
        return tally.rates(start, end, revenue, pricedOrders);
    }

    /** The stage answers of the object path, for the customer whose events the loop over customers holds. */
    private static final class HistoryStages implements Tally.Stages {
        private final History history;
        private final Instant start;
        private final Instant end;
        private String customerId = "";
        private List<CustomerEvent> before = List.of();
        private List<CustomerEvent> inPeriodOrBefore = List.of();

        HistoryStages(History history, Instant start, Instant end) {
            this.history = history;
            this.start = start;
            this.end = end;
        }

        void customer(String id, List<CustomerEvent> eventsBefore, List<CustomerEvent> eventsBeforeEnd) {
            this.customerId = id;
            this.before = eventsBefore;
            this.inPeriodOrBefore = eventsBeforeEnd;
        }

        @Override
        public boolean churnedAtEnd(int customer) {
            return history.churnedAt(customerId, inPeriodOrBefore, end);
        }

        @Override
        public boolean churnedAtStart(int customer) {
            return history.churnedAt(customerId, before, start);
        }

        @Override
        public boolean enteredChurnWithin(int customer) {
            return history.enteredChurnWithin(customerId, start, end);
        }
    }

    /**
     * The counts of one period, added up customer by customer by the rules of the class documentation: the one place
     * of those rules, for event objects and for the columns of a batch ({@link BatchRates}), whose ranges of customers
     * each keep a tally and add them up. Not thread-safe.
     */
    static final class Tally {
        static final int REFERRED = 1;
        static final int VISITED = 2;
        static final int DELIVERED = 4;
        static final int OPENED = 8;
        static final int CLICKED = 16;
        private static final int[] FLAGS = new int[EventType.values().length];

        static {
            FLAGS[EventType.REFERRAL.ordinal()] = REFERRED;
            FLAGS[EventType.SITE_VISIT.ordinal()] = VISITED;
            FLAGS[EventType.EMAIL_DELIVERED.ordinal()] = DELIVERED;
            FLAGS[EventType.EMAIL_OPEN.ordinal()] = OPENED;
            FLAGS[EventType.EMAIL_CLICK.ordinal()] = CLICKED;
        }

        /**
         * A customer's stage answers, asked only when the rules need them (a classification may be costly, or refuse
         * the customer's events): churned at the end (asked of customers at the end), churned at the start (of
         * customers at the start) and entered a churn stage within the period (of those active at both bounds).
         */
        interface Stages {
            boolean churnedAtEnd(int customer);

            boolean churnedAtStart(int customer);

            boolean enteredChurnWithin(int customer);
        }

        private long atStart;
        private long lost;
        private long wonBack;
        private long fresh;
        private long activeAtEnd;
        private long freshActiveAtEnd;
        private long customersAtEnd;
        private long referrers;
        private long buyers;
        private long repeaters;
        private long leads;
        private long convertedLeads;
        private long reached;
        private long opened;
        private long clicked;
        private long openedAndClicked;
        private long ordersInPeriod;

        /** {@return the flag an event of the type sets in the period, 0 for a type the rates do not flag} */
        static int flag(int typeOrdinal) {
            return FLAGS[typeOrdinal];
        }

        /**
         * Adds a customer with an event before the period's end.
         *
         * @param customer the customer's key for {@code stages}
         * @param purchasedBefore whether the customer purchased before the start
         * @param purchasesIn the customer's purchases in the period
         * @param flags the {@link #flag}s of the customer's events in the period, or-ed
         * @param stages the customer's stage answers
         */
        void add(int customer, boolean purchasedBefore, long purchasesIn, int flags, Stages stages) {
            boolean opens = (flags & OPENED) != 0;
            boolean clicks = (flags & CLICKED) != 0;
            if ((flags & VISITED) != 0) {
                leads++;
                if (!purchasedBefore && purchasesIn > 0) {
                    convertedLeads++;
                }
            }
            if ((flags & DELIVERED) != 0) {
                reached++;
                opened += opens ? 1 : 0;
                clicked += clicks ? 1 : 0;
                openedAndClicked += opens && clicks ? 1 : 0;
            }
            ordersInPeriod += purchasesIn;
            if (purchasesIn > 0) {
                buyers++;
                if (purchasesIn > 1) {
                    repeaters++;
                }
            }
            boolean customerAtEnd = purchasedBefore || purchasesIn > 0;
            if (customerAtEnd) {
                customersAtEnd++;
                if ((flags & REFERRED) != 0) {
                    referrers++;
                }
            }
            boolean activeAtEndHere = customerAtEnd && !stages.churnedAtEnd(customer);
            activeAtEnd += activeAtEndHere ? 1 : 0;
            if (!purchasedBefore) {
                if (purchasesIn > 0) {
                    fresh++;
                    freshActiveAtEnd += activeAtEndHere ? 1 : 0;
                }
                return;
            }
            if (stages.churnedAtStart(customer)) {
                wonBack += activeAtEndHere ? 1 : 0;
                return;
            }
            atStart++;
            // Not active at the end means churned then: in a churn stage at the period's last instant, so lost. This
            // also makes S - lost + wonBack the customers of S and the churned at start who are active at the end.
            if (!activeAtEndHere || stages.enteredChurnWithin(customer)) {
                lost++;
                wonBack += activeAtEndHere ? 1 : 0;
            }
        }

        /** Adds another tally's counts, of other customers of the same period. */
        void addAll(Tally other) {
            atStart += other.atStart;
            lost += other.lost;
            wonBack += other.wonBack;
            fresh += other.fresh;
            activeAtEnd += other.activeAtEnd;
            freshActiveAtEnd += other.freshActiveAtEnd;
            customersAtEnd += other.customersAtEnd;
            referrers += other.referrers;
            buyers += other.buyers;
            repeaters += other.repeaters;
            leads += other.leads;
            convertedLeads += other.convertedLeads;
            reached += other.reached;
            opened += other.opened;
            clicked += other.clicked;
            openedAndClicked += other.openedAndClicked;
            ordersInPeriod += other.ordersInPeriod;
        }

        /** {@return the rates of the period, with the revenue of its priced orders (null when none is priced)} */
        PeriodRates rates(Instant start, Instant end, @Nullable Money revenue, long pricedOrders) {
            return new PeriodRates(
                    start,
                    end,
                    atStart,
                    lost,
                    wonBack,
                    fresh,
                    activeAtEnd,
                    freshActiveAtEnd,
                    Rate.of("repeat purchase rate", repeaters, buyers),
                    Rate.of("referral rate", referrers, customersAtEnd),
                    new Rate[] {
                        LifecycleRates.conversionRate(convertedLeads, leads),
                        LifecycleRates.emailOpenRate(opened, reached),
                        LifecycleRates.emailClickThroughRate(clicked, reached),
                        LifecycleRates.emailClickToOpenRate(openedAndClicked, opened)
                    },
                    LifecycleRates.purchaseFrequency(ordersInPeriod, buyers),
                    revenue == null ? null : LifecycleRates.averageOrderValue(revenue, pricedOrders));
        }
    }

    /** {@return the start of the period, inclusive} */
    public Instant start() {
        return start;
    }

    /** {@return the end of the period, exclusive} */
    public Instant end() {
        return end;
    }

    /** {@return S, the customers active at the start: customers then, not in a churn stage} */
    public long customersAtStart() {
        return customersAtStart;
    }

    /**
     * Returns the customers of S who were in a churn stage at some instant of the period: who entered one in {@code
     * [start, end)} or are in one at the end, also those won back before the end.
     *
     * @return the lost customers, at most S
     */
    public long lostCustomers() {
        return lostCustomers;
    }

    /**
     * Returns the customers active at the end who were customers at the start but not active then (in a churn stage),
     * or who were lost during the period and came back by its end.
     *
     * @return the won-back customers
     */
    public long wonBackCustomers() {
        return wonBackCustomers;
    }

    /** {@return N, the customers whose first purchase lies in the period} */
    public long newCustomersAcquired() {
        return newCustomers;
    }

    /**
     * Returns the new customers (of N) who are in a churn stage at the end, so not in E. With it the counts add up:
     * {@code customersAtEnd() == customersAtStart() - lostCustomers() + wonBackCustomers() + newCustomersAcquired() -
     * newCustomersNotActiveAtEnd()}.
     *
     * @return the new customers not active at the end, at most N
     */
    public long newCustomersNotActiveAtEnd() {
        return newCustomers - newCustomersActiveAtEnd;
    }

    /** {@return E, the customers active at the end, counted: won-back customers included} */
    public long customersAtEnd() {
        return customersAtEnd;
    }

    /** {@return the churn rate, lost / S} */
    public Rate churnRate() {
        return LifecycleRates.churnRate(lostCustomers, customersAtStart);
    }

    /**
     * Returns the customer retention rate {@code (E - N) / S}; new customers no longer active at the end are not
     * subtracted (they are not in E), so the numerator is the customers active at the end who are not new, {@code S -
     * lost + wonBack}.
     *
     * @return the ratio named {@code "customer retention rate"}, undefined when S is 0; it may exceed 1
     */
    public Ratio retentionRate() {
        return LifecycleRates.retentionRate(customersAtStart, customersAtEnd, newCustomersActiveAtEnd);
    }

    /** {@return the repeat purchase rate of purchases in the period} */
    public Rate repeatPurchaseRate() {
        return repeatPurchaseRate;
    }

    /** {@return the referral rate of customers at the end with a referral in the period} */
    public Rate referralRate() {
        return referralRate;
    }

    /** {@return the conversion rate: leads whose first purchase lies in the period / leads (visitors) in the period} */
    public Rate conversionRate() {
        return conversionRate;
    }

    /** {@return the email open rate: reached customers who opened / customers an email was delivered to} */
    public Rate emailOpenRate() {
        return emailOpenRate;
    }

    /** {@return the click-through rate: reached customers who clicked / customers an email was delivered to} */
    public Rate clickThroughRate() {
        return clickThroughRate;
    }

    /** {@return the click-to-open rate: reached customers who opened and clicked / reached customers who opened} */
    public Rate clickToOpenRate() {
        return clickToOpenRate;
    }

    /** {@return purchases in the period per customer who purchased in it} */
    public Ratio purchaseFrequency() {
        return purchaseFrequency;
    }

    /** {@return the average amount of the purchases in the period that carry one; empty when none does} */
    public Optional<MoneyPerUnit> averageOrderValue() {
        return Optional.ofNullable(averageOrderValue);
    }

    @Override
    public String toString() {
        return "PeriodRates{[" + start + ", " + end + "), S=" + customersAtStart + ", lost=" + lostCustomers
                + ", wonBack=" + wonBackCustomers + ", N=" + newCustomers + ", newNotActiveAtEnd="
                + newCustomersNotActiveAtEnd() + ", E=" + customersAtEnd + ", " + repeatPurchaseRate + ", "
                + referralRate + "}";
    }
}
