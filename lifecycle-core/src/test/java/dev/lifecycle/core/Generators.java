package dev.lifecycle.core;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators for the property tests of this package: event lists of one customer, profiles, instants
 * and valid templates. Every generator draws only from the {@link RandomnessSource} it is given, so failures shrink
 * and replay.
 */
final class Generators {
    /** The start of the generated event history; events spread over the two years after it. */
    static final Instant BASE = Instant.parse("2023-01-01T00:00:00Z");

    static final String CUSTOMER = "c-1";

    /** Custom event type names shared by events, profiles and conditions, so conditions see them. */
    static final List<String> CUSTOM_TYPES = List.of("webinar", "unboxing", "quiz.done");

    /** Attribute names shared by events, profiles and conditions. */
    static final List<String> ATTRIBUTES = List.of("tier", "score", "visits_30d");

    static final List<LifecycleTemplate> BUILT_INS =
            List.of(Templates.fiveStage(), Templates.buyerLifecycle(), Templates.trackingCategories());

    /** A custom condition with one shared predicate, so that templates holding it still compare equal. */
    static final BiPredicate<CustomerProfile, Instant> VISITED_TWICE = (profile, asOf) -> profile.siteVisits() >= 2;

    static final Currency USD = Currency.getInstance("USD");

    private static final long DAY = 86_400;
    private static final int TWO_YEARS = (int) (730 * DAY);
    private static final List<String> WORDS = List.of("reach", "lead", "buyer", "fan", "vip", "idle", "new", "hot");
    private static final List<EventType> FAVOURED = List.of(
            EventType.PURCHASE,
            EventType.PURCHASE,
            EventType.REFERRAL,
            EventType.PRODUCT_VIEW,
            EventType.NPS_ANSWER,
            EventType.CUSTOM);
    private static final List<EventType> TYPES = List.of(EventType.values());
    private static final List<EventType> COUNTABLE_TYPES = TYPES.stream()
            .filter(type -> type != EventType.CUSTOM && type != EventType.PURCHASE)
            .toList();

    private Generators() {}

    // ---- small draws ----

    static int between(RandomnessSource in, int min, int max) {
        return Generate.range(min, max).generate(in);
    }

    static boolean chance(RandomnessSource in, int percent) {
        return between(in, 1, 100) <= percent;
    }

    static <T> T pick(RandomnessSource in, List<T> values) {
        return values.get(between(in, 0, values.size() - 1));
    }

    /** An instant within the two generated years. */
    static Instant instant(RandomnessSource in) {
        return BASE.plusSeconds(between(in, 0, TWO_YEARS));
    }

    static Money usd(RandomnessSource in, int minCents, int maxCents) {
        return new Money(BigDecimal.valueOf(between(in, minCents, maxCents), 2), USD);
    }

    // ---- instants ----

    /**
     * Classification instants at or after every generated fact, since a classification at asOf uses only facts dated
     * at or before it: from the end of the two years of history to about 400 days later, sometimes exactly at its end,
     * sometimes on a whole day so that boundaries line up.
     */
    static Gen<Instant> asOfs() {
        return in -> {
            Instant end = BASE.plusSeconds(TWO_YEARS);
            if (chance(in, 5)) {
                return end;
            }
            Instant at = end.plusSeconds(between(in, 0, (int) (400 * DAY)));
            return chance(in, 20) ? at.truncatedTo(ChronoUnit.DAYS) : at;
        };
    }

    // ---- events ----

