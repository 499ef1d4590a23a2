package org.quantstream.examples.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Supplier;
import org.quantstream.core.alert.AlertRules;
import org.quantstream.core.bar.GapPolicy;
import org.quantstream.core.bar.Timeframe;
import org.quantstream.core.io.InputFormatException;
import org.quantstream.core.op.UnivariateOperator;
import org.quantstream.core.pair.MissingLeg;
import org.quantstream.core.pipeline.OperatorInput;
import org.quantstream.core.pipeline.PipelineConfig;
import org.quantstream.core.stationarity.Autolag;
import org.quantstream.core.stationarity.Trend;
import org.quantstream.core.stats.RollingExtreme;
import org.quantstream.core.stats.RollingMean;
import org.quantstream.core.stats.RollingStd;
import org.quantstream.core.stats.RollingZScore;
import org.quantstream.core.tick.Symbol;
import org.quantstream.core.time.Durations;
import org.quantstream.core.util.IdleStrategy;

/**
 * A pipeline configuration file (JSON), read for {@code quant run} and {@code quant worker}: the
 * analytics part ({@link #analytics()}: symbols, timeframes, operators, pairs, rules) is one {@link
 * PipelineConfig} whichever engine runs it; the rest (source, alert sinks, duration, idle) is the
 * caller's. A mistake is one {@link UserException} naming the file, the field's path and the cause;
 * unknown fields are errors.
 */
final class PipelineFile {
    /** Every top-level field of a pipeline file. */
    static final String[] FIELDS = {
        "source",
        "symbols",
        "timeframes",
        "analysisTimeframe",
        "gapPolicy",
        "operators",
        "pairs",
        "rules",
        "rulesFile",
        "alerts",
        "duration",
        "idle"
    };

    /**
     * In a holder: an ObjectMapper built when picocli created the commands cost every {@code quant}
     * invocation 0.3 s.
     */
    private static final class Mapper {
        static final ObjectMapper JSON =
                new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    final Path config;
    final JsonNode doc;

    private PipelineFile(Path config, JsonNode doc) {
        this.config = config;
        this.doc = doc;
    }

