package dev.lifecycle.predict;

/** The checks of values that reach the models: one place for each rule and its message. */
final class Checks {
    private Checks() {}

    /** Checks one customer's summary; the rules are those of {@link CustomerSummaries.Builder#add}. */
    static void summary(String customerId, int frequency, double recency, double age, double meanRepeatValue) {
        if (customerId.isBlank()) {
            throw new IllegalArgumentException("customer id must not be blank");
        }
        String who = "customer '" + customerId + "': ";
        history(who, frequency, recency, age);
        if (!(meanRepeatValue >= 0 && meanRepeatValue <= CustomerSummaries.MAX_VALUE)) {
            throw new IllegalArgumentException(who + "mean repeat value must be between 0 and "
                    + CustomerSummaries.MAX_VALUE + " but was " + meanRepeatValue);
        }
        if (frequency == 0 && meanRepeatValue != 0) {
            throw new IllegalArgumentException(
                    who + "mean repeat value must be 0 without repeat purchases but was " + meanRepeatValue);
        }
    }

    /** Checks the (x, t_x, T) of a prediction. */
    static void history(int frequency, double recency, double age) {
        history("", frequency, recency, age);
    }

    private static void history(String who, int frequency, double recency, double age) {
        if (frequency < 0 || frequency > CustomerSummaries.MAX_FREQUENCY) {
            throw new IllegalArgumentException(who + "frequency must be between 0 and "
                    + CustomerSummaries.MAX_FREQUENCY + " but was " + frequency);
        }
        if (!(age >= 0 && age <= CustomerSummaries.MAX_AGE)) {
            throw new IllegalArgumentException(
                    who + "age must be between 0 and " + CustomerSummaries.MAX_AGE + " but was " + age);
        }
        if (!(recency >= 0 && recency <= age)) {
            throw new IllegalArgumentException(
                    who + "recency must be between 0 and the age " + age + " but was " + recency);
        }
        if (frequency == 0 && recency != 0) {
            throw new IllegalArgumentException(who + "recency must be 0 without repeat purchases but was " + recency);
        }
    }

    /** Checks a prediction horizon. */
    static void horizon(double t) {
        if (!(t >= 0 && t <= CustomerSummaries.MAX_AGE)) {
            throw new IllegalArgumentException(
                    "horizon must be between 0 and " + CustomerSummaries.MAX_AGE + " units but was " + t);
        }
    }

    /** Checks a purchase count asked about. */
    static void count(int k) {
        if (k < 0 || k > CustomerSummaries.MAX_FREQUENCY) {
            throw new IllegalArgumentException(
                    "number of purchases must be between 0 and " + CustomerSummaries.MAX_FREQUENCY + " but was " + k);
        }
    }

    /** Checks a model parameter. */
    static double parameter(String model, String name, double value) {
        if (!(value >= MIN_PARAMETER && value <= MAX_PARAMETER)) {
            throw new IllegalArgumentException(model + " parameter " + name + " must be between " + MIN_PARAMETER
                    + " and " + MAX_PARAMETER + " but was " + value);
        }
        return value;
    }

    /** The smallest model parameter: below it the gamma and beta mixtures are degenerate for any data. */
    static final double MIN_PARAMETER = 1e-8;
    /** The largest model parameter, which with {@link CustomerSummaries#MAX_FREQUENCY} keeps 2F1's within its bound. */
    static final double MAX_PARAMETER = 1e5;
}
