package io.emporium.identity.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What the sign-up page sends: an e-mail as the user name, and a password of 12 to 128 characters. */
public record SignUpForm(@NotBlank @Email @Size(max = 254) String email,
                         @NotBlank @Size(min = 12, max = 128) String password) {
}