    /**
     * Reads a file.
     *
     * @param config the file
     * @return the parsed file
     * @throws IOException if it cannot be read
     * @throws InputFormatException if it is not JSON (line and column named)
     */
    static PipelineFile read(Path config) throws IOException {
        try {
            return new PipelineFile(config, Mapper.JSON.readTree(Files.readAllBytes(config)));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(config.toString(), null, "no such file");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InputFormatException(
                    config.toString(),
                    e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    e.getLocation() == null ? 0 : e.getLocation().getColumnNr(),
                    "not valid JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * What the file says to compute.
     *
     * @return the configuration
     * @throws UserException for a mistake in the file
     */
    PipelineConfig analytics() throws IOException {
        fields(doc, "", FIELDS);
        PipelineConfig.Builder b = PipelineConfig.builder();
        for (JsonNode s : array(doc, "symbols", true)) {
            b.symbols(Symbol.of(text(s, "symbols[]")));
        }
        for (JsonNode tf : array(doc, "timeframes", true)) {
            b.timeframes(timeframe(tf, "timeframes[]"));
        }
        if (doc.has("analysisTimeframe")) {
            b.analysisTimeframe(timeframe(doc.get("analysisTimeframe"), "analysisTimeframe"));
        }
        if (doc.has("gapPolicy")) {
            String g = text(doc.get("gapPolicy"), "gapPolicy");
            b.gapPolicy(
                    switch (g) {
                        case "skip" -> GapPolicy.SKIP;
                        case "flat-fill" -> GapPolicy.FLAT_FILL;
                        default -> throw bad("gapPolicy", "expected skip or flat-fill, was " + g);
                    });
        }
        JsonNode ops = array(doc, "operators", false);
        for (int i = 0; i < ops.size(); i++) {
            operator(b, ops.get(i), "operators[" + i + "]");
        }
        JsonNode pairs = array(doc, "pairs", false);
        for (int i = 0; i < pairs.size(); i++) {
            pair(b, pairs.get(i), "pairs[" + i + "]");
        }
        if (doc.has("rules")) {
            b.rules(AlertRules.read(doc.get("rules"), config));
        }
        if (doc.has("rulesFile")) {
            b.rules(AlertRules.read(resolve(text(doc.get("rulesFile"), "rulesFile"))));
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UserException(config + ": " + e.getMessage());
        }
    }

    private void operator(PipelineConfig.Builder b, JsonNode op, String path) {
        fields(op, path + ".", "name", "type", "window", "input");
        String name = text(op.get("name"), path + ".name");
        String type = text(op.get("type"), path + ".type");
        int window = integer(op.get("window"), path + ".window");
        Supplier<? extends UnivariateOperator> f =
                switch (type) {
                    case "zscore" -> () -> new RollingZScore(window);
                    case "mean" -> () -> new RollingMean(window);
                    case "std" -> () -> new RollingStd(window);
                    case "min" -> () -> RollingExtreme.min(window);
                    case "max" -> () -> RollingExtreme.max(window);
                    default ->
                            throw bad(
                                    path + ".type",
                                    "expected zscore, mean, std, min or max, was \"" + type + '"');
                };
        f.get(); // a bad window fails here, with the operator's message
        String in = op.has("input") ? text(op.get("input"), path + ".input") : "close";
        OperatorInput input =
                switch (in) {
                    case "close" -> OperatorInput.CLOSE;
                    case "return" -> OperatorInput.RETURN;
                    case "log-return" -> OperatorInput.LOG_RETURN;
                    default ->
                            throw bad(
                                    path + ".input",
                                    "expected close, return or log-return, was " + in);
                };
        b.operator(name, f, input);
    }

    /**
     * A pair of the file with its defaults filled in: what the pair stage computes, and what a
     * dashboard of the workers shows of it.
     */
    record PairFields(
            Symbol a,
            Symbol b,
            HedgeMethod hedge,
            int hedgeWindow,
            double lambda,
            double delta,
            double ve,
            int zWindow,
            int corrWindow,
            int adfWindow,
            boolean logPrices,
            MissingLeg missingLeg) {
        /** The pair's name, {@code A/B}. */
        String name() {
            return a.name() + "/" + b.name();
        }

        void configure(org.quantstream.core.pair.PairAnalytics.Builder pb) {
            pb.hedge(hedge.create(hedgeWindow, lambda, delta, ve))
                    .logPrices(logPrices)
                    .zWindow(zWindow)
                    .correlationWindow(corrWindow)
                    .adf(adfWindow, Trend.C, Autolag.NONE, 1)
                    .missingLeg(missingLeg, 1);
        }
    }

    /**
     * The file's pairs with their defaults (the file is checked as {@link #analytics()} checks it).
     *
     * @return the pairs in file order
     */
    java.util.List<PairFields> pairs() {
        JsonNode pairs = array(doc, "pairs", false);
        java.util.List<PairFields> out = new java.util.ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            out.add(pairFields(pairs.get(i), "pairs[" + i + "]"));
        }
        return out;
    }

    private void pair(PipelineConfig.Builder b, JsonNode p, String path) {
        PairFields f = pairFields(p, path);
        b.pair(f.a(), f.b(), f::configure);
    }

    private PairFields pairFields(JsonNode p, String path) {
        fields(
                p,
                path + ".",
                "a",
                "b",
                "hedge",
                "hedgeWindow",
                "lambda",
                "delta",
                "ve",
                "zWindow",
                "corrWindow",
                "adfWindow",
                "logPrices",
                "missingLeg");
        Symbol a = Symbol.of(text(p.get("a"), path + ".a"));
        Symbol c = Symbol.of(text(p.get("b"), path + ".b"));
        HedgeMethod hedge;
        try {
            hedge =
                    p.has("hedge")
                            ? HedgeMethod.parse(text(p.get("hedge"), path + ".hedge"))
                            : HedgeMethod.rolling_ols;
        } catch (IllegalArgumentException e) {
            throw bad(path + ".hedge", e.getMessage());
        }
        int hw = p.has("hedgeWindow") ? integer(p.get("hedgeWindow"), path + ".hedgeWindow") : 120;
        double lambda = p.has("lambda") ? number(p.get("lambda"), path + ".lambda") : 0.99;
        double delta = p.has("delta") ? number(p.get("delta"), path + ".delta") : 1e-4;
        double ve = p.has("ve") ? number(p.get("ve"), path + ".ve") : 1e-3;
        int z = p.has("zWindow") ? integer(p.get("zWindow"), path + ".zWindow") : 60;
        int corr = p.has("corrWindow") ? integer(p.get("corrWindow"), path + ".corrWindow") : 60;
        int adf = p.has("adfWindow") ? integer(p.get("adfWindow"), path + ".adfWindow") : 120;
        boolean log = !p.has("logPrices") || bool(p.get("logPrices"), path + ".logPrices");
        String ml = p.has("missingLeg") ? text(p.get("missingLeg"), path + ".missingLeg") : "skip";
        MissingLeg missing =
                switch (ml) {
                    case "skip" -> MissingLeg.SKIP;
                    case "ffill" -> MissingLeg.FORWARD_FILL;
                    default -> throw bad(path + ".missingLeg", "expected skip or ffill, was " + ml);
                };
        try {
            hedge.create(hw, lambda, delta, ve);
        } catch (IllegalArgumentException e) {
            throw bad(path, e.getMessage());
        }
        return new PairFields(a, c, hedge, hw, lambda, delta, ve, z, corr, adf, log, missing);
    }

    Path resolve(String file) {
        Path p = Path.of(file);
        Path base = config.toAbsolutePath().getParent();
        return p.isAbsolute() || base == null ? p : base.resolve(p);
    }

    UserException bad(String path, String cause) {
        return new UserException(config + ": " + path + ": " + cause);
    }

    void fields(JsonNode node, String path, String... allowed) {
        if (!node.isObject()) {
            throw bad(
                    path.isEmpty() ? "(top)" : path.substring(0, path.length() - 1),
                    "expected an object");
        }
        Set<String> ok = Set.of(allowed);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!ok.contains(f)) {
                throw bad(
                        path + f,
                        "unknown field; fields here: "
                                + String.join(", ", new java.util.TreeSet<>(ok)));
            }
        }
    }

