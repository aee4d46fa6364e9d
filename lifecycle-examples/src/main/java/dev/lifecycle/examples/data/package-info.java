/**
 * Real data for the demo: the bundled public data sets as {@link dev.lifecycle.core.CustomerEvent}s.
 *
 * <p>{@link dev.lifecycle.examples.data.BundledData#bundledCdnow()} reads the bundled CDNOW master file with the
 * library's {@link dev.lifecycle.io.EventFileReader}. {@link dev.lifecycle.examples.data.OnlineShoppersSessions#read()}
 * turns the bundled online-shoppers sessions into pre-purchase funnel events.
 */
@NullMarked
package dev.lifecycle.examples.data;

import org.jspecify.annotations.NullMarked;
