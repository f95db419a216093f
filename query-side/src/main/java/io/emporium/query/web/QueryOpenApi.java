package io.emporium.query.web;

import java.util.List;

import io.emporium.support.api.ApiContract;
import io.emporium.support.security.AccessRules;
import io.swagger.v3.oas.models.tags.Tag;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The query API's OpenAPI document (served at /v3/api-docs, committed as docs/openapi/query.yaml). */
@Configuration
class QueryOpenApi {

    /** The API's version: the minor number grows with compatible additions, the major one would with a breaking change. */
    static final String VERSION = "1.0.0";

    @Bean
    ApiContract queryApiContract(AccessRules access) {
        return new ApiContract(new ApiContract.Description("Emporium query API",
                "Searches the catalogue and reads products and orders from the read model (Elasticsearch), which projections keep"
                        + " up to date from the event store within about a second; reads by id take minVersion to wait for a write."
                        + " Administrators rebuild, verify and repair the projections here. Calls are rate limited (RateLimit-*"
                        + " headers, 429). Errors are RFC 9457 problems.",
                VERSION, "http://127.0.0.1:8081",
                List.of(new Tag().name("search").description("Product search, suggestions and product reads: open to anyone."),
                        new Tag().name("orders").description("Order views: a customer its own, a merchant all."),
                        new Tag().name("merchandising").description("The declared attributes (anyone) and the synonym rules in force"
                                + " (merchants), as search applies them."),
                        new Tag().name("administration").description("Projections: rebuild, verify and repair, dead letters, audit (admins).")),
                List.of("/api/", "/admin/"), 0, false), access);
    }
}
