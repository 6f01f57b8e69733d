package io.vtgoconnect.em.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where the Extension Mobility service is and which device logs in: configuration PID {@value #PID}. */
@ObjectClassDefinition(name = "VTGOConnect Extension Mobility",
        description = "The EM service (a CallManager's, or the embedded call server's) and the device users log in to.")
@interface EmSettings {
    String PID = "io.vtgoconnect.em";

    @AttributeDefinition(name = "Service URL", description = "The EM API, on CallManager http://<host>:8080/emservice/EMServiceServlet.")
    String service_url() default "http://127.0.0.1:6970/emservice/EMServiceServlet";

    @AttributeDefinition(name = "Device name", description = "The phone users log in to, as the call server knows it; "
            + "empty: the device of the phone the command acts on.")
    String device_name() default "";

    @AttributeDefinition(name = "Application user", description = "An application user with proxy rights to log users in; "
            + "empty: each user logs in with their own ID and PIN.")
    String app_user() default "";

    @AttributeDefinition(name = "Application password", description = "The application user's password (never shown).")
    String _app_password() default "";

    @AttributeDefinition(name = "Timeout", description = "Seconds to wait for the EM service.")
    int timeout() default 10;
}
