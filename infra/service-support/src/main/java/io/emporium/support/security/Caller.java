package io.emporium.support.security;

import java.util.Set;

/**
 * Who sent a request: the token's subject, the customer id it carries, and its roles (an admin is a merchant too).
 * Staff (merchants) act on every customer's orders; a customer only on its own.
 */
public record Caller(String subject, String customerId, Set<String> roles) {

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean isStaff() {
        return has(Roles.MERCHANT);
    }
}
