package org.quantstream.core.stationarity;

/**
 * Critical values of a unit-root statistic at the usual levels.
 *
 * @param onePercent the 1% critical value
 * @param fivePercent the 5% critical value
 * @param tenPercent the 10% critical value
 */
public record CriticalValues(double onePercent, double fivePercent, double tenPercent) {}
