package org.quantstream.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.quantstream.core.backtest.BacktestResult;
import org.quantstream.core.backtest.MeanReversionStrategy;
import org.quantstream.core.backtest.PositionSide;
import org.quantstream.core.backtest.Trade;
import org.quantstream.core.pair.PairSnapshot;
import org.quantstream.core.pipeline.PairListener;
import org.quantstream.examples.dashboard.DashboardServer;

/**
 * The backtest's report: one self-contained HTML file (ECharts inlined from its webjar; equity and
 * drawdown, the spread and its z-score with the entry, exit and stop levels and the fills marked,
 * the metrics, the trade table) and the same charts as PNG files (XChart, headless).
 */
final class BacktestReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Collects the spread and z-score of every aligned time the backtest saw. */
    static final class Signals implements PairListener {
        private final String pair;
        final List<Long> times = new ArrayList<>();
        final List<Double> spread = new ArrayList<>();
        final List<Double> z = new ArrayList<>();

        Signals(String pair) {
            this.pair = pair;
        }

        @Override
        public void onSnapshot(String name, PairSnapshot s) {
            if (pair.equals(name)) {
                times.add(s.openTimeNanos() / 1_000_000L);
                spread.add(s.spread());
                z.add(s.zScore());
            }
        }
    }

    private final String pair;
    private final Map<String, Object> params;
    private final BacktestResult result;
    private final Signals signals;
    private final Map<String, Object> metrics;

    BacktestReport(
            String pair,
            Map<String, Object> params,
            BacktestResult result,
            Signals signals,
            Map<String, Object> metrics) {
        this.pair = pair;
        this.params = params;
        this.result = result;
        this.signals = signals;
        this.metrics = metrics;
    }

    /** The data the page draws, as one JSON object (NaN and infinities as null). */
    String data() throws IOException {
        MeanReversionStrategy s = result.strategy();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("pair", pair);
        d.put("params", Json.finite(params));
        d.put("levels", Json.finite(levels(s)));
        d.put("metrics", Json.finite(metrics));
        d.put("times", signals.times);
        d.put("spread", finite(signals.spread));
        d.put("z", finite(signals.z));
        long[] t = result.times();
        List<Long> ms = new ArrayList<>();
        for (long x : t) {
            ms.add(x / 1_000_000L);
        }
        d.put("equityTimes", ms);
        d.put("equity", finite(result.equity()));
        d.put("drawdown", finite(result.drawdown()));
        d.put("trades", BacktestCommand.trades(result));
        // "</" cannot end the script element that holds the data
        return JSON.writeValueAsString(d).replace("</", "<\\/");
    }

    private static Map<String, Object> levels(MeanReversionStrategy s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entry", s.entry());
        m.put("exit", s.exit());
        m.put("stop", s.stop());
        return m;
    }

    private static List<Double> finite(List<Double> v) {
        List<Double> out = new ArrayList<>(v.size());
        for (Double x : v) {
            out.add(x != null && Double.isFinite(x) ? x : null);
        }
        return out;
    }

    private static List<Double> finite(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double x : v) {
            out.add(Double.isFinite(x) ? x : null);
        }
        return out;
    }

    /** Writes the HTML report (atomically: the file appears whole or not at all). */
    void html(Path file) throws IOException {
        String page;
        try (InputStream in = BacktestReport.class.getResourceAsStream("/report/backtest.html")) {
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String echarts;
        try (InputStream in =
                DashboardServer.class.getResourceAsStream(DashboardServer.echartsPath())) {
            if (in == null) {
                throw new IllegalStateException(
                        "the ECharts webjar is not on the class path ("
                                + DashboardServer.echartsPath()
                                + ")");
            }
            echarts = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // the script last: nothing in it is taken for a placeholder
        String html =
                page.replace("TITLE", escape(pair + " backtest"))
                        .replace("/*DATA*/null", data())
                        .replace("/*ECHARTS*/", echarts.replace("</script", "<\\/script"));
        try (Output out = Output.open(file, null)) {
            out.writer().write(html);
            out.commit();
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * Writes {@code equity.png}, {@code drawdown.png} and {@code spread_z.png} into the directory.
     */
    List<Path> png(Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        List<Date> t = new ArrayList<>();
        for (long x : result.times()) {
            t.add(new Date(x / 1_000_000L));
        }
        List<Path> out = new ArrayList<>();
        XYChart equity = chart(pair + ": equity", "quote currency");
        equity.addSeries("equity", t, list(result.equity())).setMarker(SeriesMarkers.NONE);
        out.add(save(equity, dir.resolve("equity.png")));
        XYChart dd = chart(pair + ": drawdown", "fraction of the peak");
        dd.addSeries("drawdown", t, negative(result.drawdown())).setMarker(SeriesMarkers.NONE);
        out.add(save(dd, dir.resolve("drawdown.png")));
        XYChart zc = chart(pair + ": spread z-score, levels and fills", "z");
        List<Date> zt = new ArrayList<>();
        List<Double> zv = new ArrayList<>();
        for (int i = 0; i < signals.times.size(); i++) {
            if (Double.isFinite(signals.z.get(i))) {
                zt.add(new Date(signals.times.get(i)));
                zv.add(signals.z.get(i));
            }
        }
        if (!zt.isEmpty()) {
            zc.addSeries("z", zt, zv).setMarker(SeriesMarkers.NONE);
            MeanReversionStrategy s = result.strategy();
            level(zc, "+entry", zt, s.entry(), Color.RED);
            level(zc, "-entry", zt, -s.entry(), Color.GREEN.darker());
            level(zc, "+exit level", zt, s.exit(), Color.GRAY);
            if (s.exit() != 0) {
                level(zc, "-exit level", zt, -s.exit(), Color.GRAY);
            }
            if (Double.isFinite(s.stop())) {
                level(zc, "+stop", zt, s.stop(), Color.MAGENTA);
                level(zc, "-stop", zt, -s.stop(), Color.MAGENTA);
            }
            fills(
                    zc,
                    "long entry",
                    true,
                    PositionSide.LONG,
                    SeriesMarkers.TRIANGLE_UP,
                    Color.GREEN.darker());
            fills(
                    zc,
                    "short entry",
                    true,
                    PositionSide.SHORT,
                    SeriesMarkers.TRIANGLE_DOWN,
                    Color.RED);
            fills(zc, "exit", false, null, SeriesMarkers.CIRCLE, Color.BLUE);
        }
        out.add(save(zc, dir.resolve("spread_z.png")));
        return out;
    }

    private static XYChart chart(String title, String y) {
        XYChart c =
                new XYChartBuilder()
                        .width(1200)
                        .height(500)
                        .title(title)
                        .xAxisTitle("time (UTC)")
                        .yAxisTitle(y)
                        .build();
        c.getStyler().setDatePattern("HH:mm:ss");
        c.getStyler().setTimezone(java.util.TimeZone.getTimeZone("UTC"));
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        return c;
    }

    private static void level(XYChart c, String name, List<Date> t, double v, Color color) {
        XYSeries s = c.addSeries(name, List.of(t.get(0), t.get(t.size() - 1)), List.of(v, v));
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(
                new BasicStroke(
                        1f,
                        BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_MITER,
                        10f,
                        new float[] {6f, 4f},
                        0f));
    }

    /** Fills marked at their bar's z (entries of one side, or every exit). */
    private void fills(
            XYChart c,
            String name,
            boolean entries,
            PositionSide side,
            org.knowm.xchart.style.markers.Marker marker,
            Color color) {
        List<Date> t = new ArrayList<>();
        List<Double> v = new ArrayList<>();
        for (Trade x : result.trades()) {
            if (entries && x.side() != side) {
                continue;
            }
            long ms = (entries ? x.entryTimeNanos() : x.exitTimeNanos()) / 1_000_000L;
            int i = signals.times.indexOf(ms);
            if (i >= 0 && Double.isFinite(signals.z.get(i))) {
                t.add(new Date(ms));
                v.add(signals.z.get(i));
            }
        }
        if (!t.isEmpty()) {
            XYSeries s = c.addSeries(name, t, v);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(marker);
            s.setMarkerColor(color);
        }
    }

    private static List<Double> list(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double x : v) {
            out.add(x);
        }
        return out;
    }

    private static List<Double> negative(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double x : v) {
            out.add(-x);
        }
        return out;
    }

    private static Path save(XYChart c, Path file) {
        try {
            BitmapEncoder.saveBitmap(c, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
