package io.emporium.command.attribute;

import java.net.URI;

import jakarta.validation.Valid;

import io.emporium.api.catalogue.ChangeAttributeCommand;
import io.emporium.api.catalogue.DeclareAttributeCommand;
import io.emporium.command.web.CommandAnswer;
import io.emporium.command.web.CommandDispatcher;
import io.emporium.support.web.IfMatch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Maps attribute commands from HTTP; the rules live in {@link Attribute}. */
@RestController
@RequestMapping("/api/attributes")
@Tag(name = "attributes")
class AttributeCommandController {

    private final CommandDispatcher commands;

    AttributeCommandController(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping
    @Operation(operationId = "declareAttribute", summary = "Declare an attribute",
            description = "Products may then carry values of it, of its type. The query service lists it (`GET /api/attributes`) and,"
                    + " when it is filterable, search counts its values as a facet.")
    @ApiResponse(responseCode = "201", description = "Declared: the attribute's name and version.",
            headers = {@Header(name = "Location", ref = "#/components/headers/Location"), @Header(name = "ETag", ref = "#/components/headers/ETag")})
    @ApiResponse(responseCode = "409", description = "An attribute of that name is declared already, or a request with the same"
            + " Idempotency-Key is still being handled.")
    ResponseEntity<AttributeRequests.Accepted> declare(@Valid @RequestBody AttributeRequests.Declare request) {
        String name = commands.dispatch(new DeclareAttributeCommand(request.name(), request.label().trim(), request.type(),
                request.unit() == null ? null : request.unit().trim(), request.filterable()));
        return ResponseEntity.created(URI.create("/api/attributes/" + name)).eTag("0").body(new AttributeRequests.Accepted(name, 0));
    }

    @PutMapping("/{name}")
    @Operation(operationId = "changeAttribute", summary = "Change an attribute's label and whether it is a filter",
            description = "Its type and unit never change. Search takes the change at once, without a rebuild.")
    ResponseEntity<AttributeRequests.Accepted> change(@PathVariable String name, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                      @Valid @RequestBody AttributeRequests.Change request) {
        long version = commands.dispatch(new ChangeAttributeCommand(name, request.label().trim(), request.filterable(), IfMatch.expectedVersion(ifMatch)));
        return CommandAnswer.ok(version, new AttributeRequests.Accepted(name, version));
    }
}
