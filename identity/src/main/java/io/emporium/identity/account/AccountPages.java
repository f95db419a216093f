package io.emporium.identity.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/** The pages of an account: sign-up, sign-in, the signed-in account (sign out, delete). Plain HTML forms. */
@Controller
class AccountPages {

    private final Accounts accounts;

    AccountPages(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/login")
    String signIn() {
        return "login";
    }

    @GetMapping("/signup")
    String signUpPage(Model model) {
        model.addAttribute("form", new SignUpForm("", ""));
        return "signup";
    }

    @PostMapping("/signup")
    String signUp(@Valid @ModelAttribute("form") SignUpForm form, BindingResult errors, Model model, HttpServletResponse response) {
        if (errors.hasErrors()) {
            response.setStatus(400);
            return "signup";
        }
        if (accounts.signUp(form.email(), form.password()).isEmpty()) {
            response.setStatus(409);
            model.addAttribute("taken", true);
            return "signup";
        }
        return "redirect:/login?registered";
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
