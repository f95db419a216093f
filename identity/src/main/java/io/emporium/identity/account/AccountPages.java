package io.emporium.identity.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import io.emporium.identity.IdentityProperties;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The pages of an account: sign-up, sign-in, the signed-in account (sign out, delete). Plain HTML forms. */
@Controller
class AccountPages {

    private final Accounts accounts;
    private final String authorizeUrl;

    AccountPages(Accounts accounts, IdentityProperties properties) {
        this.accounts = accounts;
        this.authorizeUrl = properties.issuer().toString().replaceAll("/$", "") + "/oauth2/authorize?";
    }

    @GetMapping("/login")
    String signIn() {
        return "login";
    }

    /** @param next where a page that sent the person here continues: its authorization request at this provider */
    @GetMapping("/signup")
    String signUpPage(@RequestParam(name = "continue", required = false) String next, Model model) {
        model.addAttribute("form", new SignUpForm("", ""));
        model.addAttribute("next", authorization(next));
        return "signup";
    }

    @PostMapping("/signup")
    String signUp(@Valid @ModelAttribute("form") SignUpForm form, BindingResult errors,
                  @RequestParam(name = "continue", required = false) String next, Model model, HttpServletResponse response) {
        model.addAttribute("next", authorization(next));
        if (errors.hasErrors()) {
            response.setStatus(400);
            return "signup";
        }
        if (accounts.signUp(form.email(), form.password()).isEmpty()) {
            response.setStatus(409);
            model.addAttribute("taken", true);
            return "signup";
        }
        // back into the page's sign-in (which asks for the new account's password), else to the sign-in page
        String authorization = authorization(next);
        return authorization == null ? "redirect:/login?registered" : "redirect:" + authorization;
    }

    /** The authorization request to continue with, only if it is one at this provider (never an open redirect). */
    private String authorization(String next) {
        if (next == null) return null;
        if (next.startsWith(authorizeUrl)) return next.substring(authorizeUrl.length() - "/oauth2/authorize?".length());
        return next.startsWith("/oauth2/authorize?") ? next : null;
    }

    @GetMapping("/account")
    String account(Authentication signedIn, Model model) {
        accounts.byId(signedIn.getName()).ifPresent(account -> model.addAttribute("account", account));
        return "account";
    }

    /** The owner deletes the account: it and its authorizations go; orders stay under its id in the other services. */
    @PostMapping("/account/delete")
    String delete(Authentication signedIn, HttpServletRequest request, HttpServletResponse response) {
        accounts.delete(signedIn.getName());
        new SecurityContextLogoutHandler().logout(request, response, signedIn);
        return "redirect:/login?deleted";
    }
}
