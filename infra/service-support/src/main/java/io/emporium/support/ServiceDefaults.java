package io.emporium.support;

import java.time.Duration;

import io.emporium.support.persistence.TableMaintenance;
import io.emporium.support.web.ProblemAnswers;
import io.emporium.support.web.ProblemErrorReportValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What both services share besides their security ({@link io.emporium.support.security.TokenSecurity}): RFC 9457
 * answers for bad input (also those Tomcat gives before Spring runs), and upkeep of their tables where the database server does none.
 */
@AutoConfiguration(before = WebMvcAutoConfiguration.class, after = JdbcTemplateAutoConfiguration.class)
@Import(ProblemAnswers.class)
public class ServiceDefaults {

    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnClass(name = "org.apache.catalina.valves.ErrorReportValve")
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return ProblemErrorReportValve.installer();
    }

    /** {@code emporium.db.maintenance-interval: 0} turns it off. */
    @Bean
    @ConditionalOnBean(JdbcTemplate.class)
    TableMaintenance tableMaintenance(JdbcTemplate jdbc, @Value("${emporium.db.maintenance-interval:1m}") Duration interval) {
        return new TableMaintenance(jdbc, interval);
    }
}
