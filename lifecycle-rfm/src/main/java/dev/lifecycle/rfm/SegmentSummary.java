package dev.lifecycle.rfm;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * One segment's customers, their orders and their revenue, as a segment table shows them.
 *
 * @param segment the segment's name
 * @param customers the customers in it
 * @param orders their orders
 * @param revenue their revenue in units of the table's currency, exact
 */
public record SegmentSummary(String segment, long customers, long orders, BigDecimal revenue) {
    /**
     * Checks the components.
     *
     * @param segment the segment's name
     * @param customers the customers in it
     * @param orders their orders
     * @param revenue their revenue
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if a count or the revenue is negative
     */
    public SegmentSummary {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(revenue, "revenue");
        if (customers < 0 || orders < 0 || revenue.signum() < 0) {
            throw new IllegalArgumentException("counts and revenue must not be negative: " + customers + " customers, "
                    + orders + " orders, revenue " + revenue);
        }
    }

    /** {@return the mean order value: revenue over orders rounded half-even to at least two decimals, 0 without orders} */
    public BigDecimal averageOrderValue() {
        int scale = Math.max(2, revenue.scale());
        return orders == 0
                ? BigDecimal.ZERO.setScale(scale)
                : revenue.divide(BigDecimal.valueOf(orders), scale, RoundingMode.HALF_EVEN);
    }
}
