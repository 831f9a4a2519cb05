package fr.interopsr.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportBatchTest {

    private static ImportBatch read(String json) {
        return ImportBatch.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static ImportBatch read(JsonArray array) {
        return read(array.toString());
    }

    @Test
    void validDocumentsAreKeptInOrder() {
        ImportBatch batch = read(Json.createArrayBuilder()
                .add(Docs.basic("a", "active"))
                .add(Docs.basic("b", "draft"))
                .build());
        assertTrue(batch.valid());
        assertEquals(
                List.of(0, 1),
                batch.entries().stream().map(ImportBatch.Entry::index).toList());
        assertEquals("a", batch.entries().get(0).document().id());
    }

    @Test
    void everyProblemOfEveryDocumentIsListedUnderItsIndex() {
        var bad1 = Json.createObjectBuilder(Docs.basic("b", "active"))
                .add("scopes", Json.createArrayBuilder())
                .add("surprise", 1)
                .build();
        var bad3 = Json.createObjectBuilder(Docs.basic("d", "sleeping")).build();
        ImportBatch batch = read(Json.createArrayBuilder()
                .add(Docs.basic("a", "active"))
                .add(bad1)
                .add(Docs.basic("c", "draft"))
                .add(bad3)
                .add("not a document")
                .build());
        assertFalse(batch.valid());
        assertEquals(
                List.of(1, 1, 1, 3, 4),
                batch.problems().stream().map(AdminProblem::index).toList(),
                batch.problems().toString());
        assertTrue(batch.problems().stream()
                .anyMatch(p -> p.index() == 1 && p.field().equals("surprise")));
        assertTrue(batch.problems().stream()
                .anyMatch(p -> p.index() == 1 && p.field().equals("scopes")));
        assertTrue(batch.problems().stream()
                .anyMatch(p -> p.index() == 3 && p.field().equals("status")));
        assertEquals("$", batch.problems().get(4).field());
        assertTrue(batch.problems().get(4).message().contains("a string"));
        assertEquals(2, batch.entries().size(), "the valid ones are still read");
    }

    @Test
    void anIdGivenTwiceIsAProblemOfTheSecond() {
        ImportBatch batch = read(Json.createArrayBuilder()
                .add(Docs.basic("a", "active"))
                .add(Docs.basic("a", "draft"))
                .build());
        assertEquals(1, batch.problems().size());
        assertEquals(1, batch.problems().get(0).index());
        assertEquals("id", batch.problems().get(0).field());
        assertTrue(batch.problems().get(0).message().contains("index 0"));
    }

    @Test
    void aBodyThatIsNotAnArrayIsOneProblem() {
        for (String body : new String[] {"", "{", Docs.basic().toString(), "[1,]", "[{\"a\":1,\"a\":2}]"}) {
            ImportBatch batch = read(body);
            assertFalse(batch.valid(), body);
            assertTrue(batch.entries().isEmpty(), body);
        }
        ImportBatch object = read(Docs.basic().toString());
        assertEquals("$", object.problems().get(0).field());
        assertTrue(object.problems().get(0).message().contains("array"));
        assertTrue(read("[{\"a\":1,\"a\":2}]").problems().get(0).message().contains("DUPLICATE_MEMBER"));
    }

    @Test
    void anEmptyArrayIsAValidEmptyImport() {
        ImportBatch batch = read("[]");
        assertTrue(batch.valid());
        assertTrue(batch.entries().isEmpty());
    }

    @Test
    void activeDocumentsAreSavedLast() {
        ImportBatch batch = read(Json.createArrayBuilder()
                .add(Docs.basic("a", "active"))
                .add(Docs.basic("b", "suspended"))
                .add(Docs.basic("c", "active"))
                .add(Docs.basic("d", "retired"))
                .build());
        assertEquals(
                List.of("b", "d", "a", "c"),
                batch.savingOrder().stream().map(e -> e.document().id()).toList());
    }
}
