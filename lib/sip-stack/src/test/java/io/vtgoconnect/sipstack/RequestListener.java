package io.vtgoconnect.sipstack;

import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;

/** A test's listener that serves requests only: it sends none, so responses and timeouts never concern it. */
public interface RequestListener extends MessageListener {
    @Override
    default void processResponse(ResponseEvent event) {
    }

    @Override
    default void processTimeout(TimeoutEvent event) {
    }
}
