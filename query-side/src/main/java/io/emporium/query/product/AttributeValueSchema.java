package io.emporium.query.product;

import java.math.BigDecimal;

import io.swagger.v3.oas.annotations.media.Schema;

/** The OpenAPI shape of one attribute value in a product's {@code attributes}: text, a number or true/false. */
@Schema(name = "AttributeValue", description = "Text, a number (in the attribute's unit) or true/false, as the attribute is declared.",
        oneOf = {AttributeValueSchema.Text.class, BigDecimal.class, Boolean.class})
interface AttributeValueSchema {

    @Schema(name = "AttributeText", type = "string", maxLength = 100, description = "A TEXT attribute's value.")
    interface Text {
    }
}
