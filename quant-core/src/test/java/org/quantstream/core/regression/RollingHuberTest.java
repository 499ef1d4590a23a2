package org.quantstream.core.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quantstream.core.testkit.Close.close;
import static org.quantstream.core.testkit.Oracle.doubles;
import static org.quantstream.core.testkit.Oracle.load;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RollingHuberTest {
    private static final double[] X = doubles(load("a_cointegrated_pair").path("inputs").path("x"));
    private static final double[] Y = doubles(load("a_cointegrated_pair").path("inputs").path("y"));

    @Test
    void shouldEqualTheBatchFitOfEveryWindowWithAColdStart() {
        RollingHuber rolling = new RollingHuber(200, false);
        for (int i = 0; i < 600; i++) {
            rolling.update(X[i], Y[i]);
            if (i >= 199) {
                HuberRegression.Result batch =
                        HuberRegression.fit(
                                Arrays.copyOfRange(X, i - 199, i + 1),
                                Arrays.copyOfRange(Y, i - 199, i + 1));
                assertThat(rolling.beta()).as("beta %d", i).isEqualTo(batch.beta());
                assertThat(rolling.alpha()).as("alpha %d", i).isEqualTo(batch.alpha());
                assertThat(rolling.iterations()).isEqualTo(batch.iterations());
            }
        }
    }

    @Test
    void shouldAgreeWithinTheToleranceAndIterateLessWithAWarmStart() {
        RollingHuber warm = new RollingHuber(200);
        RollingHuber cold = new RollingHuber(200, false);
        long warmIterations = 0;
        long coldIterations = 0;
        for (int i = 0; i < 1_000; i++) {
            warm.update(X[i], Y[i]);
            cold.update(X[i], Y[i]);
            if (i >= 199) {
                close(warm.beta(), cold.beta(), 0, 1e-6, "beta " + i);
                warmIterations += warm.iterations();
                coldIterations += cold.iterations();
            }
        }
        assertThat(warmIterations).isLessThan(coldIterations);
    }
}
