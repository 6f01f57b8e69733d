package io.vtgoconnect.sipstack;

import java.util.Optional;
import javax.sip.Dialog;

/**
 * The dialog a Replaces header names (RFC 3891): its Call-ID and tags as seen by the party that
 * receives the INVITE carrying it, whose local tag is the to-tag and remote tag the from-tag.
 */
public record Replaces(String callId, String toTag, String fromTag) {
    public static final String HEADER = "Replaces";

    /** What a transferor puts in the Refer-To for its dialog with the transfer target. */
    public static Replaces of(Dialog withTarget) {
        return new Replaces(withTarget.getCallId().getCallId(), withTarget.getRemoteTag(), withTarget.getLocalTag());
    }

    /** Reads {@code callid;to-tag=A;from-tag=B} (parameters in any order, other parameters ignored). */
    public static Optional<Replaces> parse(String value) {
        String[] parts = value.strip().split(";");
        String toTag = null;
        String fromTag = null;
        for (int i = 1; i < parts.length; i++) {
            String[] pair = parts[i].strip().split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("to-tag")) {
                toTag = pair[1].strip();
            } else if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("from-tag")) {
                fromTag = pair[1].strip();
            }
        }
        if (parts[0].isBlank() || toTag == null || fromTag == null) {
            return Optional.empty();
        }
        return Optional.of(new Replaces(parts[0].strip(), toTag, fromTag));
    }

    public boolean names(Dialog dialog) {
        return dialog.getCallId().getCallId().equals(callId) && toTag.equals(dialog.getLocalTag())
                && fromTag.equals(dialog.getRemoteTag());
    }

    /** The header's value. */
    public String value() {
        return callId + ";to-tag=" + toTag + ";from-tag=" + fromTag;
    }

    /** The value escaped for the headers part of a SIP URI ({@code ?Replaces=...}, RFC 3261 19.1.1). */
    public String uriEscaped() {
        StringBuilder escaped = new StringBuilder();
        for (char c : value().toCharArray()) {
            if (Character.isLetterOrDigit(c) || "-_.!~*'()".indexOf(c) >= 0) {
                escaped.append(c);
            } else {
                escaped.append('%').append(String.format("%02X", (int) c));
            }
        }
        return escaped.toString();
    }
}
