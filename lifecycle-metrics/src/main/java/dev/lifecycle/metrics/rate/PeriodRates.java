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
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end must be after start " + start + " but was " + end);
        }
        return compute(History.of(template, events, end), start, end);
    }

    /**
     * Computes the rates of the period from the events of an event batch: the same rates as {@link
     * #compute(LifecycleTemplate, Iterable, Instant, Instant)} over {@link EventBatch#events()}, which is what this
     * method reads. Who is active, lost or won back comes from each customer's stage history as a {@link
     * LifecycleTracker} records it and from the classification of their events before an instant, and neither the
     * tracker nor the classifier of {@code lifecycle-core} reads a batch's rows before an instant, so the events are
     * read as objects, each made when it is read, on the calling thread; the funnel, NPS and cohorts of a batch
     * ({@code EventFunnel.evaluate(EventBatch)}, {@code NetPromoterScore.of(EventBatch)}, {@code
     * CohortRetention.of(EventBatch, ...)}) read its columns.
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
        return compute(template, requireNonNull(batch, "batch").events(), start, end);
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
        LocalDate first = quarterStart(date(requireNonNull(from, "from"), "from"));
        LocalDate toDate = date(requireNonNull(to, "to"), "to");
        LocalDate pastLast = quarterStart(toDate);
        long quarters = Math.max(0, ChronoUnit.MONTHS.between(first, pastLast) / 3);
        PeriodBound.check(quarters, "quarters", first, toDate);
        if (quarters == 0) {
            return List.of();
        }
        History history = History.of(template, events, instant(first.plusMonths(3 * quarters)));
        List<PeriodRates> result = new ArrayList<>();
        for (long q = 0; q < quarters; q++) {
            Instant end = instant(first.plusMonths(3 * (q + 1)));
            result.add(compute(history, instant(first.plusMonths(3 * q)), end));
            // only the end's answers are asked again, as the next quarter's start
            history.forgetBefore(end);
        }
        return List.copyOf(result);
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
        Map<String, List<CustomerEvent>> byCustomer = history.byCustomer();
        long atStart = 0;
        long lost = 0;
        long wonBack = 0;
        long fresh = 0;
        long activeAtEnd = 0;
        long freshActiveAtEnd = 0;
        long customersAtEnd = 0;
        long referrers = 0;
        long buyers = 0;
        long repeaters = 0;
        long leads = 0;
        long convertedLeads = 0;
        long reached = 0;
        long opened = 0;
        long clicked = 0;
        long openedAndClicked = 0;
        long ordersInPeriod = 0;
        long pricedOrders = 0;
        Money revenue = null;
        for (Map.Entry<String, List<CustomerEvent>> entry : byCustomer.entrySet()) {
            List<CustomerEvent> before = new ArrayList<>();
            List<CustomerEvent> inPeriodOrBefore = new ArrayList<>();
            long purchasesBefore = 0;
            long purchasesIn = 0;
            boolean referred = false;
            boolean visited = false;
            boolean delivered = false;
            boolean opens = false;
            boolean clicks = false;
            for (CustomerEvent event : entry.getValue()) {
                if (!event.timestamp().isBefore(end)) {
                    continue;
                }
                inPeriodOrBefore.add(event);
                boolean inPeriod = !event.timestamp().isBefore(start);
                if (!inPeriod) {
                    before.add(event);
                }
                if (event.type() == EventType.PURCHASE) {
                    if (inPeriod) {
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
                    } else {
                        purchasesBefore++;
                    }
                }
                if (inPeriod) {
                    referred |= event.type() == EventType.REFERRAL;
                    visited |= event.type() == EventType.SITE_VISIT;
                    delivered |= event.type() == EventType.EMAIL_DELIVERED;
                    opens |= event.type() == EventType.EMAIL_OPEN;
                    clicks |= event.type() == EventType.EMAIL_CLICK;
                }
            }
            if (visited) {
                leads++;
                if (purchasesBefore == 0 && purchasesIn > 0) {
                    convertedLeads++;
                }
            }
            if (delivered) {
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
            if (purchasesBefore + purchasesIn > 0) {
                customersAtEnd++;
                if (referred) {
                    referrers++;
                }
            }
            boolean activeAtEndHere =
                    purchasesBefore + purchasesIn > 0 && !history.churnedAt(entry.getKey(), inPeriodOrBefore, end);
            activeAtEnd += activeAtEndHere ? 1 : 0;
            if (purchasesBefore == 0) {
                if (purchasesIn > 0) {
                    fresh++;
                    freshActiveAtEnd += activeAtEndHere ? 1 : 0;
                }
                continue;
            }
            if (history.churnedAt(entry.getKey(), before, start)) {
                wonBack += activeAtEndHere ? 1 : 0;
                continue;
            }
            atStart++;
            // Not active at the end means churned then: in a churn stage at the period's last instant, so lost. This
            // also makes S - lost + wonBack the customers of S and the churned at start who are active at the end.
            if (!activeAtEndHere || history.enteredChurnWithin(entry.getKey(), start, end)) {
                lost++;
                wonBack += activeAtEndHere ? 1 : 0;
            }
        }
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
