package io.vtgoconnect.callmanager.internal.voicemail;

import io.vtgoconnect.callmanager.internal.calls.Switchboard;
import io.vtgoconnect.callmanager.internal.registrar.Registrar;
import io.vtgoconnect.sipstack.Exchange;
import java.io.IOException;
import java.text.ParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Message-waiting indication (RFC 3842): tells every registered phone of a line whether its
 * mailbox holds messages not yet heard, in an unsolicited NOTIFY of event message-summary, when a
 * message is left or heard, and when the line registers with messages in its mailbox. Runs on the
 * server's worker.
 */
public final class MessageWaiting {
    private final Switchboard board;
    private final Registrar registrar;
    private final Mailboxes mailboxes;
    private final String pilot;
    /** The summary each line's phones last answered 200 to. */
    private final Map<String, String> acknowledged = new HashMap<>();
    private final Logger log;

    public MessageWaiting(Switchboard board, Registrar registrar, Mailboxes mailboxes, String pilot, LoggerFactory logs) {
        this.log = logs.getLogger(MessageWaiting.class);
        this.board = board;
        this.registrar = registrar;
        this.mailboxes = mailboxes;
        this.pilot = pilot;
    }

    /**
     * A line registered: its phones hear the summary when the mailbox holds any message. An empty
     * mailbox says nothing, so that a phone that never deals with voicemail (a SIPp UAS) gets no
     * request it does not expect.
     */
    public void registered(String number) {
        try {
            Mailboxes.Summary counts = mailboxes.summary(number);
            if (counts.unheard() + counts.heard() > 0) {
                update(number);
            }
        } catch (IOException e) {
            // A mailbox that cannot be read has nothing to tell.
            log.warn("Mailbox {} cannot be read: {}", number, e.getMessage());
        }
    }

    /** Sends the mailbox's summary to each registered contact of its line. */
    public void update(String number) {
        String summary;
        try {
            summary = summary(mailboxes.summary(number));
        } catch (IOException | ParseException e) {
            // The next message or registration tries again.
            log.warn("Mailbox {} cannot be read: {}", number, e.getMessage());
            return;
        }
        for (Registrar.Binding binding : registrar.contacts(number)) {
            try {
                Request notify = board.outOfDialog(binding.contact(), Request.NOTIFY, number, pilot);
                notify.addHeader(board.sip().headers().createEventHeader("message-summary"));
                notify.addHeader(board.sip().headers().createSubscriptionStateHeader(SubscriptionStateHeader.ACTIVE));
                notify.setContent(summary, board.sip().headers().createContentTypeHeader("application",
                        "simple-message-summary"));
                board.send(notify, new Exchange() {
                    @Override
                    public void response(Response response, ClientTransaction transaction) {
                        if (response.getStatusCode() == Response.OK) {
                            acknowledged.put(number, summary);
                        }
                    }

                    @Override
                    public void failed(String reason) {
                        // The phone hears again when the line next registers.
                        log.info("Message waiting for {} not delivered to {}: {}", number, binding.contact(), reason);
                    }
                });
            } catch (ParseException | InvalidArgumentException e) {
                log.warn("Message waiting for {} cannot be addressed to {}: {}", number, binding.contact(), e.getMessage());
            }
        }
    }

    /** The body of RFC 3842 5.2: whether messages wait, then new/old (urgent new/old) voice messages. */
    private String summary(Mailboxes.Summary counts) throws ParseException {
        return "Messages-Waiting: " + (counts.unheard() > 0 ? "yes" : "no") + "\r\n"
                + "Message-Account: " + board.address(pilot).getURI() + "\r\n"
                + "Voice-Message: " + counts.unheard() + "/" + counts.heard() + " (0/0)\r\n";
    }

    /** The summary the line's phones last acknowledged (200), if any did. */
    public Optional<String> acknowledged(String number) {
        return Optional.ofNullable(acknowledged.get(number));
    }
}
