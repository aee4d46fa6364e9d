/**
 * JMH benchmarks of the library side by side with the peers a user would otherwise use (DuckDB SQL, Easy Rules), on
 * one deterministic synthetic event log. {@link dev.lifecycle.benchmarks.BenchmarkSuite} runs them all and prints the
 * ratios; {@link dev.lifecycle.benchmarks.SyntheticLog} generates the data.
 */
@NullMarked
package dev.lifecycle.benchmarks;

import org.jspecify.annotations.NullMarked;
