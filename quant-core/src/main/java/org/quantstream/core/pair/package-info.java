/**
 * Pair analytics: two symbols' bars aligned by open time, driven through a hedge ratio, the spread
 * and its z-score, the correlation of returns, a rolling ADF test and the half-life of the spread.
 */
package org.quantstream.core.pair;
