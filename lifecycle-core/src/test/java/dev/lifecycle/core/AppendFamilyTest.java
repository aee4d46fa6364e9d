package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shared-prefix lists: one claim per slot, and lists of one family that branch never see each other's items. */
final class AppendFamilyTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void claimAfter_onlyTheLongestListsSize_andOnlyOnce() {
        AppendFamily family = new AppendFamily(3);

        assertFalse(family.claimAfter(2), "a shorter list");
        assertTrue(family.claimAfter(3), "the longest list");
        assertFalse(family.claimAfter(3), "the same slot again");
        assertTrue(family.claimAfter(4), "the new longest list");
    }

    @Test
    void claimAfter_manyThreadsAtOnce_exactlyOneWins() throws Exception {
        for (int round = 0; round < 200; round++) {
            AppendFamily family = new AppendFamily(5);
            int threads = 4;
            CountDownLatch start = new CountDownLatch(1);
            AtomicInteger wins = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    done.add(pool.submit(() -> {
                        start.await();
                        if (family.claimAfter(5)) {
                            wins.incrementAndGet();
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : done) {
                    f.get(10, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(1, wins.get(), "round " + round);
        }
    }

    @Test
    void paymentLog_branchesOfOneList_keepTheirOwnPayments() {
        List<CustomerProfile.Payment> base = List.of();
        for (int i = 0; i < 5; i++) {
            base = PaymentLog.append(base, payment(i, "1.00"));
        }
        List<CustomerProfile.Payment> left = PaymentLog.append(base, payment(10, "2.00"));
        List<CustomerProfile.Payment> right = PaymentLog.append(base, payment(11, "3.00"));
        List<CustomerProfile.Payment> leftAgain = PaymentLog.append(left, payment(12, "4.00"));

        assertEquals(5, base.size());
        assertEquals(List.of(payment(10, "2.00")), left.subList(5, 6));
        assertEquals(List.of(payment(11, "3.00")), right.subList(5, 6));
        assertEquals(List.of(payment(10, "2.00"), payment(12, "4.00")), leftAgain.subList(5, 7));
    }

    @Test
    void paymentLog_paymentThatSortsEarlier_isInsertedInOrder() {
        List<CustomerProfile.Payment> log = PaymentLog.append(List.of(), payment(5, "1.00"));
        log = PaymentLog.append(log, payment(7, "1.00"));
        log = PaymentLog.append(log, payment(6, "1.00"));

        assertEquals(List.of(payment(5, "1.00"), payment(6, "1.00"), payment(7, "1.00")), log);
    }

    private static CustomerProfile.Payment payment(int day, String amount) {
        return new CustomerProfile.Payment(T0.plusSeconds(86_400L * day), Money.of(amount, "EUR"));
    }
}
