package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.media.MediaEngine;
import java.time.Duration;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The RTP engine every phone of the runtime opens its calls' sessions on: a clock thread or two and one
 * receive thread for a farm instead of two threads a phone, which on a few cores spend their time
 * waking each other rather than sending. Each phone still closes only its own sessions
 * ({@link PhoneMedia}); the engine's threads run only while some phone has a call with media, and
 * {@link #LINGER} after the last such call ends, so that a phone placing calls one after another does
 * not start them again for each (a millisecond or two before its first event).
 */
@Component(service = SharedMedia.class)
public class SharedMedia {
    /** How long the engine's threads outlive the last call with media. */
    static final Duration LINGER = Duration.ofSeconds(5);

    private final MediaEngine engine = new MediaEngine(LINGER);

    MediaEngine engine() {
        return engine;
    }

    /** The phones referring to this component have stopped first: this only closes what a phone left open. */
    @Deactivate
    void close() {
        engine.close();
    }
}
