package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.api.event.PartyPickup;
import io.vtgoconnect.media.MediaDirection;
import io.vtgoconnect.sipstack.Exchange;
import io.vtgoconnect.sipstack.MediaAgreement;
import io.vtgoconnect.sipstack.MessageParts;
import io.vtgoconnect.sipstack.SessionDescription;
import java.text.ParseException;
import java.util.Optional;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.osgi.service.log.Logger;
import static io.vtgoconnect.api.ErrorCode.ERROR_NO_CALL;


/** What this end says within a call's dialog: answer, hang up, change the session (hold, resume), send INFO digits. */
final class CallSignalling {
    private final PhoneStack stack;
    private final PhoneCalls calls;
    private final PhoneMedia media;
    private final Logger log;

    CallSignalling(PhoneStack stack, PhoneCalls calls, PhoneMedia media) {
        this.stack = stack;
        this.log = stack.logs().getLogger(CallSignalling.class);
        this.calls = calls;
        this.media = media;
    }

    /** Accepts the call ringing in with this end's SDP answer; it is connected at once. */
    void answer(SipCall call) {
        if (call.incomingInvite == null) {
            throw new CommandException(ERROR_NO_CALL, "Call " + call.ref + " is not ringing in.");
        }
        Response ok;
        try {
            ok = stack.endpoint().messages.createResponse(Response.OK, call.incomingInvite.getRequest());
            ok.addHeader(stack.messages().contact(call.line.sip));
            ok.setContent(call.localSdp(), MessageParts.sdpType(stack.endpoint().headers));
            tagLikeDialog(ok, call);
        } catch (ParseException e) {
            throw new CommandException(ERROR_NO_CALL, "Call " + call.ref + " could not be answered: " + e.getMessage() + ".");
        }
        // Reported before the answer leaves: what the far end does once answered is reported after.
        calls.enter(call, LineState.OFF_HOOK);
        calls.connected(call);
        try {
            call.incomingInvite.sendResponse(ok);
            call.incomingInvite = null;
        } catch (SipException | InvalidArgumentException e) {
            calls.end(call);
            throw new CommandException(ERROR_NO_CALL, "Call " + call.ref + " could not be answered: " + e.getMessage() + ".");
        }
        if (call.remoteMedia != null) {
            offerAnswered(call).ifPresent(agreed -> call.media.connect(call.remoteMedia, agreed, media.audio()));
        }
    }

    /** What this end's offer and the far end's answer to it agreed on; empty when the line cannot take the answer. */
    Optional<MediaAgreement> answered(SipCall call, SessionDescription answer) {
        return MediaAgreement.reached(call.localMedia, answer, true, call.line.sip.srtp().mode());
    }

    /** What the far end's offer and this end's answer to it agreed on. */
    static Optional<MediaAgreement> offerAnswered(SipCall call) {
        return MediaAgreement.reached(call.remoteMedia, call.localMedia, false, call.line.sip.srtp().mode());
    }

    /** Gives every response to the INVITE one To tag, which becomes the dialog's. */
    static void tagLikeDialog(Response response, SipCall call) throws ParseException {
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (to.getTag() == null) {
            to.setTag(Long.toHexString(call.ref.value()));
        }
    }

    /** Cancels, declines or ends the call, as far as it got, and forgets it. */
    void hangUp(SipCall call) {
        try {
            if (call.outgoingInvite != null && call.isEarly()) {
                Request cancel = call.outgoingInvite.createCancel();
                stack.endpoint().provider().getNewClientTransaction(cancel).sendRequest();
            } else if (call.incomingInvite != null) {
                call.incomingInvite.sendResponse(stack.endpoint().messages.createResponse(Response.DECLINE,
                        call.incomingInvite.getRequest()));
            } else if (call.dialog != null && !call.hasFailed()) {
                stack.sender().sendInDialog(call.dialog, call.line.sip, call.dialog.createRequest(Request.BYE), Exchange.ignored());
            }
        } catch (SipException | ParseException | InvalidArgumentException e) {
            // The call ends here all the same; the far end's own timers end its side.
            log.warn("Call {} ended here without telling the far end: {}", call.ref, e.getMessage());
        }
        calls.end(call);
    }

