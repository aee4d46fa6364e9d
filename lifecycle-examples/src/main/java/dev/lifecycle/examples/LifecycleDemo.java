package dev.lifecycle.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lifecycle.core.ConditionRegistry;
import dev.lifecycle.core.CustomerProfile;
import dev.lifecycle.core.EventBatch;
import dev.lifecycle.core.EventType;
import dev.lifecycle.core.LifecycleClassifier;
import dev.lifecycle.core.LifecycleTemplate;
import dev.lifecycle.core.ProfileTable;
import dev.lifecycle.core.StageDistribution;
import dev.lifecycle.core.SupportedInstants;
import dev.lifecycle.core.Templates;
import dev.lifecycle.examples.data.BundledData;
import dev.lifecycle.io.EventBatchFile;
import dev.lifecycle.io.EventFileReader;
import dev.lifecycle.io.EventMapping;
import dev.lifecycle.io.IoProblem;
import dev.lifecycle.io.Rejection;
import dev.lifecycle.metrics.cohort.CohortCell;
import dev.lifecycle.metrics.cohort.CohortPeriod;
import dev.lifecycle.metrics.cohort.CohortRetention;
import dev.lifecycle.metrics.funnel.Funnel;
import dev.lifecycle.metrics.funnel.FunnelStep;
import dev.lifecycle.metrics.rate.LifecycleRates;
import dev.lifecycle.metrics.rate.PeriodRates;
import dev.lifecycle.metrics.rate.Rate;
import dev.lifecycle.metrics.report.LifecycleReport;
import dev.lifecycle.templates.TemplateFileException;
import dev.lifecycle.templates.TemplateFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The demo: the library at work on real customers. Reads a purchase history (by default the bundled CDNOW data),
 * classifies every customer at an instant and prints the stage distribution, the funnel of reached stages with
 * drop-off (stages no event type of the input decides shown as not measured, and the biggest drop-off taken among the
 * measured ones), the repeat-purchase rate, quarterly churn and retention, and a monthly cohort retention table; or the
 * same figures as one JSON document. Run it with {@code java -jar lifecycle-examples/target/lifecycle-demo.jar
 * --help}.
 */
public final class LifecycleDemo {
    private static final String USAGE = """
            usage: java -jar lifecycle-demo.jar [options]
              --input FILE        purchases in CDNOW format, or a CSV with header customer_id,timestamp,type,amount
                                  (amounts in USD unless --currency; default: the bundled CDNOW history: 69,659 rows,
                                  67,591 purchases, 23,570 customers)
              --columns MAP       the --input CSV's own columns, as KEY=COLUMN pairs separated by commas; keys:
                                  customer, timestamp (required), type, amount, currency, event-id; e.g.
                                  customer=customer,timestamp=created_at,amount=total,currency=currency,event-id=order_id
              --type TYPE         one event type for every row, instead of a type column (e.g. PURCHASE)
              --types MAP         the type column's own names, as NAME=TYPE pairs (e.g. order=PURCHASE,visit=SITE_VISIT)
              --currency CODE     the currency of every amount, when no currency column is mapped (e.g. EUR)
              --delimiter D       the CSV delimiter: , (default), ; | or tab
              --zone ZONE         the zone of local date-times and days (default UTC; e.g. Europe/Berlin)
              --template NAME     five-stage (default), buyer-lifecycle, tracking-categories,
                                  or a template file (.json, .yaml, .yml)
              --as-of YYYY-MM-DD  classify at the start of that day, UTC (default: the day after the last event)
              --lapse-days N      days without a purchase until a customer lapses (default 180; built-in templates)
              --report FILE       also write a self-contained HTML report with charts to FILE
              --customers FILE    also write every classified customer's stage to FILE: .csv (with a header line),
                                  .json (an array of objects) or .jsonl (JSON Lines), one customer a row in the
                                  order customers first appear in the input; columns customer_id, stage,
                                  stage_name, side_stage, highest_main_stage, path (the rules that fired, as in
                                  first-purchase > second-purchase > lapse), orders, total_spend, currency,
                                  first_purchase, last_purchase, last_activity (ISO-8601 instants). In CSV a text
                                  cell starting with = + - @ ' a tab or a carriage return gets a ' in front, so
                                  no spreadsheet runs it as a formula
              --json              print the figures as one JSON document
              --help              print this help

            The figures go to standard output. Progress goes to standard error: one line per phase (reading,
            classifying, cohorts, quarterly rates, report, customer file) with the time it took, and for inputs
            of 100,000 rows or more a line after every 100,000 rows read.

            A failure ends the run with exit status 2 and one line on standard error, before the input is read
            where it can be (a bad option or template, a report or customer file that cannot be written). A
            template file with problems gives that line and then one line per problem (at most 20), each with
            its file, line and column.
            """;

