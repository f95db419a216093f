package io.emporium.command.product;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.emporium.api.product.AttributeValue;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.api.product.ProductImage;
import io.emporium.command.InvalidCommandException;

/**
 * A request's brand, group, attribute values and images as the command carries them. An attribute's JSON type says
 * its value's kind; whether the attribute is declared with that type is the product's rule ({@link AttributeValuesCheck}).
 */
final class CatalogueFields {

    static final int MAX_TEXT = 100;
    static final BigDecimal MAX_NUMBER = new BigDecimal("1000000000");

    private CatalogueFields() {
    }

    static CatalogueDetails of(ProductRequests.WithCatalogue request) {
        List<AttributeValue> attributes = new ArrayList<>();
        // by name: the same values give the same event, whatever order they came in
        new TreeMap<>(request.attributes() == null ? Map.<String, JsonNode>of() : request.attributes())
                .forEach((name, value) -> attributes.add(value(name, value)));
        List<ProductImage> images = request.images() == null ? List.of()
                : request.images().stream().map(image -> new ProductImage(image.url(), image.alt().trim())).toList();
        return new CatalogueDetails(blankToNull(request.brand()), blankToNull(request.group()), attributes, images);
    }

    private static AttributeValue value(String name, JsonNode value) {
        if (value != null && value.isTextual()) {
            String text = value.asText().trim();
            if (text.isEmpty() || text.length() > MAX_TEXT || text.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidCommandException("attributes." + name + ": text of 1 to " + MAX_TEXT + " characters on one line");
            }
            return AttributeValue.text(name, text);
        }
        if (value != null && value.isNumber()) {
            BigDecimal number = value.decimalValue().stripTrailingZeros();
            if (number.abs().compareTo(MAX_NUMBER) >= 0 || number.scale() > 4) {
                throw new InvalidCommandException("attributes." + name + ": a number below " + MAX_NUMBER.toPlainString() + " with at most 4 decimals");
            }
            return AttributeValue.number(name, number.scale() < 0 ? number.setScale(0) : number);
        }
        if (value != null && value.isBoolean()) return AttributeValue.flag(name, value.booleanValue());
        throw new InvalidCommandException("attributes." + name + ": text, a number or true/false");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
