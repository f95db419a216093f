package io.emporium.query.elasticsearch;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Names of the read model's indices. A prefix lets several stacks (or test runs) share one Elasticsearch.
 */
@ConfigurationProperties("emporium.elasticsearch")
public record IndexProperties(@DefaultValue("") String indexPrefix) {

    /** The alias that searches go through, e.g. {@code products}. */
    public String alias(String projection) {
        return indexPrefix + projection;
    }

    /** The concrete index of one generation, e.g. {@code products_v1}. */
    public String index(String projection, int generation) {
        return alias(projection) + "_v" + generation;
    }
}
