package org.quantstream.core.stationarity;

import java.util.Locale;

/** How the ADF test chooses its lag order, as statsmodels' {@code autolag}. */
public enum Autolag {
    /** Minimum Akaike information criterion on the fixed maxlag sample. */
    AIC,
    /** Minimum Bayesian information criterion on the fixed maxlag sample. */
    BIC,
    /**
     * From maxlag down, the first lag whose last coefficient has |t| &gt;= 1.6449 (statsmodels'
     * t-stat rule).
     */
    T_STAT,
    /** No search: use maxlag. */
    NONE;

    /**
     * Parses {@code aic}, {@code bic}, {@code t-stat} (or {@code tstat}), {@code none}, any case.
     *
     * @param text the name
     * @return the rule
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Autolag parse(String text) {
        String t =
                text == null
                        ? ""
                        : text.strip().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        switch (t) {
            case "aic":
                return AIC;
            case "bic":
                return BIC;
            case "tstat":
                return T_STAT;
            case "none":
                return NONE;
            default:
                throw new IllegalArgumentException(
                        "autolag must be aic, bic, t-stat or none, was \"" + text + '"');
        }
    }
}
