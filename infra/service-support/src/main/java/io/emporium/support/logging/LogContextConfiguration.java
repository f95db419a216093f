package io.emporium.support.logging;

import io.emporium.support.security.Callers;
import io.emporium.support.security.TokenSecurity;
import org.axonframework.config.ConfigurerModule;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ids {@link LogContext} names, in the log lines of requests and of every event processor's handling. */
@AutoConfiguration(after = TokenSecurity.class)
public class LogContextConfiguration {

    @Bean
    @ConditionalOnBean(Callers.class)
    FilterRegistrationBean<CustomerLogContextFilter> customerLogContext(Callers callers) {
        FilterRegistrationBean<CustomerLogContextFilter> registration = new FilterRegistrationBean<>(new CustomerLogContextFilter(callers));
        // after Spring Security's filters, which verify the token
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ConfigurerModule.class)
    static class AxonLogContext {

        @Bean
        ConfigurerModule aggregateLogContext() {
            return configurer -> configurer.eventProcessing(processing ->
                    processing.registerDefaultHandlerInterceptor((configuration, processor) -> LogContext.aggregateOfMessage()));
        }
    }
}
