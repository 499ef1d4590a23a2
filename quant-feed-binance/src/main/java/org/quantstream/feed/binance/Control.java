package org.quantstream.feed.binance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A WebSocket control request: {@code {"method":"SUBSCRIBE","params":[...],"id":1}}. Parsing
 * allocates.
 */
final class Control {
    private static final JsonFactory JSON = new JsonFactory();

    final String method;
    final List<String> params;
    final long id;

    private Control(String method, List<String> params, long id) {
        this.method = method;
        this.params = params;
        this.id = id;
    }

    /** Parses a request; null if it is not one. */
    static Control parse(String text) {
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String method = null;
            List<String> params = new ArrayList<>();
            long id = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "method":
                        method = p.getValueAsString();
                        break;
                    case "id":
                        id = p.getValueAsLong();
                        break;
                    case "params":
                        if (v == JsonToken.START_ARRAY) {
                            while (p.nextToken() == JsonToken.VALUE_STRING) {
                                params.add(p.getText());
                            }
                        }
                        break;
                    default:
                        p.skipChildren();
                }
            }
            return method == null ? null : new Control(method, params, id);
        } catch (IOException e) {
            return null;
        }
    }
}
