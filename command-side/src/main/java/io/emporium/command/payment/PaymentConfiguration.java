package io.emporium.command.payment;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(PaymentProperties.class)
class PaymentConfiguration {

    @Bean
    PaymentProvider paymentProvider(PaymentProperties properties, ObjectMapper json) {
        return new SimulatorPaymentProvider(properties, json);
    }

    /** A call that failed fails its batch, which is handled again later (Axon's default would log it and go on). */
    @Bean
    ConfigurerModule paymentProcessing() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(OrderPayments.PROCESSOR, c -> PropagatingErrorHandler.instance());
    }
}
