package io.vtgoconnect.callmanager.internal;

import io.vtgoconnect.sipstack.FeatureCodes;
import io.vtgoconnect.sipstack.FeatureCodes.Feature;
import io.vtgoconnect.callmanager.internal.calls.CallRouting;
import io.vtgoconnect.callmanager.internal.calls.Leg;
import io.vtgoconnect.callmanager.internal.calls.NumberService;
import io.vtgoconnect.callmanager.internal.calls.Switchboard;
import io.vtgoconnect.callmanager.internal.directory.Directory;
import io.vtgoconnect.callmanager.internal.directory.DirectoryLine;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sip.message.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Answers a call ringing at another line: pickup (the oldest call ringing in the picker's pickup
 * group), group pickup (the oldest ringing in another group) and intercept (the call ringing at
 * the extension dialled after the code). The line's phones stop ringing and the call's caller is
 * connected with the picker; with nothing to pick up, the picker gets 404.
 */
@Component(immediate = true, service = {})
public final class CallPickup implements NumberService {
    private final Switchboard board;
    private final CallRouting routing;
    private final Directory directory;
    private final FeatureCodes codes;

    /**
     * The server it adds its numbers to once made, and takes them from when it ends: it is not a
     * NumberService the server binds, which would need the server that is binding it (a cycle).
     */
    private final CallManager server;

    @Activate
    public CallPickup(@Reference CallManager server) {
        this.server = server;
        this.board = server.board();
        this.routing = server.routing();
        this.directory = server.directory();
        this.codes = server.codes();
        server.addService(this);
    }

    @Deactivate
    void deactivate() {
        server.removeService(this);
    }

    @Override
    public boolean handles(String number) {
        return codes.isCode(Feature.PICKUP, number) || codes.isCode(Feature.GROUPPICKUP, number)
                || codes.extensionAfter(Feature.INTERCEPT, number).isPresent();
    }

    @Override
    public void take(Leg picker, String number, Optional<String> divertedFrom) {
        Optional<String> ownGroup = groupOf(picker.line());
        Predicate<String> pickable;
        if (codes.isCode(Feature.PICKUP, number)) {
            pickable = line -> !line.equals(picker.line()) && ownGroup.isPresent() && groupOf(line).equals(ownGroup);
        } else if (codes.isCode(Feature.GROUPPICKUP, number)) {
            pickable = line -> groupOf(line).isPresent() && !groupOf(line).equals(ownGroup);
        } else {
            String extension = codes.extensionAfter(Feature.INTERCEPT, number).orElseThrow();
            pickable = extension::equals;
        }
        routing.ringing().stream().filter(call -> pickable.test(call.line())).findFirst().ifPresentOrElse(call -> {
            call.pickUp(picker);
            board.answer(picker);
        }, () -> board.reject(picker, Response.NOT_FOUND));
    }

    /** The line's pickup group, if it has one. */
    private Optional<String> groupOf(String line) {
        return Optional.ofNullable(line).flatMap(directory::line).map(DirectoryLine::pickupGroup)
                .filter(group -> !group.isEmpty());
    }
}
