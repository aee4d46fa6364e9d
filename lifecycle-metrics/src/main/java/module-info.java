/**
 * Lifecycle metrics: funnels and drop-off, Net Promoter Score, lifecycle rates, A/B tests of stage conversion and
 * cohort retention, computed as the repository's
 * <a href="https://github.com/lifecycle-dev/lifecycle/blob/main/docs/metrics.md">docs/metrics.md</a> defines them.
 */
module dev.lifecycle.metrics {
    requires transitive dev.lifecycle.core;
    requires org.apache.commons.statistics.distribution;
    requires static org.jspecify;

    exports dev.lifecycle.metrics;
    exports dev.lifecycle.metrics.abtest;
    exports dev.lifecycle.metrics.cohort;
    exports dev.lifecycle.metrics.funnel;
    exports dev.lifecycle.metrics.nps;
    exports dev.lifecycle.metrics.rate;
    exports dev.lifecycle.metrics.report;
}
