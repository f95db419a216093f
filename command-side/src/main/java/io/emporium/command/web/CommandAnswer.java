package io.emporium.command.web;

import org.springframework.http.ResponseEntity;

/** What a command answers: the aggregate and its version after the command, also as {@code ETag}. */
public final class CommandAnswer {

    private CommandAnswer() {
    }

    public static <T> ResponseEntity<T> ok(long version, T body) {
        return ResponseEntity.ok().eTag(Long.toString(version)).body(body);
    }
}
