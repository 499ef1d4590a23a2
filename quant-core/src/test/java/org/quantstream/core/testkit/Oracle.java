package org.quantstream.core.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The statsmodels/pandas/pykalman reference vectors in test resources ({@code /oracle/*.json}):
 * JSON with NaN as null and infinities as strings.
 */
public final class Oracle {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ConcurrentHashMap<String, JsonNode> CACHE = new ConcurrentHashMap<>();

    private Oracle() {}

    /**
     * A vector file, parsed once per JVM.
     *
     * @param name the file name without {@code .json}, such as {@code a_cointegrated_pair}
     * @return the document
     */
    public static JsonNode load(String name) {
        return CACHE.computeIfAbsent(
                name,
                n -> {
                    try (InputStream in =
                            Oracle.class.getResourceAsStream("/oracle/" + n + ".json")) {
                        if (in == null) {
                            throw new IllegalArgumentException("no oracle vector " + n);
                        }
                        return JSON.readTree(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /**
     * A number: null is NaN, "Infinity"/"-Infinity" are infinities.
     *
     * @param node the node
     * @return the value
     */
    public static double num(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Double.NaN;
        }
        if (node.isTextual()) {
            return Double.parseDouble(node.asText());
        }
        return node.asDouble();
    }

    /**
     * An array of numbers.
     *
     * @param node a JSON array
     * @return the values, null as NaN
     */
    public static double[] doubles(JsonNode node) {
        if (!node.isArray()) {
            throw new IllegalArgumentException("not an array: " + node);
        }
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = num(node.get(i));
        }
        return out;
    }
}
