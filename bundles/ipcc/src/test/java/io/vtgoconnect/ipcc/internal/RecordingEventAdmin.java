package io.vtgoconnect.ipcc.internal;

import io.vtgoconnect.api.event.EventProperties;
import io.vtgoconnect.api.event.VtgoEvent;
import io.vtgoconnect.transport.sip.internal.RecordingListener;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** EventAdmin as the shell's printer sees it: each event posted reaches the recording, in the order posted. */
final class RecordingEventAdmin implements EventAdmin {
    private final RecordingListener recording;

    RecordingEventAdmin(RecordingListener recording) {
        this.recording = recording;
    }

    @Override
    public void postEvent(Event event) {
        sendEvent(event);
    }

    @Override
    public void sendEvent(Event event) {
        if (event.getProperty(EventProperties.EVENT) instanceof VtgoEvent vtgoEvent) {
            recording.report(vtgoEvent);
        }
    }
}
