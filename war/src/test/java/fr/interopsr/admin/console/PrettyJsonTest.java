package fr.interopsr.admin.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PrettyJsonTest {

    @Test
    void sortsMembersAndPutsOneMemberPerLine() {
        String pretty = PrettyJson.of("{\"b\":[1,2.50,{}],\"a\":{\"y\":null,\"x\":\"q\\\"\"},\"c\":[]}");
        assertEquals("""
                {
                  "a": {
                    "x": "q\\"",
                    "y": null
                  },
                  "b": [
                    1,
                    2.5,
                    {}
                  ],
                  "c": []
                }""", pretty);
    }

    @Test
    void sameContentGivesTheSameText() {
        assertEquals(PrettyJson.of("{\"a\":1.0,\"b\":true}"), PrettyJson.of("{ \"b\" : true, \"a\" : 1 }"));
    }
}
