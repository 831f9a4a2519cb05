package fr.interopsr.admin;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Convention documents for the tests: the test server's Basic convention under another id and status. */
final class Docs {

    private Docs() {}

    static JsonObject basic() {
        try (InputStream in = Docs.class.getResourceAsStream("/conventions/demo-beneficiaries-basic.json")) {
            return Json.createReader(in).readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonObject basic(String id, String status) {
        return Json.createObjectBuilder(basic())
                .add("id", id)
                .add("status", status)
                .build();
    }
}
