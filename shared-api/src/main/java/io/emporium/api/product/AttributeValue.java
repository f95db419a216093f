package io.emporium.api.product;

import java.math.BigDecimal;

/**
 * A product's value of a declared attribute: exactly one of text, number or flag, the one its declaration's
 * {@link io.emporium.api.catalogue.AttributeType} names. A number's unit is the declaration's.
 */
public record AttributeValue(String attribute, String text, BigDecimal number, Boolean flag) {

    public static AttributeValue text(String attribute, String text) {
        return new AttributeValue(attribute, text, null, null);
    }

    public static AttributeValue number(String attribute, BigDecimal number) {
        return new AttributeValue(attribute, null, number, null);
    }

    public static AttributeValue flag(String attribute, boolean flag) {
        return new AttributeValue(attribute, null, null, flag);
    }

    /** The value as a shopper reads it, without unit: {@code red}, {@code 45}, {@code yes}. */
    public String shown() {
        if (text != null) return text;
        if (number != null) return number.stripTrailingZeros().toPlainString();
        return Boolean.TRUE.equals(flag) ? "yes" : "no";
    }
}
