/**
 * Parsers and formatters behind {@link org.quantstream.core.io}. Internal: no compatibility
 * promise.
 */
package org.quantstream.core.io.internal;
