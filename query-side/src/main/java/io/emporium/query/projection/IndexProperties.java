package io.emporium.query.projection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Names of the read model's indices (a prefix lets several stacks or test runs share one Elasticsearch), and how
 * often a live index is refreshed: a change becomes searchable at the first refresh after its bulk request.
 */
@ConfigurationProperties("emporium.elasticsearch")
public record IndexProperties(@DefaultValue("") String indexPrefix, @DefaultValue("500ms") String refreshInterval) {

    /** The alias that searches go through, e.g. {@code products}. */
    public String alias(String projection) {
        return indexPrefix + projection;
    }

    /** The concrete index of one generation, e.g. {@code products_v1}. */
    public String index(String projection, int generation) {
        return alias(projection) + "_v" + generation;
    }
}
