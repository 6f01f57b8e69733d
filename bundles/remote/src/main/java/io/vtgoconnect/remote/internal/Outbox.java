package io.vtgoconnect.remote.internal;

import java.io.IOException;
import java.util.ArrayDeque;
import javax.websocket.CloseReason;
import javax.websocket.SendHandler;
import javax.websocket.SendResult;
import javax.websocket.Session;

/**
 * What one connection is sent, in order: JSR 356 allows one send in flight, so the rest waits in a
 * bounded queue. A client that lets the queue fill (it reads too slowly, or not at all) is closed,
 * and never holds up whoever queues for it: an event feed, or another client's request.
 */
final class Outbox implements SendHandler {
    /** A session being closed for slowness is aborted when its close cannot get through within this. */
    private static final long CLOSE_IDLE_MILLIS = 2000;

    private final Session session;
    private final int limit;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private boolean sending;
    private boolean closed;

    Outbox(Session session, int limit) {
        this.session = session;
        this.limit = limit;
    }

    /** Sends the text after what was queued before; @return false when the connection is closed, or was for slowness now */
    boolean send(String text) {
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (sending) {
                if (queue.size() >= limit) {
                    queue.clear();
                    closed = true;
                } else {
                    queue.add(text);
                    return true;
                }
            } else {
                sending = true;
            }
        }
        if (closed) {
            close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "ERROR_LIMIT_EXCEEDED(25) - This connection fell "
                    + limit + " messages behind; it is closed."));
            return false;
        }
        start(text);
        return true;
    }

    private void start(String text) {
        try {
            session.getAsyncRemote().sendText(text, this);
        } catch (RuntimeException gone) {
            synchronized (this) {
                sending = false;
                closed = true;
                queue.clear();
            }
        }
    }

    @Override
    public void onResult(SendResult result) {
        String next;
        synchronized (this) {
            next = result.isOK() && !closed ? queue.poll() : null;
            if (next == null) {
                sending = false;
                if (!result.isOK()) {
                    closed = true;
                    queue.clear();
                }
                return;
            }
        }
        start(next);
    }

    /** Closes the connection; one that cannot even take the close in time is dropped. */
    void close(CloseReason reason) {
        synchronized (this) {
            closed = true;
            queue.clear();
        }
        try {
            session.setMaxIdleTimeout(CLOSE_IDLE_MILLIS);
            session.close(reason);
        } catch (IOException | RuntimeException closing) {
            // Closed already.
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }
}
