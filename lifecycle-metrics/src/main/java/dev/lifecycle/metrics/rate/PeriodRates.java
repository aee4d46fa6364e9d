package dev.lifecycle.metrics.rate;

import static java.util.Objects.requireNonNull;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Lifecycle rates over a period {@code [start, end)} computed from customer events and a template.
 *
 * <p>Exact definitions (a "customer at t" is someone with at least one {@link EventType#PURCHASE} before {@code t};
 * "classified at t" means {@link LifecycleClassifier#classify} of {@link CustomerProfile#fromEvents} over that
 * customer's events with timestamp before {@code t}, at {@code t}; "lapsed" means classified into a side stage of the
 * template, which for the built-in templates is the {@code lapsed} stage of the lapse rule):
 *
 * <ul>
 *   <li>S, customers at start: customers at {@code start} not lapsed at {@code start}.
 *   <li>lost: customers counted in S who are lapsed at {@code end}.
 *   <li>N, new customers acquired: customers whose first purchase ever lies in {@code [start, end)}.
 *   <li>E, customers at end: {@code S - lost + N}, the start base minus the lost plus the new; customers who were
 *       lapsed at start and won back during the period are not counted. Hence retention {@code (E - N) / S} equals
 *       {@code 1 - churn}.
 *   <li>churn rate: lost / S; customer retention rate: {@code (E - N) / S}.
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
 * <p>The upsell rate needs to know which orders were offered an upsell, which events do not say; compute it from
 * counts with {@link LifecycleRates#upsellRate(long, long)}.
 *
 * <p>Events at or after {@code end} are ignored. With no customers every rate is undefined. Instances are immutable and
 * thread-safe.
 */
public final class PeriodRates {
    private final Instant start;
    private final Instant end;
    private final long customersAtStart;
    private final long lostCustomers;
    private final long newCustomers;
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
            long newCustomers,
            Rate repeatPurchaseRate,
            Rate referralRate,
            Rate[] funnelRates,
            Ratio purchaseFrequency,
            @Nullable MoneyPerUnit averageOrderValue) {
        this.start = start;
        this.end = end;
        this.customersAtStart = customersAtStart;
        this.lostCustomers = lostCustomers;
        this.newCustomers = newCustomers;
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
     * @param template the template whose classifier and lapse rule decide who is lost
     * @param events the events of any number of customers, in any order
     * @param start the start of the period, inclusive
     * @param end the end of the period, exclusive
     * @return the rates
     * @throws NullPointerException if an argument or an event is null
     * @throws IllegalArgumentException if {@code end} is not after {@code start}
     */
    public static PeriodRates compute(
            LifecycleTemplate template, Iterable<CustomerEvent> events, Instant start, Instant end) {
        requireNonNull(template, "template");
        requireNonNull(events, "events");
        requireNonNull(start, "start");
        requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end must be after start " + start + " but was " + end);
        }
        Map<String, List<CustomerEvent>> byCustomer = new LinkedHashMap<>();
        for (CustomerEvent event : events) {
            requireNonNull(event, "event");
            if (event.timestamp().isBefore(end)) {
                byCustomer
                        .computeIfAbsent(event.customerId(), id -> new ArrayList<>())
                        .add(event);
            }
        }
        LifecycleClassifier classifier = LifecycleClassifier.of(template);
        long atStart = 0;
        long lost = 0;
        long fresh = 0;
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
            long purchasesBefore = 0;
            long purchasesIn = 0;
            boolean referred = false;
            boolean visited = false;
            boolean delivered = false;
            boolean opens = false;
            boolean clicks = false;
            for (CustomerEvent event : entry.getValue()) {
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
            if (purchasesBefore == 0) {
                if (purchasesIn > 0) {
                    fresh++;
                }
                continue;
            }
            CustomerProfile profileAtStart = CustomerProfile.fromEvents(entry.getKey(), before);
            if (classifier.classify(profileAtStart, start).stage().isSideStage()) {
                continue;
            }
            atStart++;
            CustomerProfile profileAtEnd = CustomerProfile.fromEvents(entry.getKey(), entry.getValue());
            if (classifier.classify(profileAtEnd, end).stage().isSideStage()) {
                lost++;
            }
        }
        return new PeriodRates(
                start,
                end,
                atStart,
                lost,
                fresh,
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

    /** {@return S, the customers at the start who were not lapsed} */
    public long customersAtStart() {
        return customersAtStart;
    }

    /** {@return the customers of S who are lapsed at the end} */
    public long lostCustomers() {
        return lostCustomers;
    }

    /** {@return N, the customers whose first purchase lies in the period} */
    public long newCustomersAcquired() {
        return newCustomers;
    }

    /** {@return E, defined as S - lost + N} */
    public long customersAtEnd() {
        return customersAtStart - lostCustomers + newCustomers;
    }

    /** {@return the churn rate, lost / S} */
    public Rate churnRate() {
        return LifecycleRates.churnRate(lostCustomers, customersAtStart);
    }

    /** {@return the customer retention rate, (E - N) / S} */
    public Rate retentionRate() {
        return LifecycleRates.retentionRate(customersAtStart, customersAtEnd(), newCustomers);
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
        return "PeriodRates{[" + start + ", " + end + "), S=" + customersAtStart + ", lost=" + lostCustomers + ", N="
                + newCustomers + ", " + repeatPurchaseRate + ", " + referralRate + "}";
    }
}
