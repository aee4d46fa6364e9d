package dev.lifecycle.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of the CDNOW purchase history bundled with lifecycle-examples: the empirical distributions of orders per
 * customer, of the gaps in days between a customer's consecutive orders, and of order amounts. The synthetic log
 * samples from these three distributions (independently of each other).
 *
 * <p>Immutable.
 */
final class CdnowShape {
    static final String RESOURCE = "/data/cdnow/CDNOW_master.txt";
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final int[] ordersPerCustomer;
    private final int[] gapDays;
    private final int[] amountCents;

    private CdnowShape(int[] ordersPerCustomer, int[] gapDays, int[] amountCents) {
        this.ordersPerCustomer = ordersPerCustomer;
        this.gapDays = gapDays;
        this.amountCents = amountCents;
    }

    /** Reads the bundled CDNOW file (69,659 purchases of 23,570 customers). */
    static CdnowShape bundled() {
        try (InputStream in = CdnowShape.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the CDNOW purchase history " + RESOURCE
                        + " is not on the class path; it comes with lifecycle-examples");
            }
            return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static CdnowShape read(BufferedReader reader) throws IOException {
        Map<String, List<long[]>> byCustomer = new LinkedHashMap<>();
        List<Integer> amounts = new ArrayList<>();
        String line;
        int lineNumber = 0;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            String[] fields = line.trim().split("\\s+");
            if (fields.length != 4 || fields[0].equals("customer_id")) {
                if (!line.isBlank() && !fields[0].equals("customer_id")) {
                    throw new IllegalArgumentException(
                            "CDNOW line " + lineNumber + " must have 4 fields but was '" + line + "'");
                }
                continue;
            }
            long day = LocalDate.parse(fields[1], DATE).toEpochDay();
            int cents = Math.toIntExact(Math.round(Double.parseDouble(fields[3]) * 100));
            byCustomer.computeIfAbsent(fields[0], id -> new ArrayList<>()).add(new long[] {day});
            amounts.add(cents);
        }
        if (byCustomer.isEmpty()) {
            throw new IllegalArgumentException("the CDNOW file has no purchase rows");
        }
        int[] orders = new int[byCustomer.size()];
        List<Integer> gaps = new ArrayList<>();
        int c = 0;
        for (List<long[]> days : byCustomer.values()) {
            orders[c++] = days.size();
            long[] sorted = days.stream().mapToLong(d -> d[0]).sorted().toArray();
            for (int i = 1; i < sorted.length; i++) {
                gaps.add(Math.toIntExact(sorted[i] - sorted[i - 1]));
            }
        }
        return new CdnowShape(
                orders,
                gaps.stream().mapToInt(Integer::intValue).toArray(),
                amounts.stream().mapToInt(Integer::intValue).toArray());
    }

    /** {@return the number of orders of each CDNOW customer} */
    int[] ordersPerCustomer() {
        return ordersPerCustomer.clone();
    }

    /** {@return the gap in days between each pair of consecutive orders of a CDNOW customer (0 for the same day)} */
    int[] gapDays() {
        return gapDays.clone();
    }

    /** {@return the amount of each CDNOW order in cents} */
    int[] amountCents() {
        return amountCents.clone();
    }

    /** {@return the mean of an empirical distribution} */
    static double mean(int[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }
}
