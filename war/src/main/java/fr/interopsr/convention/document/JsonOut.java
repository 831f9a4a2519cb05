package fr.interopsr.convention.document;

import fr.interopsr.json.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.List;
import java.util.Optional;

/** Small helpers to write the convention document's JSON (CONTRACT.md names, IR-20). */
final class JsonOut {

    /** Looked up once: the lookup scans the class path. */
    private static final JsonProvider PROVIDER = Jsonp.PROVIDER;

    private JsonOut() {}

    static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    static JsonArray strings(List<String> values) {
        JsonArrayBuilder array = PROVIDER.createArrayBuilder();
        values.forEach(array::add);
        return array.build();
    }

    static JsonValue string(String value) {
        return PROVIDER.createValue(value);
    }

    static JsonValue stringOrNull(Optional<String> value) {
        return value.map(JsonOut::string).orElse(JsonValue.NULL);
    }
}
