package io.emporium.query.persistence;

import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.model.relational.Sequence;
import org.hibernate.mapping.Table;
import org.hibernate.tool.schema.spi.SchemaFilter;
import org.hibernate.tool.schema.spi.SchemaFilterProvider;

/**
 * Hibernate validates every table the query side maps (its own and the command side's event table), but no
 * sequence: the query side only reads events and never draws a global index, so the command side's sequence is
 * none of its business.
 */
public class ReadOnlyEventsSchemaFilter implements SchemaFilterProvider {

    private static final SchemaFilter TABLES_ONLY = new SchemaFilter() {
        @Override
        public boolean includeNamespace(Namespace namespace) {
            return true;
        }

        @Override
        public boolean includeTable(Table table) {
            return true;
        }

        @Override
        public boolean includeSequence(Sequence sequence) {
            return false;
        }
    };

    @Override
    public SchemaFilter getCreateFilter() {
        return TABLES_ONLY;
    }

    @Override
    public SchemaFilter getDropFilter() {
        return TABLES_ONLY;
    }

    @Override
    public SchemaFilter getTruncatorFilter() {
        return TABLES_ONLY;
    }

    @Override
    public SchemaFilter getMigrateFilter() {
        return TABLES_ONLY;
    }

    @Override
    public SchemaFilter getValidateFilter() {
        return TABLES_ONLY;
    }
}
