package dev.lifecycle.predict;

import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;

/** Logarithms of sums and of the gamma and beta functions, shared by the models. */
final class LogMath {
    private LogMath() {}

    /** {@return ln(1 + e^u), without overflow for large u} */
    static double log1pExp(double u) {
        return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
    }

    /** {@return ln(1 - e^u) for u <= 0, -infinity at 0, accurate for u near 0 and for large -u} */
    static double log1mExp(double u) {
        return u > -0.6931471805599453 ? Math.log(-Math.expm1(u)) : Math.log1p(-Math.exp(u));
    }

    /** {@return ln Gamma(x)} */
    static double lnGamma(double x) {
        return Gamma.logGamma(x);
    }

    /** {@return ln B(a, b)} */
    static double lnBeta(double a, double b) {
        return Beta.logBeta(a, b);
    }

    /** {@return the regularized incomplete beta function I_x(a, b)} */
    static double regularizedBeta(double x, double a, double b) {
        return Beta.regularizedBeta(x, a, b, 1e-16, Integer.MAX_VALUE);
    }

    /** {@return ln of the negative binomial probability of k counts with shape r and success probability z} */
    static double lnNegativeBinomial(int k, double r, double z) {
        double value = lnGamma(r + k) - lnGamma(r) - lnGamma(k + 1.0) + r * Math.log1p(-z);
        return k == 0 ? value : value + k * Math.log(z);
    }
}
