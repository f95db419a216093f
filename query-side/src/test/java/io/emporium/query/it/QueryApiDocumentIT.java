package io.emporium.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import io.emporium.testsupport.CommittedApiDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The query API's served OpenAPI document is the committed one, docs/openapi/query.yaml. */
class QueryApiDocumentIT {

    private static QueryService service;

    @BeforeAll
    static void start() {
        service = QueryService.startOnFreshStore();
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
    }

    @Test
    void theServedDocumentIsTheCommittedOne() {
        HttpResponse<String> served = service.get("/v3/api-docs.yaml");
        assertThat(served.statusCode()).isEqualTo(200);
        CommittedApiDocument.assertServedIsCommitted("query", served.body());
    }
}
