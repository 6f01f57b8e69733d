package io.vtgoconnect.shell.internal;

import io.vtgoconnect.api.ErrorCode;
import io.vtgoconnect.api.json.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line of the session's output other than an event, as one JSON object with its kind: an error
 * ({@code {"kind":"error","time":...,"error":"ERROR_NO_CALL","code":6,"message":"...","text":"Error : ..."}}),
 * a wait that timed out, or a command's output.
 */
final class OutputJson {
    /** The manual's error line, as {@link ErrorCode#format} writes it. */
    private static final Pattern ERROR_LINE = Pattern.compile("^Error : (\\w+)\\((\\d+)\\) - (.*)$", Pattern.DOTALL);

    /** What a line is. */
    enum Kind {
        ERROR("error"), TIMEOUT("timeout"), OUTPUT("output");

        private final String name;

        Kind(String name) {
            this.name = name;
        }
    }

    private OutputJson() {
    }

    static String line(Kind kind, String text, long timestampMillis) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", kind.name);
        json.put("time", Instant.ofEpochMilli(timestampMillis).toString());
        Matcher error = ERROR_LINE.matcher(text);
        if (kind == Kind.ERROR && error.matches()) {
            json.put("error", error.group(1));
            json.put("code", Integer.parseInt(error.group(2)));
            json.put("message", error.group(3));
        }
        json.put("text", text);
        return Json.write(json);
    }
}
