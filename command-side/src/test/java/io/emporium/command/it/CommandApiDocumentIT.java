package io.emporium.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import io.emporium.testsupport.CommittedApiDocument;
import io.emporium.testsupport.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The command API's served OpenAPI document is the committed one, docs/openapi/command.yaml. */
class CommandApiDocumentIT {

    private static CommandService service;

    @BeforeAll
    static void start() {
        service = CommandService.start(TestServices.newDatabase());
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
    }

    @Test
    void theServedDocumentIsTheCommittedOne() {
        HttpResponse<String> served = service.get("/v3/api-docs.yaml");
        assertThat(served.statusCode()).isEqualTo(200);
        CommittedApiDocument.assertServedIsCommitted("command", served.body());
    }
}
