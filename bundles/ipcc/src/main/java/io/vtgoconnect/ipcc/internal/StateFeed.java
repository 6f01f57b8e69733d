package io.vtgoconnect.ipcc.internal;

/** How the client follows the state the ACD confirms for the logged-in agent: pushed, or polled. */
interface StateFeed extends AutoCloseable {
    /** Stops following. */
    @Override
    void close();
}
