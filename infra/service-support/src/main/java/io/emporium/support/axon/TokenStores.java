package io.emporium.support.axon;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;

import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.serialization.Serializer;

/**
 * The token store both services use: Axon's JPA token store, except that claims name the instance by host and port
 * instead of by process id and host. A service killed and started again on the same host and port takes its
 * segments back at once, instead of handling nothing until the dead process's claims time out. Two live processes
 * never share a host and port; with a random port (tests) each instance gets an id of its own.
 */
public final class TokenStores {

    private TokenStores() {
    }

    public static TokenStore jpa(EntityManagerProvider entityManagerProvider, Serializer serializer, int port, Duration claimTimeout) {
        return JpaTokenStore.builder()
                .entityManagerProvider(entityManagerProvider)
                .serializer(serializer)
                .claimTimeout(claimTimeout)
                .nodeId(nodeId(port))
                .build();
    }

    static String nodeId(int port) {
        if (port <= 0) return UUID.randomUUID().toString();
        try {
            return InetAddress.getLocalHost().getHostName() + ":" + port;
        } catch (UnknownHostException e) {
            return "localhost:" + port;
        }
    }
}
