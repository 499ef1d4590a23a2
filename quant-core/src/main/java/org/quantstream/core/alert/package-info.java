/**
 * Alerts (SPEC §14): {@link org.quantstream.core.alert.AlertRule}s on a metric of a symbol's bars
 * or a pair's snapshots, evaluated in event-time order by an {@link
 * org.quantstream.core.alert.AlertEngine} (level conditions edge-triggered with hysteresis,
 * crossings, cooldowns that suppress and count), delivered as {@link
 * org.quantstream.core.alert.Alert}s to {@link org.quantstream.core.alert.AlertSink}s (callback,
 * log, JSON lines); rules also from a JSON file ({@link org.quantstream.core.alert.AlertRules}).
 * Single-threaded: the engine runs on its caller's thread (a pipeline's).
 */
package org.quantstream.core.alert;
