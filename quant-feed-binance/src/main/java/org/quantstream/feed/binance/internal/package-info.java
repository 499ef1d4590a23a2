/**
 * Decoder, hand-off ring and REST client of the Binance feed. Internal: no compatibility promise.
 */
package org.quantstream.feed.binance.internal;
