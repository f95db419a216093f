package io.emporium.identity.web;



import java.time.Duration;
import java.util.List;

import io.emporium.identity.IdentityProperties;
import io.emporium.identity.signin.SignInThrottle;
import io.emporium.identity.signin.SignInThrottleFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Three filter chains: the OpenID provider's endpoints (authorize, token, JWK set, discovery, user info, logout), whose
 * people are sent to the sign-in page; the account administration API (bearer tokens); and the pages (sign-up, sign-in, the account), form based with CSRF protection
 * on every form and sign-ins throttled per account and address.
 */
@Configuration(proxyBeanMethods = false)
class SecurityChains {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerEndpoints(HttpSecurity http, IdentityProperties properties) throws Exception {
        OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, configurer -> configurer.oidc(Customizer.withDefaults()))
                // the pages (storefront, console) fetch discovery, the token endpoint and the JWK set from their origin
                .cors(cors -> cors.configurationSource(pageOrigins(properties)))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    private static CorsConfigurationSource pageOrigins(IdentityProperties properties) {
        CorsConfiguration pages = new CorsConfiguration();
        properties.pageRedirectUris().forEach(uri -> pages.addAllowedOrigin(uri.getScheme() + "://" + uri.getAuthority()));
        pages.setAllowedMethods(List.of("GET", "POST"));
        pages.setAllowedHeaders(List.of("Content-Type", "Authorization"));
        pages.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", pages);
        return source;
    }

    /** The account administration API: bearer tokens of this provider with the admin role. */
    @Bean
    @Order(2)
    SecurityFilterChain administration(HttpSecurity http, JWKSource<SecurityContext> keys) throws Exception {
        JwtAuthenticationConverter roles = new JwtAuthenticationConverter();
        JwtGrantedAuthoritiesConverter fromRolesClaim = new JwtGrantedAuthoritiesConverter();
        fromRolesClaim.setAuthoritiesClaimName("roles");
        fromRolesClaim.setAuthorityPrefix("ROLE_");
        roles.setJwtGrantedAuthoritiesConverter(fromRolesClaim);
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole("admin"))
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.decoder(OAuth2AuthorizationServerConfiguration.jwtDecoder(keys))
                        .jwtAuthenticationConverter(roles)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable()); // bearer tokens only: no cookie a forged page could ride on
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain pages(HttpSecurity http, SignInThrottle throttle) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/signup", "/identity.css", "/favicon.ico", "/error", "/actuator/health/**",
                                "/actuator/health").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login")
                        .successHandler((request, response, authentication) -> {
                            throttle.succeeded(request.getParameter("username"));
                            SavedRequestAwareAuthenticationSuccessHandler back = new SavedRequestAwareAuthenticationSuccessHandler();
                            back.setDefaultTargetUrl("/account"); // signed in here, not sent by a page
                            back.onAuthenticationSuccess(request, response, authentication);
                        })
                        .failureHandler((request, response, exception) -> {
                            throttle.failed(request.getParameter("username"), request.getRemoteAddr());
                            response.sendRedirect(request.getContextPath() + "/login?error");
                        }))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .addFilterBefore(new SignInThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }
}
