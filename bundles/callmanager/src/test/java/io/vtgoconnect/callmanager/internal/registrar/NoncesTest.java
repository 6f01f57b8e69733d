package io.vtgoconnect.callmanager.internal.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Nonces are bound to their realm, expire, and count the answers made with them. */
class NoncesTest {
    private final AtomicLong now = new AtomicLong();
    private final Nonces nonces = new Nonces(1000, now::get);

    @Test
    void eachCountIsUsedOnceAndOnlyUpwards() {
        String nonce = nonces.issue("vtgoconnect");
        assertEquals(Nonces.Check.FRESH, nonces.use(nonce, "vtgoconnect", "00000001"));
        assertEquals(Nonces.Check.REFUSED, nonces.use(nonce, "vtgoconnect", "00000001"));
        assertEquals(Nonces.Check.FRESH, nonces.use(nonce, "vtgoconnect", "00000003"));
        assertEquals(Nonces.Check.REFUSED, nonces.use(nonce, "vtgoconnect", "00000002"));
    }

    @Test
    void aNonceOfAnotherRealmAnUnknownOneOrAMissingCountIsRefused() {
        String nonce = nonces.issue("vtgoconnect");
        assertEquals(Nonces.Check.REFUSED, nonces.use(nonce, "elsewhere", "00000001"));
        assertEquals(Nonces.Check.REFUSED, nonces.use("0123456789abcdef", "vtgoconnect", "00000001"));
        assertEquals(Nonces.Check.REFUSED, nonces.use(nonce, "vtgoconnect", null));
        assertEquals(Nonces.Check.REFUSED, nonces.use(nonce, "vtgoconnect", "zz"));
        assertNotEquals(nonce, nonces.issue("vtgoconnect"));
    }

    @Test
    void anExpiredNonceIsStaleOnceThenUnknown() {
        String nonce = nonces.issue("vtgoconnect");
        now.addAndGet(1000);
        assertEquals(Nonces.Check.STALE, nonces.use(nonce, "vtgoconnect", "00000001"));
        assertEquals(Nonces.Check.REFUSED, nonces.use(nonce, "vtgoconnect", "00000002"));
    }
}
