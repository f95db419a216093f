package io.emporium.support.api;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.PropertySource;

/** springdoc's settings for both services' documents; each service declares its {@link ApiContract}. */
@AutoConfiguration
@PropertySource("classpath:emporium-api.properties")
public class ApiDocumentation {
}
