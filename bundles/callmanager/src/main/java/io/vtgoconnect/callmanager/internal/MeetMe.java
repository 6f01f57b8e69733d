package io.vtgoconnect.callmanager.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Meet-me conferences: each number of the range is a room; every caller is answered and joins it,
 * and everyone in a room hears everyone else. A room stays open while anyone is in it.
 */
final class MeetMe implements NumberService {
    private final Switchboard board;
    private final NumberRange numbers;
    /** The rooms used so far, at most one per number; an empty one starts afresh with its next caller. */
    private final Map<String, Bridge> rooms = new HashMap<>();

    MeetMe(Switchboard board, NumberRange numbers) {
        this.board = board;
        this.numbers = numbers;
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
