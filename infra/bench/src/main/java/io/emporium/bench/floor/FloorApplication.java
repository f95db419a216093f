package io.emporium.bench.floor;

import java.util.List;

import io.emporium.support.security.AccessRules;
import io.emporium.support.security.Roles;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;

/**
 * The floor of the write path: the command service's web stack (Tomcat, Spring MVC, Jackson, validation, Spring
 * Security with the same token check, actuator with Prometheus) answering a create with one event-shaped row inserted in
 * one transaction, and nothing else: no Axon, no Hibernate, no aggregate. What a command costs above it is the cost of
 * being a command. Started by {@code infra/emporium bench} with {@code LOADER_MAIN} set to this class.
 */
@SpringBootApplication
public class FloorApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(FloorApplication.class).properties("spring.config.name=floor").run(args);
    }

    /** As the command service: catalogue writes need a merchant. */
    @Bean
    AccessRules floorAccessRules() {
        return AccessRules.builder().roles(HttpMethod.POST, List.of(Roles.MERCHANT), "/floor/**").build();
    }
}
