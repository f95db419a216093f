package io.emporium.query.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ElasticsearchAccessTest {

    @Test
    void anApiKeyIsSentAsItIsAndWinsOverAUser() {
        assertThat(ElasticsearchAccess.authorization(" a2V5 ", "emporium_query", "secret")).isEqualTo("ApiKey a2V5");
    }

    @Test
    void aUserIsSentAsBasicCredentials() {
        // "émporium:pa:ss" in UTF-8, base64
        assertThat(ElasticsearchAccess.authorization("", "émporium", "pa:ss")).isEqualTo("Basic w6ltcG9yaXVtOnBhOnNz");
    }

    @Test
    void withNeitherNothingIsSent() {
        assertThat(ElasticsearchAccess.authorization("", "", "")).isNull();
    }
}
