package org.quantstream.core.stationarity;

/**
 * Householder QR of a tall design given by columns, applied to the response at the same time:
 * afterwards {@code z = Q'y}, so for the leading k columns the residual sum of squares is {@code
 * Σ_{i>=k} z_i²} (no cancellation) and the last of those k coefficients has t statistic {@code
 * z_{k-1}·sign(R_{k-1,k-1}) / s}. One factorisation answers every nested model. Not thread-safe;
 * works in place.
 */
final class Householder {
    private Householder() {}

    /**
     * Factorises in place.
     *
     * @param cols the columns, each of length n (overwritten)
     * @param k how many columns to use
     * @param n rows
     * @param y the response (overwritten with Q'y)
     * @param rdiag receives the diagonal of R
     * @return false if a column is (numerically) in the span of the ones before it
     */
    static boolean factor(double[][] cols, int k, int n, double[] y, double[] rdiag) {
        for (int j = 0; j < k; j++) {
            double[] a = cols[j];
            double norm = 0;
            for (int i = j; i < n; i++) {
                norm = Math.hypot(norm, a[i]);
            }
            if (norm == 0) {
                return false;
            }
            double alpha = a[j] > 0 ? -norm : norm;
            a[j] -= alpha; // v = a - alpha e_j, stored in a[j..]
            double vv = 0;
            for (int i = j; i < n; i++) {
                vv += a[i] * a[i];
            }
            for (int c = j + 1; c < k; c++) {
                reflect(a, cols[c], j, n, vv);
            }
            reflect(a, y, j, n, vv);
            rdiag[j] = alpha;
        }
        return true;
    }

    private static void reflect(double[] v, double[] target, int from, int n, double vv) {
        double dot = 0;
        for (int i = from; i < n; i++) {
            dot += v[i] * target[i];
        }
        double f = 2 * dot / vv;
        for (int i = from; i < n; i++) {
            target[i] -= f * v[i];
        }
    }

    /** {@code Σ_{i>=k} z_i²}: the residual sum of squares of the first k columns. */
    static double ssr(double[] z, int k, int n) {
        double s = 0;
        for (int i = k; i < n; i++) {
            s += z[i] * z[i];
        }
        return s;
    }
}
