package dev.lifecycle.rfm;

import java.util.Objects;

/**
 * A named segment of a {@link SegmentMap}: the customers whose three scores are each in their range.
 *
 * @param name the segment's name
 * @param recency the range of recency scores
 * @param frequency the range of frequency scores
 * @param monetary the range of monetary scores
 */
public record Segment(String name, ScoreRange recency, ScoreRange frequency, ScoreRange monetary) {
    /**
     * Checks the components.
     *
     * @param name the segment's name
     * @param recency the range of recency scores
     * @param frequency the range of frequency scores
     * @param monetary the range of monetary scores
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the name breaks {@link SegmentMap}'s naming rule
     */
    public Segment {
        SegmentMap.checkName("segment name", name);
        Objects.requireNonNull(recency, "recency");
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(monetary, "monetary");
    }

    /**
     * Tells whether scores are in the segment.
     *
     * @param score the scores
     * @return whether each score is in its range
     */
    public boolean contains(RfmScore score) {
        return recency.contains(score.recency())
                && frequency.contains(score.frequency())
                && monetary.contains(score.monetary());
    }

    /**
     * Returns one dimension's range.
     *
     * @param dimension the dimension
     * @return its range
     */
    public ScoreRange range(Dimension dimension) {
        return switch (dimension) {
            case RECENCY -> recency;
            case FREQUENCY -> frequency;
            case MONETARY -> monetary;
        };
    }

    @Override
    public String toString() {
        return name + " (R " + recency + ", F " + frequency + ", M " + monetary + ")";
    }
}
