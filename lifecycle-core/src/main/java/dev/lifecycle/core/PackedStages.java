package dev.lifecycle.core;

/**
 * The two ways stage indexes are packed into one primitive, each defined once here: a stay of a customer's history
 * (stage and entering rule in one {@code int}, kept in the tracker's parallel arrays) and a walk's outcome (final and
 * furthest stage in one {@code long}, returned by the classifier's hot loops). Both let those loops and arrays work
 * without an object per stay or walk; the methods are static so that nothing is allocated.
 *
 * <p>A stay holds the stage index in the high 16 bits and the rule's position in template order plus one in the low 16
 * bits, zero meaning no rule (the first stay). So a history can name at most {@value #MAX_STAGE} + 1 stages and {@value
 * #MAX_RULE} + 1 rules; {@link #stay(int, int)} refuses more instead of mixing up stages. An outcome holds the final
 * stage index in the high 32 bits and the furthest main-path stage index in the low 32, so any array index fits.
 */
final class PackedStages {
    /** The largest stage index a stay can hold. */
    static final int MAX_STAGE = 0xFFFF;
    /** The largest rule position a stay can hold; one is added so that zero can mean no rule. */
    static final int MAX_RULE = 0xFFFF - 1;
    /** The rule of a stay no rule led to: the customer's first. */
    static final int NO_RULE = -1;

    private static final int RULE_BITS = 16;
    private static final int RULE_MASK = 0xFFFF;

    private PackedStages() {}

    /**
     * Packs a stay: the stage index and the entering rule's position in template order, {@link #NO_RULE} for the first
     * stay.
     *
     * @throws IllegalArgumentException if {@code stage} is outside 0 to {@value #MAX_STAGE} or {@code rule} outside -1
     *     to {@value #MAX_RULE}
     */
    static int stay(int stage, int rule) {
        if (stage < 0 || stage > MAX_STAGE) {
            throw new IllegalArgumentException(
                    "a stay's stage index must be between 0 and " + MAX_STAGE + " but was " + stage);
        }
        if (rule < NO_RULE || rule > MAX_RULE) {
            throw new IllegalArgumentException(
                    "a stay's rule position must be between " + NO_RULE + " and " + MAX_RULE + " but was " + rule);
        }
        return (stage << RULE_BITS) | (rule + 1);
    }

    /** {@return the stage index of a {@linkplain #stay packed stay}} */
    static int stage(int stay) {
        return stay >>> RULE_BITS;
    }

    /** {@return the entering rule's position of a {@linkplain #stay packed stay}, {@link #NO_RULE} for the first} */
    static int rule(int stay) {
        return (stay & RULE_MASK) - 1;
    }

    /**
     * Packs a walk's outcome: the final stage index and the furthest main-path stage index. Every walk of the
     * classifier and its table of outcomes by condition mask use it; both indexes are array indexes, so not negative.
     */
    static long outcome(int finalStage, int highestStage) {
        return ((long) finalStage << Integer.SIZE) | highestStage;
    }

    /** {@return the final stage index of an {@linkplain #outcome outcome}} */
    static int finalStage(long outcome) {
        return (int) (outcome >>> Integer.SIZE);
    }

    /** {@return the furthest main-path stage index of an {@linkplain #outcome outcome}} */
    static int highestStage(long outcome) {
        return (int) outcome;
    }
}