    /** The most problems of a template file, and rejected lines of an input, that are shown. */
    static final int MAX_PROBLEMS_SHOWN = 20;

    /** The most quarters the churn and retention table shows: the last five years before asOf. */
    static final int MAX_QUARTERS_SHOWN = 20;

    /** The columns of the quarterly table, its heading and its rows alike. */
    private static final String QUARTER_COLUMNS = "%-12s %8s %6s %9s %6s %15s %8s  %6s  %9s%n";

    /** How the columns of the quarterly table add up, printed above it. */
    static final String QUARTER_SUM = "at end = at start - lost + won back + new - new not active, and each quarter"
            + " starts with the previous quarter's end";

    /** Inputs at least this long show progress while they are read, one line per this many rows. */
    static final long PROGRESS_ROWS = 100_000;

    private LifecycleDemo() {}

    /**
     * Runs the demo and exits with its status: 0 on success, 2 on a bad option or an unreadable input.
     *
     * @param args the options; {@code --help} lists them
     */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the demo; returns the exit status. Errors are one line on {@code err}, never a stack trace. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("lifecycle-demo: " + e.getMessage() + " (try --help)");
            return 2;
        }
        if (options.help) {
            out.print(USAGE);
            return 0;
        }
        try {
            Phases phases = new Phases(err);
            LifecycleTemplate template = template(options);
            if (options.report != null) {
                checkWritable(options.report, "the report");
            }
            if (options.customers != null) {
                checkWritable(options.customers, "the customer file");
            }
            EventBatchFile file;
            if (options.input == null) {
                file = BundledData.bundledCdnowBatch();
                phases.done("read %,d rows of the bundled CDNOW data", file.rowsRead());
            } else {
                // the reader calls back one call at a time, possibly from its reading threads, with the rows read so
                // far; a line each time that count passes another PROGRESS_ROWS
                java.util.concurrent.atomic.AtomicLong shown = new java.util.concurrent.atomic.AtomicLong();
                file = options.reader()
                        .withProgress(rows -> {
                            long passed = rows / PROGRESS_ROWS;
                            if (passed > shown.get()) {
                                shown.set(passed);
                                err.printf(Locale.ROOT, "read %,d rows...%n", passed * PROGRESS_ROWS);
                            }
                        })
                        .readBatch(options.input);
                phases.done(
                        "read %,d rows of %s%s",
                        file.rowsRead(),
                        options.input,
                        file.ignoredColumns().isEmpty() ? "" : " (columns not used: " + file.ignoredColumns() + ")");
            }
            Figures figures;
            // the customer file is written while the customers are classified; it takes its name only once every
            // other file is written too, so a run that fails leaves no customer file
            try (CustomerFile customers = options.customers == null ? null : CustomerFile.create(options.customers)) {
                figures = Figures.of(file, template, options.asOf, phases, customers);
                if (options.report != null) {
                    try {
                        figures.report().writeTo(options.report);
                    } catch (IOException e) {
                        throw new IOException(
                                "cannot write the report '" + options.report + "': " + IoProblem.describe(e), e);
                    }
                    phases.done("wrote the report %s", options.report);
                }
                if (customers != null) {
                    customers.finish(figures.customers());
                    phases.done("wrote %,d customers to %s", customers.rows(), customers.target());
                }
            }
            if (options.json) {
                ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                out.println(mapper.writeValueAsString(figures.toJson()));
            } else {
                figures.print(out);
            }
            return 0;
        } catch (TemplateFileException e) {
            // a list of problems on one line is hard to read: the first line, then one line per problem
            err.println("lifecycle-demo: " + oneLine(e));
            List<TemplateFileException.Problem> problems = e.problems();
            for (TemplateFileException.Problem problem :
                    problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS_SHOWN))) {
                err.println("  " + problem.toString().replace("\r", "\\r").replace("\n", "\\n"));
            }
            if (problems.size() > MAX_PROBLEMS_SHOWN) {
                err.printf(Locale.ROOT, "  and %d more problems%n", problems.size() - MAX_PROBLEMS_SHOWN);
            }
            return 2;
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            err.println("lifecycle-demo: " + oneLine(e));
            return 2;
        } catch (RuntimeException e) {
            // the promise is one line for every failure, also for a fault of the library or of this demo
            err.println("lifecycle-demo: internal error: " + e.getClass().getName() + ": " + oneLine(e));
            return 2;
        }
    }

    /** The first line of an exception's message, or its class name when it has none. */
    private static String oneLine(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank()
                ? e.getClass().getName()
                : message.lines().findFirst().orElseThrow();
    }

    /**
     * Fails before any work when an output file cannot be written: its folder is missing or it names a folder.
     *
     * @param what the file's part in the run, as in "the report"
     */
    private static void checkWritable(Path file, String what) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file)) {
            throw new IOException("cannot write " + what + " '" + file + "': it is a directory");
        }
        if (folder != null && !Files.isDirectory(folder)) {
            throw new IOException("cannot write " + what + " '" + file + "': folder '" + folder + "' does not exist");
        }
    }

    private static LifecycleTemplate template(Options options) throws IOException {
        Duration lapse = Duration.ofDays(options.lapseDays);
        return switch (options.template) {
            case "five-stage" -> Templates.fiveStage(lapse);
            case "buyer-lifecycle" -> Templates.buyerLifecycle(lapse);
            case "tracking-categories" -> Templates.trackingCategories(lapse);
            default -> templateFile(Path.of(options.template));
        };
    }

    /** Reads a template file; whatever goes wrong becomes one line naming the file. */
    private static LifecycleTemplate templateFile(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("cannot read template file '" + file + "': it is a directory");
        }
        try {
            return TemplateFiles.read(file, ConditionRegistry.empty());
        } catch (TemplateFileException e) {
            // run() prints its problems one a line
            throw e;
        } catch (IOException e) {
            throw new IOException("cannot read template file '" + file + "': " + IoProblem.describe(e), e);
        } catch (RuntimeException e) {
            // the file is untrusted input: a fault it provokes while the template is built is its problem
            throw new IllegalArgumentException("cannot use template file '" + file + "': " + oneLine(e), e);
        }
    }

    /** Tells on standard error how long each phase of a run took. */
    private static final class Phases {
        private final PrintStream err;
        private long start = System.nanoTime();

        Phases(PrintStream err) {
            this.err = err;
        }

        /** Prints what was done, formatted in the root locale, and the time since the previous phase ended. */
        void done(String format, Object... args) {
            long now = System.nanoTime();
            err.println(String.format(Locale.ROOT, format, args)
                    + String.format(Locale.ROOT, " in %.1f s", (now - start) / 1e9));
            start = now;
        }
    }

    /** The command line. */
    private static final class Options {
        @Nullable
        Path input;

        @Nullable
        Path report;

        @Nullable
        Path customers;

        String template = "five-stage";

        @Nullable
        Instant asOf;

        long lapseDays = 180;
        boolean json;
        boolean help;
        /** The mapping options, by option name, as given; checked and turned into a reader by {@link #reader()}. */
        final Map<String, String> mappingOptions = new LinkedHashMap<>();

        EventFileReader reader = EventFileReader.create();

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--help", "-h" -> o.help = true;
                    case "--json" -> o.json = true;
                    case "--input" -> o.input = Path.of(value(args, ++i, arg));
                    case "--report" -> o.report = Path.of(value(args, ++i, arg));
                    case "--customers" -> o.customers = customers(value(args, ++i, arg));
                    case "--template" -> o.template = template(value(args, ++i, arg));
                    case "--as-of" -> o.asOf = day(value(args, ++i, arg));
                    case "--lapse-days" -> o.lapseDays = days(value(args, ++i, arg));
                    case "--columns", "--type", "--types", "--currency", "--delimiter", "--zone" ->
                        o.mappingOptions.put(arg, value(args, ++i, arg));
                    default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
                }
            }
            if (!o.mappingOptions.isEmpty()) {
                if (o.input == null) {
                    throw new IllegalArgumentException(String.join(", ", o.mappingOptions.keySet())
                            + " describe an --input CSV file; the bundled CDNOW data has a format of its own");
                }
                o.reader = reader(o.mappingOptions);
            }
            return o;
        }

        /** The reader of the --input file: the default mapping, or the one the mapping options give. */
        EventFileReader reader() {
            return reader;
        }

        /** The keys of --columns and the mapping's field each names. */
        private static final List<String> COLUMN_KEYS =
                List.of("customer", "timestamp", "type", "amount", "currency", "event-id");

        /** The column --columns names for a key it must have. */
        private static String requiredColumn(Map<String, String> byKey, String key) {
            String column = byKey.get(key);
            if (column == null) {
                throw new IllegalArgumentException("--columns must name the " + key + " column (" + key + "=COLUMN)");
            }
            return column;
        }

        /**
         * Builds the reader the mapping options describe, checking every value before the input is read: without
         * --columns the default header with its options applied, with it exactly the columns it names.
         */
        private static EventFileReader reader(Map<String, String> options) {
            EventMapping.Builder mapping = EventMapping.defaults().toBuilder();
            String columns = options.get("--columns");
            if (columns != null) {
                Map<String, String> byKey = pairs("--columns", columns, "KEY=COLUMN");
                for (String key : byKey.keySet()) {
                    if (!COLUMN_KEYS.contains(key)) {
                        throw new IllegalArgumentException("--columns keys must be " + String.join(", ", COLUMN_KEYS)
                                + " but one was " + quote(key));
                    }
                }
                mapping = EventMapping.builder()
                        .customerId(requiredColumn(byKey, "customer"))
                        .timestamp(requiredColumn(byKey, "timestamp"));
                if (byKey.containsKey("type")) {
                    mapping.type(byKey.get("type"));
                }
                if (byKey.containsKey("amount")) {
                    mapping.amount(byKey.get("amount"));
                }
                if (byKey.containsKey("currency")) {
                    mapping.currency(byKey.get("currency"));
                }
                if (byKey.containsKey("event-id")) {
                    mapping.eventId(byKey.get("event-id"));
                }
            }
            String type = options.get("--type");
            if (type != null) {
                mapping.constantType(eventType("--type", type));
            }
            String types = options.get("--types");
            if (types != null) {
                EventMapping.Builder named = mapping;
                pairs("--types", types, "NAME=TYPE")
                        .forEach((name, target) -> named.typeName(name, eventType("--types", target)));
            }
            String currency = options.get("--currency");
            if (currency != null) {
                try {
                    Currency.getInstance(currency.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "--currency must be an ISO 4217 code such as EUR but was " + quote(currency), e);
                }
                mapping.defaultCurrency(currency);
            }
            String zone = options.get("--zone");
            if (zone != null) {
                try {
                    mapping.zone(ZoneId.of(zone));
                } catch (DateTimeException e) {
                    throw new IllegalArgumentException(
                            "--zone must be a time zone such as UTC or Europe/Berlin but was " + quote(zone), e);
                }
            }
            EventFileReader reader;
            try {
                reader = EventFileReader.create().withMapping(mapping.build());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "the mapping options do not describe the events: " + e.getMessage()
                                + " (see --columns, --type and --currency)",
                        e);
            }
            String delimiter = options.get("--delimiter");
            if (delimiter != null) {
                String character = delimiter.equals("tab") ? "\t" : delimiter;
                if (character.length() != 1 || !List.of(",", ";", "|", "\t").contains(character)) {
                    throw new IllegalArgumentException(
                            "--delimiter must be ',', ';', '|' or tab but was " + quote(delimiter));
                }
                reader = reader.withDelimiter(character.charAt(0));
            }
            return reader;
        }

        /** Reads {@code A=B,C=D}; names and values are stripped and must not be empty or given twice. */
        private static Map<String, String> pairs(String option, String text, String form) {
            Map<String, String> pairs = new LinkedHashMap<>();
            for (String pair : text.split(",", -1)) {
                int at = pair.indexOf('=');
                String name = at < 0 ? "" : pair.substring(0, at).strip();
                String value = at < 0 ? "" : pair.substring(at + 1).strip();
                if (name.isEmpty() || value.isEmpty()) {
                    throw new IllegalArgumentException(
                            option + " must be " + form + " pairs separated by commas but" + " had " + quote(pair));
                }
                if (pairs.putIfAbsent(name, value) != null) {
                    throw new IllegalArgumentException(option + " names " + quote(name) + " twice");
                }
            }
            return pairs;
        }

        private static EventType eventType(String option, String text) {
            for (EventType type : EventMapping.rowTypes()) {
                if (type.name().equalsIgnoreCase(text.strip())) {
                    return type;
                }
            }
            throw new IllegalArgumentException(
                    option + ": an event type must be one of " + EventMapping.rowTypes() + " but was " + quote(text));
        }

        private static String quote(String text) {
            return "'" + (text.length() <= 80 ? text : text.substring(0, 77) + "...") + "'";
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            return args[i];
        }

        private static String template(String text) {
            if (Templates.names().contains(text)) {
                return text;
            }
            try {
                TemplateFiles.Format.of(Path.of(text));
                return text;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--template must be " + String.join(", ", Templates.names())
                        + " or a template file ending in .json, .yaml or .yml but was " + quote(text));
            }
        }

        /** The customer file, refused at once unless its extension names a format. */
        private static Path customers(String text) {
            Path file = Path.of(text);
            CustomerFile.Format.of(file, "--customers");
            return file;
        }

        private static Instant day(String text) {
            try {
                return SupportedInstants.check(
                        LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant(), "--as-of");
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--as-of must be a date YYYY-MM-DD but was '" + text + "'");
            }
        }

        private static long days(String text) {
            try {
                long days = Long.parseLong(text);
                if (days < 1 || days > 36_500) {
                    throw new IllegalArgumentException("--lapse-days must be between 1 and 36500 but was " + days);
                }
                return days;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--lapse-days must be a whole number but was '" + text + "'");
            }
        }
    }

    /** Everything the demo reports, computed once and printed as text or JSON. */
    private record Figures(
            EventBatchFile file,
            LifecycleTemplate template,
            Instant asOf,
            long eventsAfterAsOf,
            long customers,
            StageDistribution distribution,
            Funnel funnel,
            Set<EventType> eventTypes,
            Rate repeatPurchase,
            List<PeriodRates> quarters,
            long quartersNotShown,
            @Nullable String churnNotMeasured,
            CohortRetention cohorts,
            DemoLifecycleSeries lifecycleSeries,
            DemoStageFlow stageFlow,
            DemoFunnels funnels,
            DemoPredictions predictions,
            DemoSegments segments) {

        /**
         * Computes the figures; classifies every customer once, writing each to {@code customers} (when not null) as
         * it is classified.
         */
        static Figures of(
                EventBatchFile file,
                LifecycleTemplate template,
                @Nullable Instant requestedAsOf,
                Phases phases,
                @Nullable CustomerFile customers) {
            EventBatch events = file.batch();
            if (events.size() == 0) {
                throw new IllegalArgumentException("the input holds no usable event");
            }
            Instant first = events.timestamp(0);
            Instant last = first;
            for (int row = 1; row < events.size(); row++) {
                Instant at = events.timestamp(row);
                first = at.isBefore(first) ? at : first;
                last = at.isAfter(last) ? at : last;
            }
            Instant asOf = requestedAsOf != null ? requestedAsOf : defaultAsOf(last);
            EventBatch upToAsOf = events.upTo(asOf);
            Set<EventType> eventTypes = EnumSet.noneOf(EventType.class);
            for (int row = 0; row < upToAsOf.size(); row++) {
                eventTypes.add(upToAsOf.type(row));
            }
            // full rows for the customer file and the repeat-purchase rate; the distribution straight from the batch
            ProfileTable table = ProfileTable.fromEvents(upToAsOf);
            List<CustomerProfile> profiles = table.profiles();
            long buyers = 0;
            long repeaters = 0;
            for (CustomerProfile profile : profiles) {
                buyers += profile.orderCount() > 0 ? 1 : 0;
                repeaters += profile.orderCount() > 1 ? 1 : 0;
            }
            LifecycleClassifier classifier = LifecycleClassifier.of(template);
            StageDistribution distribution = customers == null
                    ? classifier.classifyAllParallel(upToAsOf, asOf)
                    : classifier.classifyAll(profiles, asOf, customers::write);
            phases.done("classified %,d customers", profiles.size());
            // the cohorts first: their table refuses a span beyond the metrics' period bound before any slow work
            // the purchase rows of the whole batch: the cohorts leave out those after asOf by the same rule and count
            // them
            CohortRetention cohorts = CohortRetention.of(events, CohortPeriod.MONTH, asOf);
            phases.done(
                    "computed retention of %d monthly cohorts",
                    cohorts.cohorts().size());
            DemoLifecycleSeries lifecycleSeries = DemoLifecycleSeries.of(upToAsOf, asOf);
            phases.done("counted new, returning, resurrecting and dormant customers per month");
            DemoStageFlow stageFlow = DemoStageFlow.of(upToAsOf, template, asOf);
            phases.done("tracked every customer's stages and counted the stage flow of the year before asOf");
            DemoFunnels funnels = DemoFunnels.of(upToAsOf);
            phases.done("followed every customer's orders through the repeat-order funnel");
            // without a churn stage nothing tells churned customers from active ones: no table, and a line saying so
            String churnNotMeasured = template.churnStages().isEmpty() ? churnNotMeasured(template) : null;
            List<PeriodRates> quarters = List.of();
            long notShown = 0;
            if (churnNotMeasured == null) {
                // the whole quarters from the first event's quarter to asOf, of which the last MAX_QUARTERS_SHOWN: the
                // metrics compute each quarter over every customer, so a span of centuries would take minutes
                LocalDate firstQuarter = quarterStart(first);
                long quarterCount = Math.max(0, ChronoUnit.MONTHS.between(firstQuarter, quarterStart(asOf)) / 3);
                notShown = Math.max(0, quarterCount - MAX_QUARTERS_SHOWN);
                quarters = PeriodRates.quarterly(
                        template,
                        upToAsOf.events(),
                        firstQuarter
                                .plusMonths(3 * notShown)
                                .atStartOfDay(ZoneOffset.UTC)
                                .toInstant(),
                        asOf);
                phases.done("computed churn and retention of %d quarters", quarters.size());
            }
            DemoPredictions predictions = DemoPredictions.of(upToAsOf, first, asOf);
            phases.done("fitted the purchase model and checked it on a holdout");
            DemoSegments segments = DemoSegments.of(upToAsOf, asOf);
            phases.done("scored RFM segments and their migration between quarters");
            return new Figures(
                    file,
                    template,
                    asOf,
                    events.size() - upToAsOf.size(),
                    profiles.size(),
                    distribution,
                    // a stage no event of the input decides is shown as not measured, not as the rules' count
                    Funnel.fromDistribution(distribution, template.measuredStages(eventTypes)),
                    Collections.unmodifiableSet(eventTypes),
                    LifecycleRates.repeatPurchaseRate(repeaters, buyers),
                    quarters,
                    notShown,
                    churnNotMeasured,
                    cohorts,
                    lifecycleSeries,
                    stageFlow,
                    funnels,
                    predictions,
                    segments);
        }

        /** Why a template without churn stages has no churn and retention table, in one line. */
        private static String churnNotMeasured(LifecycleTemplate template) {
            return "churn and retention not measured: template '" + template.name() + "' declares no churn stage"
                    + " (mark the side stage of churned customers with churn: true)";
        }

        /**
         * The start of the day after the last event, or the last event's instant when that day lies past the supported
         * instants.
         */
        private static Instant defaultAsOf(Instant last) {
            Instant nextDay = last.atZone(ZoneOffset.UTC)
                    .toLocalDate()
                    .plusDays(1)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
            return SupportedInstants.isSupported(nextDay) ? nextDay : last;
        }

        private static LocalDate quarterStart(Instant instant) {
            LocalDate day = instant.atZone(ZoneOffset.UTC).toLocalDate();
            return LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
        }

        void print(PrintStream out) {
            out.printf(
                    Locale.ROOT,
                    "rows read %d = used %d + rejected %d; customers %d%n",
                    file.rowsRead(),
                    file.rowsUsed(),
                    file.rowsRejected(),
                    customers);
            List<Rejection> rejections = file.rejections();
            for (Rejection rejection : rejections.subList(0, Math.min(rejections.size(), MAX_PROBLEMS_SHOWN))) {
                out.println("  rejected line " + rejection.line() + ": " + rejection.reason());
            }
            if (rejections.size() > MAX_PROBLEMS_SHOWN) {
                out.printf(Locale.ROOT, "  and %d more rejected lines%n", rejections.size() - MAX_PROBLEMS_SHOWN);
            }
            out.printf(
                    Locale.ROOT,
                    "events %d = up to asOf %d + after asOf %d (left out of every figure)%s%n",
                    file.batch().size(),
                    file.batch().size() - eventsAfterAsOf,
                    eventsAfterAsOf,
                    file.rowsMerged() > 0
                            ? String.format(
                                    Locale.ROOT,
                                    "; %d rows merged into a purchase of the same customer and day",
                                    file.rowsMerged())
                            : "");
            out.println("template " + template.name() + ", as of " + asOf);
            out.println();
            out.println("stage distribution");
            distribution
                    .counts()
                    .forEach((stage, count) -> out.printf(
                            Locale.ROOT, "  %-15s %7d  %5.1f%%%n", stage, count, percent(count, distribution.total())));
            out.println();
            out.println("funnel of reached stages");
            List<String> notMeasured = new ArrayList<>();
            for (FunnelStep step : funnel.steps()) {
                if (!step.measured()) {
                    notMeasured.add(step.name());
                    out.printf(Locale.ROOT, "  %-15s not measured%n", step.name());
                } else if (!step.dropOffMeasured()) {
                    out.printf(Locale.ROOT, "  %-15s %7d  (previous step not measured)%n", step.name(), step.count());
                } else {
                    out.printf(
                            Locale.ROOT,
                            "  %-15s %7d  from previous %s  drop-off %7d%n",
                            step.name(),
                            step.count(),
                            percent(step.fromPrevious().value()),
                            step.dropOffCount());
                }
            }
            out.println("  " + biggestDropOff(funnel));
            if (!notMeasured.isEmpty()) {
                out.println("  not measured: " + String.join(", ", notMeasured) + "; no event of the input's types ("
                        + eventTypes.stream().map(EventType::name).collect(Collectors.joining(", "))
                        + ") decides them");
            }
            out.println();
            out.println("repeat-purchase rate " + percent(repeatPurchase.value()) + " (" + repeatPurchase.numerator()
                    + " of " + repeatPurchase.denominator() + " customers)");
            out.println();
            if (churnNotMeasured != null) {
                out.println(churnNotMeasured);
            } else {
                printQuarters(out);
            }
            out.println();
            out.println("monthly cohorts, bounded retention");
            out.print(cohorts.toTable(CohortRetention.Measure.BOUNDED_RETENTION));
            out.println();
            lifecycleSeries.print(out);
            out.println();
            stageFlow.print(out);
            out.println();
            funnels.print(out);
            out.println();
            predictions.print(out);
            out.println();
            segments.print(out);
        }

        private void printQuarters(PrintStream out) {
            if (quartersNotShown > 0) {
                out.printf(
                        Locale.ROOT,
                        "the last %d quarters; %d earlier quarters from %s not shown%n",
                        MAX_QUARTERS_SHOWN,
                        quartersNotShown,
                        quarterName(quarters.get(0)
                                .start()
                                .atZone(ZoneOffset.UTC)
                                .minusMonths(3 * quartersNotShown)
                                .toInstant()));
            }
            out.println(QUARTER_SUM);
            out.printf(
                    Locale.ROOT,
                    QUARTER_COLUMNS,
                    "quarter",
                    "at start",
                    "lost",
                    "won back",
                    "new",
                    "new not active",
                    "at end",
                    "churn",
                    "retention");
            for (PeriodRates q : quarters) {
                out.printf(
                        Locale.ROOT,
                        QUARTER_COLUMNS,
                        quarterName(q.start()),
                        q.customersAtStart(),
                        q.lostCustomers(),
                        q.wonBackCustomers(),
                        q.newCustomersAcquired(),
                        q.newCustomersNotActiveAtEnd(),
                        q.customersAtEnd(),
                        percent(q.churnRate().value()),
                        percent(q.retentionRate().value()));
            }
        }

        LifecycleReport report() {
            LifecycleReport.Builder report = LifecycleReport.builder()
                    .title("Customer lifecycle: " + template.name())
                    .asOf(asOf)
                    .distribution(distribution)
                    .funnel(funnel)
                    .cohortRetention(cohorts)
                    .periodRates(quarters)
                    .keyFigure("customers", String.valueOf(customers))
                    .keyFigure(
                            "rows read / used / rejected",
                            file.rowsRead() + " / " + file.rowsUsed() + " / " + file.rowsRejected())
                    .keyFigure(
                            "repeat-purchase rate",
                            percent(repeatPurchase.value()).strip());
            if (churnNotMeasured != null) {
                report.keyFigure("churn and retention", churnNotMeasured);
            }
            return report.section(lifecycleSeries.section())
                    .section(stageFlow.section())
                    .section(funnels.bySizeSection())
                    .section(funnels.byMonthSection())
                    .section(predictions.section())
                    .section(segments.section())
                    .build();
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("template", template.name());
            json.put("asOf", asOf.toString());
            json.put("rows", Map.of("read", file.rowsRead(), "used", file.rowsUsed(), "rejected", file.rowsRejected()));
            Map<String, Object> eventCounts = new LinkedHashMap<>();
            eventCounts.put("total", file.batch().size());
            eventCounts.put("rowsMerged", file.rowsMerged());
            eventCounts.put("upToAsOf", file.batch().size() - eventsAfterAsOf);
            eventCounts.put("afterAsOf", eventsAfterAsOf);
            json.put("events", eventCounts);
            json.put("eventTypes", eventTypes.stream().map(EventType::name).toList());
            json.put("customers", customers);
            json.put("distribution", distribution.counts());
            json.put("reached", distribution.reachedCounts());
            List<Map<String, Object>> steps = new ArrayList<>();
            for (FunnelStep step : funnel.steps()) {
                // null where the figure says nothing: the step, or for a conversion the previous step, is not measured
                boolean compared = step.dropOffMeasured();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("stage", step.name());
                row.put("measured", step.measured());
                row.put("count", step.measured() ? step.count() : null);
                row.put("fromPrevious", compared ? value(step.fromPrevious().value()) : null);
                row.put("dropOff", compared ? step.dropOffCount() : null);
                steps.add(row);
            }
            json.put("funnel", steps);
            json.put(
                    "biggestDropOff",
                    funnel.biggestDropOff().map(FunnelStep::name).orElse(null));
            json.put("repeatPurchaseRate", value(repeatPurchase.value()));
            List<Map<String, Object>> rates = new ArrayList<>();
            for (PeriodRates q : quarters) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("quarter", quarterName(q.start()));
                row.put("customersAtStart", q.customersAtStart());
                row.put("lost", q.lostCustomers());
                row.put("wonBack", q.wonBackCustomers());
                row.put("new", q.newCustomersAcquired());
                row.put("newNotActiveAtEnd", q.newCustomersNotActiveAtEnd());
                row.put("customersAtEnd", q.customersAtEnd());
                row.put("churnRate", value(q.churnRate().value()));
                row.put("retentionRate", value(q.retentionRate().value()));
                rates.add(row);
            }
            // null, with the reason, where the template has no churn stage: no table rather than a table of zeros
            json.put("quarters", churnNotMeasured == null ? rates : null);
            if (churnNotMeasured != null) {
                json.put("churnNotMeasured", churnNotMeasured);
            }
            json.put("quartersNotShown", quartersNotShown);
            Map<String, Object> cohortJson = new TreeMap<>();
            Map<String, Object> completeJson = new TreeMap<>();
            for (LocalDate cohort : cohorts.cohorts()) {
                List<Object> row = new ArrayList<>();
                List<Object> complete = new ArrayList<>();
                for (long k = 0; k < cohorts.periodCount(cohort); k++) {
                    Optional<CohortCell> cell = cohorts.cell(cohort, k);
                    row.add(cell.map(c -> (Object) c.boundedRetention()).orElse(null));
                    complete.add(cell.map(CohortCell::isComplete).orElse(null));
                }
                cohortJson.put(cohort.toString(), row);
                completeJson.put(cohort.toString(), complete);
            }
            json.put("monthlyCohortBoundedRetention", cohortJson);
            // false where a period had not ended at asOf (the text output's '*'): its figure is not final
            json.put("monthlyCohortPeriodComplete", completeJson);
            json.put("monthlyLifecycleSeries", lifecycleSeries.toJson());
            json.put("stageFlow", stageFlow.toJson());
            json.put("repeatOrderFunnel", funnels.toJson());
            json.put("predictions", predictions.toJson());
            json.put("rfm", segments.toJson());
            return json;
        }

        /**
         * The line naming the biggest drop-off among measured steps, or saying why none is ranked: a drop-off counts
         * only between two consecutive measured steps, and only when the earlier one has customers.
         */
        private static String biggestDropOff(Funnel funnel) {
            Optional<FunnelStep> biggest = funnel.biggestDropOff();
            if (biggest.isPresent()) {
                FunnelStep step = biggest.get();
                return "biggest drop-off among measured steps: before " + step.name() + " ("
                        + percent(step.dropOffRate().value()).strip() + ")";
            }
            boolean consecutive = funnel.steps().stream().skip(1).anyMatch(FunnelStep::dropOffMeasured);
            return consecutive
                    ? "no drop-off ranked: no customer reached a measured step that a measured step follows"
                    : "no drop-off ranked: no two consecutive steps are both measured";
        }

        /**
         * A rate's or ratio's value, or JSON null where it is undefined (no denominator): a number or nothing, never
         * text.
         */
        private static @Nullable Double value(OptionalDouble value) {
            return value.isPresent() ? value.getAsDouble() : null;
        }

        private static String quarterName(Instant start) {
            LocalDate day = start.atZone(ZoneOffset.UTC).toLocalDate();
            return day.getYear() + "-Q" + ((day.getMonthValue() - 1) / 3 + 1);
        }

        private static double percent(long part, long whole) {
            return whole == 0 ? 0 : 100.0 * part / whole;
        }

        /** A rate or ratio as a percentage of width 6, or "n/a" where it is undefined. */
        private static String percent(OptionalDouble value) {
            return value.isPresent() ? String.format(Locale.ROOT, "%5.1f%%", 100 * value.getAsDouble()) : "  n/a";
        }
    }
}
