package io.vtgoconnect.api.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void whatIsWrittenReadsBackTheSame() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("id", 7L);
        object.put("text", "héllo ☃ \"quoted\"\n\t\u0001");
        object.put("args", List.of("3001", true, 2.5));
        object.put("none", null);
        String json = Json.write(object);
        assertEquals("{\"id\":7,\"text\":\"héllo ☃ \\\"quoted\\\"\\n\\t\\u0001\",\"args\":[\"3001\",true,2.5],\"none\":null}", json);
        Map<String, Object> read = new LinkedHashMap<>(object);
        read.put("args", List.of("3001", true, new BigDecimal("2.5")));
        assertEquals(read, Json.read(json));
    }

    @Test
    void escapesAndNumbersAreRead() {
        assertEquals("a/b\u00e9\n", Json.read("\"a\\/b\\u00e9\\n\""));
        assertEquals(-12L, Json.read(" -12 "));
        assertEquals(new BigDecimal("1E+400"), Json.read("1e400"));
        assertEquals(new BigDecimal("123456789012345678901234567890"), Json.read("123456789012345678901234567890"));
        assertEquals(List.of(), Json.read("[ ]"));
        assertEquals(Map.of(), Json.read("{}"));
    }

    @Test
    void whatIsNotJsonIsRefusedSayingWhatAndWhere() {
        assertRefused("{\"id\":1,", "It is not JSON: a member name (a string) was expected at character 9.");
        assertRefused("[1,", "It is not JSON: the text ends where a value was expected at character 4.");
        assertRefused("{'id':1}", "It is not JSON: a member name (a string) was expected at character 2.");
        assertRefused("{\"a\":1}x", "It is not JSON: text follows the JSON value at character 8.");
        assertRefused("{\"a\":1,\"a\":2}", "It is not JSON: the member \"a\" appears twice at character 8.");
        assertRefused("[01]", "It is not JSON: a number has no leading zeros at character 3.");
        assertRefused("\"a\\x\"", "It is not JSON: \\x is not an escape at character 3.");
        assertRefused("\"a\u0000\"", "It is not JSON: a control character must be escaped in a string at character 3.");
        assertRefused("tru", "It is not JSON: 't' cannot begin a value at character 1.");
        assertRefused("", "It is not JSON: the text ends where a value was expected at character 1.");
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedWithoutRecursingOn() {
        char[] open = new char[100_000];
        Arrays.fill(open, '[');
        assertRefused(new String(open), "It is not JSON: objects and arrays are nested deeper than 32 at character 33.");
    }

    private static void assertRefused(String text, String sentence) {
        assertEquals(sentence, assertThrows(JsonException.class, () -> Json.read(text)).getMessage());
    }
}
