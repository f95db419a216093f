package io.emporium.command.product;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.emporium.command.web.TextRules;

/** Request bodies of the product commands, validated before any command is sent. */
final class ProductRequests {

    private ProductRequests() {
    }

    record Create(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*", message = "letters, digits, '.', '_' and '-' only") String sku,
            @NotBlank @Size(max = 200) @Pattern(regexp = TextRules.LINE, message = TextRules.LINE_MESSAGE) String name,
            @NotNull @Size(max = 5000) @Pattern(regexp = TextRules.PARAGRAPH, message = TextRules.PARAGRAPH_MESSAGE) String description,
            @NotBlank @Size(max = 100) @Pattern(regexp = TextRules.LINE, message = TextRules.LINE_MESSAGE) String category,
            @NotNull @DecimalMin("0.01") @Digits(integer = 10, fraction = 2) BigDecimal price,
            @NotNull @Min(0) @Max(Product.MAX_QUANTITY) Integer initialStock) {
    }

    record Details(
            @NotBlank @Size(max = 200) @Pattern(regexp = TextRules.LINE, message = TextRules.LINE_MESSAGE) String name,
            @NotNull @Size(max = 5000) @Pattern(regexp = TextRules.PARAGRAPH, message = TextRules.PARAGRAPH_MESSAGE) String description,
            @NotBlank @Size(max = 100) String category) {
    }

    record Price(@NotNull @DecimalMin("0.01") @Digits(integer = 10, fraction = 2) BigDecimal price) {
    }

    record Stock(@NotNull @Min(1) @Max(Product.MAX_QUANTITY) Integer quantity) {
    }

    record Accepted(String productId, long version) {
    }
}
