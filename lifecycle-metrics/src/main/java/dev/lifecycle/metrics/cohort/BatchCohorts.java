package dev.lifecycle.metrics.cohort;

import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.Money;
import dev.lifecycle.core.SupportedInstants;
import dev.lifecycle.metrics.internal.BatchScan;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Currency;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The cohort table of an {@link EventBatch}, read from its columns: the fold of {@link CohortRetention} with no object
 * per event. Each range of customer codes reads the batch twice. The first pass keeps each customer's first counted
 * cohort event and last counted return (as epoch nanoseconds, in two {@code long} arrays), counts the rows of other
 * types and the rows after {@code asOf}, and finds the first return amount in another currency. Between the passes
 * the calling thread checks the currencies and the bound on periods and numbers the days from the start of the first
 * cohort's period to the last counted row by their period. The second pass marks each customer's active periods in a
 * bitset of their own (one bit per period from their cohort's to their last return's, so that a customer with several
 * returns in a period is active once) and adds each return's amount, in minor units, to its cohort and offset; then
 * each customer's active offsets, read from the bitset in order, go through {@link CohortRetention#tally}, the same
 * counting the object path uses. Sums that would overflow a {@code long} carry over into a {@link BigInteger}.
 */
final class BatchCohorts {
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    private final long skipped;
    private final long ignored;
    private final long outside;
    private final @Nullable Currency currency;
    private final NavigableMap<LocalDate, CohortRetention.Row> rows;

    private BatchCohorts(
            long skipped,
            long ignored,
            long outside,
            @Nullable Currency currency,
            NavigableMap<LocalDate, CohortRetention.Row> rows) {
        this.skipped = skipped;
        this.ignored = ignored;
        this.outside = outside;
        this.currency = currency;
        this.rows = rows;
    }

    long skipped() {
        return skipped;
    }

    long ignored() {
        return ignored;
    }

    long outside() {
        return outside;
    }

    @Nullable
    Currency currency() {
        return currency;
    }

    NavigableMap<LocalDate, CohortRetention.Row> rows() {
        return rows;
    }

    /** Folds the batch as of {@code asOf} on {@code threads} ranges of customer codes. */
    static BatchCohorts fold(
            EventBatch batch,
            CohortPeriod period,
            Instant asOf,
            LocalDate lastPeriod,
            RetentionOptions options,
            int threads) {
        long bound = lastCountedKey(period, asOf);
        int customers = batch.customerCount();
        int parts = BatchScan.parts(customers, threads);
        Part[] done = new Part[parts];
        BatchScan.run(parts, p -> {
            Part part =
                    new Part(BatchScan.bound(customers, parts, p), BatchScan.bound(customers, parts, p + 1), options);
            part.firstPass(batch, bound);
            done[p] = part;
        });
        Currency currency = checkCurrencies(batch, done);
        // every row of another type is skipped; every other row is considered by the part of its customer
        long skipped = batch.size();
        long ignored = 0;
        long observed = 0;
        long earliest = Long.MAX_VALUE;
        long latest = Long.MIN_VALUE;
        for (Part part : done) {
            skipped -= part.considered;
            ignored += part.ignored;
            observed += part.observed;
            earliest = Math.min(earliest, part.earliest);
            latest = Math.max(latest, part.latest);
        }
        NavigableMap<LocalDate, CohortRetention.Row> rows = new TreeMap<>();
        if (earliest == Long.MAX_VALUE) {
            return new BatchCohorts(skipped, ignored, observed, currency, rows);
        }
        Instant first = instant(earliest);
        CohortRetention.checkSize(period, first, lastPeriod, asOf);
        LocalDate firstStart = period.startOf(first);
        Days days = Days.of(period, firstStart.toEpochDay(), latest);
        BatchScan.run(parts, p -> done[p].secondPass(batch, bound, days));
        int periods = days.periods;
        int brackets = options.brackets().size();
        long[] sizes = new long[periods];
        long[] active = new long[periods * periods];
        long[] stillActive = new long[periods * periods];
        long[] lastActive = new long[periods * periods];
        long[] bracketActive = new long[periods * brackets];
        long[] bracketStillActive = new long[periods * brackets];
        Sums revenue = new Sums(periods * periods);
        long counted = 0;
        for (Part part : done) {
            add(sizes, part.sizes);
            add(active, part.active);
            add(stillActive, part.stillActive);
            add(lastActive, part.lastActive);
            add(bracketActive, part.bracketActive);
            add(bracketStillActive, part.bracketStillActive);
            revenue.addAll(part.revenue);
            counted += part.counted;
        }
        int scale =
                currency == null ? 0 : Money.ofMinorUnits(0, currency).amount().scale();
        for (int cohort = 0; cohort < periods; cohort++) {
            if (sizes[cohort] == 0) {
                continue;
            }
            CohortRetention.Row row = new CohortRetention.Row(brackets);
            row.size = sizes[cohort];
            for (int offset = 0; cohort + offset < periods; offset++) {
                int cell = cohort * periods + offset;
                putCount(row.active, offset, active[cell]);
                putCount(row.stillActive, offset, stillActive[cell]);
                putCount(row.lastActive, offset, lastActive[cell]);
                if (currency != null && revenue.touched(cell)) {
                    row.revenue.put((long) offset, new BigDecimal(revenue.total(cell), scale));
                }
            }
            System.arraycopy(bracketActive, cohort * brackets, row.bracketActive, 0, brackets);
            System.arraycopy(bracketStillActive, cohort * brackets, row.bracketStillActive, 0, brackets);
            rows.put(period.plus(firstStart, cohort), row);
        }
        return new BatchCohorts(skipped, ignored, observed - counted, currency, rows);
    }

