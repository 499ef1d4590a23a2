/**
 * Small example mains, each run by {@code ExamplesTest}: {@link
 * org.quantstream.examples.TapeToBars} (a recorded tape into bars), {@link
 * org.quantstream.examples.CustomFeedExample} with {@link
 * org.quantstream.examples.RandomWalkFeedProvider} (a custom feed through the {@code DataFeed}
 * SPI), {@link org.quantstream.examples.LiveToStoreToBars} (simulator → Netty feed → Chronicle
 * store → bars, live).
 */
package org.quantstream.examples;
