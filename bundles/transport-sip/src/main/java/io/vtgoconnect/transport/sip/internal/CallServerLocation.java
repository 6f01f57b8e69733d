package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.sipdns.SipDestination;
import io.vtgoconnect.sipdns.SipDnsException;
import io.vtgoconnect.sipdns.SipServerLocator;
import io.vtgoconnect.sipdns.SipTarget;
import io.vtgoconnect.sipdns.SipTargets;
import io.vtgoconnect.sipstack.LocatedHosts;
import io.vtgoconnect.sipstack.SerialWorker;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the server that a line's requests reach first (its outbound proxy, else its call server)
 * is now, when a host name names it (RFC 3263): the servers DNS gives, best first, the one in use
 * routed in the SIP stack, and the next one taken when it fails (no answer, a 503, a transport
 * error). Once none is left, the next request starts again from the best. A server named by an IP
 * literal is used as it is, with no lookup. Runs on the phone's worker; the lookups themselves
 * run on a thread of their own, so that a DNS server slow to answer holds up no other line and no
 * command (a lookup may take the DNS timeout times its tries).
 */
final class CallServerLocation {
    private final SipDestination server;
    private final Optional<SipServerLocator> locator;
    private final LocatedHosts located;
    private final SerialWorker worker;
    private final SerialWorker lookups;
    /** Who waits for the lookup on its way, if one is. */
    private final List<Waiting> waiting = new ArrayList<>();
    private SipTargets targets;
    private SipTarget current;

    /** What to do with the server once it is found, or with the reason none is. */
    private record Waiting(Consumer<Optional<SipTarget>> found, Consumer<SipDnsException> notFound) {
    }

    /**
     * @param locator the phone's DNS; empty only when {@code server} is an IP literal
     * @param worker the phone's worker, where what waits for a lookup runs
     * @param lookups the thread the lookups run on
     */
    CallServerLocation(SipDestination server, Optional<SipServerLocator> locator, LocatedHosts located, SerialWorker worker,
            SerialWorker lookups) {
        if (!server.isIpLiteral() && locator.isEmpty()) {
            throw new IllegalArgumentException("a host name needs DNS: " + server.host());
        }
        this.server = server;
        this.locator = locator;
        this.worker = worker;
        this.lookups = lookups;
        this.located = locator.isPresent() && !server.isIpLiteral() ? located : null;
    }

    /**
     * The server requests go to now, looked up on this thread when none is (RunProgram's check);
     * empty for an IP literal.
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
     * Runs {@code found} with the server requests go to now (empty for an IP literal): at once when
     * it is known, else on the worker once DNS found it, off the worker; {@code notFound} hears why
     * DNS gave none.
     */
    void locate(Consumer<Optional<SipTarget>> found, Consumer<SipDnsException> notFound) {
        if (located == null || current != null) {
            found.accept(Optional.ofNullable(current));
            return;
        }
        waiting.add(new Waiting(found, notFound));
        if (waiting.size() > 1) {
            return;
        }
        SipTargets remaining = targets;
        lookups.execute(() -> {
            SipTargets from = remaining;
            try {
                if (from == null || !from.hasNext()) {
                    from = locator.orElseThrow().locate(server);
                }
                SipTargets chosen = from;
                SipTarget next = chosen.next();
                worker.execute(() -> settle(chosen, next, null));
            } catch (SipDnsException | NoSuchElementException e) {
                SipDnsException why = e instanceof SipDnsException dns ? dns : new SipDnsException(e.getMessage());
                worker.execute(() -> settle(null, null, why));
            }
        });
    }

    private void settle(SipTargets found, SipTarget next, SipDnsException why) {
        List<Waiting> done = List.copyOf(waiting);
        waiting.clear();
        targets = found;
        if (next == null) {
            located.forget(server.host());
            done.forEach(each -> each.notFound().accept(why));
            return;
        }
        use(next);
        done.forEach(each -> each.found().accept(Optional.of(next)));
    }

    /**
     * The server a request went to failed: requests go to the next one, if DNS gave another (a
     * server another line already moved away from is not failed twice). The next one is looked up
     * when a request next needs it.
     * @return whether the phone should try again at once
     */
    boolean moveOn(Optional<SipTarget> failed) {
        if (located == null || failed.isEmpty()) {
            return false;
        }
        if (!failed.get().equals(current)) {
            return current != null || targets != null;
        }
        current = null;
        if (targets.mayHaveNext()) {
            return true;
        }
        targets = null;
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
