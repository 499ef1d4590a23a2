package org.quantstream.examples.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/** The one place the CLI turns result objects into JSON on stdout. */
final class Json {
    private static final ObjectMapper MAPPER =
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private static final ObjectMapper COMPACT =
            new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private Json() {}

    /** A map as one line of JSON, NaN and infinite doubles as null. */
    static String compact(java.util.Map<String, Object> map) {
        try {
            return COMPACT.writeValueAsString(finite(map));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of a map in which NaN and infinite doubles become null, since JSON has no NaN. */
    static java.util.Map<String, Object> finite(java.util.Map<String, Object> map) {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        map.forEach(
                (k, v) ->
                        out.put(k, v instanceof Double && !Double.isFinite((Double) v) ? null : v));
        return out;
    }

    /** Writes {@code value} as indented JSON followed by a newline. */
    static void print(PrintStream out, Object value) {
        try {
            MAPPER.writeValue(out, value);
            out.println();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints a result: JSON alone on stdout, or one {@code key value} line per entry. */
    static void report(
            PrintStream out, java.util.Map<String, Object> result, boolean json, int keyWidth) {
        if (json) {
            print(out, finite(result));
        } else {
            result.forEach((k, v) -> out.printf("%-" + keyWidth + "s %s%n", k, v));
        }
    }

    /**
     * A dashboard request body as a JSON object holding only the named fields (an empty body is
     * {@code {}}); anything else is an {@link IllegalArgumentException} naming the cause, which the
     * dashboard answers 400.
     */
    static com.fasterxml.jackson.databind.JsonNode request(
            String body, java.util.List<String> fields) {
        com.fasterxml.jackson.databind.JsonNode req;
        try {
            req = COMPACT.readTree(body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the request is not JSON: " + e.getMessage());
        }
        if (!req.isObject()) {
            throw new IllegalArgumentException("the request must be a JSON object");
        }
        for (java.util.Iterator<String> it = req.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!fields.contains(f)) {
                throw new IllegalArgumentException(
                        f + ": unknown field; fields: " + String.join(", ", fields));
            }
        }
        return req;
    }

    /**
     * A dashboard request's number field: the default when absent or null; anything else than a
     * finite number is an {@link IllegalArgumentException} naming the field.
     */
    static double number(com.fasterxml.jackson.databind.JsonNode req, String field, double dflt) {
        com.fasterxml.jackson.databind.JsonNode n = req.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return dflt;
        }
        if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
            throw new IllegalArgumentException(field + ": expected a number, was " + n);
        }
        return n.asDouble();
    }

    /** A dashboard request's whole-number field in {@code [min, max]}, as {@link #number}. */
    static long whole(
            com.fasterxml.jackson.databind.JsonNode req,
            String field,
            long dflt,
            long min,
            long max) {
        double v = number(req, field, dflt);
        if (v != Math.rint(v) || v < min || v > max) {
            throw new IllegalArgumentException(
                    field + ": expected a whole number in [" + min + ", " + max + "], was " + v);
        }
        return (long) v;
    }
}