    private static void putCount(Map<Long, Long> counts, int offset, long count) {
        if (count > 0) {
            counts.put((long) offset, count);
        }
    }

    private static void add(long[] into, long[] from) {
        for (int i = 0; i < into.length; i++) {
            into[i] += from[i];
        }
    }

    /**
     * The key of the last counted instant: {@code asOf} when its period started before it, else the nanosecond
     * before; {@link Long#MAX_VALUE} past the supported instants and {@link Long#MIN_VALUE} before them.
     */
    private static long lastCountedKey(CohortPeriod period, Instant asOf) {
        if (!asOf.isBefore(SupportedInstants.END)) {
            return Long.MAX_VALUE;
        }
        if (asOf.isBefore(SupportedInstants.FIRST)) {
            return Long.MIN_VALUE;
        }
        long key = BatchScan.epochNanos(asOf.getEpochSecond(), asOf.getNano());
        return CohortRetention.isObservedAt(period, asOf) ? key : key - 1;
    }

    private static Instant instant(long key) {
        return Instant.ofEpochSecond(Math.floorDiv(key, 1_000_000_000L), Math.floorMod(key, 1_000_000_000L));
    }

    /**
     * Returns the currency of the first amount (in row order), after checking that no amount is in another: of each
     * range's first amount and first amount in another currency than that, the earliest row decides.
     */
    private static @Nullable Currency checkCurrencies(EventBatch batch, Part[] parts) {
        int firstRow = Integer.MAX_VALUE;
        for (Part part : parts) {
            if (part.firstAmountRow >= 0) {
                firstRow = Math.min(firstRow, part.firstAmountRow);
            }
        }
        if (firstRow == Integer.MAX_VALUE) {
            return null;
        }
        Currency currency = Objects.requireNonNull(batch.currency(firstRow), "a first amount row has an amount");
        int conflict = Integer.MAX_VALUE;
        for (Part part : parts) {
            if (part.firstAmountRow < 0) {
                continue;
            }
            int row =
                    currency.equals(batch.currency(part.firstAmountRow)) ? part.otherCurrencyRow : part.firstAmountRow;
            if (row >= 0) {
                conflict = Math.min(conflict, row);
            }
        }
        if (conflict != Integer.MAX_VALUE) {
            String id = batch.eventId(conflict);
            throw new IllegalArgumentException("the return events must all carry amounts in one currency but row "
                    + conflict + " (" + (id == null ? "no event id" : "id '" + id + "'") + ", customer '"
                    + batch.customerId(batch.customer(conflict)) + "') has " + batch.amountOrNull(conflict)
                    + " where earlier amounts are in " + currency.getCurrencyCode());
        }
        return currency;
    }

    /** The period of each day from the first cohort's first day to the last counted row's, counted from the first. */
    private static final class Days {
        final long firstDay;
        final int[] periodOfDay;
        final int periods;

        private Days(long firstDay, int[] periodOfDay) {
            this.firstDay = firstDay;
            this.periodOfDay = periodOfDay;
            this.periods = periodOfDay[periodOfDay.length - 1] + 1;
        }

