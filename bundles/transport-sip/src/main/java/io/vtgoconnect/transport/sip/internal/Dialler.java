package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.PartyBusy;
import io.vtgoconnect.media.MediaDirection;
import io.vtgoconnect.sipstack.Exchange;
import io.vtgoconnect.sipstack.MediaAgreement;
import io.vtgoconnect.sipstack.MessageParts;
import io.vtgoconnect.sipstack.SessionDescription;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.Header;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.osgi.service.log.Logger;
import static io.vtgoconnect.api.ErrorCode.ERROR_MAKE_CALL;


/** Places outgoing calls and follows their INVITE to TsConnected, TsBusy, TsInvalidNumber or TsCongestion. */
final class Dialler {
    private final PhoneStack stack;
    private final PhoneCalls calls;
    private final PhoneMedia media;
    private final CallSignalling signalling;
    private final List<String> codecs;
    private final CallRefs callRefs;
    private final Logger log;

    /** Told how an outgoing call's INVITE ended: a final status (2xx answered) and its reason. */
    interface Outcome {
        Outcome NONE = (status, reason) -> { };

        void settled(int status, String reason);
    }

    Dialler(PhoneStack stack, PhoneCalls calls, PhoneMedia media, CallSignalling signalling, List<String> codecs,
            CallRefs callRefs) {
        this.stack = stack;
        this.calls = calls;
        this.media = media;
        this.signalling = signalling;
        this.codecs = codecs;
        this.callRefs = callRefs;
        this.log = stack.logs().getLogger(Dialler.class);
    }

    SipCall dial(PhoneLine line, String destination) {
        return dial(line, destination, Optional.empty(), Outcome.NONE);
    }

    /**
     * Calls the number through the line's call server, or the SIP URI at its address, with a Replaces
     * header when one is given (RFC 3891). A destination that cannot be called is refused before the
     * line goes off hook, so the refusal is all the user sees.
     */
    SipCall dial(PhoneLine line, String destination, Optional<Header> replaces, Outcome outcome) {
        SipURI target;
        try {
            target = stack.messages().destinationUri(line.sip, destination);
        } catch (ParseException e) {
            throw cannotCall(destination, e);
        }
        MediaAgreement untilAnswered = MediaAgreement.firstChoice(codecs);
        CallRef placed = callRefs.next();
        SipCall call;
        try {
            call = SipCall.dialling(placed, line, calls::report, ref -> media.open(ref, untilAnswered,
                    calls.digitsOf(ref), calls.levelsOf(ref), ERROR_MAKE_CALL));
        } catch (CommandException noMedia) {
            calls.hungUp(placed, line);
            throw noMedia;
        }
        call.localMedia = SessionDescription.offer(stack.endpoint().local.host(), call.media.port(), codecs,
                MediaDirection.SENDRECV).secured(line.sip.srtp());
        calls.add(call);
        calls.enter(call, LineState.PROCEED);
        try {
            invite(call, target, replaces, new OutgoingCall(call, destination, outcome));
        } catch (ParseException | InvalidArgumentException e) {
            calls.end(call);
            throw cannotCall(destination, e);
        }
        return call;
    }

    private static CommandException cannotCall(String destination, Exception reason) {
        return new CommandException(ERROR_MAKE_CALL, "\"" + destination + "\" cannot be called: " + reason.getMessage() + ".");
    }

    /** Sends the call's INVITE to the target (a number on the line's call server, or a SIP URI), in a dialog of its own. */
    private void invite(SipCall call, SipURI target, Optional<Header> replaces, OutgoingCall progress)
            throws ParseException, InvalidArgumentException {
        Request invite = stack.messages().request(call.line.sip, Request.INVITE, target,
                stack.endpoint().addresses.createAddress((SipURI) target.clone()), stack.messages().newCallId(), 1);
        replaces.ifPresent(invite::addHeader);
        invite.setContent(call.localSdp(), MessageParts.sdpType(stack.endpoint().headers));
        call.outgoingInvite = stack.sender().send(invite, call.line.sip, progress);
    }

    /** The states of an outgoing call as its INVITE is answered; a redirect (3xx) is followed to its Contact. */
    private final class OutgoingCall implements Exchange {
        /** More than this many redirects is a loop. */
        private static final int MAX_REDIRECTS = 5;

        private final SipCall call;
        private final String destination;
        private final Outcome outcome;
        private int redirects;

        OutgoingCall(SipCall call, String destination, Outcome outcome) {
            this.call = call;
            this.destination = destination;
            this.outcome = outcome;
        }

