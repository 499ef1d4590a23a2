/**
 * Window engines shared by the statistics and regression operators. Internal: no compatibility
 * promise.
 */
package org.quantstream.core.op.internal;
