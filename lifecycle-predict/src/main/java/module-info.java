/**
 * Customer-lifetime-value models: the customer summary (frequency, recency, age and spend) from events, event batches
 * and profile tables; the BG/NBD, MBG/NBD, Pareto/NBD purchase models and the Gamma-Gamma spend model with their
 * maximum-likelihood fits; and the predictions built on them (P(alive), expected purchases, expected value).
 */
module dev.lifecycle.predict {
    requires transitive dev.lifecycle.core;
    requires hipparchus.core;
    requires hipparchus.optim;
    requires static org.jspecify;

    exports dev.lifecycle.predict;
}
