package io.emporium.command.synonym;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;

import io.emporium.api.catalogue.ChangeSynonymsCommand;
import io.emporium.api.catalogue.DefineSynonymsCommand;
import io.emporium.api.catalogue.RemoveSynonymsCommand;
import io.emporium.command.web.CommandAnswer;
import io.emporium.command.web.CommandDispatcher;
import io.emporium.support.web.IfMatch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Maps synonym rule commands from HTTP; each rule's history is in the event store. */
@RestController
@RequestMapping("/api/synonyms")
@Tag(name = "synonyms")
class SynonymCommandController {

    private final CommandDispatcher commands;

    SynonymCommandController(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping
    @Operation(operationId = "defineSynonyms", summary = "Define a synonym rule",
            description = "Search expands queries with it within a few seconds, without a rebuild. The query service lists the rules"
                    + " (`GET /api/synonyms`).")
    @ApiResponse(responseCode = "201", description = "Defined: the rule's id and version.",
            headers = {@Header(name = "Location", ref = "#/components/headers/Location"), @Header(name = "ETag", ref = "#/components/headers/ETag")})
    ResponseEntity<SynonymRequests.Accepted> define(@Valid @RequestBody SynonymRequests.Rule request) {
        String ruleId = commands.dispatch(new DefineSynonymsCommand(UUID.randomUUID().toString(), request.kind(), request.normalisedTerms()));
        return ResponseEntity.created(URI.create("/api/synonyms/" + ruleId)).eTag("0").body(new SynonymRequests.Accepted(ruleId, 0));
    }

    @PutMapping("/{ruleId}")
    @Operation(operationId = "changeSynonyms", summary = "Change a synonym rule", description = "A removed rule cannot change (409).")
    ResponseEntity<SynonymRequests.Accepted> change(@PathVariable String ruleId, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                    @Valid @RequestBody SynonymRequests.Rule request) {
        long version = commands.dispatch(new ChangeSynonymsCommand(ruleId, request.kind(), request.normalisedTerms(), IfMatch.expectedVersion(ifMatch)));
        return CommandAnswer.ok(version, new SynonymRequests.Accepted(ruleId, version));
    }

    @DeleteMapping("/{ruleId}")
    @Operation(operationId = "removeSynonyms", summary = "Remove a synonym rule",
            description = "Search stops expanding with it within a few seconds. Removing a removed rule changes nothing.")
    ResponseEntity<SynonymRequests.Accepted> remove(@PathVariable String ruleId, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long version = commands.dispatch(new RemoveSynonymsCommand(ruleId, IfMatch.expectedVersion(ifMatch)));
        return CommandAnswer.ok(version, new SynonymRequests.Accepted(ruleId, version));
    }
}
