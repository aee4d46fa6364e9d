package dev.lifecycle.metrics.rate;

import dev.lifecycle.core.Money;
import dev.lifecycle.metrics.internal.Checks;

/**
 * Computes the lifecycle rates of {@code docs/metrics.md} ("Rates over a period") from counts the caller already has.
 *
 * <p>Every method validates its counts, keeps the numerator and denominator in the result, and returns an undefined
 * result (never 0, never NaN) when the denominator is 0. For rates computed from events see {@link PeriodRates}. This
 * class has no state and is thread-safe.
 */
public final class LifecycleRates {
    private LifecycleRates() {}

    /**
     * Returns the customer retention rate {@code (E - N) / S}, with E counted (the customers actually active at the
     * end, won-back customers included), never derived from S, the lost and N. Because customers who were lapsed at
     * the start and are won back count in E, the ratio may exceed 1; it is not {@code 1 - churn}.
     *
     * @param customersAtStart S, the customers active at the start of the period
     * @param customersAtEnd E, the customers active at the end of the period
     * @param newCustomers N, the new customers acquired during the period and active at its end
     * @return the ratio named {@code "customer retention rate"}, undefined when S is 0
     * @throws IllegalArgumentException if a count is negative or N exceeds E
     */
    public static Ratio retentionRate(long customersAtStart, long customersAtEnd, long newCustomers) {
        Checks.zeroOrMore(customersAtStart, "customersAtStart");
        Checks.zeroOrMore(customersAtEnd, "customersAtEnd");
        Checks.zeroOrMore(newCustomers, "newCustomers");
        if (newCustomers > customersAtEnd) {
            throw new IllegalArgumentException(
                    "newCustomers must not exceed customersAtEnd " + customersAtEnd + " but was " + newCustomers);
        }
        return Ratio.of("customer retention rate", customersAtEnd - newCustomers, customersAtStart);
    }

    /**
     * Returns the churn rate: customers lost during the period / customers at the start.
     *
     * @param lostCustomers customers lost during the period
     * @param customersAtStart customers at the start of the period
     * @return the rate named {@code "churn rate"}, undefined when {@code customersAtStart} is 0
     * @throws IllegalArgumentException if a count is negative or {@code lostCustomers} exceeds {@code customersAtStart}
     */
    public static Rate churnRate(long lostCustomers, long customersAtStart) {
        return rate("churn rate", lostCustomers, "lostCustomers", customersAtStart, "customersAtStart");
    }

    /**
     * Returns the repeat purchase rate: customers with two or more orders / customers with one or more.
     *
     * @param repeatCustomers customers with two or more orders
     * @param purchasingCustomers customers with one or more orders
     * @return the rate named {@code "repeat purchase rate"}, undefined when {@code purchasingCustomers} is 0
     * @throws IllegalArgumentException if a count is negative or the numerator exceeds the denominator
     */
    public static Rate repeatPurchaseRate(long repeatCustomers, long purchasingCustomers) {
        return rate(
                "repeat purchase rate", repeatCustomers, "repeatCustomers", purchasingCustomers, "purchasingCustomers");
    }

    /**
     * Returns the conversion (acquisition) rate: customers whose first order falls in the period / leads in the period.
     *
     * @param firstOrders customers whose first order falls in the period
     * @param leads leads (visitors) in the period
     * @return the rate named {@code "conversion rate"}, undefined when {@code leads} is 0
     * @throws IllegalArgumentException if a count is negative or the numerator exceeds the denominator
     */
    public static Rate conversionRate(long firstOrders, long leads) {
        return rate("conversion rate", firstOrders, "firstOrders", leads, "leads");
    }

    /**
     * Returns the referral rate: customers who made one or more referrals / customers.
     *
     * @param referringCustomers customers who made one or more referrals
     * @param customers all customers
     * @return the rate named {@code "referral rate"}, undefined when {@code customers} is 0
     * @throws IllegalArgumentException if a count is negative or the numerator exceeds the denominator
     */
    public static Rate referralRate(long referringCustomers, long customers) {
        return rate("referral rate", referringCustomers, "referringCustomers", customers, "customers");
    }

    /**
     * Returns the upsell rate: orders where an offered upsell or cross-sell was accepted / orders where one was
     * offered.
     *
     * @param accepted orders where the offer was accepted
     * @param offered orders where an offer was made
     * @return the rate named {@code "upsell rate"}, undefined when {@code offered} is 0
     * @throws IllegalArgumentException if a count is negative or the numerator exceeds the denominator
     */
    public static Rate upsellRate(long accepted, long offered) {
        return rate("upsell rate", accepted, "accepted", offered, "offered");
    }

