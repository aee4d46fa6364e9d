package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Classifying allocates little: a batch classification allocates nothing per profile beyond the result, and a single
 * classification allocates only its explanation. Measured with the JVM's per-thread allocation counter, not with time.
 */
final class ClassifierAllocationTest {
    private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");

    private static List<CustomerProfile> profiles(int n) {
        Random random = new Random(42);
        List<CustomerProfile> profiles = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            CustomerProfile.Builder b = CustomerProfile.builder("c" + i).productViews(random.nextInt(4));
            int orders = random.nextInt(4);
            if (orders > 0) {
                Instant last = AS_OF.minus(Duration.ofDays(random.nextInt(400)));
                b.orderCount(orders).lastOrderAt(last).firstOrderAt(orders == 1 ? last : last.minusSeconds(86_400));
            }
            profiles.add(b.referralCount(random.nextInt(3) == 0 ? 1 : 0).build());
        }
        return profiles;
    }

    private static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return threads.getCurrentThreadAllocatedBytes();
    }

    @Test
    void classifyAll_manyProfiles_allocatesNothingPerProfile() {
        LifecycleClassifier classifier = LifecycleClassifier.of(Templates.fiveStage());
        List<CustomerProfile> profiles = profiles(20_000);
        for (int warmUp = 0; warmUp < 20; warmUp++) {
            classifier.classifyAll(profiles, AS_OF);
        }

        long before = allocatedBytes();
        StageDistribution distribution = classifier.classifyAll(profiles, AS_OF);
        long perProfile = (allocatedBytes() - before) / profiles.size();

        assertEquals(profiles.size(), distribution.total());
        assertTrue(perProfile < 8, () -> "classifyAll allocated " + perProfile + " bytes per profile");
    }

    @Test
    void classify_oneProfile_allocatesOnlyItsExplanation() {
        LifecycleClassifier classifier = LifecycleClassifier.of(Templates.fiveStage());
        List<CustomerProfile> profiles = profiles(2_000);
        for (int warmUp = 0; warmUp < 20; warmUp++) {
            profiles.forEach(p -> classifier.classify(p, AS_OF));
        }

        long before = allocatedBytes();
        long steps = 0;
        for (CustomerProfile profile : profiles) {
            steps += classifier.classify(profile, AS_OF).path().size();
        }
        long perStep = (allocatedBytes() - before) / steps;

        assertTrue(steps > profiles.size(), "the sample must exercise rules");
        assertTrue(
                perStep < 2_048,
                () -> "classify allocated " + perStep + " bytes per fired rule, evidence text included");
    }
}
