/**
 * Lifecycle templates as JSON or YAML files: read them with every problem located in the file, and write them.
 *
 * <p>The entry point is {@link dev.lifecycle.templates.TemplateFiles}.
 */
module dev.lifecycle.templates {
    requires transitive dev.lifecycle.core;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires org.yaml.snakeyaml;
    requires static org.jspecify;

    exports dev.lifecycle.templates;
}
