package dev.lifecycle.benchmarks;

import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.StageDistribution;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The library on several threads through its public API only: the profiles are cut into one slice per thread, each
 * slice is classified with {@link LifecycleClassifier#classifyAll}, and the counts are added. Close it to stop the
 * threads.
 */
final class ParallelClassifier implements AutoCloseable {
    private final LifecycleClassifier classifier;
    private final int threads;
    private final ExecutorService pool;

    ParallelClassifier(LifecycleClassifier classifier, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1 but was " + threads);
        }
        this.classifier = classifier;
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "classifier");
            t.setDaemon(true);
            return t;
        });
    }

    /** Classifies the profiles on the pool's threads; returns the customers per stage, every stage listed. */
    Map<String, Long> stageCounts(List<CustomerProfile> profiles, Instant asOf) {
        List<Future<StageDistribution>> parts = new ArrayList<>(threads);
        int n = profiles.size();
        for (int t = 0; t < threads; t++) {
            List<CustomerProfile> slice =
                    profiles.subList((int) ((long) n * t / threads), (int) ((long) n * (t + 1) / threads));
            parts.add(pool.submit(() -> classifier.classifyAll(slice, asOf)));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        try {
            for (Future<StageDistribution> part : parts) {
                part.get().counts().forEach((stage, count) -> counts.merge(stage, count, Long::sum));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while classifying", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("classification failed", e.getCause());
        }
        return counts;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
