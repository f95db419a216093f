package io.emporium.query.order;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.emporium.query.projection.IndexProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** Lists orders from the orders alias, newest first. */
@Component
class OrderViews {

    private final ElasticsearchClient client;
    private final String alias;

    OrderViews(@Qualifier("searchClient") ElasticsearchClient client, IndexProperties names) {
        this.client = client;
        this.alias = names.alias(OrdersProjection.NAME);
    }

    Page list(String customerId, String status, int page, int size) {
        try {
            SearchResponse<OrderDocument> response = client.search(s -> s.index(alias)
                    .from(page * size).size(size).trackTotalHits(t -> t.enabled(true))
                    .query(q -> q.bool(b -> {
                        if (customerId != null) b.filter(f -> f.term(t -> t.field("customerId").value(customerId)));
                        if (status != null) b.filter(f -> f.term(t -> t.field("status").value(status)));
                        return b;
                    }))
                    .sort(o -> o.field(f -> f.field("placedAt").order(SortOrder.Desc)))
                    .sort(o -> o.field(f -> f.field("orderId").order(SortOrder.Asc))), OrderDocument.class);
            List<OrderView> items = response.hits().hits().stream().map(Hit::source).map(OrderView::of).toList();
            long total = response.hits().total() == null ? items.size() : response.hits().total().value();
            return new Page(total, page, size, items);
        } catch (IOException e) {
            throw new UncheckedIOException("Listing orders failed", e);
        }
    }

    @Schema(name = "OrderPage", description = "One page of orders, newest first.")
    record Page(long total, int page, int size, List<OrderView> items) {
    }
}
