package io.emporium.query.persistence;

import java.time.Duration;
import javax.sql.DataSource;

import io.emporium.support.axon.TokenStores;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.eventhandling.deadletter.jpa.DeadLetterEntry;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.util.jpa.ContainerManagedEntityManagerProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The query service's own database ({@code EMPORIUM_QUERY_DB_*}): dead letters (JPA), tokens (Axon's JDBC token
 * store), projection state and audit (plain JDBC), all in schema {@code query}. The event log is read through another
 * connection (eventlog).
 */
@Configuration
@EntityScan(basePackageClasses = DeadLetterEntry.class)
class QueryPersistence {

    @Bean
    EntityManagerProvider entityManagerProvider() {
        return new ContainerManagedEntityManagerProvider();
    }

    /** See {@link TokenStores}: a restarted instance takes its projections' segments back at once. */
    @Bean
    TokenStore tokenStore(Serializer serializer, DataSource dataSource, @Value("${server.port}") int port,
                          @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        return TokenStores.jdbc(dataSource, serializer, port, claimTimeout);
    }
}
