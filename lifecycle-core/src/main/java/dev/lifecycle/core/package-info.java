/**
 * Customer-lifecycle stages, templates, transition rules and the classifier.
 *
 * <p>Start with {@link dev.lifecycle.core.Templates} for a built-in {@link dev.lifecycle.core.LifecycleTemplate}
 * (or build your own with {@link dev.lifecycle.core.LifecycleTemplate#builder(String)}), describe each customer with a
 * {@link dev.lifecycle.core.CustomerProfile}, and put them into a stage with {@link
 * dev.lifecycle.core.LifecycleClassifier}. All values are immutable and thread-safe; builders and accumulators are not.
 */
@NullMarked
package dev.lifecycle.core;

import org.jspecify.annotations.NullMarked;