        static Days of(CohortPeriod period, long firstDay, long latest) {
            // within the bound of 1,200 periods checked before: at most about 36,500 days
            int count = Math.toIntExact(Math.floorDiv(latest, NANOS_PER_DAY) - firstDay + 1);
            int[] periodOfDay = new int[count];
            int index = 0;
            for (int d = 1; d < count; d++) {
                if (period.isStart(LocalDate.ofEpochDay(firstDay + d))) {
                    index++;
                }
                periodOfDay[d] = index;
            }
            return new Days(firstDay, periodOfDay);
        }

        /** The period of a counted row's instant, -1 before the first cohort's period. */
        int periodOf(long key) {
            long day = Math.floorDiv(key, NANOS_PER_DAY) - firstDay;
            return day < 0 ? -1 : periodOfDay[(int) day];
        }
    }

    /** Exact sums of non-negative minor units per cell: a {@code long}, and what overflowed it. */
    private static final class Sums {
        final long[] low;
        final boolean[] touched;
        private @Nullable BigInteger @Nullable [] carried;

        Sums(int cells) {
            low = new long[cells];
            touched = new boolean[cells];
        }

        void add(int cell, long minorUnits) {
            touched[cell] = true;
            long sum = low[cell] + minorUnits;
            if (sum < 0) {
                carry(cell, low[cell]);
                sum = minorUnits;
            }
            low[cell] = sum;
        }

        private void carry(int cell, long amount) {
            @Nullable BigInteger[] big = carried;
            if (big == null) {
                big = new BigInteger[low.length];
                carried = big;
            }
            BigInteger before = big[cell];
            big[cell] = (before == null ? BigInteger.ZERO : before).add(BigInteger.valueOf(amount));
        }

        void addAll(Sums other) {
            for (int cell = 0; cell < low.length; cell++) {
                if (other.touched[cell]) {
                    add(cell, other.low[cell]);
                    @Nullable BigInteger[] big = other.carried;
                    BigInteger extra = big == null ? null : big[cell];
                    if (extra != null) {
                        @Nullable BigInteger[] mine = carried;
                        if (mine == null) {
                            mine = new BigInteger[low.length];
                            carried = mine;
                        }
                        BigInteger before = mine[cell];
                        mine[cell] = before == null ? extra : before.add(extra);
                    }
                }
            }
        }

        boolean touched(int cell) {
            return touched[cell];
        }

        BigInteger total(int cell) {
            @Nullable BigInteger[] big = carried;
            BigInteger extra = big == null ? null : big[cell];
            BigInteger sum = BigInteger.valueOf(low[cell]);
            return extra == null ? sum : sum.add(extra);
        }
    }

    /** The customers {@code lo} to {@code hi - 1}: their first cohort events and last returns, then their cells. */
    private static final class Part {
        final int lo;
        final int hi;
        final RetentionOptions options;
        final long[] firstKey;
        final long[] lastKey;
        /** The rows of this part's customers of a cohort or return type. */
        long considered;

        long ignored;
        long observed;
        long counted;
        long earliest = Long.MAX_VALUE;
        long latest = Long.MIN_VALUE;
        int firstAmountRow = -1;
        int otherCurrencyRow = -1;
        long[] sizes = new long[0];
        long[] active = new long[0];
        long[] stillActive = new long[0];
        long[] lastActive = new long[0];
        long[] bracketActive = new long[0];
        long[] bracketStillActive = new long[0];
        Sums revenue = new Sums(0);

        Part(int lo, int hi, RetentionOptions options) {
            this.lo = lo;
            this.hi = hi;
            this.options = options;
            this.firstKey = new long[hi - lo];
            this.lastKey = new long[hi - lo];
            Arrays.fill(firstKey, Long.MAX_VALUE);
            Arrays.fill(lastKey, Long.MIN_VALUE);
        }

