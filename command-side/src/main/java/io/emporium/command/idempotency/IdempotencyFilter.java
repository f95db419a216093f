package io.emporium.command.idempotency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.emporium.command.web.CachedBodyRequest;
import io.emporium.command.web.CommandDispatcher;
import io.emporium.support.web.ProblemAnswerWriter;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on a POST: the first request is handled and its answer kept; a repeat with the same key
 * and body gets that answer again and changes nothing; the same key with another body is 422; a repeat while the
 * first is still being handled (its lease has not passed) is 409. Keys are per caller (token subject). A 5xx answer is not kept and
 * ends the lease, so the client may retry at once; the command carries the key, so that a retry finds what a command
 * that committed after all answered ({@link IdempotentCommandInterceptor}) instead of acting twice.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 200;

    private final IdempotencyStore store;

    public IdempotencyFilter(IdempotencyStore store) {
        this.store = store;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HEADER).trim();
        if (header.isEmpty() || header.length() > MAX_KEY_LENGTH) {
            ProblemAnswerWriter.write(response, request, HttpStatus.BAD_REQUEST, "Idempotency-Key must have 1 to " + MAX_KEY_LENGTH + " characters.");
            return;
        }
        // scoped to the caller (the token's subject, length first so that no subject and key run into another pair)
        String caller = request.getUserPrincipal() == null ? "" : request.getUserPrincipal().getName();
        String key = caller.length() + ":" + caller + ":" + header;
        byte[] body = request instanceof CachedBodyRequest cached ? cached.body() : new byte[0];
        IdempotencyStore.Claim claim;
        try {
            claim = store.claim(key, hash(request, body));
        } catch (DataAccessException unavailable) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            ProblemAnswerWriter.write(response, request, HttpStatus.SERVICE_UNAVAILABLE,
                    "The database cannot be reached right now; nothing was stored. Try again shortly.");
            return;
        }
        switch (claim.kind()) {
            case DIFFERENT_REQUEST -> ProblemAnswerWriter.write(response, request, HttpStatus.UNPROCESSABLE_ENTITY,
                    "This Idempotency-Key was used for a different request.");
            case IN_PROGRESS -> ProblemAnswerWriter.write(response, request, HttpStatus.CONFLICT,
                    "A request with this Idempotency-Key is still being handled; try again shortly.");
            case ANSWERED -> replay(response, claim.answer());
            case NEW -> handleFirst(request, response, chain, key);
        }
    }

    private void handleFirst(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String key)
            throws ServletException, IOException {
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        request.setAttribute(CommandDispatcher.META_DATA_ATTRIBUTE, Map.of(IdempotentCommandInterceptor.KEY, key));
        try {
            chain.doFilter(request, recorded);
        } catch (ServletException | IOException | RuntimeException e) {
            store.endLease(key);
            throw e;
        }
        if (recorded.getStatus() >= 500) {
            store.endLease(key);
        } else {
            store.answer(key, new IdempotencyStore.StoredAnswer(recorded.getStatus(), recorded.getHeader(HttpHeaders.LOCATION),
                    recorded.getHeader(HttpHeaders.ETAG), recorded.getContentType(), recorded.getContentAsByteArray()));
        }
        recorded.copyBodyToResponse();
    }

    private static void replay(HttpServletResponse response, IdempotencyStore.StoredAnswer answer) throws IOException {
        response.setStatus(answer.status());
        if (answer.location() != null) response.setHeader(HttpHeaders.LOCATION, answer.location());
        if (answer.etag() != null) response.setHeader(HttpHeaders.ETAG, answer.etag());
        if (answer.contentType() != null) response.setContentType(answer.contentType());
        response.setHeader("Idempotent-Replayed", "true");
        if (answer.body() != null) response.getOutputStream().write(answer.body());
    }

    private static String hash(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((request.getMethod() + " " + request.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
