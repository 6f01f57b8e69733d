package io.vtgoconnect.sipstack;

import javax.sip.ClientTransaction;
import javax.sip.message.Response;

/** What becomes of one request the phone sent: its responses, or why none came. */
public interface Exchange {
    void response(Response response, ClientTransaction transaction);

    /** No response will come: a timeout or a transport error, said in a few words. */
    void failed(String reason);

    /** For requests whose answer changes nothing. */
    static Exchange ignored() {
        return new Exchange() {
            @Override
            public void response(Response response, ClientTransaction transaction) {
            }

            @Override
            public void failed(String reason) {
            }
        };
    }
}
