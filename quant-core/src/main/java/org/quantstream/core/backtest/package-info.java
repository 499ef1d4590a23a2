/**
 * The pair mean-reversion backtester (SPEC §13): a {@link org.quantstream.core.backtest.Backtester}
 * fed the pair snapshots of a {@code Pipeline} (recorded history, or the live feed for paper
 * trading) trades two legs in quote currency with a {@link
 * org.quantstream.core.backtest.MeanReversionStrategy}, {@link
 * org.quantstream.core.backtest.FeeModel fees}, {@link org.quantstream.core.backtest.SlippageModel
 * slippage} and a bar of latency, and reports every {@link org.quantstream.core.backtest.Trade} and
 * {@link org.quantstream.core.backtest.BacktestMetrics metric}.
 *
 * <p>Threading: a backtester is confined to the thread that feeds it (the pipeline's thread when it
 * is a {@code PairListener}); its results are immutable and may be shared.
 */
package org.quantstream.core.backtest;
