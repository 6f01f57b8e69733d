package io.vtgoconnect.callmanager.internal;

import io.vtgoconnect.sipstack.FeatureCodes;
import io.vtgoconnect.sipstack.FeatureCodes.Feature;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sip.message.Response;

/**
 * Answers a call ringing at another line: pickup (the oldest call ringing in the picker's pickup
 * group), group pickup (the oldest ringing in another group) and intercept (the call ringing at
 * the extension dialled after the code). The line's phones stop ringing and the call's caller is
 * connected with the picker; with nothing to pick up, the picker gets 404.
 */
final class CallPickup implements NumberService {
    private final Switchboard board;
    private final CallRouting routing;
    private final Directory directory;
    private final FeatureCodes codes;

    CallPickup(Switchboard board, CallRouting routing, Directory directory, FeatureCodes codes) {
        this.board = board;
        this.routing = routing;
        this.directory = directory;
        this.codes = codes;
    }

    @Override
    public boolean handles(String number) {
        return codes.isCode(Feature.PICKUP, number) || codes.isCode(Feature.GROUPPICKUP, number)
                || codes.extensionAfter(Feature.INTERCEPT, number).isPresent();
    }

    @Override
    public void take(Leg picker, String number, Optional<String> divertedFrom) {
        Optional<String> ownGroup = groupOf(picker.line);
        Predicate<String> pickable;
        if (codes.isCode(Feature.PICKUP, number)) {
            pickable = line -> !line.equals(picker.line) && ownGroup.isPresent() && groupOf(line).equals(ownGroup);
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
        return Optional.ofNullable(line).flatMap(directory::line).map(DirectoryLine.Entry::pickupGroup)
                .filter(group -> !group.isEmpty());
    }
}
