package dev.lifecycle.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The built-in lifecycle templates, each with the stage metadata of the lifecycle literature and default rules that
 * teams can replace through {@link LifecycleTemplate#toBuilder()}.
 *
 * <p>Every template has a {@code lapsed} side stage, its only churn stage ({@link Stage#isChurn()}): a customer who has ordered lapses when their last order lies more
 * than the lapse period (180 days by default) before the classification instant. The rules that move customers forward
 * have higher priority than the lapse rule, so a lapsed customer's classification still reports the furthest stage
 * they reached. A win-back rule leads from lapsed back into the repeat-customer stage once the customer orders again;
 * a classification from scratch never needs it (an active customer does not lapse), but a {@link LifecycleTracker},
 * which follows the rules from each customer's current stage, does.
 */
public final class Templates {
    /** The default lapse period: 180 days without a purchase. */
    public static final Duration DEFAULT_LAPSE_PERIOD = Duration.ofDays(180);

    /** How long after a first order a buyer-lifecycle customer moves from acquire to develop &amp; nurture. */
    public static final Duration NURTURE_AFTER = Duration.ofDays(30);

    private static final int FORWARD = 30;
    private static final int NURTURE = 20;
    private static final int ENGAGE = 20;
    private static final int LAPSE = 10;

    private static final LifecycleTemplate FIVE_STAGE = fiveStage(DEFAULT_LAPSE_PERIOD);
    private static final LifecycleTemplate BUYER_LIFECYCLE = buyerLifecycle(DEFAULT_LAPSE_PERIOD);
    private static final LifecycleTemplate TRACKING_CATEGORIES = trackingCategories(DEFAULT_LAPSE_PERIOD);

    private Templates() {}

    /**
     * Returns the classic five-stage template, awareness, consideration, conversion, retention, advocacy, plus the
     * lapsed side stage, with a lapse period of 180 days.
     *
     * @return the template named {@code five-stage}
     */
    public static LifecycleTemplate fiveStage() {
        return FIVE_STAGE;
    }

    /**
     * Returns the five-stage template with the given lapse period.
     *
     * <p>Rules: awareness to consideration on the first engagement (product view, cart add or sign-up); awareness or
     * consideration to conversion on the first order; conversion to retention on the second order; retention to
     * advocacy on the first referral; conversion, retention or advocacy to lapsed when the last order lies more than
     * the lapse period back; lapsed back to retention (win-back) once the customer has ordered within the lapse
     * period again.
     *
     * @param lapsePeriod how long without a purchase until a customer lapses
     * @return the template named {@code five-stage}
     * @throws NullPointerException if {@code lapsePeriod} is null
     * @throws IllegalArgumentException if {@code lapsePeriod} is zero or negative
     */
    public static LifecycleTemplate fiveStage(Duration lapsePeriod) {
        Checks.positive(lapsePeriod, "lapsePeriod");
        LifecycleTemplate.Builder template = LifecycleTemplate.builder("five-stage")
                .addStage(Stage.builder("awareness")
                        .name("Awareness")
                        .description("The customer discovers the brand: an ad on social media, a post, a visit.")
                        .channels(
                                "paid social ads",
                                "Google Shopping and search ads",
                                "organic social posts",
                                "organic search")
                        .touchpoints("ad impression", "social post", "first site visit")
                        .metrics("ad impressions", "site visits", "cost per new visitor")
                        .strategy("Reach new audiences with paid and organic social and search; measure impressions"
                                + " and visits.")
                        .build())
                .addStage(Stage.builder("consideration")
                        .name("Consideration")
                        .description("The customer investigates: reads reviews, compares prices, views products,"
                                + " adds to cart, signs up.")
                        .channels("search ads", "retargeting ads", "email marketing", "organic search")
                        .touchpoints("product page", "reviews", "price comparison", "add to cart", "sign-up")
                        .metrics("product views per visitor", "add-to-cart rate", "sign-up rate")
                        .strategy("Answer the questions buyers research: reviews, comparisons, clear product"
                                + " pages; capture sign-ups for email nurture.")
                        .build())
                .addStage(Stage.builder("conversion")
                        .name("Conversion")
                        .description("The customer presses \"Buy now\": the first purchase.")
                        .channels("Google Shopping", "retargeting ads", "email marketing")
                        .touchpoints("product page", "cart", "checkout")
                        .metrics("conversion rate", "new customers acquired", "customer acquisition cost")
                        .strategy("Optimise product pages and checkout for conversion; remind cart abandoners.")
                        .build())
                .addStage(Stage.builder("retention")
                        .name("Retention")
                        .description("The customer comes back and buys again.")
                        .channels("email marketing", "app notifications")
                        .touchpoints("order follow-up", "customer service", "loyalty programme", "personalised offers")
                        .metrics("customer retention rate", "repeat purchase rate", "churn rate", "purchase frequency")
                        .strategy("Keep customers with service, personalised offers and a loyalty programme.")
                        .build())
                .addStage(Stage.builder("advocacy")
                        .name("Advocacy")
                        .description("The customer promotes the brand to friends and family: referrals, reviews.")
                        .channels("email marketing", "organic social posts")
                        .touchpoints("referral programme", "review request", "social sharing")
                        .metrics("referral rate", "Net Promoter Score")
                        .strategy("Reward referrers and ask happy customers for reviews.")
                        .build())
                .addRule(rule("engaged", ENGAGE, Condition.engaged(1), "consideration", "awareness"))
                .addRule(rule(
                        "first-purchase",
                        FORWARD,
                        Condition.firstPurchase(),
                        "conversion",
                        "awareness",
                        "consideration"))
                .addRule(rule("second-purchase", FORWARD, Condition.secondPurchase(), "retention", "conversion"))
                .addRule(rule("referral", FORWARD, Condition.referralsAtLeast(1), "advocacy", "retention"));
        return withLapse(template, lapsePeriod, "retention", "conversion", "retention", "advocacy");
    }

    /**
     * Returns the buyer lifecycle, reach, acquire, develop &amp; nurture, retention, advocacy, plus the lapsed side
     * stage, with a lapse period of 180 days.
     *
     * @return the template named {@code buyer-lifecycle}
     */
    public static LifecycleTemplate buyerLifecycle() {
        return BUYER_LIFECYCLE;
    }

    /**
     * Returns the buyer lifecycle with the given lapse period.
     *
     * <p>Rules: reach to acquire on the first order; acquire to develop once the first order is 30 days old; acquire or
     * develop to retention on the second order; retention to advocacy on the first referral; acquire, develop,
     * retention or advocacy to lapsed when the last order lies more than the lapse period back; lapsed back to
     * retention (win-back) once the customer has ordered within the lapse period again.
     *
     * @param lapsePeriod how long without a purchase until a customer lapses
     * @return the template named {@code buyer-lifecycle}
     * @throws NullPointerException if {@code lapsePeriod} is null
     * @throws IllegalArgumentException if {@code lapsePeriod} is zero or negative
     */
    public static LifecycleTemplate buyerLifecycle(Duration lapsePeriod) {
        Checks.positive(lapsePeriod, "lapsePeriod");
        LifecycleTemplate.Builder template = LifecycleTemplate.builder("buyer-lifecycle")
                .addStage(Stage.builder("reach")
                        .name("Reach")
                        .description("The first interaction with the brand: clicks a shopping ad, sees a social post,"
                                + " visits the site. Early-stage leads.")
                        .channels(
                                "Google Shopping and search ads",
                                "paid social ads",
                                "organic social posts",
                                "organic search")
                        .touchpoints("shopping ad", "social post", "site visit")
                        .metrics("ad impressions", "site visits", "cost per new visitor")
                        .strategy("Be seen where buyers look; measure reach by site visitors.")
                        .build())
                .addStage(Stage.builder("acquire")
                        .name("Acquire")
                        .description("The first purchase.")
                        .channels("Google Shopping", "retargeting ads", "email marketing")
                        .touchpoints("product page", "checkout")
                        .metrics("conversion (acquisition) rate", "new customers acquired", "customer acquisition cost")
                        .strategy("Conversion-rate optimisation of product pages and checkout.")
                        .build())
                .addStage(Stage.builder("develop")
                        .name("Develop & Nurture")
                        .description("After the first purchase: follow-up content, tailored offers, product support,"
                                + " feedback requests.")
                        .channels("email marketing", "app notifications")
                        .touchpoints("order follow-up", "product support", "feedback request", "recommendations")
                        .metrics("email open rate", "email click-through rate", "upsell rate")
                        .strategy("Nurture first-time buyers with follow-up content and offers predicted from their"
                                + " first order; many retailers skip this stage and lose value.")
                        .build())
                .addStage(Stage.builder("retention")
                        .name("Retention")
                        .description("The second purchase: a first-time customer becomes a repeat customer.")
                        .channels("email marketing", "app notifications")
                        .touchpoints("targeted offers", "recommendations", "loyalty programme enrolment")
                        .metrics("customer retention rate", "repeat purchase rate", "churn rate")
                        .strategy("Prevent churn with targeted offers, recommendations and loyalty enrolment.")
                        .build())
                .addStage(Stage.builder("advocacy")
                        .name("Advocacy")
                        .description("The customer refers others.")
                        .channels("email marketing", "organic social posts")
                        .touchpoints("email referral incentive", "social referral incentive", "referrer rewards")
                        .metrics("referral rate", "Net Promoter Score")
                        .strategy("Offer email and social referral incentives and reward referrers.")
                        .build())
                .addRule(rule("first-purchase", FORWARD, Condition.firstPurchase(), "acquire", "reach"))
                .addRule(rule(
                        "nurture", NURTURE, Condition.firstPurchaseAtLeastAgo(NURTURE_AFTER), "develop", "acquire"))
                .addRule(
                        rule("second-purchase", FORWARD, Condition.secondPurchase(), "retention", "acquire", "develop"))
                .addRule(rule("referral", FORWARD, Condition.referralsAtLeast(1), "advocacy", "retention"));
        return withLapse(template, lapsePeriod, "retention", "acquire", "develop", "retention", "advocacy");
    }

    /**
     * Returns the tracking categories used for counting, lead, customer, retained, advocate, plus the lapsed side
     * stage, with a lapse period of 180 days.
     *
     * @return the template named {@code tracking-categories}
     */
    public static LifecycleTemplate trackingCategories() {
        return TRACKING_CATEGORIES;
    }

    /**
     * Returns the tracking categories with the given lapse period.
     *
     * <p>Rules: lead to customer on the first order; customer to retained on the second order; customer or retained
     * to advocate on the first referral (an advocate is an existing customer who referred someone); customer,
     * retained or advocate to lapsed when the last order lies more than the lapse period back; lapsed back to
     * retained (win-back) once the customer has ordered within the lapse period again.
     *
     * @param lapsePeriod how long without a purchase until a customer lapses
     * @return the template named {@code tracking-categories}
     * @throws NullPointerException if {@code lapsePeriod} is null
     * @throws IllegalArgumentException if {@code lapsePeriod} is zero or negative
     */
    public static LifecycleTemplate trackingCategories(Duration lapsePeriod) {
        Checks.positive(lapsePeriod, "lapsePeriod");
        LifecycleTemplate.Builder template = LifecycleTemplate.builder("tracking-categories")
                .addStage(Stage.builder("lead")
                        .name("Lead")
                        .description("Anyone in reach or awareness who has not bought yet.")
                        .channels("paid ads", "organic social posts", "organic search")
                        .touchpoints("site visit", "ad click", "sign-up")
                        .metrics("site visitors")
                        .strategy("Grow qualified traffic and turn visitors into buyers.")
                        .build())
                .addStage(Stage.builder("customer")
                        .name("Customer")
                        .description("Made a purchase.")
                        .channels("email marketing", "retargeting ads")
                        .touchpoints("checkout", "order follow-up")
                        .metrics("conversion rate")
                        .strategy("Convert leads and bring first-time buyers back for a second order.")
                        .build())
                .addStage(Stage.builder("retained")
                        .name("Retained customer")
                        .description("Bought again: a repeat customer.")
                        .channels("email marketing", "app notifications")
                        .touchpoints("loyalty programme", "personalised offers")
                        .metrics("retention rate")
                        .strategy("Keep repeat customers with loyalty and personalised offers.")
                        .build())
                .addStage(Stage.builder("advocate")
                        .name("Advocate")
                        .description("An existing customer who made a referral.")
                        .channels("email marketing", "organic social posts")
                        .touchpoints("referral programme")
                        .metrics("referral rate")
                        .strategy("Reward referrals.")
                        .build())
                .addRule(rule("first-purchase", FORWARD, Condition.firstPurchase(), "customer", "lead"))
                .addRule(rule("second-purchase", FORWARD, Condition.secondPurchase(), "retained", "customer"))
                .addRule(rule(
                        "referral", FORWARD - 1, Condition.referralsAtLeast(1), "advocate", "customer", "retained"));
        return withLapse(template, lapsePeriod, "retained", "customer", "retained", "advocate");
    }

    /**
     * Returns a built-in template with the default lapse period by its name, as templates written as data name the
     * template they extend.
     *
     * @param name {@code five-stage}, {@code buyer-lifecycle} or {@code tracking-categories}
     * @return the template, empty for any other name
     * @throws NullPointerException if {@code name} is null
     */
    public static Optional<LifecycleTemplate> byName(String name) {
        requireNonNull(name, "name");
        return builtIns().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** {@return the names of the built-in templates} */
    public static List<String> names() {
        return builtIns().stream().map(LifecycleTemplate::name).toList();
    }

    private static List<LifecycleTemplate> builtIns() {
        return List.of(FIVE_STAGE, BUYER_LIFECYCLE, TRACKING_CATEGORIES);
    }

    /**
     * Finishes a built-in template with what they all share: the lapsed side stage, the lapse rule from the stages a
     * customer reaches by ordering, and the win-back rule from lapsed back to the repeat-customer stage.
     */
    private static LifecycleTemplate withLapse(
            LifecycleTemplate.Builder template, Duration lapsePeriod, String winBackTo, String... lapseFrom) {
        return template.addStage(lapsed())
                .addRule(rule("lapse", LAPSE, Condition.noPurchaseFor(lapsePeriod), "lapsed", lapseFrom))
                .addRule(rule(
                        "win-back",
                        FORWARD,
                        Condition.eventWithin(EventType.PURCHASE, lapsePeriod),
                        winBackTo,
                        "lapsed"))
                .build();
    }

    private static Stage lapsed() {
        return Stage.builder("lapsed")
                .name("Lapsed")
                .sideStage(true)
                .churn(true)
                .description("Ordered before but not within the lapse period: top-of-mind awareness has faded and"
                        + " the customer has churned until won back.")
                .channels("email marketing", "retargeting ads")
                .touchpoints("win-back offer", "re-engagement email")
                .metrics("churn rate", "win-back rate")
                .strategy("Win lapsed customers back with relevant, timely offers before they forget the brand.")
                .build();
    }

    private static TransitionRule rule(String id, int priority, Condition condition, String to, String... from) {
        return TransitionRule.builder(id)
                .from(from)
                .to(to)
                .when(condition)
                .priority(priority)
                .build();
    }
}
