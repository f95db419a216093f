package io.emporium.query.checkout;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

/** Where an order goes: personal data, stored only encrypted with a key of the customer's (deleted with their account). */
@Schema(name = "ShippingAddress", description = "Where the order is shipped. Personal data: kept encrypted with a key of the customer's"
        + " own, which is deleted with their account.")
public record ShippingAddress(@NotBlank @Size(max = 100) String name,
                              @NotBlank @Size(max = 200) String line1,
                              @Size(max = 200) String line2,
                              @NotBlank @Size(max = 20) String postalCode,
                              @NotBlank @Size(max = 100) String city,
                              @NotBlank @Pattern(regexp = "^[A-Z]{2}$", message = "an ISO 3166 country code, e.g. DE") String country) {
}
