package io.emporium.support.security;

import java.util.Set;

import io.emporium.support.web.ForbiddenException;

/**
 * Who sent a request: the customer id its token carries, and its roles (an admin is a merchant too).
 * Staff (merchants) act on every customer's orders; a customer only on its own.
 */
public record Caller(String customerId, Set<String> roles) {

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean isStaff() {
        return has(Roles.MERCHANT);
    }

    /** The customer id the token carries; a token without one is refused (403) where a customer acts for itself. */
    public String requireCustomerId() {
        if (customerId == null || customerId.isBlank()) throw new ForbiddenException("The token carries no customer id.");
        return customerId;
    }
}
