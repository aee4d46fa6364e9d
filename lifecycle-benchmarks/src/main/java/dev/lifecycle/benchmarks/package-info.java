/**
 * JMH benchmarks of the library side by side with the peers a user would otherwise use (DuckDB SQL, Easy Rules), and of
 * lifecycle-flink's job on a Flink mini cluster next to the in-process tracker, on one deterministic synthetic event
 * log. {@link dev.lifecycle.benchmarks.BenchmarkSuite} runs them all and prints the ratios; {@link
 * dev.lifecycle.benchmarks.SyntheticLog} generates the data.
 */
@NullMarked
package dev.lifecycle.benchmarks;

import org.jspecify.annotations.NullMarked;
