package dev.lifecycle.core;

/**
 * A tracker's clock as it hands it to the state codec and takes it back: the watermark, the latest event's timestamp
 * and the tracker's time, each in epoch nanoseconds ({@link TrackerTime}), {@link Long#MIN_VALUE} for none yet. The
 * watermark is a threshold that may lie anywhere; the other two are instants.
 *
 * @param watermark events before it are final; an event older than it is late
 * @param latestEvent the timestamp of the latest event accepted
 * @param time the latest instant at which the tracker evaluated a customer
 */
record TrackerClock(long watermark, long latestEvent, long time) {}
