package io.emporium.support.api;

import java.math.BigDecimal;

import io.swagger.v3.oas.models.media.Schema;

/**
 * Every value in the documents has a bound, so that a client, a gateway or a fuzzer knows what can come: an integer its
 * type's range where the schema names no narrower one, a string the
 * longest text the services take or make (5,000 characters, a description's limit), a list and a map at most what the
 * services return in one answer. Bounds that a schema states itself are kept.
 */
final class Bounds {

    static final int LONGEST_TEXT = 5_000;
    static final int LONGEST_LIST = 1_000;
    static final int MOST_ENTRIES = 100;

    private Bounds() {
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static void of(Schema schema) {
        if (schema == null || schema.get$ref() != null) return;
        String type = schema.getType();
        if ("integer".equals(type)) {
            boolean int32 = "int32".equals(schema.getFormat());
            if (schema.getMinimum() == null) schema.setMinimum(BigDecimal.valueOf(int32 ? Integer.MIN_VALUE : Long.MIN_VALUE));
            if (schema.getMaximum() == null) schema.setMaximum(BigDecimal.valueOf(int32 ? Integer.MAX_VALUE : Long.MAX_VALUE));
        } else if ("string".equals(type)) {
            if (schema.getMaxLength() == null && schema.getEnum() == null) {
                schema.setMaxLength("date-time".equals(schema.getFormat()) ? 40 : LONGEST_TEXT);
            }
        } else if ("array".equals(type)) {
            if (schema.getMaxItems() == null) schema.setMaxItems(LONGEST_LIST);
            of(schema.getItems());
        }
        if (schema.getAdditionalProperties() instanceof Schema values) {
            if (schema.getMaxProperties() == null) schema.setMaxProperties(MOST_ENTRIES);
            of(values);
        }
        if (schema.getProperties() != null) schema.getProperties().values().forEach(property -> of((Schema) property));
        if (schema.getAllOf() != null) schema.getAllOf().forEach(part -> of((Schema) part));
    }
}
