/**
 * Decoder, REST client and helpers of the Binance feed (its hand-off rings are core's {@code
 * org.quantstream.core.tick.internal}). Internal: no compatibility promise.
 */
package org.quantstream.feed.binance.internal;
