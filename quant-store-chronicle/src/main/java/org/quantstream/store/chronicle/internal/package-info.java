/**
 * Record layout, JVM checks and the symbol dictionary of the Chronicle store. Internal: no
 * compatibility promise.
 */
package org.quantstream.store.chronicle.internal;
