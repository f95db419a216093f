package io.emporium.bench.floor;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A create product request, as the command service takes it, stored as one row shaped like an event. */
@RestController
class FloorController {

    record CreateProduct(@NotBlank String sku, @NotBlank String name, String description, @NotBlank String category,
                         @NotNull BigDecimal price, @PositiveOrZero int initialStock) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    FloorController(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @PostMapping("/floor/products")
    @Transactional
    ResponseEntity<Map<String, Object>> create(@Valid @RequestBody CreateProduct product) throws JsonProcessingException {
        String id = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO floor_event (aggregate_identifier, sequence_number, type, event_identifier, payload_type,"
                        + " payload, meta_data, time_stamp) VALUES (?, 0, 'Product', ?, 'ProductCreatedEvent', ?, ?, ?)",
                id, UUID.randomUUID().toString(), json.writeValueAsBytes(product), json.writeValueAsBytes(Map.of()), Instant.now().toString());
        return ResponseEntity.created(URI.create("/api/products/" + id)).eTag("0").body(Map.of("productId", id, "version", 0));
    }
}
