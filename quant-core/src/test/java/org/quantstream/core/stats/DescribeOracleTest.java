package org.quantstream.core.stats;

import static org.quantstream.core.testkit.Close.close;
import static org.quantstream.core.testkit.Oracle.doubles;
import static org.quantstream.core.testkit.Oracle.load;
import static org.quantstream.core.testkit.Oracle.num;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Describe} and {@link ExpandingMoments} against case e (and c3), exact references where the
 * oracle has them.
 */
class DescribeOracleTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "e_descriptive_stats,price_x_from_case_a,price",
        "e_descriptive_stats,simple_returns,simple_returns",
        "e_descriptive_stats,scipy_doc_example,scipy_doc_example",
        "c3_n10,x,describe_x"
    })
    void shouldMatchPandasAndScipyInBothConventions(String file, String input, String key) {
        JsonNode doc = load(file);
        double[] x = doubles(doc.path("inputs").path(input));
        JsonNode ref = doc.path(key);
        JsonNode exact = ref.path("exact_reference");
        Describe d = Describe.of(x);
        close(d.count(), ref.path("count").asDouble(), 0, 0, "count");
        close(d.mean(), num(exact.path("mean")), 1e-15, 1e-18, "mean");
        close(d.variance(), num(exact.path("var_ddof1")), 1e-13, 0, "var");
        close(d.std(), num(exact.path("std_ddof1")), 1e-13, 0, "std");
        close(d.skewness(), num(exact.path("skew_unbiased_G1")), 1e-11, 1e-14, "skew pandas");
        close(
                d.kurtosis(),
                num(exact.path("kurt_excess_unbiased_G2")),
                1e-11,
                1e-14,
                "kurt pandas");
        close(d.skewnessBiased(), num(exact.path("skew_biased_g1")), 1e-11, 1e-14, "skew scipy");
        close(
                d.kurtosisBiased(),
                num(exact.path("kurt_excess_biased_g2")),
                1e-11,
                1e-14,
                "kurt scipy");
        close(d.median(), num(ref.path("median")), 1e-15, 0, "median");
        close(d.q25(), num(ref.path("q25_linear")), 1e-15, 0, "q25");
        close(d.q75(), num(ref.path("q75_linear")), 1e-15, 0, "q75");
        close(d.min(), num(ref.path("min")), 0, 0, "min");
        close(d.max(), num(ref.path("max")), 0, 0, "max");

        ExpandingMoments m = new ExpandingMoments();
        for (double v : x) {
            m.update(v);
        }
        close(m.value(), num(exact.path("mean")), 1e-13, 1e-16, "expanding mean");
        close(m.variance(1), num(exact.path("var_ddof1")), 1e-12, 0, "expanding var");
        close(
                m.skewness(MomentConvention.PANDAS),
                num(exact.path("skew_unbiased_G1")),
                1e-9,
                1e-13,
                "expanding skew");
        close(
                m.kurtosis(MomentConvention.PANDAS),
                num(exact.path("kurt_excess_unbiased_G2")),
                1e-9,
                1e-13,
                "expanding kurt");
        close(
                m.skewness(MomentConvention.SCIPY),
                num(exact.path("skew_biased_g1")),
                1e-9,
                1e-13,
                "expanding skew scipy");
    }
}
