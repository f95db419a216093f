package io.emporium.identity.account;

import java.util.List;

/**
 * A person who signs in. Its id is the subject of its tokens, which the command and query services take as the
 * customer id; roles are customer (every account), merchant and admin (granted by an administrator).
 */
public record Account(String id, String email, String passwordHash, List<String> roles) {

    public static final List<String> ROLES = List.of("customer", "merchant", "admin");
}
