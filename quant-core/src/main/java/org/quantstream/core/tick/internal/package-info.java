/**
 * Bounded single-producer single-consumer rings of ticks and quotes in primitive columns, shared by
 * the feeds and the pipeline. Internal: no compatibility promise.
 */
package org.quantstream.core.tick.internal;
