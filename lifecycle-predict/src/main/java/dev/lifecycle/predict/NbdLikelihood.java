package dev.lifecycle.predict;

import org.hipparchus.special.Gamma;
import org.jspecify.annotations.Nullable;

/**
 * The log-likelihood of BG/NBD and MBG/NBD over a table of triples, with its gradient and Hessian from the same pass.
 * The two models differ by one dropout chance: MBG/NBD's customer may also drop out at time 0, which shifts b's terms
 * by one and gives customers without repeat purchases the dropout term too. With {@code m} 0 (BG/NBD) or 1 (MBG/NBD):
 *
 * <pre>
 * LL = N [r ln alpha - lnG(r) + lnG(a+b) - lnG(b)] + sum_x n_x [lnG(r+x) + lnG(b+x+m) - lnG(a+b+x+m)]
 *    + sum_i w_i [-(r+x) ln(alpha+T) + log(1 + e^o)],  o = ln a - ln(b+x-1+m) + (r+x) (ln(alpha+T) - ln(alpha+t_x))
 * </pre>
 *
 * where the last term is left out for x = 0 under BG/NBD (such a customer cannot have dropped out). Each frequency's
 * gamma functions and each distinct time's logarithm and reciprocals are taken once; a triple costs one exponential
 * and one logarithm, its derivatives a few products more.
 */
final class NbdLikelihood {
    private NbdLikelihood() {}

    /**
     * Returns the log-likelihood at {@code (r, alpha, a, b)}, and fills the gradient and Hessian when given.
     *
     * @param modified MBG/NBD rather than BG/NBD
     */
    static double evaluate(
            boolean modified,
            double[] p,
            Triples triples,
            double @Nullable [] gradient,
            double @Nullable [][] hessian) {
        double r = p[0];
        double alpha = p[1];
        double a = p[2];
        double b = p[3];
        int m = modified ? 1 : 0;
        boolean derivatives = gradient != null && hessian != null;
        double n = triples.customers;
        double value = n * (r * Math.log(alpha) - LogMath.lnGamma(r) + LogMath.lnGamma(a + b) - LogMath.lnGamma(b));
        double[] g = new double[4];
        double[][] h = new double[4][4];
        if (derivatives) {
            g[0] = n * (Math.log(alpha) - Gamma.digamma(r));
            g[1] = n * r / alpha;
            g[2] = n * Gamma.digamma(a + b);
            g[3] = n * (Gamma.digamma(a + b) - Gamma.digamma(b));
            h[0][0] = -n * Gamma.trigamma(r);
            h[0][1] = n / alpha;
            h[1][1] = -n * r / (alpha * alpha);
            h[2][2] = n * Gamma.trigamma(a + b);
            h[2][3] = h[2][2];
            h[3][3] = n * (Gamma.trigamma(a + b) - Gamma.trigamma(b));
        }
        for (int k = 0; k < triples.xs.length; k++) {
            int x = triples.xs[k];
            double w = triples.xWeight[k];
            value += w * (LogMath.lnGamma(r + x) + LogMath.lnGamma(b + x + m) - LogMath.lnGamma(a + b + x + m));
            if (derivatives) {
                g[0] += w * Gamma.digamma(r + x);
                double abx = Gamma.digamma(a + b + x + m);
                g[2] -= w * abx;
                g[3] += w * (Gamma.digamma(b + x + m) - abx);
                h[0][0] += w * Gamma.trigamma(r + x);
                double abx1 = Gamma.trigamma(a + b + x + m);
                h[2][2] -= w * abx1;
                h[2][3] -= w * abx1;
                h[3][3] += w * (Gamma.trigamma(b + x + m) - abx1);
            }
        }
        double[] logs = new double[triples.values.length];
        double[] inverse = new double[derivatives ? logs.length : 0];
        for (int i = 0; i < logs.length; i++) {
            logs[i] = Math.log(alpha + triples.values[i]);
            if (derivatives) {
                inverse[i] = 1 / (alpha + triples.values[i]);
            }
        }
        double logA = Math.log(a);
        for (int k = 0; k < triples.xs.length; k++) {
            int x = triples.xs[k];
            double rx = r + x;
            boolean dropout = x > 0 || modified;
            double shifted = b + x - 1 + m;
            double base = dropout ? logA - Math.log(shifted) : 0;
            for (int i = triples.xStart[k]; i < triples.xStart[k + 1]; i++) {
                double w = triples.weight[i];
                double logAge = logs[triples.age[i]];
                double term = -rx * logAge;
                double sigma = 0;
                double d = 0;
                if (dropout) {
                    d = logAge - logs[triples.recency[i]];
                    double o = base + rx * d;
                    // log(1 + e^o) and sigma(o) = e^o / (1 + e^o) from one exponential
                    double e = Math.exp(-Math.abs(o));
                    term += Math.max(o, 0) + Math.log1p(e);
                    sigma = o >= 0 ? 1 / (1 + e) : e / (1 + e);
                }
                value += w * term;
                if (derivatives) {
                    double invAge = inverse[triples.age[i]];
                    g[0] -= w * logAge;
                    g[1] -= w * rx * invAge;
                    h[0][1] -= w * invAge;
                    h[1][1] += w * rx * invAge * invAge;
                    if (dropout) {
                        double invRecency = inverse[triples.recency[i]];
                        double spread = invAge - invRecency;
                        // the derivatives of o, and its second derivatives that are not zero
                        double or = d;
                        double oa = rx * spread;
                        double oA = 1 / a;
                        double ob = -1 / shifted;
                        double ora = spread;
                        double oaa = rx * (invRecency * invRecency - invAge * invAge);
                        double ws = w * sigma;
                        double wc = ws * (1 - sigma);
                        g[0] += ws * or;
                        g[1] += ws * oa;
                        g[2] += ws * oA;
                        g[3] += ws * ob;
                        h[0][0] += wc * or * or;
                        h[0][1] += wc * or * oa + ws * ora;
                        h[0][2] += wc * or * oA;
                        h[0][3] += wc * or * ob;
                        h[1][1] += wc * oa * oa + ws * oaa;
                        h[1][2] += wc * oa * oA;
                        h[1][3] += wc * oa * ob;
                        h[2][2] += wc * oA * oA - ws * oA * oA;
                        h[2][3] += wc * oA * ob;
                        h[3][3] += wc * ob * ob + ws * ob * ob;
                    }
                }
            }
        }
        if (gradient != null && hessian != null) {
            for (int i = 0; i < 4; i++) {
                gradient[i] = g[i];
                for (int j = i; j < 4; j++) {
                    hessian[i][j] = h[i][j];
                    hessian[j][i] = h[i][j];
                }
            }
        }
        return value;
    }
}