        @Override
        public void response(Response response, ClientTransaction transaction) {
            int status = response.getStatusCode();
            if (!calls.isActive(call)) {
                if (status / 100 == 2) {
                    // Answered as it was hung up: confirm and end it at once.
                    call.dialog = transaction.getDialog();
                    signalling.acknowledge(call, response);
                    try {
                        stack.sender().sendInDialog(call.dialog, call.line.sip, call.dialog.createRequest(Request.BYE),
                                Exchange.ignored());
                    } catch (SipException e) {
                        log.warn("Call {}, answered as it was hung up, could not be ended (BYE): {}", call.ref,
                                e.getMessage());
                    }
                }
                return;
            }
            call.outgoingInvite = status < 200 ? transaction : null;
            call.dialog = transaction.getDialog();
            if (status < 200) {
                if (!call.isEarly()) {
                    return;
                }
                showOtherParty();
                if ((status == Response.RINGING || status == Response.SESSION_PROGRESS) && call.state() != LineState.RING_OUT) {
                    calls.enter(call, LineState.RING_OUT);
                }
                if (status == Response.SESSION_PROGRESS) {
                    // Early media (RFC 3960): the far end's audio flows before it answers, and CallStats measures it.
                    MessageParts.body(response).flatMap(SessionDescription::parse).ifPresent(early -> signalling
                            .answered(call, early).ifPresent(agreed -> {
                                call.remoteMedia = early;
                                call.media.connect(early, agreed, media.audio());
                            }));
                }
                return;
            }
            if (status < 300) {
                signalling.acknowledge(call, response);
                Optional<SessionDescription> answer = MessageParts.body(response).flatMap(SessionDescription::parse);
                if (answer.isPresent()) {
                    Optional<MediaAgreement> agreed = signalling.answered(call, answer.get());
                    if (agreed.isEmpty()) {
                        refuseAnswer(call, answer.get(), response);
                        return;
                    }
                    call.remoteMedia = answer.get();
                    call.media.connect(answer.get(), agreed.get(), media.audio());
                }
                if (call.isEarly()) {
                    showOtherParty();
                    calls.connected(call);
                }
            } else if (status < 400 && redirected(response)) {
                return;
            } else if (call.isEarly()) {
                showOtherParty();
                calls.enter(call, FinalResponses.stateOf(status));
                if (call.state() == LineState.BUSY) {
                    calls.report(new PartyBusy(call.ref));
                }
            }
            outcome.settled(status, response.getReasonPhrase());
        }

        /**
         * The far end answered with media this line cannot take (no codec of the phone's, or plain
         * RTP where the line requires SRTP): the call is ended at once (BYE) and shows as
         * congestion, as a call the network could not set up.
         */
        private void refuseAnswer(SipCall call, SessionDescription answer, Response response) {
            log.warn("Call {} to {} was answered with media the line cannot take ({}, {}); it is ended", call.ref,
                    destination, answer.firstCodec().orElse("no codec"), answer.crypto().isEmpty()
                            ? "plain RTP while SRTP is " + call.line.sip.srtp().mode() : "SRTP keys that were not offered");
            try {
                stack.sender().sendInDialog(call.dialog, call.line.sip, call.dialog.createRequest(Request.BYE),
                        Exchange.ignored());
            } catch (SipException e) {
                log.warn("Call {} could not be ended (BYE): {}", call.ref, e.getMessage());
            }
            if (call.isEarly()) {
                showOtherParty();
                calls.enter(call, LineState.CONGESTION);
            }
            outcome.settled(Response.NOT_ACCEPTABLE_HERE, "answered with media the line cannot take");
        }

        /**
         * Calls the number of the redirect's Contact instead, through the same call server (so
         * that nothing is sent to hosts the phone was not configured with).
         */
        private boolean redirected(Response redirect) {
            ContactHeader contact = (ContactHeader) redirect.getHeader(ContactHeader.NAME);
            if (contact == null || !(contact.getAddress().getURI() instanceof SipURI uri) || uri.getUser() == null
                    || redirects >= MAX_REDIRECTS || !call.isEarly()) {
                return false;
            }
            redirects++;
            try {
                invite(call, stack.messages().destinationUri(call.line.sip, uri.getUser()), Optional.empty(), this);
                // The party that answers is the one redirected to, not the number dialled.
                call.otherParty = uri.getUser();
                calls.enter(call, call.state());
                return true;
            } catch (ParseException | InvalidArgumentException e) {
                log.warn("Call {} could not follow its redirect to {}: {}", call.ref, uri.getUser(), e.getMessage());
                return false;
            }
        }

        private void showOtherParty() {
            if (call.otherParty.isEmpty()) {
                call.otherParty = destination;
                calls.enter(call, call.state());
            }
        }

        @Override
        public void failed(String reason) {
            call.outgoingInvite = null;
            if (calls.isActive(call) && call.isEarly()) {
                showOtherParty();
                calls.enter(call, LineState.CONGESTION);
            }
            outcome.settled(Response.REQUEST_TIMEOUT, reason);
        }
    }
}
