package io.emporium.command.product;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.JsonNode;
import io.emporium.command.web.TextRules;
import io.swagger.v3.oas.annotations.media.Schema;

/** Request bodies of the product commands, validated before any command is sent. */
final class ProductRequests {

    static final String CATEGORY = "Where the product is shelved, as a path of up to " + CategoryPath.MAX_LEVELS
            + " levels from the top: `home/kitchen/mugs` (one word is a path of one level).";
    static final String BRAND = "The brand, if any.";
    static final String GROUP = "The article this product is a variant of (the same mug in another colour): products with the same"
            + " group are shown as one hit with its variants. None: an article of its own.";
    static final String GROUP_PATTERN = "[a-z0-9][a-z0-9-]*";
    static final String GROUP_MESSAGE = "lower-case letters, digits and '-' only";
    static final String NAME_PATTERN = "[a-z][a-z0-9-]{0,39}";
    static final String ATTRIBUTES = "Values of declared attributes by name: text, a number (in the attribute's unit) or true/false,"
            + " as the declaration says (`{\"colour\": \"red\", \"capacity\": 45}`).";
    static final String IMAGES = "Images in the order to show them; the first is the product's picture in search.";

    private ProductRequests() {
    }

    @Schema(name = "NewProduct", description = "A product to add to the catalogue.")
    record Create(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*", message = "letters, digits, '.', '_' and '-' only") String sku,
            @NotBlank @Size(max = 200) @Pattern(regexp = TextRules.LINE, message = TextRules.LINE_MESSAGE) String name,
            @NotNull @Size(max = 5000) @Pattern(regexp = TextRules.PARAGRAPH, message = TextRules.PARAGRAPH_MESSAGE) String description,
            @NotBlank @Size(max = 200) @Pattern(regexp = TextRules.LINE, message = TextRules.LINE_MESSAGE) @Schema(description = CATEGORY) String category,
            @NotNull @DecimalMin("0.01") @Digits(integer = 10, fraction = 2) @Schema(maximum = "9999999999.99") BigDecimal price,
            @NotNull @Min(0) @Max(Product.MAX_QUANTITY) Integer initialStock,
            @Size(max = 100) @Pattern(regexp = TextRules.LINE, message = TextRules.LINE_MESSAGE) @Schema(description = BRAND) String brand,
            @Size(max = 64) @Pattern(regexp = GROUP_PATTERN, message = GROUP_MESSAGE) @Schema(description = GROUP) String group,
            @Size(max = 30) @Schema(description = ATTRIBUTES) Map<@Pattern(regexp = NAME_PATTERN) String, JsonNode> attributes,
            @Size(max = 10) @Schema(description = IMAGES) List<@Valid @NotNull Image> images) implements WithCatalogue {
    }

    @Schema(name = "ProductDetails", description = "What a product is called, where it is shelved, its brand, group, attributes and"
            + " images: all of them replace what the product had (leaving one out clears it).")
    record Details(
            @NotBlank @Size(max = 200) @Pattern(regexp = TextRules.LINE, message = TextRules.LINE_MESSAGE) String name,
            @NotNull @Size(max = 5000) @Pattern(regexp = TextRules.PARAGRAPH, message = TextRules.PARAGRAPH_MESSAGE) String description,
            @NotBlank @Size(max = 200) @Pattern(regexp = TextRules.LINE, message = TextRules.LINE_MESSAGE) @Schema(description = CATEGORY) String category,
            @Size(max = 100) @Pattern(regexp = TextRules.LINE, message = TextRules.LINE_MESSAGE) @Schema(description = BRAND) String brand,
            @Size(max = 64) @Pattern(regexp = GROUP_PATTERN, message = GROUP_MESSAGE) @Schema(description = GROUP) String group,
            @Size(max = 30) @Schema(description = ATTRIBUTES) Map<@Pattern(regexp = NAME_PATTERN) String, JsonNode> attributes,
            @Size(max = 10) @Schema(description = IMAGES) List<@Valid @NotNull Image> images) implements WithCatalogue {
    }

    @Schema(name = "ProductImage", description = "A picture of the product at an address of the shop's own, with its alt text.")
    record Image(@NotBlank @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http or https address") String url,
                 @NotBlank @Size(max = 200) @Pattern(regexp = TextRules.LINE, message = TextRules.LINE_MESSAGE) String alt) {
    }

    /** The catalogue fields both requests share. */
    interface WithCatalogue {
        String brand();

        String group();

        Map<String, JsonNode> attributes();

        List<Image> images();
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
