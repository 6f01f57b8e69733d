package io.vtgoconnect.callmanager.internal.calls;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import io.vtgoconnect.media.AudioCodec;
import io.vtgoconnect.media.AudioSink;
import io.vtgoconnect.media.AudioSource;
import io.vtgoconnect.media.DtmfListener;
import io.vtgoconnect.media.G711Codec;
import io.vtgoconnect.media.MediaDirection;
import io.vtgoconnect.sipstack.HostPort;
import io.vtgoconnect.sipstack.MediaAgreement;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The server's SIP and media without a socket: JAIN-SIP's own message factories, and a provider,
 * transactions and dialogs that only record what the server sends, for the tests of its logic.
 */
public final class FakeSip {
    public final List<Response> responses = new ArrayList<>();
    public final List<Request> requests = new ArrayList<>();
    public final List<FakeMedia> media = new ArrayList<>();
    public final SipParts parts = new SipParts(new MessageFactoryImpl(), new HeaderFactoryImpl(), new AddressFactoryImpl(),
            new HostPort("127.0.0.1", 5060), provider(), 0);
    /** Whether a leg's media can be opened (an RTP port is free). */
    public boolean portsFree = true;

    public Media.Ports ports() {
        return first -> {
            if (!portsFree) {
                return Optional.empty();
            }
            FakeMedia opened = new FakeMedia(20_000 + 2 * media.size());
            media.add(opened);
            return Optional.of(opened);
        };
    }

    /** A request as a user agent sends it (lines joined with CRLF, a blank line and the body added). */
    public Request request(String body, String... headers) throws ParseException {
        String text = String.join("\r\n", headers) + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        return parts.messages().createRequest(text);
    }

    /** The server transaction of a request that arrived. */
    public ServerTransaction received(Request request) {
        return (ServerTransaction) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServerTransaction.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRequest" -> request;
                    case "sendResponse" -> responses.add((Response) args[0]);
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    /** The statuses sent so far, in order. */
    public List<Integer> statuses() {
        return responses.stream().map(Response::getStatusCode).toList();
    }

    private SipProvider provider() {
        return (SipProvider) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {SipProvider.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getNewClientTransaction" -> clientTransaction((Request) args[0]);
                    case "getNewDialog" -> dialog(((javax.sip.Transaction) args[0]).getRequest());
                    case "sendResponse" -> responses.add((Response) args[0]);
                    default -> null;
                });
    }

    private ClientTransaction clientTransaction(Request request) {
        Object[] data = new Object[1];
        return (ClientTransaction) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ClientTransaction.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRequest" -> request;
                    case "sendRequest" -> requests.add(request);
                    case "createCancel" -> cancel(request);
                    case "setApplicationData" -> data[0] = args[0];
                    case "getApplicationData" -> data[0];
                    default -> null;
                });
    }

    private Request cancel(Request invite) throws ParseException {
        return like(invite, Request.CANCEL);
    }

    /** A request of the method in the invite's dialog. */
    private static Request like(Request invite, String method) throws ParseException {
        Request request = (Request) invite.clone();
        request.setMethod(method);
        ((javax.sip.header.CSeqHeader) request.getHeader(javax.sip.header.CSeqHeader.NAME)).setMethod(method);
        return request;
    }

    private Dialog dialog(Request invite) {
        return (Dialog) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Dialog.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "createAck" -> like(invite, Request.ACK);
                    case "createRequest" -> like(invite, (String) args[0]);
                    case "sendAck" -> requests.add((Request) args[0]);
                    case "sendRequest" -> requests.add(((ClientTransaction) args[0]).getRequest());
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    /** A leg's audio that goes nowhere, and says where it was told to go. */
    public static final class FakeMedia implements Media {
        private final int port;
        public InetSocketAddress remote;
        public MediaDirection direction;
        public AudioCodec codec = G711Codec.PCMU;
        public boolean closed;

        FakeMedia(int port) {
            this.port = port;
        }

        @Override
        public int port() {
            return port;
        }

        @Override
        public void use(MediaAgreement agreed) {
            codec = agreed.codec();
        }

        @Override
        public void sendTo(InetSocketAddress to, MediaDirection agreed) {
            remote = to;
            direction = agreed;
        }

        @Override
        public void sendDigits(String digits) {
        }

        @Override
        public void setSource(AudioSource source) {
        }

        @Override
        public void setSink(AudioSink sink) {
        }

        @Override
        public void setDtmfListener(DtmfListener listener) {
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
