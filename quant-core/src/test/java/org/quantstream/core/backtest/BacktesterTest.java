package org.quantstream.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quantstream.core.bar.Bar;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.pair.PairAnalytics;
import org.quantstream.core.pair.PairSnapshot;
import org.quantstream.core.regression.RollingOls;
import org.quantstream.core.tick.Symbol;

/** Properties of the two-leg backtester on a synthetic cointegrated pair with many trades. */
class BacktesterTest {
    private static final Symbol A = Symbol.of("AAAUSDT");
    private static final Symbol B = Symbol.of("BBBUSDT");
    private static final Timeframe TF = Timeframe.ofSeconds(60);
    private static final long T0 = 1_723_161_600_000_000_000L;

    /** Closes of a cointegrated pair: log B = 0.8 log A + 0.3 + an AR(1) spread. */
    private static double[][] prices(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] p = new double[2][n];
        double x = Math.log(100);
        double u = 0;
        for (int t = 0; t < n; t++) {
            x += 0.002 * gauss(r);
            u = 0.9 * u + 0.004 * gauss(r);
            p[0][t] = Math.exp(x);
            p[1][t] = Math.exp(0.8 * x + 0.3 + u);
        }
        return p;
    }

    private static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble()))
                * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static Bar bar(Symbol s, int t, double close) {
        long open = T0 + t * TF.nanos();
        return new Bar(
                s,
                TF,
                open,
                open + TF.nanos(),
                close,
                close,
                close,
                close,
                1,
                close,
                1,
                0,
                close,
                0);
    }

    /** The snapshots of rolling OLS 60, z over 30, log prices. */
    private static List<PairSnapshot> snapshots(double[][] p) {
        List<PairSnapshot> out = new ArrayList<>();
        PairAnalytics pa =
                PairAnalytics.builder(A, B)
                        .timeframe(TF)
                        .hedge(new RollingOls(60))
                        .logPrices(true)
                        .zWindow(30)
                        .handler(out::add)
                        .build();
        for (int t = 0; t < p[0].length; t++) {
            pa.onBarClosed(bar(A, t, p[0][t]));
            pa.onBarClosed(bar(B, t, p[1][t]));
        }
        return out;
    }

    private static final class Recorder implements BacktestListener {
        final List<Signal> signals = new ArrayList<>();
        final List<Fill> fills = new ArrayList<>();
        final List<Trade> trades = new ArrayList<>();
        final List<Double> equity = new ArrayList<>();

        @Override
        public void onSignal(Signal s) {
            signals.add(s);
        }

        @Override
        public void onFill(Fill f) {
            fills.add(f);
        }

        @Override
        public void onTrade(Trade t) {
            trades.add(t);
        }

        @Override
        public void onEquity(long time, double v, int position) {
            equity.add(v);
        }
    }

    private static BacktestResult run(List<PairSnapshot> snaps, Backtester.Builder b) {
        Backtester bt = b.timeframe(TF).build();
        for (PairSnapshot s : snaps) {
            bt.onSnapshot("AAAUSDT/BBBUSDT", s);
        }
        return bt.finish();
    }

    @Test
    void shouldHaveNetEqualGrossAndFinalEquityWithoutCosts() {
        List<PairSnapshot> snaps = snapshots(prices(3000, 1));
        for (FillMode f : FillMode.values()) {
            BacktestResult r = run(snaps, Backtester.builder().fill(f));
            assertThat(r.trades()).as(f.name()).hasSizeGreaterThan(20);
            double gross = 0;
            double net = 0;
            for (Trade t : r.trades()) {
                gross += t.grossPnl();
                net += t.netPnl();
                assertThat(t.fees()).isZero();
            }
            assertThat(net).isEqualTo(gross);
            assertThat(r.metrics().totalNetPnl())
                    .isCloseTo(gross, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(r.metrics().finalEquity() - r.capital())
                    .isCloseTo(gross, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(r.positions()[r.positions().length - 1]).as("flat at the end").isZero();
        }
    }

    @Test
    void shouldGiveTheSameMetricsAndTradesWithoutKeepingThePaths() {
        List<PairSnapshot> snaps = snapshots(prices(3000, 6));
        Backtester.Builder b =
                Backtester.builder().fees(FeeModel.bps(4)).slippage(SlippageModel.bps(1));
        BacktestResult kept = run(snaps, b);
        BacktestResult lean = run(snaps, b.keepPaths(false));
        assertThat(lean.metrics()).isEqualTo(kept.metrics());
        assertThat(lean.trades()).isEqualTo(kept.trades());
        assertThat(lean.equity()).isEmpty();
        assertThat(lean.times()).isEmpty();
        assertThat(kept.equity()).hasSize(snaps.size());
    }

    @Test
    void shouldNeverEarnMoreWithHigherFeesOrSlippage() {
        List<PairSnapshot> snaps = snapshots(prices(3000, 2));
        double previous = Double.POSITIVE_INFINITY;
        for (double bps : new double[] {0, 0.5, 1, 2, 4, 8, 16}) {
            BacktestResult r = run(snaps, Backtester.builder().fees(FeeModel.bps(bps)));
            assertThat(r.metrics().totalNetPnl()).as("fees %s bps", bps).isLessThan(previous);
            assertThat(r.metrics().totalFees()).isGreaterThanOrEqualTo(0);
            previous = r.metrics().totalNetPnl();
        }
        previous = Double.POSITIVE_INFINITY;
        for (double bps : new double[] {0, 0.5, 1, 2, 4, 8}) {
            BacktestResult r = run(snaps, Backtester.builder().slippage(SlippageModel.bps(bps)));
            assertThat(r.metrics().totalNetPnl()).as("slippage %s bps", bps).isLessThan(previous);
            previous = r.metrics().totalNetPnl();
        }
    }

    /**
     * No look-ahead: prices changed after a time {@code t} (the analytics recomputed from them)
     * change no decision at or before {@code t}, no fill before {@code t + 1} and no equity up to
     * {@code t}.
     */
    @Test
    void shouldDecideAtTimeTOnlyFromWhatIsKnownAtT() {
        double[][] p = prices(1500, 3);
        List<PairSnapshot> base = snapshots(p);
        Recorder ref = new Recorder();
        BacktestResult refResult = run(base, Backtester.builder().listener(ref));
        assertThat(ref.signals).hasSizeGreaterThan(20);
        SplittableRandom r = new SplittableRandom(4);
        for (int k = 0; k < 25; k++) {
            int cut = 200 + r.nextInt(1250);
            double[][] q = {p[0].clone(), p[1].clone()};
            for (int t = cut + 1; t < q[0].length; t++) {
                q[0][t] *= 1 + 0.05 * gauss(r);
                q[1][t] *= 1 + 0.05 * gauss(r);
            }
            Recorder mine = new Recorder();
            BacktestResult changed = run(snapshots(q), Backtester.builder().listener(mine));
            long cutTime = T0 + cut * TF.nanos();
            assertThat(mine.signals.stream().filter(s -> s.timeNanos() <= cutTime).toList())
                    .as("decisions up to %d", cut)
                    .isEqualTo(ref.signals.stream().filter(s -> s.timeNanos() <= cutTime).toList());
            assertThat(mine.fills.stream().filter(f -> f.timeNanos() <= cutTime).toList())
                    .isEqualTo(ref.fills.stream().filter(f -> f.timeNanos() <= cutTime).toList());
            assertThat(java.util.Arrays.copyOf(changed.equity(), cut + 1))
                    .isEqualTo(java.util.Arrays.copyOf(refResult.equity(), cut + 1));
            assertThat(mine.signals)
                    .as("the change after the cut matters")
                    .isNotEqualTo(ref.signals);
        }
    }

    @Test
    void shouldTellTheListenerEverythingTheResultHolds() {
        List<PairSnapshot> snaps = snapshots(prices(2000, 5));
        Recorder rec = new Recorder();
        BacktestResult r =
                run(
                        snaps,
                        Backtester.builder()
                                .listener(rec)
                                .fees(FeeModel.bps(4))
                                .slippage(SlippageModel.bps(1))
                                .strategy(
                                        MeanReversionStrategy.defaults()
                                                .withStop(3)
                                                .withMaxHold(8)));
        assertThat(rec.trades).isEqualTo(r.trades());
        assertThat(rec.fills).hasSize(4 * r.trades().size());
        assertThat(rec.equity).hasSize(snaps.size());
        double fees = rec.fills.stream().mapToDouble(Fill::fee).sum();
        assertThat(fees)
                .isCloseTo(r.metrics().totalFees(), org.assertj.core.data.Offset.offset(1e-9));
        long entries = rec.signals.stream().filter(Signal::entry).count();
        assertThat(entries).isGreaterThanOrEqualTo(r.trades().size());
        assertThat(r.trades().stream().map(Trade::reason).distinct())
                .contains(ExitReason.EXIT, ExitReason.MAX_HOLD);
        for (Trade t : r.trades()) {
            // sizing: leg B at the notional, leg A at beta times it, opposite sides
            assertThat(Math.abs(t.qtyB() * t.entryPriceB()))
                    .isCloseTo(10_000, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(Math.abs(t.qtyA() * t.entryPriceA()))
                    .isCloseTo(
                            Math.abs(t.beta()) * 10_000, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(Math.signum(t.qtyB())).isEqualTo(t.side().sign());
        }
    }

    @Test
    void shouldRefuseBadParametersAndInputs() {
        assertThatThrownBy(() -> new MeanReversionStrategy(0, 0, 3, 0, 1))
                .hasMessage("entry must be > 0, was 0.0");
        assertThatThrownBy(() -> new MeanReversionStrategy(2, 2, 3, 0, 1))
                .hasMessage("exit must be < entry (2.0), was 2.0");
        assertThatThrownBy(() -> new MeanReversionStrategy(2, 0, 1.5, 0, 1))
                .hasMessage("stop must be > entry (2.0) or infinite, was 1.5");
        assertThatThrownBy(() -> new MeanReversionStrategy(2, 0, 3, -1, 1))
                .hasMessage("maxHold must be >= 0, was -1");
        assertThatThrownBy(() -> FeeModel.bps(-1)).hasMessage("bpsA must be >= 0, was -1.0");
        assertThatThrownBy(() -> SlippageModel.bps(Double.NaN))
                .hasMessage("bps must be finite, was NaN");
        Backtester bt = Backtester.builder().build();
        bt.onAligned(2, 1, 1, Double.NaN, Double.NaN);
        assertThatThrownBy(() -> bt.onAligned(2, 1, 1, Double.NaN, Double.NaN))
                .hasMessage("aligned times must increase: 2 after 2");
        assertThatThrownBy(() -> bt.onAligned(3, Double.NaN, 1, 0, 0))
                .hasMessage("closes must be positive numbers, were NaN and 1.0");
        BacktestResult r = bt.finish();
        assertThat(r.metrics().trades()).isZero();
        assertThat(r.metrics().winRate()).isNaN();
        assertThat(r.metrics().profitFactor()).isNaN();
        assertThat(r.metrics().finalEquity()).isEqualTo(20_000);
        assertThat(bt.finish()).isSameAs(r);
        assertThatThrownBy(() -> bt.onAligned(5, 1, 1, 0, 0))
                .hasMessage("the backtest has finished");
    }
}
