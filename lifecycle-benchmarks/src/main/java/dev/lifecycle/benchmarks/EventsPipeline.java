package dev.lifecycle.benchmarks;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.StageDistribution;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Workload 2 in the library, through its public API: from a raw event log to the stage distribution. Each customer's
 * events are folded into a {@link CustomerProfile.Accumulator} kept in a hash map by customer id, and the profiles are
 * classified as they are built. On two threads, each thread folds one half of the log into its own map, the second
 * map's accumulators are {@linkplain CustomerProfile.Accumulator#merge merged} into the first's, and the profiles are
 * classified by a parallel stream into {@link LifecycleClassifier#toDistribution}. Close it to stop the threads.
 */
final class EventsPipeline implements AutoCloseable {
    private final LifecycleClassifier classifier;
    private final ExecutorService pool;

    EventsPipeline(LifecycleClassifier classifier) {
        this.classifier = classifier;
        this.pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "events-pipeline");
            t.setDaemon(true);
            return t;
        });
    }

    /** Folds and classifies on the calling thread. */
    static StageDistribution distribution(LifecycleClassifier classifier, List<CustomerEvent> events, Instant asOf) {
        Map<String, CustomerProfile.Accumulator> customers = fold(events);
        Iterable<CustomerProfile> profiles = () -> new Iterator<>() {
            private final Iterator<CustomerProfile.Accumulator> next =
                    customers.values().iterator();

            @Override
            public boolean hasNext() {
                return next.hasNext();
            }

            @Override
            public CustomerProfile next() {
                return next.next().toProfile();
            }
        };
        return classifier.classifyAll(profiles, asOf);
    }

    private static Map<String, CustomerProfile.Accumulator> fold(List<CustomerEvent> events) {
        Map<String, CustomerProfile.Accumulator> customers = new HashMap<>();
        for (CustomerEvent event : events) {
            customers
                    .computeIfAbsent(event.customerId(), CustomerProfile::accumulator)
                    .add(event);
        }
        return customers;
    }

    /** Folds the two halves of the log on two threads, merges, and classifies on two threads. */
    StageDistribution distributionOnTwoThreads(List<CustomerEvent> events, Instant asOf) {
        int half = events.size() / 2;
        Future<Map<String, CustomerProfile.Accumulator>> first = pool.submit(() -> fold(events.subList(0, half)));
        Future<Map<String, CustomerProfile.Accumulator>> second =
                pool.submit(() -> fold(events.subList(half, events.size())));
        Map<String, CustomerProfile.Accumulator> customers;
        try {
            customers = first.get();
            second.get()
                    .forEach((id, accumulator) -> customers.merge(id, accumulator, CustomerProfile.Accumulator::merge));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while folding", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("folding failed", e.getCause());
        }
        return customers.values().parallelStream()
                .map(CustomerProfile.Accumulator::toProfile)
                .collect(classifier.toDistribution(asOf));
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
