package io.emporium.command.web;

import java.util.List;

import io.emporium.support.api.ApiContract;
import io.emporium.support.security.AccessRules;
import io.swagger.v3.oas.models.tags.Tag;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** The command API's OpenAPI document (served at /v3/api-docs, committed as docs/openapi/command.yaml). */
@Configuration
class CommandOpenApi {

    /** The API's version: the minor number grows with compatible additions, the major one would with a breaking change. */
    static final String VERSION = "1.0.0";

    @Bean
    ApiContract commandApiContract(AccessRules access, @Value("${emporium.http.max-body-size}") DataSize bodyLimit) {
        return new ApiContract(new ApiContract.Description("Emporium command API",
                "Changes the catalogue and places, cancels and ships orders. Every change is an event of a product or an order"
                        + " aggregate, stored in PostgreSQL; the answer names the aggregate's version (ETag), which a read on the"
                        + " query API can wait for (minVersion). POSTs take an Idempotency-Key: a retry with the same key never acts"
                        + " twice. Errors are RFC 9457 problems.",
                VERSION, "http://127.0.0.1:8080",
                List.of(new Tag().name("products").description("The catalogue: products, their prices and their stock (merchants)."),
                        new Tag().name("attributes").description("The attributes products may carry (colour, capacity), each declared once"
                                + " with its type, and whether shoppers filter by it (merchants)."),
                        new Tag().name("synonyms").description("Synonym rules of the shop's search, as events of their own (merchants)."),
                        new Tag().name("orders").description("Orders: placed and cancelled by customers, shipped by merchants."),
                        new Tag().name("publishing").description("The public events on Kafka (admins): where publishing is, pause,"
                                + " resume, replay. The events themselves are described in docs/asyncapi/emporium-events.yaml.")),
                List.of(), bodyLimit.toBytes(), true), access);
    }
}
