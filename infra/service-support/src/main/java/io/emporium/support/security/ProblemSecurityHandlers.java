package io.emporium.support.security;

import java.io.IOException;

import io.emporium.support.web.ProblemAnswerWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 as RFC 9457 problems, like every other error of the services, with the {@code WWW-Authenticate: Bearer}
 * challenge of RFC 6750 (what was wrong with the token, when it was).
 */
public final class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler denial = new BearerTokenAccessDeniedHandler();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        challenge.commence(request, response, e);
        String detail = e instanceof OAuth2AuthenticationException invalid && invalid.getError().getDescription() != null
                ? "The bearer token was refused: " + invalid.getError().getDescription()
                : "A bearer token is required (Authorization: Bearer <token>).";
        ProblemAnswerWriter.write(response, request, HttpStatus.UNAUTHORIZED, detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        denial.handle(request, response, e);
        ProblemAnswerWriter.write(response, request, HttpStatus.FORBIDDEN, "The token's roles do not allow this.");
    }
}
