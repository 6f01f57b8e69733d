package io.vtgoconnect.transport.sip.internal;

import java.util.Optional;

/** What the phone does with calls ringing in, as the DND, CFwdAll and DivertAll softkeys set it. */
final class CallDiversion {
    /** Do not disturb: calls ringing in are refused as busy (486). */
    boolean doNotDisturb;
    /** Forward all: calls ringing in are redirected (302) to this number. */
    Optional<String> forwardAllTo = Optional.empty();
}
