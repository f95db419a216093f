package io.emporium.query.web;

import io.emporium.support.security.EmporiumUsers;
import io.emporium.support.security.ProblemSecurityHandlers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/** Product search is public; orders need CLIENT; administration needs ADMIN. */
@Configuration
class QuerySecurity {

    @Bean
    SecurityFilterChain querySecurityFilterChain(HttpSecurity http, ProblemSecurityHandlers problems) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/api/products/search/requests", "/api/products/suggest/requests").hasRole(EmporiumUsers.ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/products/**").permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/v3/api-docs/**", "/swagger-ui/**",
                                "/swagger-ui.html", "/error").permitAll()
                        .requestMatchers("/api/orders/**").hasRole(EmporiumUsers.CLIENT)
                        .anyRequest().hasRole(EmporiumUsers.ADMIN))
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }
}
