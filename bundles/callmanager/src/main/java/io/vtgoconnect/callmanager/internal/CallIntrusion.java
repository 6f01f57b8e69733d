package io.vtgoconnect.callmanager.internal;

import io.vtgoconnect.sipstack.FeatureCodes;
import io.vtgoconnect.sipstack.FeatureCodes.Feature;
import io.vtgoconnect.callmanager.internal.calls.Bridge;
import io.vtgoconnect.callmanager.internal.calls.Leg;
import io.vtgoconnect.callmanager.internal.calls.NumberService;
import io.vtgoconnect.callmanager.internal.calls.Switchboard;
import java.util.Arrays;
import java.util.Optional;
import javax.sip.message.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Joining a call in progress on a line: barge and cbarge (code + the line's own number: another
 * phone of a shared line joins its call, and the parties hear a short tone), watch (code +
 * extension: silent monitoring, the watcher hears both parties and is not heard). A barger is a
 * guest of the call, which ends when the line's original party hangs up; cbarge makes the barger
 * a party, so that the others stay connected then. With no call on the line, the answer is 404.
 */
@Component(immediate = true, service = {})
public final class CallIntrusion implements NumberService {
    /** The barge tone the parties hear: 300 ms (15 frames) at 1400 Hz. */
    static final int TONE_HERTZ = 1400;
    private static final int TONE_FRAMES = 15;
    private static final int TONE_AMPLITUDE = 8000;

    /** How each feature enters the call. */
    private enum Entry {
        BARGE(Feature.BARGE, true) {
            @Override
            void enter(Bridge call, Leg leg) {
                call.sitIn(leg);
                announce(call, leg);
            }
        },
        CBARGE(Feature.CBARGE, true) {
            @Override
            void enter(Bridge call, Leg leg) {
                call.join(leg);
                announce(call, leg);
            }
        },
        WATCH(Feature.WATCH, false) {
            @Override
            void enter(Bridge call, Leg leg) {
                call.listen(leg);
            }
        };

        final Feature feature;
        /** Only a phone of the line itself may enter (a shared line). */
        final boolean ownLineOnly;

        Entry(Feature feature, boolean ownLineOnly) {
            this.feature = feature;
            this.ownLineOnly = ownLineOnly;
        }

        abstract void enter(Bridge call, Leg leg);

        private static void announce(Bridge call, Leg leg) {
            call.announce(leg, TONE_AMPLITUDE, TONE_HERTZ, TONE_FRAMES);
        }
    }

    private final Switchboard board;
    private final FeatureCodes codes;

    /**
     * The server it adds its numbers to once made, and takes them from when it ends: it is not a
     * NumberService the server binds, which would need the server that is binding it (a cycle).
     */
    private final CallManager server;

    @Activate
    public CallIntrusion(@Reference CallManager server) {
        this.server = server;
        this.board = server.board();
        this.codes = server.codes();
        server.addService(this);
    }

    @Deactivate
    void deactivate() {
        server.removeService(this);
    }

    @Override
    public boolean handles(String number) {
        return Arrays.stream(Entry.values()).anyMatch(entry -> codes.extensionAfter(entry.feature, number).isPresent());
    }

    @Override
    public void take(Leg caller, String number, Optional<String> divertedFrom) {
        Entry entry = Arrays.stream(Entry.values()).filter(known -> codes.extensionAfter(known.feature, number).isPresent())
                .findFirst().orElseThrow();
        String line = codes.extensionAfter(entry.feature, number).orElseThrow();
        if (entry.ownLineOnly && !line.equals(caller.line())) {
            // Barging is for the phones that share the line.
            board.reject(caller, Response.FORBIDDEN);
            return;
        }
        Optional<Bridge> call = board.legsOn(line).stream().filter(leg -> leg != caller && leg.isConnected())
                .flatMap(leg -> leg.bridge().stream()).findFirst();
        if (call.isEmpty()) {
            board.reject(caller, Response.NOT_FOUND);
            return;
        }
        entry.enter(call.get(), caller);
        board.answer(caller);
    }
}
