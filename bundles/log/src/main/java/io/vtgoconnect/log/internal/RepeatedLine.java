package io.vtgoconnect.log.internal;

/**
 * Tells an entry that says again what the line before it said, within a second: the framework reports
 * a bundle that cannot start once for each time its start is asked (FileInstall's, then the start
 * level's, a few milliseconds apart), and that is one fault, so one line. A fault that goes on is
 * still written about once a second.
 */
final class RepeatedLine {
    static final long WINDOW_MILLIS = 1000;

    private String lastText;
    private long lastMillis;

    /**
     * @param text the line without its time
     * @param millis the entry's time
     * @return whether it repeats the last line written within the window; if not, it is the new last line
     */
    synchronized boolean repeats(String text, long millis) {
        if (text.equals(lastText) && millis - lastMillis < WINDOW_MILLIS && millis >= lastMillis) {
            return true;
        }
        lastText = text;
        lastMillis = millis;
        return false;
    }
}
