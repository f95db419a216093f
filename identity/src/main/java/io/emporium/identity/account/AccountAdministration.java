package io.emporium.identity.account;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Role admin: finds an account by e-mail and grants it roles (merchant, admin; customer always stays). */
@RestController
@RequestMapping("/api/accounts")
class AccountAdministration {

    record Roles(@NotNull @Size(max = 3) List<String> roles) {
    }

    private final Accounts accounts;

    AccountAdministration(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    Map<String, Object> byEmail(@RequestParam String email) {
        Account account = accounts.byEmail(email).orElseThrow(() -> problem(HttpStatus.NOT_FOUND, "No account has this e-mail."));
        return Map.of("id", account.id(), "email", account.email(), "roles", account.roles());
    }

    @PutMapping("/{id}/roles")
    Map<String, Object> grant(@PathVariable String id, @Valid @RequestBody Roles roles) {
        List<String> unknown = roles.roles().stream().filter(role -> !Account.ROLES.contains(role)).toList();
        if (!unknown.isEmpty()) throw problem(HttpStatus.BAD_REQUEST, "Unknown roles " + unknown + "; roles are " + Account.ROLES + ".");
        if (!accounts.grant(id, roles.roles())) throw problem(HttpStatus.NOT_FOUND, "No account has this id.");
        Account account = accounts.byId(id).orElseThrow();
        return Map.of("id", account.id(), "email", account.email(), "roles", account.roles());
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }
}
