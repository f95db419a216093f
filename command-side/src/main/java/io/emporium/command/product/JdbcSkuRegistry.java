package io.emporium.command.product;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The SKU lookup table. The insert joins the command's transaction (Axon's unit of work runs in a Spring
 * transaction), and the unique key makes a racing second claim wait for the first and then find it taken.
 */
@Component
class JdbcSkuRegistry implements SkuRegistry {

    private final JdbcTemplate jdbc;

    JdbcSkuRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean claim(String sku, String productId) {
        return jdbc.update("INSERT INTO sku_registry (sku, product_id) VALUES (?, ?) ON CONFLICT (sku) DO NOTHING",
                sku, productId) == 1;
    }
}