    /** Event lists of one customer, 0 to 30 events, with distinct ids and deliberate timestamp ties. */
    static Gen<List<CustomerEvent>> events(String customerId) {
        return in -> {
            int size = between(in, 0, 30);
            List<CustomerEvent> events = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                Instant at =
                        !events.isEmpty() && chance(in, 30) ? pick(in, events).timestamp() : instant(in);
                // A random prefix, so that id order is unrelated to generation order; the index keeps ids distinct.
                String id = String.format("e%03d-%d", between(in, 0, 999), i);
                events.add(event(in, customerId, id, at));
            }
            return events;
        };
    }

    static CustomerEvent event(RandomnessSource in, String customerId, String eventId, Instant at) {
        EventType type = chance(in, 40) ? pick(in, FAVOURED) : pick(in, TYPES);
        CustomerEvent.Builder builder =
                CustomerEvent.builder(customerId, type, at).eventId(eventId);
        switch (type) {
            case PURCHASE, REFUND -> {
                if (chance(in, 70)) {
                    builder.amount(usd(in, 0, 50_000));
                }
            }
            case NPS_ANSWER -> builder.npsScore(between(in, 0, 10));
            case CUSTOM -> builder.customType(pick(in, CUSTOM_TYPES));
            default -> {
                // no data of its own
            }
        }
        if (chance(in, 25)) {
            int attributes = between(in, 1, 2);
            for (int i = 0; i < attributes; i++) {
                builder.attribute(pick(in, ATTRIBUTES), between(in, -20, 20) / 2.0);
            }
        }
        return builder.build();
    }

    /** Shuffles a copy of the list with a seed drawn from the source. */
    static <T> List<T> shuffled(RandomnessSource in, List<T> values) {
        List<T> copy = new ArrayList<>(values);
        Collections.shuffle(copy, new Random(between(in, 0, Integer.MAX_VALUE)));
        return copy;
    }

    // ---- profiles ----

    /** Profiles of the given customer, half folded from generated events, half set through the builder. */
    static Gen<CustomerProfile> profiles(String customerId) {
        Gen<List<CustomerEvent>> events = events(customerId);
        return in -> chance(in, 50)
                ? CustomerProfile.fromEvents(customerId, events.generate(in))
                : builtProfile(in, customerId);
    }

    /** Profiles set through the builder with facts that agree with each other. */
    static Gen<CustomerProfile> builtProfiles(String customerId) {
        return in -> builtProfile(in, customerId);
    }

    /** Lists of 0 to 20 profiles of distinct customers. */
    static Gen<List<CustomerProfile>> profileLists() {
        return in -> {
            int size = between(in, 0, 20);
            List<CustomerProfile> profiles = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                profiles.add(profiles("c-" + i).generate(in));
            }
            return profiles;
        };
    }

    private static CustomerProfile builtProfile(RandomnessSource in, String customerId) {
        CustomerProfile.Builder b = CustomerProfile.builder(customerId);
        int orders = between(in, 0, 4);
        if (orders > 0) {
            Instant last = instant(in);
            b.orderCount(orders).lastOrderAt(last);
            Instant first = orders == 1 ? last : last.minusSeconds(between(in, 0, (int) (400 * DAY)));
            boolean firstKnown = chance(in, 70);
            if (firstKnown) {
                b.firstOrderAt(first);
            }
            if (chance(in, 70)) {
                b.totalSpend(usd(in, 0, 200_000));
            }
            if (chance(in, 50)) {
                orderInstants(in, b, orders, firstKnown ? first : null, last);
            }
        }
        int refunds = between(in, 0, 2);
        if (refunds > 0) {
            b.eventCount(EventType.REFUND, refunds);
            if (chance(in, 50)) {
                b.refundedAmount(usd(in, 0, 20_000));
            }
            if (chance(in, 50)) {
                b.lastEventAt(EventType.REFUND, instant(in));
            }
        }
        int referrals = between(in, 0, 3);
        b.referralCount(referrals);
        if (referrals > 0 && chance(in, 50)) {
            b.lastEventAt(EventType.REFERRAL, instant(in));
        }
        b.productViews(between(in, 0, 3)).cartAdds(between(in, 0, 2)).signUps(between(in, 0, 1));
        int visits = between(in, 0, 4);
        b.siteVisits(visits);
        if (visits > 0 && chance(in, 50)) {
            b.lastEventAt(EventType.SITE_VISIT, instant(in));
        }
        if (chance(in, 20)) {
            EventType type = pick(in, COUNTABLE_TYPES);
            b.eventCount(type, between(in, 1, 3)).lastEventAt(type, instant(in));
        }
        if (chance(in, 40)) {
            b.lastNpsScore(between(in, 0, 10), instant(in));
        }
        if (chance(in, 30)) {
            b.loyaltyEnrolledAt(instant(in));
        }
        if (chance(in, 30)) {
            b.customEventCount(pick(in, CUSTOM_TYPES), between(in, 0, 3));
        }
        if (chance(in, 40)) {
            b.attribute(pick(in, ATTRIBUTES), between(in, -20, 20) / 2.0);
        }
        return b.build();
    }

    /**
     * Gives the builder the instants of some or all of the orders, in random order: all of them begin at the first
     * order (when it is known; else anywhere before the last) and end at the last, some of them lie between the two.
     */
    private static void orderInstants(
            RandomnessSource in, CustomerProfile.Builder b, int orders, @Nullable Instant firstOrder, Instant last) {
        Instant from = firstOrder != null ? firstOrder : last.minusSeconds(between(in, 0, (int) (400 * DAY)));
        int span = (int) Duration.between(from, last).toSeconds();
        int given = between(in, 1, orders);
        List<Instant> instants = new ArrayList<>();
        if (given == orders) {
            instants.add(last);
            if (orders > 1) {
                instants.add(from);
            }
        }
        while (instants.size() < given) {
            instants.add(from.plusSeconds(between(in, 0, span)));
        }
        shuffled(in, instants).forEach(b::orderAt);
    }

    // ---- templates ----

    static Gen<LifecycleTemplate> builtInTemplates() {
        return Generate.pick(BUILT_INS);
    }

    /**
     * Valid templates: a main path of 2 to 7 stages, 0 to 2 side stages at random places, a chain rule from each
     * main-path stage to the next (which makes every main-path stage reachable), and 0 to 6 further rules between any
     * stages, forward or backward, all with random built-in conditions and priorities.
     */
    static Gen<LifecycleTemplate> templates() {
        return in -> {
            LifecycleTemplate.Builder builder =
                    LifecycleTemplate.builder("t-" + pick(in, WORDS) + "-" + between(in, 0, 99));
            int mainCount = between(in, 2, 7);
            int sideCount = between(in, 0, 2);
            List<Stage> stages = new ArrayList<>();
            List<String> mainIds = new ArrayList<>();
            for (int i = 0; i < mainCount; i++) {
                Stage stage = stage(in, "m" + i + "-" + pick(in, WORDS), false);
                stages.add(stage);
                mainIds.add(stage.id());
            }
            for (int i = 0; i < sideCount; i++) {
                // never before the first main-path stage, which is the default entry stage
                stages.add(between(in, 1, stages.size()), stage(in, "x" + i + "-" + pick(in, WORDS), true));
            }
            stages.forEach(builder::addStage);
            List<String> allIds = stages.stream().map(Stage::id).toList();
            List<TransitionRule> rules = new ArrayList<>();
            for (int i = 0; i + 1 < mainCount; i++) {
                rules.add(TransitionRule.builder("chain-" + i)
                        .from(mainIds.get(i))
                        .to(mainIds.get(i + 1))
                        .when(ConditionGenerators.condition(in, 2))
                        .priority(between(in, -3, 3))
                        .build());
            }
            int extra = between(in, 0, 6);
            for (int i = 0; i < extra; i++) {
                String to = pick(in, allIds);
                List<String> from = new ArrayList<>();
                for (String id : allIds) {
                    if (!id.equals(to) && chance(in, 30)) {
                        from.add(id);
                    }
                }
                if (from.isEmpty()) {
                    List<String> others =
                            allIds.stream().filter(id -> !id.equals(to)).toList();
                    from.add(pick(in, others));
                }
                TransitionRule.Builder rule = TransitionRule.builder("r" + i)
                        .from(from.toArray(String[]::new))
                        .to(to)
                        .when(ConditionGenerators.condition(in, 2))
                        .priority(between(in, -3, 3));
                if (chance(in, 30)) {
                    rule.description("extra rule " + i);
                }
                rules.add(rule.build());
            }
            // template order breaks priority ties, so mix chain and extra rules
            shuffled(in, rules).forEach(builder::addRule);
            return builder.build();
        };
    }

    private static Stage stage(RandomnessSource in, String id, boolean side) {
        Stage.Builder stage = Stage.builder(id).sideStage(side).churn(side && chance(in, 50));
        if (chance(in, 50)) {
            stage.name("Stage " + id.toUpperCase(Locale.ROOT));
        }
        if (chance(in, 30)) {
            stage.description("what customers in " + id + " do")
                    .channels("email", "ads")
                    .touchpoints("checkout")
                    .metrics("rate of " + id)
                    .strategy("keep going");
        }
        return stage.build();
    }
}
