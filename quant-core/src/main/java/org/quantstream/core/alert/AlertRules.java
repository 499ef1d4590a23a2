package org.quantstream.core.alert;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.quantstream.core.io.InputFormatException;
import org.quantstream.core.time.Durations;

/**
 * Reads alert rules from a JSON file: an array of objects such as {@code {"name":"z-out",
 * "metric":"zScore","pair":"BTCUSDT/ETHUSDT","condition":"OUTSIDE","lower":-2,"upper":2,
 * "hysteresis":0.5,"cooldown":"0s"}}; a symbol rule has {@code "symbol"} instead of {@code "pair"},
 * ABOVE, BELOW and the crossings a {@code "threshold"}. A bad file is one {@link
 * InputFormatException} naming the file, the rule's index and the field; unknown fields are errors
 * (a misspelt "hysterisis" must not be ignored). Stateless.
 */
public final class AlertRules {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> FIELDS =
            Set.of(
                    "name",
                    "metric",
                    "symbol",
                    "pair",
                    "condition",
                    "threshold",
                    "lower",
                    "upper",
                    "hysteresis",
                    "cooldown");

    private AlertRules() {}

    /**
     * Reads a rules file.
     *
     * @param file the JSON file
     * @return the rules, in file order
     * @throws InputFormatException for a malformed file or rule (file, rule index, field, cause)
     * @throws IOException if it cannot be read
     */
    public static List<AlertRule> read(Path file) throws IOException {
        JsonNode doc;
        try {
            doc = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InputFormatException(
                    file.toString(),
                    e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    e.getLocation() == null ? 0 : e.getLocation().getColumnNr(),
                    "not valid JSON: " + e.getOriginalMessage());
        }
        return read(doc, file);
    }

    /**
     * Reads rules already parsed, e.g. the {@code "rules"} array of a larger configuration.
     *
     * @param rules the JSON array
     * @param source the file (or name) the messages give as the place
     * @return the rules, in order
     * @throws InputFormatException for a malformed rule (source, rule index, field, cause)
     */
    public static List<AlertRule> read(JsonNode rules, Path source) throws InputFormatException {
        if (rules == null || !rules.isArray()) {
            throw bad(source, -1, null, "expected a JSON array of rules");
        }
        List<AlertRule> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            out.add(rule(source, i, rules.get(i)));
        }
        return out;
    }

    private static AlertRule rule(Path file, int i, JsonNode r) throws InputFormatException {
        if (!r.isObject()) {
            throw bad(file, i, null, "expected an object");
        }
        for (Iterator<String> it = r.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw bad(file, i, f, "unknown field; fields: " + String.join(", ", sorted()));
            }
        }
        String name = text(file, i, r, "name");
        String metric = text(file, i, r, "metric");
        AlertRule.Builder b = AlertRule.builder(name);
        boolean hasSymbol = r.has("symbol");
        boolean hasPair = r.has("pair");
        if (hasSymbol == hasPair) {
            throw bad(file, i, hasSymbol ? "pair" : "symbol", "give either \"symbol\" or \"pair\"");
        }
        if (hasPair) {
            String pair = text(file, i, r, "pair");
            int slash = pair.indexOf('/');
            if (slash <= 0 || slash == pair.length() - 1 || pair.indexOf('/', slash + 1) >= 0) {
                throw bad(file, i, "pair", "expected \"A/B\", was \"" + pair + '"');
            }
            b.pair(pair.substring(0, slash), pair.substring(slash + 1), metric);
        } else {
            b.symbol(text(file, i, r, "symbol"), metric);
        }
        String c = text(file, i, r, "condition");
        AlertCondition condition;
        try {
            condition = AlertCondition.valueOf(c);
        } catch (IllegalArgumentException e) {
            throw bad(
                    file,
                    i,
                    "condition",
                    "unknown condition \""
                            + c
                            + "\"; conditions: "
                            + List.of(AlertCondition.values()));
        }
        try {
            if (condition == AlertCondition.OUTSIDE) {
                b.outside(number(file, i, r, "lower"), number(file, i, r, "upper"));
            } else {
                b.when(condition, number(file, i, r, "threshold"));
            }
            if (r.has("hysteresis")) {
                b.hysteresis(number(file, i, r, "hysteresis"));
            }
            if (r.has("cooldown")) {
                String d = text(file, i, r, "cooldown");
                Duration cooldown;
                try {
                    cooldown = Durations.parse(d);
                } catch (IllegalArgumentException e) {
                    throw bad(file, i, "cooldown", e.getMessage());
                }
                b.cooldown(cooldown);
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw bad(file, i, null, e.getMessage());
        }
    }

    /**
     * One rule as the file holds it: {@link #read} gives back an equal rule (name, target, metric,
     * condition, bounds, hysteresis and cooldown: {@code "30s"}, {@code "1500ms"}, or ISO-8601
     * below a millisecond). Allocates the text.
     *
     * @param rule the rule
     * @return a JSON object, one line
     */
    public static String toJson(AlertRule rule) {
        com.fasterxml.jackson.databind.node.ObjectNode o = JSON.createObjectNode();
        o.put("name", rule.name());
        o.put("metric", rule.metric());
        o.put(rule.isPairRule() ? "pair" : "symbol", rule.target());
        o.put("condition", rule.condition().name());
        switch (rule.condition()) {
            case OUTSIDE -> {
                o.put("lower", rule.lower());
                o.put("upper", rule.upper());
            }
            case BELOW -> o.put("threshold", rule.lower());
            default -> o.put("threshold", rule.upper());
        }
        o.put("hysteresis", rule.hysteresis());
        long c = rule.cooldownNanos();
        o.put(
                "cooldown",
                c % 1_000_000_000L == 0
                        ? c / 1_000_000_000L + "s"
                        : c % 1_000_000L == 0
                                ? c / 1_000_000L + "ms"
                                : Duration.ofNanos(c).toString());
        return o.toString();
    }

    private static List<String> sorted() {
        return FIELDS.stream().sorted().toList();
    }

    private static String text(Path file, int i, JsonNode r, String field)
            throws InputFormatException {
        JsonNode n = r.get(field);
        if (n == null || n.isNull()) {
            throw bad(file, i, field, "missing");
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw bad(file, i, field, "expected a non-empty string, was " + n);
        }
        return n.asText();
    }

    private static double number(Path file, int i, JsonNode r, String field)
            throws InputFormatException {
        JsonNode n = r.get(field);
        if (n == null || n.isNull()) {
            throw bad(file, i, field, "missing");
        }
        if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
            throw bad(file, i, field, "expected a finite number, was " + n);
        }
        return n.asDouble();
    }

    private static InputFormatException bad(Path file, int index, String field, String cause) {
        return new InputFormatException(
                file.toString(),
                0,
                0,
                (index < 0
                                ? ""
                                : "rule "
                                        + index
                                        + (field == null ? "" : ", field \"" + field + '"')
                                        + ": ")
                        + cause);
    }
}
