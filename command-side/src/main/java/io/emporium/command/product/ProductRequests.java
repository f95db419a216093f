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
import io.swagger.v3.oas.annotations.media.Schema;

/** Request bodies of the product commands, validated before any command is sent. */
final class ProductRequests {

    private ProductRequests() {
    }

    @Schema(name = "NewProduct", description = "A product to add to the catalogue.")
    record Create(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*", message = "letters, digits, '.', '_' and '-' only") String sku,
            @NotBlank @Size(max = 200) @Pattern(regexp = TextRules.LINE, message = TextRules.LINE_MESSAGE) String name,
            @NotNull @Size(max = 5000) @Pattern(regexp = TextRules.PARAGRAPH, message = TextRules.PARAGRAPH_MESSAGE) String description,
            @NotBlank @Size(max = 100) @Pattern(regexp = TextRules.LINE, message = TextRules.LINE_MESSAGE) String category,
            @NotNull @DecimalMin("0.01") @Digits(integer = 10, fraction = 2) @Schema(maximum = "9999999999.99") BigDecimal price,
            @NotNull @Min(0) @Max(Product.MAX_QUANTITY) Integer initialStock) {
    }

    @Schema(name = "ProductDetails", description = "What a product is called and where it is shelved.")
    record Details(
            @NotBlank @Size(max = 200) @Pattern(regexp = TextRules.LINE, message = TextRules.LINE_MESSAGE) String name,
            @NotNull @Size(max = 5000) @Pattern(regexp = TextRules.PARAGRAPH, message = TextRules.PARAGRAPH_MESSAGE) String description,
            @NotBlank @Size(max = 100) String category) {
    }

    @Schema(name = "ProductPrice", description = "A new price, in the shop's currency.")
    record Price(@NotNull @DecimalMin("0.01") @Digits(integer = 10, fraction = 2) @Schema(maximum = "9999999999.99") BigDecimal price) {
    }

    @Schema(name = "ReceivedStock", description = "Units received into stock.")
    record Stock(@NotNull @Min(1) @Max(Product.MAX_QUANTITY) Integer quantity) {
    }

    @Schema(name = "ProductChange", description = "The product a command changed, and its version after it.")
    record Accepted(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 64) String productId,
                    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0") long version) {
    }
}
