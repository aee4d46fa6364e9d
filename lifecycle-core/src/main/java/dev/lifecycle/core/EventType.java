package dev.lifecycle.core;

/**
 * The kinds of customer event the library understands; {@link #CUSTOM} carries a type name of the application's own.
 *
 * <p>Each event is one thing one customer did (or one thing done to them, such as an email delivered) at one instant.
 * {@link CustomerProfile} folds events into the facts that {@link Condition}s read.
 */
public enum EventType {
    /** An order was placed; may carry the order amount. Counts towards the order count. */
    PURCHASE,
    /** Money was returned to the customer; may carry the refunded amount. Does not reduce the order count. */
    REFUND,
    /** A visit to the shop's site or app. */
    SITE_VISIT,
    /** A click on a paid ad (search, shopping or social). */
    AD_CLICK,
    /** A view of an organic social post of the brand. */
    SOCIAL_VIEW,
    /** A product page was viewed. Counts as engagement. */
    PRODUCT_VIEW,
    /** A product was added to the cart. Counts as engagement. */
    CART_ADD,
    /** The customer signed up (account, newsletter). Counts as engagement. */
    SIGN_UP,
    /** The customer referred someone to the shop. */
    REFERRAL,
    /** The customer wrote a review. */
    REVIEW,
    /** The customer answered the Net Promoter Score question; carries the score 0..10. */
    NPS_ANSWER,
    /** A marketing email was delivered to the customer. */
    EMAIL_DELIVERED,
    /** The customer opened a marketing email. */
    EMAIL_OPEN,
    /** The customer clicked a link in a marketing email. */
    EMAIL_CLICK,
    /** The customer joined the loyalty programme. */
    LOYALTY_ENROLMENT,
    /** An event type of the application's own, named by {@link CustomerEvent#customType()}. */
    CUSTOM
}
