package dev.lifecycle.metrics.abtest;

/** Argument checks shared by this package; messages name the argument, rule and value. */
final class Checks {
    private Checks() {}

    static long nonNegative(long value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative but was " + value);
        }
        return value;
    }

    static double probability(double value, String what) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(what + " must be between 0 and 1 but was " + value);
        }
        return value;
    }

    static double openProbability(double value, String what) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(what + " must be strictly between 0 and 1 but was " + value);
        }
        return value;
    }

    static void conversions(long conversions, long users, String conversionsName, String usersName) {
        nonNegative(conversions, conversionsName);
        nonNegative(users, usersName);
        if (conversions > users) {
            throw new IllegalArgumentException(
                    conversionsName + " must not exceed " + usersName + " but was " + conversions + " > " + users);
        }
    }

    static double finite(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number but was " + value);
        }
        return value;
    }

    static double level(double level) {
        return openProbability(level, "level");
    }
}
