package io.vtgoconnect.callmanager.internal.calls;

import java.util.UUID;

/**
 * Which thread the call logic runs on: a partition of the plain calls (by Call-ID), beside the
 * others, or the exclusive turn of what touches several calls. A leg made on a partition is the
 * partition's until something that runs exclusively reaches it.
 */
public interface Turns {
    /** One thread for everything: every task is exclusive. */
    Turns SINGLE = new Turns() {
        @Override
        public boolean exclusive() {
            return true;
        }

        @Override
        public String newCallId(String host) {
            return UUID.randomUUID() + "@" + host;
        }
    };

    /** Whether the current task runs alone, with every partition waiting. */
    boolean exclusive();

    /** A new Call-ID of a dialog the server begins, handled by the current thread's partition. */
    String newCallId(String host);
}
