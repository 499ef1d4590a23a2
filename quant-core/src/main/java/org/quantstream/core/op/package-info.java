/**
 * The operator contract: {@link org.quantstream.core.op.UnivariateOperator#update(double)} or
 * {@link org.quantstream.core.op.BivariateOperator#update(double, double)} in, {@link
 * org.quantstream.core.op.Operator#value()} out, NaN until ready, O(1), no allocation, NaN and
 * infinite inputs counted and refused. Statistics live in {@code stats}, regressions in {@code
 * regression}.
 */
package org.quantstream.core.op;
