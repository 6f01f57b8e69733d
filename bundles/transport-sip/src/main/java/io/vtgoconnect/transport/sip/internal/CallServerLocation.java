package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.sipdns.SipDestination;
import io.vtgoconnect.sipdns.SipDnsException;
import io.vtgoconnect.sipdns.SipServerLocator;
import io.vtgoconnect.sipdns.SipTarget;
import io.vtgoconnect.sipdns.SipTargets;
import io.vtgoconnect.sipstack.LocatedHosts;
import java.util.Optional;

/**
 * Where the call server of the lines that name it by a host name is now (RFC 3263): the servers
 * DNS gives, best first, the one in use routed in the SIP stack, and the next one taken when it
 * fails (no answer, a 503, a transport error). Once none is left, the next request starts again
 * from the best. A call server named by an IP literal is used as it is, with no lookup. Runs on
 * the phone's worker.
 */
final class CallServerLocation {
    private final SipDestination server;
    private final Optional<SipServerLocator> locator;
    private final LocatedHosts located;
    private SipTargets targets;
    private SipTarget current;

    /** @param locator the phone's DNS; empty only when {@code server} is an IP literal */
    CallServerLocation(SipDestination server, Optional<SipServerLocator> locator, LocatedHosts located) {
        if (!server.isIpLiteral() && locator.isEmpty()) {
            throw new IllegalArgumentException("a host name needs DNS: " + server.host());
        }
        this.server = server;
        this.locator = locator;
        this.located = locator.isPresent() && !server.isIpLiteral() ? located : null;
    }

    /**
     * The server requests go to now, looked up when none is; empty for an IP literal.
     * @throws SipDnsException saying in one sentence why DNS gave no server
     */
    Optional<SipTarget> locate() throws SipDnsException {
        if (located == null) {
            return Optional.empty();
        }
        if (current == null) {
            targets = locator.orElseThrow().locate(server);
            use(targets.next());
        }
        return Optional.of(current);
    }

    /**
     * The server a request went to failed: requests go to the next one, if DNS gave another (a
     * server another line already moved away from is not failed twice).
     * @return whether the phone should try again at once
     */
    boolean moveOn(Optional<SipTarget> failed) {
        if (located == null || failed.isEmpty()) {
            return false;
        }
        if (!failed.get().equals(current)) {
            return current != null;
        }
        if (targets.hasNext()) {
            use(targets.next());
            return true;
        }
        current = null;
        located.forget(server.host());
        return false;
    }

    private void use(SipTarget target) {
        current = target;
        located.route(server.host(), target.address());
    }

    /** The server in use, as the phone names it in messages: the host name and the address it was found at. */
    String describe(Optional<SipTarget> target) {
        String host = server.host().contains(":") ? "[" + server.host() + "]" : server.host();
        return target.map(t -> host + " (" + t.address().getAddress().getHostAddress() + ":" + t.address().getPort() + ")")
                .orElse(host + ":" + server.explicitPort().orElse(server.transport().defaultPort()));
    }
}
