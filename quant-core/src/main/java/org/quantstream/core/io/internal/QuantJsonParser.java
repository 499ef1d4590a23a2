package org.quantstream.core.io.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import org.quantstream.core.tick.MutableTick;
import org.quantstream.core.tick.Symbol;

/**
 * Parses quantstream's tick JSON lines ({@link org.quantstream.core.io.TickFormat#QUANT_JSONL}).
 * Strict: our own format has no optional or unknown field, so one is an error (it means the file is
 * something else). Not thread-safe.
 */
public final class QuantJsonParser implements LineParser {
    private static final JsonFactory JSON =
            JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final String[] FIELDS = {
        "symbol", "tradeId", "eventTimeNanos", "receiveTimeNanos", "price", "quantity", "aggressor"
    };

    private final String[] text = new String[FIELDS.length];
    private final int[] column = new int[FIELDS.length];

    /** Creates a parser. */
    public QuantJsonParser() {}

    /**
     * The field names, in the order they are written.
     *
     * @param i index 0..6
     * @return the field's name
     */
    public static String field(int i) {
        return FIELDS[i];
    }

    @Override
    public boolean parse(String line, MutableTick into) throws BadLine {
        java.util.Arrays.fill(text, null);
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadLine(1, "expected a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                int col = p.currentTokenLocation().getColumnNr();
                int i = indexOf(name);
                if (i < 0) {
                    throw new BadLine(col, "unknown field \"" + name + '"');
                }
                if (!v.isScalarValue() || v == JsonToken.VALUE_NULL) {
                    throw new BadLine(col, name + " must be a string or a number");
                }
                if ((i == 0 || i == 6) && v != JsonToken.VALUE_STRING) {
                    throw new BadLine(col, name + " must be a string");
                }
                text[i] = p.getText();
                column[i] = col;
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new BadLine(p.currentTokenLocation().getColumnNr(), "malformed JSON object");
            }
        } catch (JsonProcessingException e) {
            int col = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
            throw new BadLine(col, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadLine(0, "cannot read JSON: " + e.getMessage());
        }
        for (int i = 0; i < FIELDS.length; i++) {
            if (text[i] == null) {
                throw new BadLine(1, "missing field \"" + FIELDS[i] + '"');
            }
        }
        if (!Symbol.isValidName(text[0])) {
            throw new BadLine(column[0], "symbol \"" + text[0] + "\" is not a valid symbol");
        }
        long event = Fields.parseEpochNanos(text[2], FIELDS[2], column[2]);
        long receive = Fields.parseReceiveNanos(text[3], FIELDS[3], column[3]);
        into.set(
                Symbol.of(text[0]),
                event,
                receive,
                Fields.parseId(text[1], FIELDS[1], column[1]),
                Fields.parsePositive(text[4], FIELDS[4], column[4]),
                Fields.parsePositive(text[5], FIELDS[5], column[5]),
                CsvLineParser.side(text[6], column[6]));
        return true;
    }

    private static int indexOf(String name) {
        for (int i = 0; i < FIELDS.length; i++) {
            if (FIELDS[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether a JSON line is in quantstream's format rather than a Binance payload.
     *
     * @param line the first line of a file
     * @return true if it has a {@code "symbol"} key
     */
    public static boolean looksQuant(String line) {
        return line.contains("\"symbol\"") && !line.contains("\"e\"");
    }
}
