package io.vtgoconnect.testing.peers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A SIP message without a body as SIP reads it, for tests that ask whether two answers say the same. */
public final class SipLines {
    /** The compact header names (RFC 3261 7.3.3) of the headers an answer without a body carries. */
    private static final Map<String, String> FULL_NAMES = Map.of("v", "via", "f", "from", "t", "to", "i", "call-id",
            "l", "content-length");

    private SipLines() {
    }

    /**
     * What the message says: its start line, then its header lines in any order (the Vias keep
     * theirs), each with its name in full and in lower case, its white space collapsed and its
     * parameters in any order.
     */
    public static List<String> said(String message) {
        String[] lines = message.split("\r\n");
        List<String> vias = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (String line : Arrays.asList(lines).subList(1, lines.length)) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String[] parts = line.substring(colon + 1).strip().replaceAll("\\s+", " ").split(";");
            Arrays.sort(parts, 1, parts.length);
            String fullName = FULL_NAMES.getOrDefault(name, name);
            (fullName.equals("via") ? vias : others).add(fullName + ": " + String.join(";", parts));
        }
        Collections.sort(others);
        List<String> said = new ArrayList<>(List.of(lines[0]));
        said.addAll(vias);
        said.addAll(others);
        return said;
    }
}
