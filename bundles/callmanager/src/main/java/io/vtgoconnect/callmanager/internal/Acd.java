package io.vtgoconnect.callmanager.internal;

/**
 * The contact-centre ACD of the call server: the agents' states, the queues on their pilot
 * numbers and the agent API with its push channel on the server's HTTP port.
 */
final class Acd implements AutoCloseable {
    private final AcdPush push;

    private Acd(AcdPush push) {
        this.push = push;
    }

    static Acd start(SipServer server, Directory directory, AcdConfiguration configuration, DeviceConfigurations http) {
        AcdAgents agents = new AcdAgents(configuration, directory, server.worker());
        AcdQueues queues = new AcdQueues(server.board(), server.routing(), configuration, agents, server.worker());
        AcdPush push = new AcdPush();
        agents.listen(push::publish);
        agents.listen(queues::agentChanged);
        server.add(queues);
        AcdApi.serve(http, configuration, agents, push, server.worker());
        return new Acd(push);
    }

    @Override
    public void close() {
        push.close();
    }
}
