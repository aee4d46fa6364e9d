package dev.lifecycle.benchmarks;

import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.Stage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Customers per stage, every stage of a template listed in template order (zeros included), for comparisons. */
final class StageCounts {
    private StageCounts() {}

    /**
     * Returns the counts for every stage of the template in template order.
     *
     * @throws IllegalArgumentException if {@code counts} names a stage the template does not have
     */
    static Map<String, Long> of(LifecycleTemplate template, Map<String, Long> counts) {
        Map<String, Long> all = new LinkedHashMap<>();
        for (Stage stage : template.stages()) {
            all.put(stage.id(), counts.getOrDefault(stage.id(), 0L));
        }
        for (String id : counts.keySet()) {
            if (!all.containsKey(id)) {
                throw new IllegalArgumentException(
                        "stage '" + id + "' is not a stage of template '" + template.name() + "'");
            }
        }
        return Collections.unmodifiableMap(all);
    }
}
