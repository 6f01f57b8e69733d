package io.vtgoconnect.callmanager.internal;

import io.vtgoconnect.callmanager.internal.calls.Bridge;
import io.vtgoconnect.callmanager.internal.calls.CallRouting;
import io.vtgoconnect.callmanager.internal.calls.Leg;
import io.vtgoconnect.callmanager.internal.calls.NumberService;
import io.vtgoconnect.callmanager.internal.calls.Switchboard;
import io.vtgoconnect.callmanager.internal.endpoints.TestEndpoints;
import io.vtgoconnect.sipstack.Replaces;
import io.vtgoconnect.sipstack.SipEndpoint;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Optional;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.Header;
import javax.sip.header.ReferToHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Transfers through the server, which holds both legs of every call: a REFER (RFC 3515) from one
 * party moves its partner to the target, one-step or, with Replaces (RFC 3891), onto the call the
 * transferor made to consult; an INVITE with Replaces takes the place of a leg. The outcome is
 * reported to the transferor in NOTIFYs. A REFER to the park code parks the partner, and the
 * final NOTIFY names the orbit: {@code SIP/2.0 200 Parked at 5801}.
 */
final class ServerTransfers {
    static final String REPLACES = Replaces.HEADER;
    /** Who a user agent talks with, asserted by the server (RFC 3325). */
    static final String ASSERTED_IDENTITY = "P-Asserted-Identity";

    private final Switchboard board;
    private final CallRouting routing;
    private final SipEndpoint endpoint;
    private final CallPark park;
    private final Optional<String> parkCode;
    private final Logger log;
    /** Virtual parties (test endpoints), which stand in with a leg of their own when their partner transfers them. */
    private volatile TestEndpoints endpoints;

    ServerTransfers(Switchboard board, CallRouting routing, SipEndpoint endpoint, CallPark park, Optional<String> parkCode,
            LoggerFactory logs) {
        this.log = logs.getLogger(ServerTransfers.class);
        this.board = board;
        this.routing = routing;
        this.endpoint = endpoint;
        this.park = park;
        this.parkCode = parkCode;
    }

    void standInFor(TestEndpoints virtualParties) {
        endpoints = virtualParties;
    }

