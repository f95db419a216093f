package io.emporium.identity.account;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Signs in by e-mail; the signed-in name is the account's id, so that it becomes the subject of the tokens (the
 * customer id of the other services), not the e-mail, which may change and is personal data.
 */
@Component
class AccountUserDetailsService implements UserDetailsService {

    private final Accounts accounts;

    AccountUserDetailsService(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        Account account = accounts.byEmail(email).orElseThrow(() -> new UsernameNotFoundException("no such account"));
        return User.withUsername(account.id()).password(account.passwordHash())
                .authorities(account.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList())
                .build();
    }
}
