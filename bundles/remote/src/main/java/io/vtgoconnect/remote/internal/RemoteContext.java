package io.vtgoconnect.remote.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.context.ServletContextHelper;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContext;

/**
 * The remote API's own whiteboard context, at /vtgo: Pax Web restarts a servlet context whenever a
 * WebSocket endpoint joins or leaves it, and in a context of its own that restart never reaches the
 * call server's servlets (nor theirs this one's sessions).
 */
@Component(service = ServletContextHelper.class)
@HttpWhiteboardContext(name = RemoteContext.NAME, path = "/vtgo")
public class RemoteContext extends ServletContextHelper {
    static final String NAME = "io.vtgoconnect.remote";
}