    /** A party asks to transfer its partner. */
    void refer(Leg transferor, ServerTransaction transaction) throws ParseException, SipException, InvalidArgumentException {
        ReferToHeader referTo = (ReferToHeader) transaction.getRequest().getHeader(ReferToHeader.NAME);
        if (referTo == null || !(referTo.getAddress().getURI() instanceof SipURI target) || target.getUser() == null) {
            board.respond(transaction, Response.BAD_REQUEST);
            return;
        }
        Optional<Leg> partner = partnerOf(transferor);
        if (partner.isEmpty()) {
            // A test endpoint answers its calls itself: it calls in through the server, and its new leg is moved.
            TestEndpoints virtual = endpoints;
            if (virtual == null || !virtual.standIn(transferor, standing -> referAgain(transferor, transaction))) {
                board.respond(transaction, Response.FORBIDDEN);
            }
            return;
        }
        if (parkCode.filter(target.getUser()::equals).isPresent()) {
            park(transferor, partner.get(), transaction);
            return;
        }
        Optional<Leg> replaced = Optional.ofNullable(target.getHeader(REPLACES))
                .map(escaped -> URLDecoder.decode(escaped, StandardCharsets.UTF_8)).flatMap(this::legNamed);
        if (target.getHeader(REPLACES) != null && replaced.isEmpty()) {
            board.respond(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        board.respond(transaction, Response.ACCEPTED);
        notify(transferor, "100 Trying", false);
        if (replaced.isPresent()) {
            Optional<Leg> consulted = partnerOf(replaced.get());
            if (consulted.isEmpty()) {
                notify(transferor, "481 Call Does Not Exist", true);
                return;
            }
            Bridge.connect(partner.get(), consulted.get());
            announce(partner.get(), consulted.get().number());
            announce(consulted.get(), partner.get().number());
            notify(transferor, "200 OK", true);
            board.hangUp(transferor);
            board.hangUp(replaced.get());
            return;
        }
        // The partner leaves the transferor's call and is routed to the target as a caller of its own.
        partner.get().bridge().ifPresent(bridge -> bridge.leave(partner.get()));
        routing.transferred(partner.get(), target.getUser(), transferor.number(), status -> {
            notify(transferor, status + " " + (status / 100 == 2 ? "OK" : "Failed"), true);
            if (status / 100 == 2) {
                announce(partner.get(), target.getUser());
                board.hangUp(transferor);
            }
        });
    }

    private void referAgain(Leg transferor, ServerTransaction transaction) {
        try {
            refer(transferor, transaction);
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            // The transferor's REFER times out, and its call goes on.
            log.warn("The transfer by {} could not go on once its test endpoint stood in: {}", transferor, e.getMessage());
        }
    }

    /** The partner waits in the first free orbit; the transferor learns which one, then its leg ends. */
    private void park(Leg transferor, Leg partner, ServerTransaction transaction)
            throws ParseException, SipException, InvalidArgumentException {
        board.respond(transaction, Response.ACCEPTED);
        notify(transferor, "100 Trying", false);
        Optional<String> orbit = park.park(partner, transferor.number());
        if (orbit.isEmpty()) {
            // The partner stays in the call with the transferor.
            notify(transferor, "503 No Park Orbit Free", true);
            return;
        }
        notify(transferor, "200 Parked at " + orbit.get(), true);
        board.hangUp(transferor);
    }

    /** An INVITE that takes the place of one of the server's legs (the far end of someone's attended transfer). */
    void replacing(ServerTransaction transaction) throws Exception {
        Header header = transaction.getRequest().getHeader(REPLACES);
        String value = header.toString().substring(header.toString().indexOf(':') + 1).strip();
        Optional<Leg> replaced = legNamed(value);
        Optional<Leg> partner = replaced.flatMap(this::partnerOf);
        if (partner.isEmpty()) {
            board.respond(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        Optional<Leg> caller = routing.accept(transaction);
        if (caller.isPresent()) {
            Bridge.connect(caller.get(), partner.get());
            board.answer(caller.get());
            board.hangUp(replaced.get());
        }
    }

    private Optional<Leg> legNamed(String replaces) {
        return Replaces.parse(replaces).flatMap(named -> board.legs().stream()
                .filter(leg -> leg.dialog() != null && named.names(leg.dialog())).findFirst());
    }

    private Optional<Leg> partnerOf(Leg leg) {
        return leg.bridge().flatMap(bridge -> bridge.others(leg).stream().findFirst());
    }

    /**
     * Tells the user agent of the leg who it talks with now (RFC 3311 UPDATE with a
     * P-Asserted-Identity, RFC 3325): a transfer changed its partner behind the server.
     */
    private void announce(Leg leg, String number) {
        if (leg.isEnded() || leg.dialog() == null) {
            return;
        }
        try {
            Request update = leg.dialog().createRequest(Request.UPDATE);
            update.addHeader(endpoint.headers.createHeader(ASSERTED_IDENTITY, board.address(number).toString()));
            update.setHeader(board.contact(leg.dialog().getRemoteTarget().getURI()));
            board.sendInDialog(leg, update, null);
        } catch (SipException | ParseException | RuntimeException e) {
            // The user agent goes on showing its former partner.
            log.warn("Cannot tell {} who it talks with now: {}", leg, e.getMessage());
        }
    }

    /** Tells the transferor how the transfer goes: a NOTIFY with a sipfrag (RFC 3515 2.4.5). */
    private void notify(Leg transferor, String statusLine, boolean last) {
        if (transferor.isEnded()) {
            return;
        }
        try {
            Request notify = transferor.dialog().createRequest(Request.NOTIFY);
            notify.addHeader(endpoint.headers.createEventHeader("refer"));
            SubscriptionStateHeader state = endpoint.headers.createSubscriptionStateHeader(
                    last ? SubscriptionStateHeader.TERMINATED : SubscriptionStateHeader.ACTIVE);
            if (last) {
                state.setReasonCode(SubscriptionStateHeader.NO_RESOURCE);
            }
            notify.addHeader(state);
            notify.setHeader(board.contact(transferor.dialog().getRemoteTarget().getURI()));
            notify.setContent("SIP/2.0 " + statusLine + "\r\n",
                    endpoint.headers.createContentTypeHeader("message", "sipfrag"));
            board.sendInDialog(transferor, notify, null);
        } catch (SipException | ParseException | RuntimeException e) {
            // The transferor learns the outcome from its calls.
            log.warn("Cannot tell {} how its transfer goes: {}", transferor, e.getMessage());
        }
    }
}
