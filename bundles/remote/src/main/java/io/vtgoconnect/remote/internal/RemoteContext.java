package io.vtgoconnect.remote.internal;

import java.util.Hashtable;
import org.osgi.framework.Bundle;
import org.osgi.service.http.context.ServletContextHelper;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;

/**
 * The remote API's own whiteboard context, at /vtgo: Pax Web restarts a servlet context whenever a
 * WebSocket endpoint joins or leaves it, and in a context of its own that restart never reaches the
 * call server's servlets (nor theirs this one's sessions).
 */
final class RemoteContext extends ServletContextHelper {
    static final String NAME = "io.vtgoconnect.remote";
    static final String PATH = "/vtgo";

    RemoteContext(Bundle bundle) {
        super(bundle);
    }

    /** The service properties that make it a whiteboard context. */
    static Hashtable<String, Object> properties() {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME, NAME);
        properties.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_PATH, PATH);
        return properties;
    }

    /** The service properties of an element of this context. */
    static Hashtable<String, Object> selected() {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT,
                "(" + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + NAME + ")");
        return properties;
    }
}
