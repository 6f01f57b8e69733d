package io.vtgoconnect.remote.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The remote API's limits: configuration PID {@value #PID}. */
@ObjectClassDefinition(name = "VTGOConnect remote API", description = "JSON over WebSocket at ws://<HTTP service>/vtgo/api: "
        + "what one connection may send and hold.")
@interface RemoteSettings {
    String PID = "io.vtgoconnect.remote";

    @AttributeDefinition(name = "Largest message", description = "Characters of the largest message a client may send; "
            + "a larger one closes the connection (code 1009).")
    int max_message_size() default 65536;

    @AttributeDefinition(name = "Requests a second", description = "Requests a connection may send each second, on "
            + "average; one more is refused with ERROR_LIMIT_EXCEEDED.")
    int requests_per_second() default 200;

    @AttributeDefinition(name = "Request burst", description = "Requests a connection may send at once after a pause.")
    int request_burst() default 400;

    @AttributeDefinition(name = "Queue limit", description = "Messages (replies and events) waiting for a slow client; "
            + "one more closes its connection (code 1008), so that it never delays another's.")
    int queue_limit() default 2000;

    @AttributeDefinition(name = "Idle timeout", description = "Seconds a connection may stay silent both ways.")
    int idle_timeout() default 300;

    @AttributeDefinition(name = "Login timeout", description = "Seconds a new connection has to log in.")
    int login_timeout() default 10;

    @AttributeDefinition(name = "Login delay", description = "Milliseconds before a wrong credential is answered.")
    int login_delay() default 1000;

    @AttributeDefinition(name = "Login attempts", description = "Wrong credentials after which the connection is closed.")
    int login_attempts() default 3;

    @AttributeDefinition(name = "Longest wait", description = "Seconds a waitfor may wait at most.")
    int max_wait() default 3600;
}
