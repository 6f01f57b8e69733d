package io.vtgoconnect.remote.internal;

import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.context.ServletContextHelper;
import org.osgi.service.http.whiteboard.annotations.RequireHttpWhiteboard;

/**
 * Puts the remote API on the HTTP Whiteboard: its endpoint first, then its context. Pax Web's
 * whiteboard looks for an element's context and then records the element, in two steps; an HTTP
 * service arriving in between (as when Karaf installs Pax Web and this bundle together) registers
 * the context without the element, which then waits for a context change that never comes, and
 * the API answers 404. A context registered after the element is recorded is such a change, in
 * whatever order the HTTP service arrives: the element is matched to it then.
 */
@Component(immediate = true, service = {})
@RequireHttpWhiteboard
public class RemoteWhiteboard {
    /** Pax Web's service property that makes a JSR 356 endpoint object a whiteboard element. */
    private static final String WEBSOCKET = "org.ops4j.pax.web.http.whiteboard.websocket";

    private final ServiceRegistration<?> endpoint;
    private final ServiceRegistration<ServletContextHelper> context;

    @Activate
    public RemoteWhiteboard(@Reference RemoteEndpoint api, BundleContext bundleContext) {
        Hashtable<String, Object> element = RemoteContext.selected();
        element.put(WEBSOCKET, Boolean.TRUE);
        // Service events are delivered before registerService returns: the whiteboard has recorded the endpoint.
        endpoint = bundleContext.registerService(Object.class, api, element);
        context = bundleContext.registerService(ServletContextHelper.class, new RemoteContext(bundleContext.getBundle()),
                RemoteContext.properties());
    }

    @Deactivate
    void deactivate() {
        context.unregister();
        endpoint.unregister();
    }
}