    /** Holds this end's side of the call (sendonly, RFC 3264): TsHold once the far end agrees. */
    void hold(SipCall call) {
        reinvite(call, MediaDirection.SENDONLY, () -> calls.enter(call, LineState.HOLD));
    }

    /** Resumes the call (sendrecv): PartyPickup and TsConnected once the far end agrees, as in the manual's transcript. */
    void resume(SipCall call) {
        reinvite(call, MediaDirection.SENDRECV, () -> {
            calls.report(new PartyPickup(call.ref));
            calls.enter(call, LineState.CONNECTED);
        });
    }

    private void reinvite(SipCall call, MediaDirection direction, Runnable agreed) {
        if (call.reinviting) {
            // The latest change asked goes once the re-INVITE in flight is answered, not as a glare (491).
            call.nextReinvite = () -> reinvite(call, direction, agreed);
            return;
        }
        try {
            // The same formats and keys, another direction (RFC 3264 section 8.4).
            call.localMedia = call.localMedia.reoffer(direction);
            call.media.setDirection(direction);
            Request invite = call.dialog.createRequest(Request.INVITE);
            invite.setHeader(stack.messages().contact(call.line.sip));
            invite.setContent(call.localSdp(), MessageParts.sdpType(stack.endpoint().headers));
            stack.sender().sendInDialog(call.dialog, call.line.sip, invite, new Exchange() {
                @Override
                public void response(Response response, ClientTransaction transaction) {
                    int status = response.getStatusCode();
                    if (status / 100 == 2 && calls.isActive(call)) {
                        acknowledge(call, response);
                        MessageParts.body(response).flatMap(SessionDescription::parse).ifPresent(answer -> {
                            call.remoteMedia = answer;
                            answered(call, answer).ifPresent(terms -> {
                                call.media.connect(answer, terms, media.audio());
                            });
                        });
                        agreed.run();
                    }
                    if (status >= 200) {
                        reinviteEnded(call);
                    }
                }

                @Override
                public void failed(String reason) {
                    reinviteEnded(call);
                }
            });
            call.reinviting = true;
        } catch (SipException | ParseException e) {
            throw new CommandException(ERROR_NO_CALL, "Call " + call.ref + " could not be changed: " + e.getMessage() + ".");
        }
    }

    private void reinviteEnded(SipCall call) {
        call.reinviting = false;
        Runnable next = call.nextReinvite;
        call.nextReinvite = null;
        if (next != null && calls.isActive(call)) {
            next.run();
        }
    }

    /** Confirms the final 2xx response to an INVITE this end sent in the call's dialog. */
    void acknowledge(SipCall call, Response response) {
        try {
            long cseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
            call.dialog.sendAck(call.dialog.createAck(cseq));
        } catch (SipException | InvalidArgumentException e) {
            // The far end retransmits its 200 and ends the call itself when no ACK comes.
            log.warn("The answer to call {} could not be confirmed (ACK): {}", call.ref, e.getMessage());
        }
    }

    /** One INFO per digit, each sent once the one before was answered, so they arrive in order. */
    void sendInfoDigits(SipCall call, String digits) {
        if (digits.isEmpty() || !calls.isActive(call)) {
            return;
        }
        try {
            Request info = call.dialog.createRequest(Request.INFO);
            info.setContent("Signal=" + digits.charAt(0) + "\r\nDuration=160\r\n",
                    stack.endpoint().headers.createContentTypeHeader("application", "dtmf-relay"));
            stack.sender().sendInDialog(call.dialog, call.line.sip, info, new Exchange() {
                @Override
                public void response(Response response, ClientTransaction transaction) {
                    if (response.getStatusCode() >= 200) {
                        sendInfoDigits(call, digits.substring(1));
                    }
                }

                @Override
                public void failed(String reason) {
                }
            });
        } catch (SipException | ParseException e) {
            throw new CommandException(ERROR_NO_CALL, "DTMF could not be sent on call " + call.ref + ": " + e.getMessage() + ".");
        }
    }
}
