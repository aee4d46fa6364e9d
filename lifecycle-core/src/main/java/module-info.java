/**
 * Customer-lifecycle stage models, templates, transition rules and the classifier.
 *
 * <p>The entry points are {@link dev.lifecycle.core.Templates}, {@link dev.lifecycle.core.LifecycleTemplate},
 * {@link dev.lifecycle.core.CustomerProfile} and {@link dev.lifecycle.core.LifecycleClassifier}.
 */
module dev.lifecycle.core {
    requires com.google.common;
    requires org.slf4j;
    requires static transitive org.jspecify;

    exports dev.lifecycle.core;
}
