package io.emporium.command.attribute;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import io.emporium.api.catalogue.AttributeType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The attribute lookup table; inserts join the command's transaction, like the SKU registry's. */
@Component
class JdbcAttributeCatalogue implements AttributeCatalogue {

    private final JdbcTemplate jdbc;

    JdbcAttributeCatalogue(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean declare(String name, AttributeType type) {
        return jdbc.update("INSERT INTO attribute_catalogue (name, type) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", name, type.name()) == 1;
    }

    @Override
    public Map<String, AttributeType> typesOf(Collection<String> names) {
        Map<String, AttributeType> types = new HashMap<>();
        if (names.isEmpty()) return types;
        jdbc.query(con -> {
            var statement = con.prepareStatement("SELECT name, type FROM attribute_catalogue WHERE name = ANY (?)");
            statement.setArray(1, con.createArrayOf("varchar", names.toArray()));
            return statement;
        }, row -> {
            types.put(row.getString(1), AttributeType.valueOf(row.getString(2)));
        });
        return types;
    }
}
