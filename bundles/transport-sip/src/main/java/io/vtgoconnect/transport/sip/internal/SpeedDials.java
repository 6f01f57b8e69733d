package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.api.event.SpeedDialUpdate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the configured speed dials ({@code number} or {@code number|label}) onto the buttons after
 * the lines; a blank entry is a button with no number yet (shown as {@code Speeddial=1()}).
 */
final class SpeedDials {
    private SpeedDials() {
    }

    static List<SpeedDialUpdate> of(String[] entries, int lineCount) {
        List<SpeedDialUpdate> dials = new ArrayList<>();
        for (String entry : entries) {
            entry = entry == null ? "" : entry;
            int bar = entry.indexOf('|');
            String number = (bar < 0 ? entry : entry.substring(0, bar)).strip();
            String label = bar < 0 ? "" : entry.substring(bar + 1).strip();
            int id = dials.size() + 1;
            dials.add(new SpeedDialUpdate(id, number, label, lineCount + id));
        }
        return dials;
    }
}
