package io.emporium.support.axon;

import javax.sql.DataSource;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;

/** Connections of the Spring transaction in progress (the unit of work's), as Axon's JDBC stores take them. */
public final class TransactionConnections {

    private TransactionConnections() {
    }

    public static ConnectionProvider of(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }
}
