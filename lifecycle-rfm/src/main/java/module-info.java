/**
 * RFM segmentation: recency, frequency and monetary values of each customer at an instant, from events, event batches
 * and profile tables; scores by stated binning rules; named segment maps as data; segment summaries and migration
 * matrices; and RFM conditions for lifecycle rules.
 */
module dev.lifecycle.rfm {
    requires transitive dev.lifecycle.core;
    requires static org.jspecify;

    exports dev.lifecycle.rfm;
}
