package dev.lifecycle.rfm;

import dev.lifecycle.core.ConditionParameters;

/**
 * A range of scores, both ends included, written {@code low-high} (or one number when they are equal) in data forms.
 *
 * @param low the lowest score, from 1
 * @param high the highest score, from {@code low} to {@link RfmScale#MAX_SCORES}
 */
public record ScoreRange(int low, int high) {
    /**
     * Checks the ends.
     *
     * @param low the lowest score
     * @param high the highest score
     * @throws IllegalArgumentException if {@code low} is below 1, {@code high} above {@link RfmScale#MAX_SCORES}, or
     *     {@code low} above {@code high}
     */
    public ScoreRange {
        if (low < 1 || high > RfmScale.MAX_SCORES || low > high) {
            throw new IllegalArgumentException("a score range must have 1 <= low <= high <= " + RfmScale.MAX_SCORES
                    + " but was " + low + "-" + high);
        }
    }

    /**
     * Reads a range's data form.
     *
     * @param text {@code low-high} or one score
     * @return the range
     * @throws IllegalArgumentException naming the text when it is not a range of scores
     */
    public static ScoreRange parse(String text) {
        String trimmed = text.strip();
        if (!trimmed.matches("[1-9](\\s*-\\s*[1-9])?")) {
            throw new IllegalArgumentException("must be a score or a range of scores such as 2-4 (scores 1 to "
                    + RfmScale.MAX_SCORES + ") but was " + ConditionParameters.quoted(text));
        }
        int low = trimmed.charAt(0) - '0';
        int high = trimmed.charAt(trimmed.length() - 1) - '0';
        return new ScoreRange(low, high);
    }

    /**
     * Tells whether a score is in the range.
     *
     * @param score a score
     * @return whether {@code low <= score <= high}
     */
    public boolean contains(int score) {
        return low <= score && score <= high;
    }

    /** {@return the data form: {@code low-high}} */
    @Override
    public String toString() {
        return low + "-" + high;
    }
}
