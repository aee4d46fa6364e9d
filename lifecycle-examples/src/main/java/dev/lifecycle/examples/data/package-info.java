/**
 * Real data for the demo: readers that turn bundled public data sets and event files into {@link
 * dev.lifecycle.core.CustomerEvent}s.
 *
 * <p>{@link dev.lifecycle.examples.data.EventFileReader} reads purchase events from a CDNOW-style or CSV file and
 * reports every malformed line by number, so that rows read always equal rows used plus rows rejected; {@link
 * dev.lifecycle.examples.data.EventFileReader#bundledCdnow()} reads the bundled CDNOW master file. {@link
 * dev.lifecycle.examples.data.OnlineShoppersSessions#read()} turns the bundled online-shoppers sessions into
 * pre-purchase funnel events.
 */
@NullMarked
package dev.lifecycle.examples.data;

import org.jspecify.annotations.NullMarked;
