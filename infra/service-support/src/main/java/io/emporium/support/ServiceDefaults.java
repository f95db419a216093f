package io.emporium.support;

import java.time.Duration;

import io.emporium.support.persistence.TableMaintenance;
import io.emporium.support.security.EmporiumUsers;
import io.emporium.support.security.ProblemSecurityHandlers;
import io.emporium.support.web.ProblemAnswers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * What both services share: the users and their password check (each service writes its own access rules),
 * RFC 9457 answers for bad input, and upkeep of their tables where the database server does none.
 */
@AutoConfiguration(before = WebMvcAutoConfiguration.class, after = JdbcTemplateAutoConfiguration.class)
@EnableConfigurationProperties(EmporiumUsers.class)
@Import(ProblemAnswers.class)
public class ServiceDefaults {

    @Bean
    InMemoryUserDetailsManager emporiumUserDetails(EmporiumUsers users) {
        return users.userDetailsManager();
    }

    @Bean
    PasswordEncoder emporiumPasswordEncoder() {
        return EmporiumUsers.constantTimeEncoder();
    }

    @Bean
    ProblemSecurityHandlers problemSecurityHandlers() {
        return new ProblemSecurityHandlers();
    }

    /** {@code emporium.db.maintenance-interval: 0} turns it off. */
    @Bean
    @ConditionalOnBean(JdbcTemplate.class)
    TableMaintenance tableMaintenance(JdbcTemplate jdbc, @Value("${emporium.db.maintenance-interval:1m}") Duration interval) {
        return new TableMaintenance(jdbc, interval);
    }
}
