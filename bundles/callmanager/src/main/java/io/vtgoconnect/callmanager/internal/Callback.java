package io.vtgoconnect.callmanager.internal;

import io.vtgoconnect.sipstack.FeatureCodes;
import io.vtgoconnect.sipstack.FeatureCodes.Feature;
import io.vtgoconnect.callmanager.internal.calls.CallRouting;
import io.vtgoconnect.callmanager.internal.calls.Leg;
import io.vtgoconnect.callmanager.internal.calls.NumberService;
import io.vtgoconnect.callmanager.internal.calls.Switchboard;
import io.vtgoconnect.callmanager.internal.directory.Directory;
import io.vtgoconnect.callmanager.internal.registrar.Registrar;
import io.vtgoconnect.media.AudioSink;
import io.vtgoconnect.media.ToneSource;
import io.vtgoconnect.sipstack.SerialWorker;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sip.message.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Call back (code + extension): the server confirms the request with a short tone and hangs up;
 * once the extension's line has no call and is registered, the server calls the requester from
 * the extension's number, and when the requester answers, calls the extension and connects the two.
 */
@Component(immediate = true, service = {})
public final class Callback implements NumberService {
    /** A request not used by then is forgotten, so that nobody is rung about a call long given up. */
    private static final long REQUEST_MILLIS = 30 * 60_000L;
    /** How often waiting requests look at their extension: a line is free once its last call ended. */
    private static final long CHECK_MILLIS = 1000;
    private static final long CONFIRMATION_MILLIS = 1000;
    private static final int TONE_AMPLITUDE = 8000;
    private static final int TONE_HERTZ = 800;

    /** The requester's line wants to be called back when the extension is free. */
    private record Request(String requester, String extension, long expiresAtMillis) {
    }

    private final Switchboard board;
    private final CallRouting routing;
    private final Registrar registrar;
    private final Directory directory;
    private final SerialWorker worker;
    private final FeatureCodes codes;
    private final List<Request> requests = new ArrayList<>();

    /**
     * The server it adds its numbers to once made, and takes them from when it ends: it is not a
     * NumberService the server binds, which would need the server that is binding it (a cycle).
     */
    private final CallManager server;

    @Activate
    public Callback(@Reference CallManager server) {
        this.server = server;
        this.board = server.board();
        this.routing = server.routing();
        this.registrar = server.registrar();
        this.directory = server.directory();
        this.worker = server.worker();
        this.codes = server.codes();
        server.addService(this);
    }

    @Deactivate
    void deactivate() {
        server.removeService(this);
    }

    @Override
    public boolean handles(String number) {
        return codes.extensionAfter(Feature.CALLBACK, number).isPresent();
    }

    @Override
    public void take(Leg caller, String number, Optional<String> divertedFrom) {
        String extension = codes.extensionAfter(Feature.CALLBACK, number).orElseThrow();
        if (caller.line() == null || directory.line(extension).isEmpty()) {
            // Only a line's phone can be called back, and only about a line.
            board.reject(caller, Response.NOT_FOUND);
            return;
        }
        Request request = new Request(caller.line(), extension, System.currentTimeMillis() + REQUEST_MILLIS);
        caller.wire(new ToneSource(TONE_AMPLITUDE, TONE_HERTZ), AudioSink.discard());
        board.answer(caller);
        worker.schedule(() -> {
            board.hangUp(caller);
            queue(request);
        }, CONFIRMATION_MILLIS);
    }

    /** The request waits for its extension (in place of the same one made before); checks go on while any waits. */
    private void queue(Request request) {
        boolean checking = !requests.isEmpty();
        requests.removeIf(known -> known.requester().equals(request.requester()) && known.extension().equals(request.extension()));
        requests.add(request);
        if (!checking) {
            check();
        }
    }

    /** Calls back the requesters whose extension is free, forgets old requests, and looks again later while some wait. */
    private void check() {
        long now = System.currentTimeMillis();
        requests.removeIf(request -> request.expiresAtMillis() <= now);
        for (Request request : List.copyOf(requests)) {
            if (!registrar.contacts(request.extension()).isEmpty() && board.legsOn(request.extension()).isEmpty()) {
                requests.remove(request);
                callBack(request);
            }
        }
        if (!requests.isEmpty()) {
            worker.schedule(this::check, CHECK_MILLIS);
        }
    }

    private void callBack(Request request) {
        routing.ring(request.requester(), request.extension(), new CallRouting.Answer() {
            @Override
            public void answered(Leg requester) {
                routing.route(requester, request.extension(), Optional.empty(), 0);
            }

            @Override
            public void refused(int status, Optional<String> redirectedTo) {
                // The requester did not take the call back: the request is used up.
            }
        });
    }
}
