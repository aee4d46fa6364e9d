package dev.lifecycle.rfm;

/**
 * The three RFM dimensions. Frequency and monetary value score higher for larger values; recency scores higher for
 * fewer days since the last order.
 */
public enum Dimension {
    /** Days since the last order: fewer days, a higher score. */
    RECENCY("R", "recency", "days"),
    /** The number of orders. */
    FREQUENCY("F", "frequency", "orders"),
    /** The revenue, total or mean per order, in units of the currency. */
    MONETARY("M", "monetary", "");

    private final String letter;
    private final String key;
    private final String unit;

    Dimension(String letter, String key, String unit) {
        this.letter = letter;
        this.key = key;
        this.unit = unit;
    }

    /** {@return the dimension's letter, R, F or M} */
    public String letter() {
        return letter;
    }

    /** {@return the dimension's name in data forms: recency, frequency or monetary} */
    public String key() {
        return key;
    }

    /** {@return the unit its values are written in, empty for money} */
    String unit() {
        return unit;
    }

    /** {@return whether larger values score higher: all but recency} */
    public boolean largerIsBetter() {
        return this != RECENCY;
    }
}
