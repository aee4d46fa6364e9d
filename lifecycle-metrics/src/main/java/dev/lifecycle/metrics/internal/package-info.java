/** Helpers shared by the metrics packages; not exported, so not part of the API. */
@NullMarked
package dev.lifecycle.metrics.internal;

import org.jspecify.annotations.NullMarked;
