package io.emporium.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ProblemAnswerWriterTest {

    @Test
    void writesAnRfc9457ProblemWhateverTheDetailHolds() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/products");
        MockHttpServletResponse response = new MockHttpServletResponse();
        String detail = "a \"quoted\" word, a back\\slash and a\nnew line\u0001";

        ProblemAnswerWriter.write(response, request, HttpStatus.PAYLOAD_TOO_LARGE, detail);

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        JsonNode problem = new ObjectMapper().readTree(response.getContentAsString());
        assertThat(problem.get("status").asInt()).isEqualTo(413);
        assertThat(problem.get("title").asText()).isEqualTo("Payload Too Large");
        assertThat(problem.get("detail").asText()).isEqualTo(detail);
        assertThat(problem.get("instance").asText()).isEqualTo("/api/products");
    }
}
