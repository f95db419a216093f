package io.emporium.query.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.emporium.query.projection.IndexGenerations;
import io.emporium.query.projection.IndexProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The index generations of a projection ({@code products_v1}, {@code products_v2}, …) and the alias in front of
 * them ({@code products}). Settings and mappings live in {@code elasticsearch/<projection>.json}.
 */
@Component
public class ProjectionIndices implements IndexGenerations {

    private static final Logger log = LoggerFactory.getLogger(ProjectionIndices.class);

    private final ElasticsearchClient client;
    private final IndexProperties names;

    public ProjectionIndices(ElasticsearchClient client, IndexProperties names) {
        this.client = client;
        this.names = names;
    }

    @Override
    public IndexProperties names() {
        return names;
    }

    @Override
    public boolean exists(String index) {
        try {
            return client.indices().exists(e -> e.index(index)).value();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates a generation's index unless it exists. A rebuild's index starts without refreshes (and without
     * replicas, as all of ours): it is written in large batches and nobody searches it until it goes live.
     */
    @Override
    public void create(String projection, int generation, boolean forRebuild) {
        String index = names.index(projection, generation);
        try (InputStream definition = new ClassPathResource("elasticsearch/" + projection + ".json").getInputStream()) {
            client.indices().create(c -> c.index(index).withJson(definition));
            String refreshInterval = forRebuild ? "-1" : names.refreshInterval();
            client.indices().putSettings(s -> s.index(index).settings(i -> i.refreshInterval(t -> t.time(refreshInterval))));
            log.info("Created index {}{}", index, forRebuild ? " for a rebuild" : "");
        } catch (ElasticsearchException e) {
            // another instance created it first
            if (!"resource_already_exists_exception".equals(e.error().type())) throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create index " + index, e);
        }
    }

    @Override
    public void addNewFields(String projection, int generation) {
        String index = names.index(projection, generation);
        try (InputStream definition = new ClassPathResource("elasticsearch/" + projection + ".json").getInputStream()) {
            JsonNode mappings = new ObjectMapper().readTree(definition).path("mappings");
            client.indices().putMapping(m -> m.index(index).withJson(new StringReader(mappings.toString())));
        } catch (ElasticsearchException e) {
            log.warn("The mapping of {} changed in a way an existing index cannot follow; rebuild the projection: {}", index, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot update the mapping of " + index, e);
        }
    }

    /** Gives a rebuilt index its normal settings back and makes everything in it searchable. */
    @Override
    public void prepareForSearch(String index) {
        try {
            client.indices().putSettings(s -> s.index(index).settings(i -> i.refreshInterval(t -> t.time(names.refreshInterval()))));
            client.indices().refresh(r -> r.index(index));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The highest generation of the projection that has an index (0: none), live, retired or left over. */
    @Override
    public int highestGeneration(String projection) {
        String prefix = names.alias(projection) + "_v";
        try {
            return client.indices().get(g -> g.index(prefix + "*").ignoreUnavailable(true).allowNoIndices(true))
                    .result().keySet().stream()
                    .map(index -> index.substring(prefix.length()))
                    .filter(suffix -> suffix.matches("\\d{1,9}"))
                    .mapToInt(Integer::parseInt).max().orElse(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Points the alias at one generation, in one atomic {@code _aliases} call; only ever forward: an instance that acts
     * on an older state never moves it back to an older generation.
     *
     * @return whether the alias now points at that generation
     */
    @Override
    public boolean pointAlias(String projection, int generation) {
        String alias = names.alias(projection);
        String index = names.index(projection, generation);
        String prefix = alias + "_v";
        Optional<Integer> current = aliasTarget(projection).filter(target -> target.startsWith(prefix))
                .map(target -> target.substring(prefix.length())).filter(suffix -> suffix.matches("\\d{1,9}")).map(Integer::parseInt);
        if (current.isPresent() && current.get() >= generation) return current.get() == generation;
        try {
            client.indices().updateAliases(u -> u
                    .actions(a -> a.remove(r -> r.index(alias + "_v*").alias(alias).mustExist(false)))
                    .actions(a -> a.add(add -> add.index(index).alias(alias).isWriteIndex(true))));
            log.info("Alias {} now points at {}", alias, index);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move alias " + alias, e);
        }
    }

    /** The index the alias points at, if the alias exists. */
    @Override
    public Optional<String> aliasTarget(String projection) {
        String alias = names.alias(projection);
        try {
            if (!client.indices().existsAlias(a -> a.name(alias)).value()) return Optional.empty();
            return client.indices().getAlias(a -> a.name(alias)).result().keySet().stream().sorted().findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(String index) {
        try {
            client.indices().delete(d -> d.index(index).ignoreUnavailable(true));
            log.info("Deleted index {}", index);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For tests and first starts: the first generation behind its alias. */
    public void ensureFirstGeneration(String projection) {
        create(projection, 1, false);
        if (aliasTarget(projection).isEmpty()) pointAlias(projection, 1);
    }
}
