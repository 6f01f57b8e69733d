package io.vtgoconnect.itest;

import io.vtgoconnect.api.event.CallManagerConnected;
import io.vtgoconnect.api.event.SoftphoneConnected;
import io.vtgoconnect.api.event.SoftphoneDisconnected;
import io.vtgoconnect.api.transport.LineConfig;
import io.vtgoconnect.api.transport.SoftphoneListener;
import io.vtgoconnect.api.transport.SoftphoneTransport;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A softphone that only starts and stops. Start reports line 1 (2001), then SoftphoneConnected and
 * CallManagerConnected, as a phone that registers at once; stop reports SoftphoneDisconnected. The
 * tests give it no other command, so a proxy answers the rest of the interface with a refusal.
 */
final class TestSoftphone {
    private TestSoftphone() {
    }

    static SoftphoneTransport create() {
        AtomicReference<SoftphoneListener> listener = new AtomicReference<>();
        InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
            case "start" -> {
                SoftphoneListener started = (SoftphoneListener) args[0];
                listener.set(started);
                started.configured(List.of(new LineConfig(1, "2001", "", 1)), List.of());
                started.report(new SoftphoneConnected());
                started.report(new CallManagerConnected());
                yield null;
            }
            case "stop" -> {
                listener.get().report(new SoftphoneDisconnected("stopped"));
                yield null;
            }
            // The service registry and SCR call these.
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "test softphone";
            default -> throw new UnsupportedOperationException(method.getName());
        };
        return (SoftphoneTransport) Proxy.newProxyInstance(TestSoftphone.class.getClassLoader(),
                new Class<?>[] {SoftphoneTransport.class}, handler);
    }
}
