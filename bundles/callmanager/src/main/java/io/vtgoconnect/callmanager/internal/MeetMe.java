package io.vtgoconnect.callmanager.internal;

import io.vtgoconnect.callmanager.internal.calls.Bridge;
import io.vtgoconnect.callmanager.internal.calls.Leg;
import io.vtgoconnect.callmanager.internal.calls.NumberService;
import io.vtgoconnect.callmanager.internal.calls.Switchboard;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Meet-me conferences: each number of the range is a room; every caller is answered and joins it,
 * and everyone in a room hears everyone else. A room stays open while anyone is in it.
 */
@Component(immediate = true, service = {}, configurationPid = ServerSettings.PID)
public final class MeetMe implements NumberService {
    private final Switchboard board;
    private final NumberRange numbers;
    /** The rooms used so far, at most one per number; an empty one starts afresh with its next caller. */
    private final Map<String, Bridge> rooms = new HashMap<>();

    /** The rooms are the settings' meet-me numbers, found right when the server started. */
    /**
     * The server it adds its numbers to once made, and takes them from when it ends: it is not a
     * NumberService the server binds, which would need the server that is binding it (a cycle).
     */
    private final CallManager server;

    @Activate
    public MeetMe(@Reference CallManager server, ServerSettings settings) {
        this.server = server;
        this.board = server.board();
        this.numbers = NumberRange.parse("meetme.numbers", settings.meetme_numbers());
        server.addService(this);
    }

    @Deactivate
    void deactivate() {
        server.removeService(this);
    }

    @Override
    public boolean handles(String number) {
        return numbers.contains(number);
    }

    @Override
    public void take(Leg caller, String number, Optional<String> divertedFrom) {
        Bridge room = rooms.get(number);
        if (room == null || room.members().isEmpty()) {
            room = new Bridge(false);
            rooms.put(number, room);
        }
        room.join(caller);
        board.answer(caller);
    }
}
