package dev.lifecycle.predict;

import dev.lifecycle.core.CustomerEvent;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.Money;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The CDNOW sample as the tests read it: its published summaries and its transactions as events. */
final class Cdnow {
    /** The 39-week calibration period of Fader, Hardie and Lee (2005). */
    static final SummaryOptions CALIBRATION =
            SummaryOptions.through(LocalDate.of(1997, 9, 30)).inUnits(ChronoUnit.WEEKS);

    private Cdnow() {}

    /** The rows of cdnow_customers_summary_with_transactions.csv: ID, x, t_x, T, zbar. */
    static CustomerSummaries publishedSummaries() {
        CustomerSummaries.Builder builder = CustomerSummaries.builder(CALIBRATION);
        for (String[] cells : csv("cdnow_customers_summary_with_transactions.csv")) {
            builder.add(
                    cells[0],
                    Integer.parseInt(cells[1]),
                    Double.parseDouble(cells[2]),
                    Double.parseDouble(cells[3]),
                    Double.parseDouble(cells[4]));
        }
        return builder.build();
    }

    /** The purchases of CDNOW_sample.txt as events, one per row, at the start of the day in UTC. */
    static List<CustomerEvent> sampleEvents() {
        List<CustomerEvent> events = new ArrayList<>();
        DateTimeFormatter day = DateTimeFormatter.BASIC_ISO_DATE;
        for (String line : lines("CDNOW_sample.txt")) {
            String[] cells = line.trim().split("\\s+");
            String customer = String.valueOf(Integer.parseInt(cells[1]));
            LocalDate date = LocalDate.parse(cells[2], day);
            events.add(CustomerEvent.builder(
                            customer,
                            EventType.PURCHASE,
                            date.atStartOfDay(ZoneOffset.UTC).toInstant())
                    .amount(Money.of(cells[4], "USD"))
                    .build());
        }
        return events;
    }

    static List<String[]> csv(String name) {
        List<String> lines = lines(name);
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(line.split(",", -1));
        }
        return rows;
    }

    static List<String> lines(String name) {
        try (InputStream in = Objects.requireNonNull(Cdnow.class.getResourceAsStream(name), name);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            List<String> lines = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
