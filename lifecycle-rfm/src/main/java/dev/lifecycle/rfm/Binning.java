package dev.lifecycle.rfm;

/**
 * How {@link RfmScale#fit} finds a dimension's breakpoints from the customers' values. Either way a value's bin is 1
 * plus the number of breakpoints at or below it (each breakpoint is the lower bound, inclusive, of the next bin), and
 * recency's score is the bins less the bin plus 1, so that fewer days score higher.
 */
public enum Binning {
    /**
     * By rank, the default. With {@code N} customers and {@code n} scores, a value scores
     * {@code 1 + floor(n * b / N)}, where {@code b} counts the customers whose value is worse (smaller; for recency,
     * more days). Customers with equal values get equal scores, each score holds about {@code N / n} customers when
     * values are distinct, and the rule is integer arithmetic: in SQL,
     * {@code 1 + floor(n * (rank() over (order by v) - 1) / count(*) over ())} (order by v descending for recency).
     * Each breakpoint is the first customer value that reaches its score; a score no customer reaches has an
     * infinite breakpoint (or, for recency, a breakpoint no value is below).
     */
    RANKS,
    /**
     * The rule of the R package {@code rfm} ({@code rfm_table_order}): the inner quantiles at {@code k / n} by R's
     * default definition (type 7: linear interpolation between order statistics, {@code 1 + (N - 1) p} as the
     * 1-based position), each plus 1, computed in doubles exactly as R does. Ties can leave a score empty and put
     * most customers in one bin; the {@code + 1} moves whole-number values at a quantile into the lower bin. Offered
     * to reproduce that package's tables.
     */
    RFM_PACKAGE
}
