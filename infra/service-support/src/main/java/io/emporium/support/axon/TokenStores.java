package io.emporium.support.axon;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;

import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;

/**
 * The token store both services use: Axon's JDBC token store over the {@code token_entry} table (the column names
 * of Axon's JPA entry, which wrote it first; storing a token through JPA was 9% of the query service's CPU), on the
 * connection of the processor's own transaction. Claims name the instance by host and port instead of by process id
 * and host: a service killed and started again on the same host and port takes its segments back at once, instead of
 * handling nothing until the dead process's claims time out. Two live processes never share a host and port; with a
 * random port (tests) each instance gets an id of its own.
 */
public final class TokenStores {

    private TokenStores() {
    }

    public static TokenStore jdbc(DataSource dataSource, Serializer serializer, int port, Duration claimTimeout) {
        return JdbcTokenStore.builder()
                .connectionProvider(TransactionConnections.of(dataSource))
                .serializer(serializer)
                .schema(TokenSchema.builder()
                        .setTokenTable("token_entry")
                        .setProcessorNameColumn("processor_name")
                        .setSegmentColumn("segment")
                        .setTokenColumn("token")
                        .setTokenTypeColumn("token_type")
                        .setTimestampColumn("timestamp")
                        .setOwnerColumn("owner")
                        .build())
                .contentType(byte[].class)
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