    /**
     * Returns the email open rate: unique opens / delivered.
     *
     * @param uniqueOpens recipients who opened
     * @param delivered emails delivered
     * @return the rate named {@code "email open rate"}, undefined when {@code delivered} is 0
     * @throws IllegalArgumentException if a count is negative or the numerator exceeds the denominator
     */
    public static Rate emailOpenRate(long uniqueOpens, long delivered) {
        return rate("email open rate", uniqueOpens, "uniqueOpens", delivered, "delivered");
    }

    /**
     * Returns the email click-through rate: unique clicks / delivered.
     *
     * @param uniqueClicks recipients who clicked
     * @param delivered emails delivered
     * @return the rate named {@code "email click-through rate"}, undefined when {@code delivered} is 0
     * @throws IllegalArgumentException if a count is negative or the numerator exceeds the denominator
     */
    public static Rate emailClickThroughRate(long uniqueClicks, long delivered) {
        return rate("email click-through rate", uniqueClicks, "uniqueClicks", delivered, "delivered");
    }

    /**
     * Returns the email click-to-open rate: unique clicks / unique opens.
     *
     * @param uniqueClicks recipients who clicked
     * @param uniqueOpens recipients who opened
     * @return the rate named {@code "email click-to-open rate"}, undefined when {@code uniqueOpens} is 0
     * @throws IllegalArgumentException if a count is negative or the numerator exceeds the denominator
     */
    public static Rate emailClickToOpenRate(long uniqueClicks, long uniqueOpens) {
        return rate("email click-to-open rate", uniqueClicks, "uniqueClicks", uniqueOpens, "uniqueOpens");
    }

    /**
     * Returns the customer acquisition cost: acquisition spend (reach and acquire stages) / new customers acquired.
     *
     * @param acquisitionSpend spend on the reach and acquire stages in the period
     * @param newCustomers new customers acquired in the period
     * @return the quotient named {@code "customer acquisition cost"}, undefined when {@code newCustomers} is 0
     * @throws NullPointerException if {@code acquisitionSpend} is null
     * @throws IllegalArgumentException if the spend or the count is negative
     */
    public static MoneyPerUnit customerAcquisitionCost(Money acquisitionSpend, long newCustomers) {
        return MoneyPerUnit.of("customer acquisition cost", acquisitionSpend, newCustomers);
    }

    /**
     * Returns the cost per new visitor: reach spend / new visitors.
     *
     * @param reachSpend spend on the reach stage in the period
     * @param newVisitors new visitors in the period
     * @return the quotient named {@code "cost per new visitor"}, undefined when {@code newVisitors} is 0
     * @throws NullPointerException if {@code reachSpend} is null
     * @throws IllegalArgumentException if the spend or the count is negative
     */
    public static MoneyPerUnit costPerNewVisitor(Money reachSpend, long newVisitors) {
        return MoneyPerUnit.of("cost per new visitor", reachSpend, newVisitors);
    }

    /**
     * Returns the average order value: revenue / orders.
     *
     * @param revenue revenue of the orders
     * @param orders number of orders
     * @return the quotient named {@code "average order value"}, undefined when {@code orders} is 0
     * @throws NullPointerException if {@code revenue} is null
     * @throws IllegalArgumentException if the revenue or the count is negative
     */
    public static MoneyPerUnit averageOrderValue(Money revenue, long orders) {
        return MoneyPerUnit.of("average order value", revenue, orders);
    }

    /**
     * Returns the purchase frequency: orders / customers.
     *
     * @param orders number of orders
     * @param customers number of customers
     * @return the ratio named {@code "purchase frequency"}, undefined when {@code customers} is 0
     * @throws IllegalArgumentException if a count is negative
     */
    public static Ratio purchaseFrequency(long orders, long customers) {
        Checks.zeroOrMore(orders, "orders");
        Checks.zeroOrMore(customers, "customers");
        return Ratio.of("purchase frequency", orders, customers);
    }

    /**
     * Returns the number of new customers acquired (first orders in the period), checked to be zero or more.
     *
     * @param firstOrdersInPeriod first orders placed in the period
     * @return the same count
     * @throws IllegalArgumentException if the count is negative
     */
    public static long newCustomersAcquired(long firstOrdersInPeriod) {
        Checks.zeroOrMore(firstOrdersInPeriod, "firstOrdersInPeriod");
        return firstOrdersInPeriod;
    }

    private static Rate rate(String name, long numerator, String numeratorName, long denominator, String denomName) {
        Checks.zeroOrMore(numerator, numeratorName);
        Checks.zeroOrMore(denominator, denomName);
        if (numerator > denominator) {
            throw new IllegalArgumentException(
                    numeratorName + " must not exceed " + denomName + " " + denominator + " but was " + numerator);
        }
        return Rate.of(name, numerator, denominator);
    }
}
