package io.emporium.query.projection;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How projection processors run; see the README's configuration table. */
@ConfigurationProperties("emporium.projections")
public record ProjectionSettings(@DefaultValue("2") int segments,
                                 @DefaultValue("2") int threads,
                                 @DefaultValue("100") int batchSize,
                                 @DefaultValue("1000") int rebuildBatchSize,
                                 @DefaultValue("1000") long tokenClaimIntervalMillis,
                                 @DefaultValue("100ms") Duration fetchDelay,
                                 @DefaultValue("1000") long superviseIntervalMillis,
                                 @DefaultValue("PT1H") Duration retiredIndexGracePeriod,
                                 @DefaultValue("false") boolean keepRetiredIndices,
                                 @DefaultValue("1024") int deadLetterMaxSequences,
                                 @DefaultValue("1024") int deadLetterMaxSequenceSize) {
}
