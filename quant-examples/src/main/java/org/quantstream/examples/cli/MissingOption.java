package org.quantstream.examples.cli;

import org.quantstream.core.op.BivariateOperator;
import org.quantstream.core.op.UnivariateOperator;
import picocli.CommandLine.Option;

/**
 * {@code --missing nan|skip}: what a rolling command does with a missing value (an empty cell). One
 * meaning for every command that has the option.
 */
final class MissingOption {
    /** The policies. */
    enum Policy {
        /** As pandas: every window that holds a missing value gives no value. */
        nan,
        /** The missing row is passed over: the window holds the last N values present. */
        skip
    }

    /** Parses the policy; an unknown one lists the valid ones. */
    static final class PolicyConverter extends Choice<Policy> {
        PolicyConverter() {
            super(Policy.class, "missing-value policy");
        }
    }

    @Option(
            names = "--missing",
            defaultValue = "nan",
            converter = PolicyConverter.class,
            paramLabel = "nan|skip",
            description =
                    "A missing value (empty cell): nan (default, as pandas: every window holding it"
                            + " is empty) or skip (passed over; the window holds the last N values"
                            + " present).")
    Policy policy = Policy.nan;

    /**
     * Feeds a value to a rolling operator under the policy.
     *
     * @return whether the value was there (false: the row shows no value)
     */
    boolean accept(double v, UnivariateOperator op) {
        if (!Double.isNaN(v)) {
            op.update(v);
            return true;
        }
        if (policy == Policy.nan) {
            op.reset(); // the next `window` rows are windows that hold the missing value
        }
        return false;
    }

    /**
     * Feeds a pair to a rolling operator under the policy; a pair with either side missing is
     * missing.
     *
     * @return whether both values were there
     */
    boolean accept(double x, double y, BivariateOperator op) {
        if (!Double.isNaN(x) && !Double.isNaN(y)) {
            op.update(x, y);
            return true;
        }
        if (policy == Policy.nan) {
            op.reset();
        }
        return false;
    }
}
