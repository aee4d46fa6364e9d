package dev.lifecycle.rfm;

/**
 * A customer's three scores, each from 1 to the scale's number of scores.
 *
 * @param recency the recency score: higher for a more recent last order
 * @param frequency the frequency score
 * @param monetary the monetary score
 */
public record RfmScore(int recency, int frequency, int monetary) {
    /**
     * Checks the scores.
     *
     * @param recency the recency score
     * @param frequency the frequency score
     * @param monetary the monetary score
     * @throws IllegalArgumentException if a score is not from 1 to {@link RfmScale#MAX_SCORES}
     */
    public RfmScore {
        check("recency", recency);
        check("frequency", frequency);
        check("monetary", monetary);
    }

    private static void check(String name, int score) {
        if (score < 1 || score > RfmScale.MAX_SCORES) {
            throw new IllegalArgumentException(
                    name + " score must be from 1 to " + RfmScale.MAX_SCORES + " but was " + score);
        }
    }

    /**
     * Returns one dimension's score.
     *
     * @param dimension the dimension
     * @return its score
     */
    public int of(Dimension dimension) {
        return switch (dimension) {
            case RECENCY -> recency;
            case FREQUENCY -> frequency;
            case MONETARY -> monetary;
        };
    }

    /** {@return the three digits as one number, recency first: 100 R + 10 F + M, as RFM tools print it} */
    public int code() {
        return 100 * recency + 10 * frequency + monetary;
    }

    @Override
    public String toString() {
        return "R" + recency + " F" + frequency + " M" + monetary;
    }
}