        void firstPass(EventBatch batch, long bound) {
            int n = hi - lo;
            int size = batch.size();
            Currency currency = null;
            for (int row = 0; row < size; row++) {
                // the type first: most rows are of other types, and their customer need not be read
                int type = batch.typeOrdinal(row);
                boolean starts = options.startsCohort(type);
                boolean returns = options.isReturn(type);
                if (!starts && !returns) {
                    continue;
                }
                int c = batch.customer(row) - lo;
                if (c < 0 || c >= n) {
                    continue;
                }
                considered++;
                if (returns && batch.amountMinorUnits(row) != EventBatch.NO_AMOUNT) {
                    if (firstAmountRow < 0) {
                        firstAmountRow = row;
                        currency = batch.currency(row);
                    } else if (otherCurrencyRow < 0 && !Objects.equals(batch.currency(row), currency)) {
                        otherCurrencyRow = row;
                    }
                }
                long key = BatchScan.epochNanos(batch, row);
                if (key > bound) {
                    ignored++;
                    continue;
                }
                observed++;
                latest = Math.max(latest, key);
                if (starts && key < firstKey[c]) {
                    firstKey[c] = key;
                }
                if (returns && key > lastKey[c]) {
                    lastKey[c] = key;
                }
            }
            for (int c = 0; c < n; c++) {
                earliest = Math.min(earliest, firstKey[c]);
            }
        }

        void secondPass(EventBatch batch, long bound, Days days) {
            int n = hi - lo;
            int periods = days.periods;
            int brackets = options.brackets().size();
            sizes = new long[periods];
            active = new long[periods * periods];
            stillActive = new long[periods * periods];
            lastActive = new long[periods * periods];
            bracketActive = new long[periods * brackets];
            bracketStillActive = new long[periods * brackets];
            revenue = new Sums(periods * periods);
            // each customer's cohort, and the first word of their bitset of active offsets
            int[] cohort = new int[n];
            int[] firstWord = new int[n + 1];
            int words = 0;
            for (int c = 0; c < n; c++) {
                firstWord[c] = words;
                if (firstKey[c] == Long.MAX_VALUE) {
                    continue;
                }
                int own = days.periodOf(firstKey[c]);
                // no return, or returns only before the cohort's period: one word all the same
                int last = lastKey[c] == Long.MIN_VALUE ? 0 : Math.max(0, days.periodOf(lastKey[c]) - own);
                cohort[c] = own;
                sizes[own]++;
                words = Math.addExact(words, (last >>> 6) + 1);
            }
            firstWord[n] = words;
            long[] bits = new long[words];
            int size = batch.size();
            for (int row = 0; row < size; row++) {
                int type = batch.typeOrdinal(row);
                boolean returns = options.isReturn(type);
                if (!returns && !options.startsCohort(type)) {
                    continue;
                }
                int c = batch.customer(row) - lo;
                if (c < 0 || c >= n || firstKey[c] == Long.MAX_VALUE || BatchScan.epochNanos(batch, row) > bound) {
                    continue; // another range's customer, one without a cohort (the rows are outside), or after asOf
                }
                if (!returns) {
                    counted++; // a cohort event
                    continue;
                }
                int own = cohort[c];
                int offset = days.periodOf(BatchScan.epochNanos(batch, row)) - own;
                if (offset < 0) {
                    continue; // a return before the cohort's period: outside
                }
                counted++;
                bits[firstWord[c] + (offset >>> 6)] |= 1L << offset;
                long amount = batch.amountMinorUnits(row);
                if (amount != EventBatch.NO_AMOUNT) {
                    revenue.add(own * periods + offset, amount);
                }
            }
            Cells cells = new Cells(periods, brackets);
            int[] offsets = new int[periods];
            for (int c = 0; c < n; c++) {
                if (firstKey[c] == Long.MAX_VALUE) {
                    continue;
                }
                int count = 0;
                for (int word = firstWord[c]; word < firstWord[c + 1]; word++) {
                    for (long w = bits[word]; w != 0; w &= w - 1) {
                        offsets[count++] = ((word - firstWord[c]) << 6) + Long.numberOfTrailingZeros(w);
                    }
                }
                cells.cohort = cohort[c];
                CohortRetention.tally(offsets, count, options, cells);
            }
        }

        /** The tally into this range's arrays, for one cohort at a time. */
        private final class Cells implements CohortRetention.Tally {
            final int periods;
            final int brackets;
            int cohort;

            Cells(int periods, int brackets) {
                this.periods = periods;
                this.brackets = brackets;
            }

            @Override
            public void active(int offset, boolean previousToo) {
                active[(cohort * periods) + offset]++;
                if (previousToo) {
                    stillActive[(cohort * periods) + offset]++;
                }
            }

            @Override
            public void bracket(int bracket, boolean previousToo) {
                bracketActive[(cohort * brackets) + bracket]++;
                if (previousToo) {
                    bracketStillActive[(cohort * brackets) + bracket]++;
                }
            }

            @Override
            public void lastActive(int offset) {
                lastActive[(cohort * periods) + offset]++;
            }
        }
    }
}
