package dev.lifecycle.predict;

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) on the range where the purchase models use it: real {@code a},
 * {@code b}, {@code c} greater than zero and {@code 0 <= z < 1}. It returns the natural logarithm, since the value
 * grows like {@code (1 - z)^(c - a - b)} and overflows a double for the parameters of heavy buyers.
 *
 * <p><b>Method.</b> On that range every Maclaurin coefficient {@code (a)_n (b)_n / ((c)_n n!)} is positive, so the
 * function and all its derivatives are positive on {@code [0, 1)}. Two series follow from that, both of positive
 * terms, so neither loses digits to cancellation:
 *
 * <ol>
 *   <li>For {@code z <= 1/2} the Maclaurin series, whose terms fall at least as fast as {@code 2^-n} once past the
 *       largest.
 *   <li>Beyond 1/2 that series slows as {@code 1 / (1 - z)} grows, so the function is continued along the real axis
 *       with Taylor series of the hypergeometric equation {@code z(1-z)w'' + (c - (a+b+1)z)w' - ab w = 0}. From a point
 *       {@code z0} where {@code w} and {@code w'} are known, the Taylor coefficients {@code d_n} at {@code z0} follow
 *       {@code z0(1-z0)(n+1)(n+2) d_{n+2} = (n+a)(n+b) d_n - (n+1)(c - (a+b+1)z0 + (1-2z0)n) d_{n+1}}. Each step goes at
 *       most half the distance to the singular point 1, so its series also falls like {@code 2^-n}, and {@code z} is
 *       reached in about {@code log2(1 / (1 - z))} such steps (at most 53). At {@code z0 >= 1/2} the wanted solution, the
 *       one regular at 0, is a dominant solution of that recurrence (its coefficients grow like {@code (1 - z0)^-n},
 *       the solution regular at 1 only like {@code z0^-n}), so running the recurrence forward is stable; the
 *       coefficients are the function's derivatives over {@code n!}, all positive, so the sums again add positive
 *       terms. Rounding in the recurrence also excites the equation's other solutions, whose Taylor terms alternate
 *       in sign: {@code z^(1-c)}, whose terms reach about {@code exp((c - 1) h / z0)} for a step {@code h}, and {@code
 *       (1-z)^(c-a-b)}, whose terms reach about {@code exp((c - a - b) h / (1 - z0))}. Steps are therefore also kept
 *       below {@code z0 / (c - 1)} and {@code (1 - z0) / (c - a - b)}, which bounds both growths by {@code e}; the
 *       first makes the work grow like {@code c (z - 1/2)} steps for large {@code c}. The second needs no more than six
 *       times the steps: from {@code c - a - b >= 6} the Maclaurin series is used at every {@code z}, its terms then
 *       falling like {@code n^-(1 + c - a - b)} even at 1.
 * </ol>
 *
 * <p>No gamma-function ratio and no special case for an integer {@code c - a - b} is needed, the usual weak spots of
 * the connection formulas at {@code 1 - z}. Sums are scaled down by {@code 2^600} whenever they pass {@code 2^600},
 * the scale kept as a logarithm. A series stops when its remaining terms, bounded by a geometric series of the current
 * term ratio, are below {@code 2^-56} of its sum. The work grows with the parameters: the terms rise before they fall
 * for about {@code max(a, b)} terms, which is why the arguments are bounded by {@link #MAX_PARAMETER}.
 *
 * <p>The accuracy is checked against mpmath at 50 digits (see {@code HypergeometricTest}).
 */
final class Hypergeometric {
    /** The largest parameter accepted: a series may need about this many terms before its terms fall. */
    static final double MAX_PARAMETER = 1e6;

    /**
     * The excess {@code c - a - b} from which the Maclaurin series is summed at every {@code z}: its terms fall like
     * {@code n^-(1 + c - a - b) z^n}, so a few hundred past the largest reach {@code 2^-56} even at {@code z = 1}.
     */
    private static final double MACLAURIN_EXCESS = 6;

    private static final double TAIL = 0x1p-56;
    private static final double BIG = 0x1p600;
    private static final double SMALL = 0x1p-600;
    private static final double LOG_BIG = 600 * Math.log(2);
    /** A series that has not converged after this many terms is a defect, not an input: the bound keeps a bug finite. */
    private static final int MAX_TERMS = 50_000_000;

    private Hypergeometric() {}

    /**
     * Returns {@code ln 2F1(a, b; c; z)}.
     *
     * @param a the first numerator parameter, in {@code (0, MAX_PARAMETER]}
     * @param b the second numerator parameter, in {@code (0, MAX_PARAMETER]}
     * @param c the denominator parameter, in {@code (0, MAX_PARAMETER]}
     * @param z the argument, in {@code [0, 1)}
     * @return the natural logarithm of the function's value
     * @throws IllegalArgumentException if an argument is outside its range
     */
    static double log2F1(double a, double b, double c, double z) {
        parameter("a", a);
        parameter("b", b);
        parameter("c", c);
        if (!(z >= 0 && z < 1)) {
            throw new IllegalArgumentException("2F1 argument z must be in [0, 1) but was " + z);
        }
        if (z == 0) {
            return 0;
        }
        double z0 = c - a - b >= MACLAURIN_EXCESS ? z : Math.min(z, 0.5);
        Point start = maclaurin(a, b, c, z0, z > z0);
        if (z == z0) {
            return start.logValue();
        }
        return continueTo(a, b, c, start, z0, z);
    }

    private static void parameter(String name, double value) {
        if (!(value > 0 && value <= MAX_PARAMETER)) {
            throw new IllegalArgumentException(
                    "2F1 parameter " + name + " must be in (0, " + MAX_PARAMETER + "] but was " + value);
        }
    }

    /** The function's value {@code exp(logScale) * 1} and its derivative {@code exp(logScale) * slope} at a point. */
    private record Point(double logScale, double slope) {
        double logValue() {
            return logScale;
        }

        static Point of(double logScale, double value, double derivative) {
            return new Point(logScale + Math.log(value), derivative / value);
        }
    }

    /** Sums the Maclaurin series at {@code z}, with the derivative's series when {@code withDerivative}. */
    private static Point maclaurin(double a, double b, double c, double z, boolean withDerivative) {
        double term = 1;
        double sum = 1;
        double derivative = 0;
        double logScale = 0;
        for (int n = 0; n < MAX_TERMS; n++) {
            double ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            term *= ratio;
            sum += term;
            derivative += (n + 1) * term;
            if (sum > BIG) {
                term *= SMALL;
                sum *= SMALL;
                derivative *= SMALL;
                logScale += LOG_BIG;
            }
            // Past the largest term the ratios fall toward z from above, or rise toward z from below: either way the
            // rest is below term * r / (1 - r) with r the larger of the two; the derivative's terms carry n + 1 more.
            double r = Math.max(ratio, z);
            if (r < 1) {
                double rest = term * r / (1 - r);
                boolean valueDone = rest <= TAIL * sum;
                double dr = r * (n + 3) / (n + 2);
                boolean derivativeDone =
                        !withDerivative || (dr < 1 && (n + 2) * term * dr / (1 - dr) <= TAIL * derivative);
                if (valueDone && derivativeDone) {
                    return Point.of(logScale, sum, derivative / z);
                }
            }
        }
        throw new ArithmeticException(
                "2F1(" + a + ", " + b + "; " + c + "; " + z + ") series did not converge in " + MAX_TERMS + " terms");
    }

    /** Continues the solution known at {@code from} to {@code to} with Taylor steps of the differential equation. */
    private static double continueTo(double a, double b, double c, Point start, double from, double to) {
        double m = c - a - b;
        double x = from;
        double logScale = start.logScale();
        double slope = start.slope();
        while (x < to) {
            double step = Math.min(
                    Math.min(to - x, 0.5 * (1 - x)), Math.min(x / Math.max(1, c - 1), (1 - x) / Math.max(1, m)));
            // the step ends on a double, so the next point is exactly where the series was summed: near 1 a rounded
            // point would move 1 - x by a large relative amount
            double next = step == to - x ? to : x + step;
            double h = next - x;
            // e_n = d_n h^n: the recurrence in these terms, with the value scaled to 1 at x
            double e0 = 1;
            double e1 = slope * h;
            double sum = e0 + e1;
            double derivative = e1;
            double q = h / (1 - x);
            double base = x * (1 - x);
            double tilt = c - (a + b + 1) * x;
            double bend = 1 - 2 * x;
            double stepScale = 0;
            boolean done = false;
            for (int n = 0; n < MAX_TERMS; n++) {
                double e2 = ((n + a) * (n + b) * h * h * e0 - (n + 1) * (tilt + bend * n) * h * e1)
                        / (base * (n + 1) * (n + 2));
                sum += e2;
                derivative += (n + 2) * e2;
                if (sum > BIG) {
                    e1 *= SMALL;
                    e2 *= SMALL;
                    sum *= SMALL;
                    derivative *= SMALL;
                    stepScale += LOG_BIG;
                }
                double r = Math.max(e1 > 0 ? Math.abs(e2 / e1) : q, q);
                if (r < 1) {
                    double rest = Math.abs(e2) * r / (1 - r);
                    double dr = r * (n + 3) / (n + 2);
                    if (rest <= TAIL * sum && dr < 1 && (n + 3) * Math.abs(e2) * dr / (1 - dr) <= TAIL * derivative) {
                        done = true;
                        break;
                    }
                }
                e0 = e1;
                e1 = e2;
            }
            if (!done) {
                throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + to
                        + ") continuation did not converge at " + x + " in " + MAX_TERMS + " terms");
            }
            logScale += stepScale + Math.log(sum);
            slope = derivative / h / sum;
            x = next;
        }
        return logScale;
    }
}
