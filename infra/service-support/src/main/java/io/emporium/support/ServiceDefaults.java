package io.emporium.support;

import io.emporium.support.security.EmporiumUsers;
import io.emporium.support.security.ProblemSecurityHandlers;
import io.emporium.support.web.ProblemAnswers;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * What both services share: the users and their password check (each service writes its own access rules),
 * and RFC 9457 answers for bad input.
 */
@AutoConfiguration(before = WebMvcAutoConfiguration.class)
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
}
