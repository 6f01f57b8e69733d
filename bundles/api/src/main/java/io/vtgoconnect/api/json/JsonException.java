package io.vtgoconnect.api.json;

/** Text that is not JSON, or JSON beyond the reader's limits; the message says what and where, in one sentence. */
public class JsonException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public JsonException(String sentence) {
        super(sentence);
    }
}
