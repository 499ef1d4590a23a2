package org.quantstream.core.regression;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.quantstream.core.util.Args;

/**
 * Ordinary least squares with several regressors, computed as statsmodels does: {@code params =
 * pinv(X) y} through the singular value decomposition, singular values at or below {@code
 * 1e-15·max} treated as zero (so a rank-deficient design gets the minimum-norm solution),
 * covariance {@code s² pinv(X) pinv(X)'}, Student t p-values, centred R² with a constant and
 * uncentred without, F over the non-constant regressors.
 *
 * <p>Stateless and thread-safe; O(n·k²), allocates the design matrix and its decomposition.
 */
public final class MultipleOls {
    private static final double RCOND = 1e-15;

    private MultipleOls() {}

    /**
     * The result of a fit.
     *
     * @param params coefficients, the constant first when one was added
     * @param stdErrors standard errors
     * @param tStats t statistics
     * @param pValues two-sided p-values, Student t(dfResid)
     * @param rSquared R² (uncentred without a constant)
     * @param adjRSquared adjusted R²
     * @param fStat F statistic
     * @param fPValue p-value of F
     * @param n observations
     * @param rank rank of the design
     * @param dfModel model degrees of freedom, rank minus the constant
     * @param dfResid residual degrees of freedom, n minus rank
     * @param ssr sum of squared residuals
     * @param logLikelihood Gaussian log-likelihood
     * @param aic Akaike information criterion
     * @param bic Bayesian information criterion
     */
    public record Result(
            double[] params,
            double[] stdErrors,
            double[] tStats,
            double[] pValues,
            double rSquared,
            double adjRSquared,
            double fStat,
            double fPValue,
            int n,
            int rank,
            int dfModel,
            int dfResid,
            double ssr,
            double logLikelihood,
            double aic,
            double bic) {}

    /**
     * Fits {@code y = X b}.
     *
     * @param y the regressand
     * @param regressors the regressors, one array per column, each as long as y
     * @param addConstant whether to put a constant column first
     * @return the fit
     * @throws IllegalArgumentException for mismatched lengths, NaN or infinity, or no residual
     *     degree of freedom
     */
    public static Result fit(double[] y, double[][] regressors, boolean addConstant) {
        Args.notNull(y, "y");
        Args.notNull(regressors, "regressors");
        int n = y.length;
        int k = regressors.length + (addConstant ? 1 : 0);
        if (k == 0) {
            throw new IllegalArgumentException("at least one regressor or a constant is needed");
        }
        DMatrixRMaj x = new DMatrixRMaj(n, k);
        boolean hasConstant = addConstant;
        for (int j = 0; j < regressors.length; j++) {
            double[] col = Args.notNull(regressors[j], "regressors[" + j + "]");
            if (col.length != n) {
                throw new IllegalArgumentException(
                        "regressors[" + j + "] has " + col.length + " values, y has " + n);
            }
            boolean constant = true;
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(col[i])) {
                    throw new IllegalArgumentException(
                            "regressors["
                                    + j
                                    + "]["
                                    + i
                                    + "] is "
                                    + col[i]
                                    + "; only finite values");
                }
                constant &= col[i] == col[0] && col[0] != 0;
                x.set(i, j + (addConstant ? 1 : 0), col[i]);
            }
            hasConstant |= constant;
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException(
                        "y[" + i + "] is " + y[i] + "; only finite values");
            }
            if (addConstant) {
                x.set(i, 0, 1.0);
            }
        }
        // pinv through the SVD, statsmodels' cut-off
        SingularValueDecomposition_F64<DMatrixRMaj> svd =
                DecompositionFactory_DDRM.svd(n, k, true, true, true);
        if (!svd.decompose(x.copy())) {
            throw new IllegalStateException("the singular value decomposition did not converge");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj v = svd.getV(null, false);
        double[] s = svd.getSingularValues();
        double smax = 0;
        for (int i = 0; i < svd.numberOfSingularValues(); i++) {
            smax = Math.max(smax, s[i]);
        }
        int rank = 0;
        DMatrixRMaj pinv = new DMatrixRMaj(k, n);
        for (int c = 0; c < svd.numberOfSingularValues(); c++) {
            if (s[c] <= RCOND * smax) {
                continue;
            }
            rank++;
            double inv = 1 / s[c];
            for (int a = 0; a < k; a++) {
                double va = v.get(a, c) * inv;
                if (va == 0) {
                    continue;
                }
                for (int b = 0; b < n; b++) {
                    pinv.add(a, b, va * u.get(b, c));
                }
            }
        }
        int df = n - rank;
        if (df <= 0) {
            throw new IllegalArgumentException(
                    "no residual degree of freedom: " + n + " observations for rank " + rank);
        }
        double[] params = new double[k];
        for (int a = 0; a < k; a++) {
            double sum = 0;
            for (int b = 0; b < n; b++) {
                sum += pinv.get(a, b) * y[b];
            }
            params[a] = sum;
        }
        double ssr = 0;
        double sumY = 0;
        for (int i = 0; i < n; i++) {
            double fit = 0;
            for (int a = 0; a < k; a++) {
                fit += x.get(i, a) * params[a];
            }
            double r = y[i] - fit;
            ssr += r * r;
            sumY += y[i];
        }
        double meanY = sumY / n;
        double tss = 0;
        for (double v2 : y) {
            tss += hasConstant ? (v2 - meanY) * (v2 - meanY) : v2 * v2;
        }
        DMatrixRMaj cov = new DMatrixRMaj(k, k);
        CommonOps_DDRM.multTransB(pinv, pinv, cov);
        double s2 = ssr / df;
        double[] se = new double[k];
        double[] t = new double[k];
        double[] p = new double[k];
        for (int a = 0; a < k; a++) {
            se[a] = Math.sqrt(s2 * cov.get(a, a));
            t[a] = params[a] / se[a];
            p[a] = Distributions.tTwoSided(t[a], df);
        }
        int kConst = hasConstant ? 1 : 0;
        int dfModel = rank - kConst;
        double r2 = 1 - ssr / tss;
        double adj = 1 - (double) (n - kConst) / df * (1 - r2);
        double f = dfModel > 0 ? ((tss - ssr) / dfModel) / (ssr / df) : Double.NaN;
        double fp = dfModel > 0 ? Distributions.fSurvival(f, dfModel, df) : Double.NaN;
        double llf = -n / 2.0 * Math.log(2 * Math.PI) - n / 2.0 * Math.log(ssr / n) - n / 2.0;
        int kParams = dfModel + kConst;
        return new Result(
                params,
                se,
                t,
                p,
                r2,
                adj,
                f,
                fp,
                n,
                rank,
                dfModel,
                df,
                ssr,
                llf,
                -2 * llf + 2 * kParams,
                -2 * llf + Math.log(n) * kParams);
    }
}