    JsonNode array(JsonNode doc, String field, boolean required) {
        JsonNode n = doc.get(field);
        if (n == null) {
            if (required) {
                throw bad(field, "missing");
            }
            return Mapper.JSON.createArrayNode();
        }
        if (!n.isArray() || (required && n.isEmpty())) {
            throw bad(field, "expected a" + (required ? " non-empty" : "") + " array, was " + n);
        }
        return n;
    }

    /** An idle strategy by name ({@link IdleStrategy#named}), refused with its path named. */
    IdleStrategy idle(JsonNode n, String path) {
        try {
            return IdleStrategy.named(text(n, path));
        } catch (IllegalArgumentException e) {
            throw bad(path, e.getMessage());
        }
    }

    String text(JsonNode n, String path) {
        if (n == null || n.isNull()) {
            throw bad(path, "missing");
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw bad(path, "expected a non-empty string, was " + n);
        }
        return n.asText();
    }

    int integer(JsonNode n, String path) {
        if (n == null || n.isNull()) {
            throw bad(path, "missing");
        }
        if (!n.isIntegralNumber() || n.asLong() < 1 || n.asLong() > 1_000_000) {
            throw bad(path, "expected a whole number from 1 to 1000000, was " + n);
        }
        return n.asInt();
    }

    double number(JsonNode n, String path) {
        if (n == null || !n.isNumber() || !Double.isFinite(n.asDouble())) {
            throw bad(path, "expected a finite number, was " + n);
        }
        return n.asDouble();
    }

    boolean bool(JsonNode n, String path) {
        if (n == null || !n.isBoolean()) {
            throw bad(path, "expected true or false, was " + n);
        }
        return n.asBoolean();
    }

    Timeframe timeframe(JsonNode n, String path) {
        String t = text(n, path);
        try {
            return Timeframe.parse(t);
        } catch (IllegalArgumentException e) {
            throw bad(path, e.getMessage());
        }
    }

    Duration duration(JsonNode n, String path) {
        try {
            return Durations.parse(text(n, path));
        } catch (IllegalArgumentException e) {
            throw bad(path, e.getMessage());
        }
    }
}
