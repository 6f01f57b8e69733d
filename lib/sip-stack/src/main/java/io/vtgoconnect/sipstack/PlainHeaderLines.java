package io.vtgoconnect.sipstack;

import java.nio.charset.StandardCharsets;

/**
 * Where the header lines a stateless answer needs stand in a raw SIP message (each from its name
 * to its end, without CRLF): its Vias, From, To, Call-ID and CSeq, found without parsing the
 * message, for what answers on the UDP intake's reading thread ({@link EarlyRefusal},
 * {@link AnsweredByes}).
 */
final class PlainHeaderLines {
    private static final byte[] VIA = "via".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FROM = "from".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TO = "to".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CALL_ID = "call-id".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CSEQ = "cseq".getBytes(StandardCharsets.US_ASCII);
    /** More Via lines than this: left to the stack. */
    private static final int MOST_VIAS = 16;

    final int[] via = new int[2 * MOST_VIAS];
    int vias;
    int from = -1;
    int fromEnd;
    int to = -1;
    int toEnd;
    int callId = -1;
    int callIdEnd;
    int cseq = -1;
    int cseqEnd;

    /** The lines of the message's header, or null if it has folded or repeated ones, too many Vias, or lacks one. */
    static PlainHeaderLines of(byte[] data, int start, int end) {
        PlainHeaderLines lines = new PlainHeaderLines();
        int line = nextLine(data, start, end);
        while (line < end) {
            int lineEnd = line;
            while (lineEnd < end && data[lineEnd] != '\n') {
                lineEnd++;
            }
            int textEnd = lineEnd > line && data[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            if (textEnd == line) {
                return lines.complete() ? lines : null;
            }
            if (data[line] == ' ' || data[line] == '\t' || !lines.take(data, line, textEnd)) {
                return null;
            }
            line = lineEnd + 1;
        }
        return null;
    }

    private static int nextLine(byte[] data, int from, int end) {
        int at = from;
        while (at < end && data[at] != '\n') {
            at++;
        }
        return at + 1;
    }

    /** Notes the line if it is one of those needed; false if it repeats one that may stand once, or is a Via too many. */
    private boolean take(byte[] data, int line, int end) {
        int colon = line;
        while (colon < end && data[colon] != ':') {
            colon++;
        }
        int nameEnd = colon;
        while (nameEnd > line && (data[nameEnd - 1] == ' ' || data[nameEnd - 1] == '\t')) {
            nameEnd--;
        }
        if (named(data, line, nameEnd, VIA, 'v')) {
            if (vias == MOST_VIAS) {
                return false;
            }
            via[2 * vias] = line;
            via[2 * vias + 1] = end;
            vias++;
        } else if (named(data, line, nameEnd, FROM, 'f')) {
            if (from >= 0) {
                return false;
            }
            from = line;
            fromEnd = end;
        } else if (named(data, line, nameEnd, TO, 't')) {
            if (to >= 0) {
                return false;
            }
            to = line;
            toEnd = end;
        } else if (named(data, line, nameEnd, CALL_ID, 'i')) {
            if (callId >= 0) {
                return false;
            }
            callId = line;
            callIdEnd = end;
        } else if (named(data, line, nameEnd, CSEQ, (char) 0)) {
            if (cseq >= 0) {
                return false;
            }
            cseq = line;
            cseqEnd = end;
        }
        return true;
    }

    /** Whether data[from, to) is the header name, in full or in its compact letter, in any case. */
    private static boolean named(byte[] data, int from, int to, byte[] name, char compact) {
        if (to - from == 1) {
            return compact != 0 && same(data[from], (byte) compact, true);
        }
        return to - from == name.length && indexOf(data, from, to, name, true) == from;
    }

    private boolean complete() {
        return vias > 0 && from >= 0 && to >= 0 && callId >= 0 && cseq >= 0;
    }

    /** Whether data[start, end) starts with the word, byte for byte. */
    static boolean startsWith(byte[] data, int start, int end, byte[] word) {
        if (end - start < word.length) {
            return false;
        }
        for (int i = 0; i < word.length; i++) {
            if (data[start + i] != word[i]) {
                return false;
            }
        }
        return true;
    }

    /** Where {@code word} first stands in data[from, to), ASCII letters matched in any case when asked; -1 if nowhere. */
    static int indexOf(byte[] data, int from, int to, byte[] word, boolean anyCase) {
        for (int i = from; i <= to - word.length; i++) {
            int j = 0;
            while (j < word.length && same(data[i + j], word[j], anyCase)) {
                j++;
            }
            if (j == word.length) {
                return i;
            }
        }
        return -1;
    }

    private static boolean same(byte a, byte b, boolean anyCase) {
        return a == b || anyCase && (a | 0x20) == (b | 0x20) && (a | 0x20) >= 'a' && (a | 0x20) <= 'z';
    }
}
