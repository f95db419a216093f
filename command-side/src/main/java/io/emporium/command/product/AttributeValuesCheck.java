package io.emporium.command.product;

import java.util.Map;

import io.emporium.api.catalogue.AttributeType;
import io.emporium.api.product.AttributeValue;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.command.InvalidCommandException;
import io.emporium.command.attribute.AttributeCatalogue;

/** A product's attribute values must be of declared attributes, each of its declared type. */
final class AttributeValuesCheck {

    private AttributeValuesCheck() {
    }

    static void check(CatalogueDetails catalogue, AttributeCatalogue declared) {
        if (catalogue.attributes().isEmpty()) return;
        Map<String, AttributeType> types = declared.typesOf(catalogue.attributes().stream().map(AttributeValue::attribute).toList());
        for (AttributeValue value : catalogue.attributes()) {
            AttributeType type = types.get(value.attribute());
            if (type == null) throw new InvalidCommandException("attribute '" + value.attribute() + "' is not declared (declare it first)");
            boolean fits = switch (type) {
                case TEXT -> value.text() != null;
                case NUMBER -> value.number() != null;
                case BOOLEAN -> value.flag() != null;
            };
            if (!fits) {
                throw new InvalidCommandException("attribute '" + value.attribute() + "' takes " + switch (type) {
                    case TEXT -> "text";
                    case NUMBER -> "a number";
                    case BOOLEAN -> "true or false";
                });
            }
        }
    }
}
