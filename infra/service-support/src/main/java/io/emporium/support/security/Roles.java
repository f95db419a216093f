package io.emporium.support.security;

import java.util.Locale;

/** The roles a token may carry in its roles claim, written as here (case does not matter); an admin is a merchant too. */
public final class Roles {

    public static final String CUSTOMER = "customer";
    public static final String MERCHANT = "merchant";
    public static final String ADMIN = "admin";

    /** How Spring Security's authority of a role begins, which {@code hasRole} and {@code isUserInRole} look for. */
    static final String AUTHORITY_PREFIX = "ROLE_";

    private Roles() {
    }

    static String authority(String role) {
        return AUTHORITY_PREFIX + role.toLowerCase(Locale.ROOT);
    }
}
