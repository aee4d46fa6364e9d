/**
 * Lifecycle templates written as JSON or YAML files, so that teams can define and extend templates without Java.
 *
 * <p>{@link dev.lifecycle.templates.TemplateFiles#read(java.nio.file.Path, dev.lifecycle.core.ConditionRegistry)}
 * reads and validates a file into a {@link dev.lifecycle.core.LifecycleTemplate}; every problem is reported at once in a
 * {@link dev.lifecycle.templates.TemplateFileException}, with its line and column in the file.
 * {@link dev.lifecycle.templates.TemplateFiles#write(dev.lifecycle.core.TemplateSpec,
 * dev.lifecycle.templates.TemplateFiles.Format)} writes a template's data form back. All classes are immutable and
 * thread-safe.
 */
@NullMarked
package dev.lifecycle.templates;

import org.jspecify.annotations.NullMarked;
