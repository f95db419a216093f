package io.emporium.query.projection;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A projection that cannot write (Elasticsearch down, a document it cannot read) must not skip the event: the
 * failure propagates, the batch rolls back, its token does not advance, and the processor retries it with back-off.
 * (Axon's default would log the failure and carry on, losing the event for the read model.)
 */
@Configuration
class ProjectionProcessing {

    @Bean
    ConfigurerModule failedEventsAreRetriedNotSkipped() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }
}
