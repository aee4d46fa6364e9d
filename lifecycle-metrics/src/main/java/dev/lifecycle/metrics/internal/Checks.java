package dev.lifecycle.metrics.internal;

/**
 * The argument checks of every metrics package, in one place so that one rule always reads the same: each message
 * names the argument, the rule and the value. Lives in an unexported package, shared by the metrics packages without
 * being part of the API. Stateless, so thread-safe.
 */
public final class Checks {
    private Checks() {}

    /**
     * Checks that a count is not negative.
     *
     * @param value the count
     * @param what the argument's name, as the message shows it
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is negative ("... must not be negative but was ...")
     */
    public static long nonNegative(long value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative but was " + value);
        }
        return value;
    }

    /**
     * Checks that a count is zero or more.
     *
     * @param value the count
     * @param what the argument's name, as the message shows it
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is negative ("... must be zero or more but was ...")
     */
    public static long zeroOrMore(long value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must be zero or more but was " + value);
        }
        return value;
    }

    /**
     * Checks that a component of a named value is zero or more; the name is quoted only when the check fails, so that
     * a passing check builds no text.
     *
     * @param value the component's value
     * @param subject what the value is, up to the quoted name, such as {@code "numerator of"}
     * @param name the name of the value the component belongs to
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is negative ("numerator of 'x' must be zero or more but was
     *     ...")
     */
    public static long zeroOrMoreOf(long value, String subject, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(subject + " '" + name + "' must be zero or more but was " + value);
        }
        return value;
    }

    /**
     * Checks that a name is not blank.
     *
     * @param name the name
     * @param what the argument's name, as the message shows it
     * @return {@code name}
     * @throws IllegalArgumentException if {@code name} is blank ("... must not be blank but was '...'")
     */
    public static String nonBlank(String name, String what) {
        if (name.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank but was '" + name + "'");
        }
        return name;
    }

    /**
     * Checks that a value is a probability, in [0, 1].
     *
     * @param value the value
     * @param what the argument's name, as the message shows it
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is outside [0, 1] or NaN ("... must be between 0 and 1 but
     *     was ...")
     */
    public static double probability(double value, String what) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(what + " must be between 0 and 1 but was " + value);
        }
        return value;
    }

    /**
     * Checks that a value lies strictly between 0 and 1.
     *
     * @param value the value
     * @param what the argument's name, as the message shows it
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is outside (0, 1) or NaN ("... must be strictly between 0 and
     *     1 but was ...")
     */
    public static double openProbability(double value, String what) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(what + " must be strictly between 0 and 1 but was " + value);
        }
        return value;
    }

    /**
     * Checks a confidence level: strictly between 0 and 1.
     *
     * @param level the confidence level
     * @return {@code level}
     * @throws IllegalArgumentException if {@code level} is outside (0, 1) or NaN
     */
    public static double level(double level) {
        return openProbability(level, "level");
    }

    /**
     * Checks that a value is a finite number.
     *
     * @param value the value
     * @param what the argument's name, as the message shows it
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is NaN or infinite ("... must be a finite number but was ...")
     */
    public static double finite(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number but was " + value);
        }
        return value;
    }

    /**
     * Checks a count of conversions against its count of users: both not negative, conversions at most users.
     *
     * @param conversions the conversions
     * @param users the users
     * @param conversionsName the conversions' argument name
     * @param usersName the users' argument name
     * @throws IllegalArgumentException if a count is negative or {@code conversions > users}
     */
    public static void conversions(long conversions, long users, String conversionsName, String usersName) {
        nonNegative(conversions, conversionsName);
        nonNegative(users, usersName);
        if (conversions > users) {
            throw new IllegalArgumentException(
                    conversionsName + " must not exceed " + usersName + " but was " + conversions + " > " + users);
        }
    }

    /**
     * Checks an NPS answer: an integer score from 0 to 10.
     *
     * @param score the score
     * @return {@code score}
     * @throws IllegalArgumentException if {@code score} is outside [0, 10]
     */
    public static int score(int score) {
        if (score < 0 || score > 10) {
            throw new IllegalArgumentException("score must be between 0 and 10 but was " + score);
        }
        return score;
    }

    /**
     * Checks that a step name has not been used before in the same funnel.
     *
     * @param fresh whether the name is new (the result of adding it to the set of names seen)
     * @param name the step name
     * @throws IllegalArgumentException if {@code fresh} is false
     */
    public static void uniqueStepName(boolean fresh, String name) {
        if (!fresh) {
            throw new IllegalArgumentException("step name must be unique but '" + name + "' is repeated");
        }
    }
}
