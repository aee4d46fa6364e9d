package dev.lifecycle.metrics.nps;

/** Argument checks shared by this package; messages name the argument, rule and value. */
final class Checks {
    private Checks() {}

    static long nonNegative(long value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative but was " + value);
        }
        return value;
    }

    static int score(int score) {
        if (score < 0 || score > 10) {
            throw new IllegalArgumentException("score must be between 0 and 10 but was " + score);
        }
        return score;
    }

    static double finite(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number but was " + value);
        }
        return value;
    }

    static double level(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be strictly between 0 and 1 but was " + level);
        }
        return level;
    }
}
