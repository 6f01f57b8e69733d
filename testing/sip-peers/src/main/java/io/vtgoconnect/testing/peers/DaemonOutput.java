package io.vtgoconnect.testing.peers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts what linphone-daemon prints on its standard output into messages. A message is a header
 * ({@code Status: ...} and maybe {@code Reason: ...}, or {@code Event-type: ...}), a blank line and
 * a body of {@code Key: value} lines, then a blank line. The daemon's prompt, printed before it
 * reads each command, also ends a message (a response may have no body), and its echo of the
 * command is no message.
 */
final class DaemonOutput implements Consumer<String> {
    private static final String PROMPT = "daemon-linphone>";
    private static final Pattern FIELD = Pattern.compile("([A-Za-z][A-Za-z -]*): (.*)");

    private final Consumer<DaemonMessage> messages;
    private Map<String, String> fields;
    private boolean inBody;
    private int bodyLines;

    DaemonOutput(Consumer<DaemonMessage> messages) {
        this.messages = messages;
    }

    @Override
    public void accept(String printed) {
        String line = printed;
        if (line.startsWith(PROMPT)) {
            finish();
            while (line.startsWith(PROMPT)) {
                line = line.substring(PROMPT.length());
            }
        }
        if (line.startsWith(DaemonMessage.STATUS + ": ") || line.startsWith(DaemonMessage.EVENT_TYPE + ": ")) {
            finish();
            fields = new LinkedHashMap<>();
        }
        if (fields == null) {
            return;
        }
        if (line.isBlank()) {
            if (bodyLines > 0) {
                finish();
            } else {
                inBody = true;
            }
            return;
        }
        if (inBody) {
            bodyLines++;
        }
        Matcher field = FIELD.matcher(line);
        if (field.matches()) {
            fields.put(field.group(1), field.group(2));
        }
    }

    private void finish() {
        if (fields != null) {
            messages.accept(new DaemonMessage(fields));
        }
        fields = null;
        inBody = false;
        bodyLines = 0;
    }
}
