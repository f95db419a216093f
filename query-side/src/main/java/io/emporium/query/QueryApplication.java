package io.emporium.query;

import org.axonframework.springboot.autoconfig.JpaAutoConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Axon's JPA auto-configuration registers the saga entities too; the query side has no sagas, so it wires its
 * token store itself (see {@code persistence.QueryPersistence}) and its schema holds only what it uses.
 */
@SpringBootApplication(exclude = JpaAutoConfiguration.class)
@ConfigurationPropertiesScan
public class QueryApplication {

    public static void main(String[] args) {
        SpringApplication.run(QueryApplication.class, args);
    }
}
