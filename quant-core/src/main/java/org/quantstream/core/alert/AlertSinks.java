package org.quantstream.core.alert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.quantstream.core.util.Args;
import org.slf4j.Logger;

/** Ready-made {@link AlertSink}s. */
public final class AlertSinks {
    private static final JsonFactory JSON = new JsonFactory();

    private AlertSinks() {}

    /**
     * Logs each alert at WARN: {@code alert z-out: zScore of BTCUSDT/ETHUSDT OUTSIDE [-2.0, 2.0]:
     * 2.31 (previous 1.87) at 2024-08-08T23:57:18Z}.
     *
     * @param logger the logger
     * @return the sink
     */
    public static AlertSink log(Logger logger) {
        Args.notNull(logger, "logger");
        return a -> logger.warn("{}", describe(a));
    }

    /**
     * Every sink in turn; one that throws does not keep the alert from the next ones (the first
     * exception is rethrown after all were called).
     *
     * @param sinks the sinks
     * @return the sink
     */
    public static AlertSink all(List<AlertSink> sinks) {
        List<AlertSink> copy = List.copyOf(sinks);
        return a -> {
            RuntimeException first = null;
            for (AlertSink s : copy) {
                try {
                    s.onAlert(a);
                } catch (RuntimeException e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        };
    }

    /**
     * One line of text for an alert, as {@link #log} writes it.
     *
     * @param a the alert
     * @return the line
     */
    public static String describe(Alert a) {
        String bounds =
                switch (a.condition()) {
                    case OUTSIDE -> "[" + a.lower() + ", " + a.upper() + "]";
                    case BELOW -> String.valueOf(a.lower());
                    default -> String.valueOf(a.upper());
                };
        return "alert "
                + a.rule()
                + ": "
                + a.metric()
                + " of "
                + a.target()
                + " "
                + a.condition()
                + " "
                + bounds
                + ": "
                + a.value()
                + (Double.isNaN(a.previous()) ? "" : " (previous " + a.previous() + ")")
                + " at "
                + java.time.Instant.ofEpochSecond(0, a.eventTimeNanos());
    }

    /**
     * One alert as a JSON object on one line: {@code {"rule":..,"target":..,"metric":..,
     * "condition":..,"lower":..,"upper":..,"value":..,"previous":..,"eventTimeNanos":..}} (NaN as
     * null).
     *
     * @param a the alert
     * @return the line, without a newline
     */
    public static String toJson(Alert a) {
        StringWriter w = new StringWriter(192);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("rule", a.rule());
            g.writeStringField("target", a.target());
            g.writeStringField("metric", a.metric());
            g.writeStringField("condition", a.condition().name());
            number(g, "lower", a.lower());
            number(g, "upper", a.upper());
            number(g, "value", a.value());
            number(g, "previous", a.previous());
            g.writeNumberField("eventTimeNanos", a.eventTimeNanos());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void number(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isNaN(v)) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }

    /**
     * Appends each alert to a JSON-lines file ({@link #toJson}), flushed per alert so that a reader
     * sees it at once. Close the returned sink to close the file.
     *
     * @param file the file (created if missing, appended to)
     * @return the sink
     * @throws IOException if the file cannot be opened
     */
    public static JsonLinesSink jsonLines(Path file) throws IOException {
        return new JsonLinesSink(file);
    }

    /** An {@link AlertSink} writing JSON lines to a file; close it to close the file. */
    public static final class JsonLinesSink implements AlertSink, AutoCloseable {
        private final Path file;
        private final BufferedWriter out;

        private JsonLinesSink(Path file) throws IOException {
            this.file = Args.notNull(file, "file");
            this.out =
                    Files.newBufferedWriter(
                            file,
                            StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
        }

        @Override
        public void onAlert(Alert alert) {
            try {
                out.write(toJson(alert));
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write an alert to " + file, e);
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
