/**
 * Lifecycle tracking on Apache Flink: {@link dev.lifecycle.core.LifecycleStep}, the tracker's logic as a pure function
 * of one customer, in an operator keyed by customer id, with the customer's state in Flink's keyed state and lapses
 * brought by event-time timers.
 */
@NullMarked
package dev.lifecycle.flink;

import org.jspecify.annotations.NullMarked;
