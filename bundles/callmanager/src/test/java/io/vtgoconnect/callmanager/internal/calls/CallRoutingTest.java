package io.vtgoconnect.callmanager.internal.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.callmanager.internal.TestLogs;
import io.vtgoconnect.callmanager.internal.directory.Directory;
import io.vtgoconnect.callmanager.internal.directory.DirectoryLine;
import io.vtgoconnect.callmanager.internal.registrar.Authenticator;
import io.vtgoconnect.callmanager.internal.registrar.BindingStore;
import io.vtgoconnect.callmanager.internal.registrar.Nonces;
import io.vtgoconnect.callmanager.internal.registrar.Registrar;
import io.vtgoconnect.testing.config.ConfigAnnotations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a call goes, with no socket: a service's number to the service, a line to all its
 * registered contacts at once (the first answer wins, the others are cancelled), an unknown number
 * 404, a line nobody registered 480, a redirect followed.
 */
class CallRoutingTest {
    private final FakeSip sip = new FakeSip();
    private final TestLogs logs = new TestLogs();
    private final Directory directory = new Directory();
    private final Switchboard board = new Switchboard(sip.parts, sip.ports(), logs.factory());
    private final List<NumberService> services = new CopyOnWriteArrayList<>();
    private final CallRouting routing;

    /** Line 2002 registered twice (two phones), 2003 never; 6000 a service that answers. */
    CallRoutingTest(@TempDir Path folder) throws Exception {
        for (String number : new String[] {"2001", "2002", "2003"}) {
            directory.add(new DirectoryLine(ConfigAnnotations.of(DirectoryLine.Settings.class, Map.of("number", number))));
        }
        Path kept = folder.resolve("registrations.txt");
        long later = System.currentTimeMillis() + 600_000;
        Files.writeString(kept, "2002 " + later + " sip:2002@127.0.0.1:5071\n2002 " + later + " sip:2002@127.0.0.1:5072\n");
        Registrar registrar = new Registrar(sip.parts, directory, new Authenticator(sip.parts, directory, "vtgoconnect",
                Authenticator.algorithms("MD5"), new Nonces(60_000, System::currentTimeMillis)), 3600,
                BindingStore.in(kept, logs.factory().getLogger(BindingStore.class)), System::currentTimeMillis, number -> { });
        routing = new CallRouting(board, registrar, directory, services);
    }

    private ServerTransaction invite(String number) throws Exception {
        return sip.received(sip.request("", "INVITE sip:" + number + "@127.0.0.1:5060 SIP/2.0",
                "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-" + number, "From: <sip:2001@127.0.0.1>;tag=a1",
                "To: <sip:" + number + "@127.0.0.1>", "Call-ID: call-" + number, "CSeq: 1 INVITE",
                "Contact: <sip:2001@127.0.0.1:5070>", "Max-Forwards: 70"));
    }

    @Test
    void aLineRingsAtEveryContactAndTheFirstAnswerWins() throws Exception {
        routing.invited(invite("2002"));
        List<Request> invites = sip.requests.stream().filter(request -> request.getMethod().equals(Request.INVITE)).toList();
        assertEquals(List.of("sip:2002@127.0.0.1:5071", "sip:2002@127.0.0.1:5072"),
                invites.stream().map(request -> request.getRequestURI().toString()).sorted().toList());
        answer(invites.get(0), 180);
        assertEquals(List.of(180), sip.statuses());
        answer(invites.get(1), 200);
        assertEquals(List.of(180, 200), sip.statuses());
        assertTrue(sip.requests.stream().anyMatch(request -> request.getMethod().equals(Request.CANCEL)
                && request.getRequestURI().equals(invites.get(0).getRequestURI())), "the other phone stops ringing");
        Leg caller = board.legs().stream().filter(leg -> leg.side() == Leg.Side.CALLER).findFirst().orElseThrow();
        assertEquals("2001", caller.line());
        assertEquals(2, caller.bridge().orElseThrow().parties().size());
    }

    @Test
    void anUnknownNumberIs404AndALineNobodyRegisteredIs480() throws Exception {
        routing.invited(invite("9999"));
        routing.invited(invite("2003"));
        assertEquals(List.of(404, 480), sip.statuses());
        assertTrue(board.legs().isEmpty());
    }

    @Test
    void whenEveryContactRefusesTheCallerHearsBusyOverTheFirstRefusal() throws Exception {
        routing.invited(invite("2002"));
        answer(sip.requests.get(0), 603);
        answer(sip.requests.get(1), 486);
        assertEquals(List.of(486), sip.statuses());
    }

    @Test
    void aServicesNumberGoesToTheServiceAndARedirectIsFollowedThere() throws Exception {
        List<String> taken = new ArrayList<>();
        services.add(new NumberService() {
            @Override
            public boolean handles(String number) {
                return number.equals("6000");
            }

            @Override
            public void take(Leg caller, String number, Optional<String> divertedFrom) {
                taken.add(number + " from " + caller.number() + " diverted from " + divertedFrom.orElse("nobody"));
                board.answer(caller);
            }
        });
        routing.invited(invite("2002"));
        Response redirect = response(sip.requests.get(0), 302);
        redirect.addHeader(sip.parts.headers().createContactHeader(sip.parts.addresses().createAddress("sip:6000@127.0.0.1")));
        board.responded(new ResponseEvent(this, null, null, redirect));
        assertEquals(List.of("6000 from 2001 diverted from 2002"), taken);
        assertEquals(List.of(200), sip.statuses());
    }

    private void answer(Request invite, int status) throws Exception {
        board.responded(new ResponseEvent(this, null, null, response(invite, status)));
    }

    private Response response(Request invite, int status) throws Exception {
        Response response = sip.parts.messages().createResponse(status, invite);
        ((ToHeader) response.getHeader(ToHeader.NAME)).setTag("to-" + ((CallIdHeader) invite.getHeader(CallIdHeader.NAME))
                .getCallId().hashCode());
        if (status == 200) {
            response.setContent("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio 30002 RTP/AVP 0\r\n", sip.parts.headers().createContentTypeHeader("application", "sdp"));
        }
        return response;
    }
}
