package io.vtgoconnect.api.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes values as JSON text and reads JSON text into values. Written: {@code null}, {@link Boolean},
 * {@link Number}, {@link CharSequence} (any other object as its {@code toString()}), a {@link Map}
 * (an object, its keys as strings, in the map's order) and a {@link Collection} or array of objects
 * (an array). Read: objects as {@link LinkedHashMap}s (in their order), arrays as {@link List}s,
 * strings, {@link Boolean}s, {@code null}, and numbers as {@link Long} when whole and within its
 * range, else {@link BigDecimal}. The reader refuses anything that is not one JSON value (trailing
 * text, duplicate keys, bad escapes, control characters in strings, leading zeros) and nesting deeper
 * than {@link #MAX_DEPTH}, with a {@link JsonException} that says what and at which character.
 */
public final class Json {
    /** Objects and arrays nested deeper than this are refused: a client cannot make the reader recurse without end. */
    public static final int MAX_DEPTH = 32;

    private final String text;
    private int position;

    private Json(String text) {
        this.text = text;
    }

    /** The value as JSON text. */
    public static String write(Object value) {
        StringBuilder json = new StringBuilder(128);
        write(json, value);
        return json.toString();
    }

    /** Appends the value as JSON text. */
    public static void write(StringBuilder json, Object value) {
        if (value == null) {
            json.append("null");
        } else if (value instanceof Boolean || value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof BigDecimal) {
            json.append(value);
        } else if (value instanceof Number number) {
            double real = number.doubleValue();
            // JSON has no NaN or infinity.
            json.append(Double.isFinite(real) ? number.toString() : "null");
        } else if (value instanceof Map<?, ?> map) {
            json.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    json.append(',');
                }
                first = false;
                writeString(json, String.valueOf(entry.getKey()));
                json.append(':');
                write(json, entry.getValue());
            }
            json.append('}');
        } else if (value instanceof Collection<?> items) {
            writeArray(json, items);
        } else if (value instanceof Object[] items) {
            writeArray(json, List.of(items));
        } else {
            writeString(json, value.toString());
        }
    }

    private static void writeArray(StringBuilder json, Collection<?> items) {
        json.append('[');
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                json.append(',');
            }
            first = false;
            write(json, item);
        }
        json.append(']');
    }

    private static void writeString(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    /** Reads one JSON value, which may be surrounded by white space only. */
    public static Object read(String text) {
        Json reader = new Json(text);
        reader.skipSpace();
        Object value = reader.value(0);
        reader.skipSpace();
        if (reader.position < text.length()) {
            throw reader.refusal("text follows the JSON value");
        }
        return value;
    }

    private Object value(int depth) {
        if (position >= text.length()) {
            throw refusal("the text ends where a value was expected");
        }
        char c = text.charAt(position);
        return switch (c) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw refusal("'" + printable(c) + "' cannot begin a value");
            }
        };
    }

    private Map<String, Object> object(int depth) {
        checkDepth(depth);
        position++;
        Map<String, Object> object = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            position++;
            return object;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw refusal("a member name (a string) was expected");
            }
            int at = position;
            String name = string();
            skipSpace();
            expect(':');
            skipSpace();
            Object value = value(depth);
            if (object.containsKey(name)) {
                position = at;
                throw refusal("the member \"" + name + "\" appears twice");
            }
            object.put(name, value);
            skipSpace();
            char next = peek();
            position++;
            if (next == '}') {
                return object;
            }
            if (next != ',') {
                position--;
                throw refusal("',' or '}' was expected");
            }
        }
    }

    private List<Object> array(int depth) {
        checkDepth(depth);
        position++;
        List<Object> array = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            position++;
            return array;
        }
        while (true) {
            skipSpace();
            array.add(value(depth));
            skipSpace();
            char next = peek();
            position++;
            if (next == ']') {
                return array;
            }
            if (next != ',') {
                position--;
                throw refusal("',' or ']' was expected");
            }
        }
    }

    private String string() {
        position++;
        StringBuilder string = new StringBuilder();
        while (true) {
            if (position >= text.length()) {
                throw refusal("a string is not closed");
            }
            char c = text.charAt(position++);
            if (c == '"') {
                return string.toString();
            }
            if (c < 0x20) {
                position--;
                throw refusal("a control character must be escaped in a string");
            }
            if (c != '\\') {
                string.append(c);
                continue;
            }
            if (position >= text.length()) {
                throw refusal("a string is not closed");
            }
            char escaped = text.charAt(position++);
            switch (escaped) {
                case '"', '\\', '/' -> string.append(escaped);
                case 'b' -> string.append('\b');
                case 'f' -> string.append('\f');
                case 'n' -> string.append('\n');
                case 'r' -> string.append('\r');
                case 't' -> string.append('\t');
                case 'u' -> string.append(unicode());
                default -> {
                    position -= 2;
                    throw refusal("\\" + printable(escaped) + " is not an escape");
                }
            }
        }
    }

    private char unicode() {
        if (position + 4 > text.length()) {
            throw refusal("\\u needs four hexadecimal digits");
        }
        try {
            char c = (char) Integer.parseInt(text.substring(position, position + 4), 16);
            position += 4;
            return c;
        } catch (NumberFormatException e) {
            throw refusal("\\u needs four hexadecimal digits");
        }
    }

    private Object number() {
        int start = position;
        if (peek() == '-') {
            position++;
        }
        if (peek() == '0') {
            position++;
            if (Character.isDigit(peek())) {
                throw refusal("a number has no leading zeros");
            }
        } else {
            digits();
        }
        boolean whole = true;
        if (peek() == '.') {
            position++;
            digits();
            whole = false;
        }
        if (peek() == 'e' || peek() == 'E') {
            position++;
            if (peek() == '+' || peek() == '-') {
                position++;
            }
            digits();
            whole = false;
        }
        String number = text.substring(start, position);
        if (whole) {
            try {
                return Long.parseLong(number);
            } catch (NumberFormatException tooLong) {
                // as a decimal below
            }
        }
        return new BigDecimal(number);
    }

    private void digits() {
        if (!Character.isDigit(peek())) {
            throw refusal("a digit was expected");
        }
        while (Character.isDigit(peek())) {
            position++;
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, position)) {
            throw refusal("'" + printable(text.charAt(position)) + "' cannot begin a value");
        }
        position += word.length();
        return value;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw refusal("'" + c + "' was expected");
        }
        position++;
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw refusal("objects and arrays are nested deeper than " + MAX_DEPTH);
        }
    }

    /** The character at the position, or NUL past the end (which nothing expects). */
    private char peek() {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private void skipSpace() {
        while (position < text.length() && " \t\r\n".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
    }

    private JsonException refusal(String what) {
        return new JsonException("It is not JSON: " + what + " at character " + (position + 1) + ".");
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
