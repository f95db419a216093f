package io.emporium.query.elasticsearch;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/** Makes sure every projection's alias exists before the processors start writing. */
@Component
class ReadModelIndices implements InitializingBean {

    static final String[] PROJECTIONS = {"products", "orders"};

    private final IndexBootstrap bootstrap;

    ReadModelIndices(IndexBootstrap bootstrap) {
        this.bootstrap = bootstrap;
    }

    @Override
    public void afterPropertiesSet() {
        for (String projection : PROJECTIONS) {
            bootstrap.ensureAlias(projection);
        }
    }
}
