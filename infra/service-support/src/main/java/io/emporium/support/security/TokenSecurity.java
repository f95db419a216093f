package io.emporium.support.security;

import java.time.Clock;
import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Both services are OAuth2 resource servers: every caller is who its bearer token (a JWT from any OpenID Connect
 * provider, or from the local key pair of {@code infra/emporium}) says, with the roles it carries. Each service
 * declares its {@link AccessRules}; this applies them and answers 401 and 403 as problems (ApiContract documents them).
 */
@AutoConfiguration(before = {SecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class})
@EnableConfigurationProperties({IdentityProperties.class, OAuth2ResourceServerProperties.class})
@PropertySource("classpath:emporium-identity.properties")
public class TokenSecurity {

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(OAuth2ResourceServerProperties properties, IdentityProperties identity) {
        JwtDecoder decoder = TokenDecoders.of(properties.getJwt(), identity);
        return identity.verifiedTokenCache() <= 0 ? decoder
                : new VerifiedTokens(decoder, identity.verifiedTokenCache(), identity.verifiedTokenTtl(), identity.clockSkew(), Clock.systemUTC());
    }

    @Bean
    Callers callers(IdentityProperties identity) {
        return new Callers(identity);
    }

    @Bean
    ProblemSecurityHandlers problemSecurityHandlers() {
        return new ProblemSecurityHandlers();
    }

    @Bean
    SecurityFilterChain emporiumSecurityFilterChain(HttpSecurity http, AccessRules access, IdentityProperties identity,
                                                    ProblemSecurityHandlers problems) throws Exception {
        JwtAuthenticationConverter tokens = new JwtAuthenticationConverter();
        tokens.setJwtGrantedAuthoritiesConverter(new TokenRoles(identity.rolesClaim()));
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .cors(cors -> cors.configurationSource(cors(identity.corsOrigins())))
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers(AccessRules.ALWAYS_OPEN.toArray(String[]::new)).permitAll();
                    for (AccessRules.Rule rule : access.rules()) {
                        var matched = rule.method() == null ? auth.requestMatchers(rule.pattern()) : auth.requestMatchers(rule.method(), rule.pattern());
                        if (rule.roles().isEmpty()) matched.permitAll();
                        else matched.hasAnyRole(rule.roles().toArray(String[]::new));
                    }
                    auth.anyRequest().hasRole(Roles.ADMIN);
                })
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(tokens))
                        .authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }

    /** No origin may call from a browser unless configured ({@code EMPORIUM_CORS_ORIGINS}). */
    private static UrlBasedCorsConfigurationSource cors(List<String> origins) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (origins.isEmpty()) return source;
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(origins.stream().map(String::trim).filter(o -> !o.isEmpty()).toList());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
        cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.IF_MATCH, "Idempotency-Key"));
        cors.setExposedHeaders(List.of(HttpHeaders.ETAG, HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER));
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
