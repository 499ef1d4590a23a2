/**
 * The engine that wires the SDK's parts on one thread: a {@link
 * org.quantstream.core.pipeline.TickSource} (feed, store, files) → time bars → per-symbol operators
 * → pair analytics → alert rules → handlers; see {@link org.quantstream.core.pipeline.Pipeline} for
 * the topology and the threading contract.
 */
package org.quantstream.core.pipeline;
