package io.emporium.query.projection;

import java.util.List;
import java.util.Optional;

import io.emporium.support.web.NotFoundException;
import org.springframework.stereotype.Component;

/** Every projection of the read model, by name: the one list the processors, health, metrics and admin API use. */
@Component("projectionRegistry") // "projections" is the health component
public class Projections {

    private final List<DocumentProjection<?>> all;

    public Projections(List<DocumentProjection<?>> all) {
        this.all = List.copyOf(all);
    }

    public List<DocumentProjection<?>> all() {
        return all;
    }

    public Optional<DocumentProjection<?>> named(String name) {
        return all.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** @throws NotFoundException (404) naming the projections there are */
    public DocumentProjection<?> require(String name) {
        return named(name).orElseThrow(() -> new NotFoundException("No projection '" + name + "'; there are "
                + all.stream().map(DocumentProjection::name).toList()));
    }

    public List<String> names() {
        return all.stream().map(DocumentProjection::name).toList();
    }
}
