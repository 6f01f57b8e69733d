package io.vtgoconnect.sipdns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The targets of one destination, best first: after a failure (no answer, a 503, a transport
 * error) the phone takes the next. The addresses of each SRV target are looked up only when the
 * iteration reaches it, so a destination with many servers costs one lookup while the first one
 * works; a server whose addresses cannot be found is passed over. Not thread-safe: one request's
 * attempts.
 */
public final class SipTargets implements Iterator<SipTarget> {
    /** Looks up a host's addresses. */
    @FunctionalInterface
    interface AddressLookup {
        List<InetAddress> addresses(String host) throws SipDnsException;
    }

    /** A target found, or a host whose addresses are still to be found. */
    record Step(SipTarget target, String host, int port, SipTransport transport) {
        static Step ready(SipTarget target) {
            return new Step(target, null, 0, null);
        }

        static Step host(String host, int port, SipTransport transport) {
            return new Step(null, host, port, transport);
        }
    }

    private final Deque<Step> steps;
    private final AddressLookup lookup;
    private String lastFailure;

    SipTargets(List<Step> steps, AddressLookup lookup) {
        this.steps = new ArrayDeque<>(steps);
        this.lookup = lookup;
    }

    @Override
    public boolean hasNext() {
        while (!steps.isEmpty() && steps.peekFirst().target() == null) {
            Step host = steps.removeFirst();
            try {
                List<InetAddress> addresses = lookup.addresses(host.host());
                if (addresses.isEmpty()) {
                    lastFailure = host.host() + " has no address record";
                }
                for (int i = addresses.size() - 1; i >= 0; i--) {
                    steps.addFirst(Step.ready(new SipTarget(new InetSocketAddress(addresses.get(i), host.port()),
                            host.transport(), host.host())));
                }
            } catch (SipDnsException e) {
                lastFailure = e.getMessage();
            }
        }
        return !steps.isEmpty();
    }

    /**
     * Whether another target may follow, as far as is known without a lookup: a server whose
     * addresses are still to be found may turn out to have none.
     */
    public boolean mayHaveNext() {
        return !steps.isEmpty();
    }

    /** The next target; its addresses may be looked up now. */
    @Override
    public SipTarget next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more SIP targets" + (lastFailure == null ? "" : ": " + lastFailure));
        }
        return steps.removeFirst().target();
    }

    /** Why the last server passed over was, if one was: for the message when none is left. */
    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }
}
