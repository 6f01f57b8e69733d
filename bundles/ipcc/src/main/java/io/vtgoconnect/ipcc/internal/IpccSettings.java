package io.vtgoconnect.ipcc.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where the agent API is and how the agent's state is followed: configuration PID {@value #PID}. */
@ObjectClassDefinition(name = "VTGOConnect IPCC agent",
        description = "The contact-centre agent API (Finesse-style: the embedded call server's ACD, or Cisco Finesse) "
                + "the IPCC commands use, and how they follow the agent's state.")
@interface IpccSettings {
    String PID = "io.vtgoconnect.ipcc";

    @AttributeDefinition(name = "Server URL", description = "The agent API's base, e.g. http://<finesse>:8082/finesse; "
            + "requests go to <url>/api/User/<agent ID>.")
    String server_url() default "http://127.0.0.1:6970/finesse";

    @AttributeDefinition(name = "Mode", description = "push: the server pushes each state change (the embedded ACD's "
            + "server-sent events; a server without them is polled); poll: the agent's User is read every poll interval.")
    String mode() default "push";

    @AttributeDefinition(name = "Poll interval", description = "Milliseconds between two reads of the agent's state when polling.")
    int poll_interval() default 1000;

    @AttributeDefinition(name = "Timeout", description = "Seconds to wait for the agent API.")
    int timeout() default 10;
}
