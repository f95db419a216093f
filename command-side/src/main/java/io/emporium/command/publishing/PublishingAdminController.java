package io.emporium.command.publishing;

import java.security.Principal;
import java.time.Instant;
import java.util.List;

import io.emporium.command.CommandRefusedException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Publishing to Kafka, for admins: where it is, pause and resume, and a replay from a position of the event store. */
@RestController
@RequestMapping("/admin/publishing")
@Tag(name = "publishing")
class PublishingAdminController {

    private final ObjectProvider<PublishingProgress> progress;
    private final ObjectProvider<PublishingControl> control;

    PublishingAdminController(ObjectProvider<PublishingProgress> progress, ObjectProvider<PublishingControl> control) {
        this.progress = progress;
        this.control = control;
    }

    /**
     * @param state         publishing, failing (Kafka does not acknowledge; sent again with back-off), paused (by an
     *                      admin), another instance publishes, or stopped
     * @param position      the event store's position (global index) published up to, where known here
     * @param head          the newest stored event's position
     * @param behind        stored events not yet published
     * @param recentActions the last pauses, resumes and replays, newest first
     */
    record PublishingStatus(String state, Long position, long head, Long behind, Instant lastPublished, String lastError,
                  List<PublishingControl.PublishingAction> recentActions) {
    }

    record PublishingReplay(@NotNull @PositiveOrZero @Max(Long.MAX_VALUE / 2) Long fromPosition) {
    }

    @GetMapping
    @Operation(operationId = "getPublishing", summary = "Where publishing to Kafka is",
            description = "Its position in the event store against the newest stored event, its last failure, and the last admin actions.")
    @ApiResponse(responseCode = "200", description = "Where it is.")
    @ApiResponse(responseCode = "409", description = "Publishing is off (no Kafka configured: EMPORIUM_KAFKA_BOOTSTRAP_SERVERS).")
    PublishingStatus status() {
        return status(progress().report());
    }

    @PostMapping("/pause")
    @Operation(operationId = "pausePublishing", summary = "Pause publishing on this instance",
            description = "Nothing is lost: stored events wait in the event store until publishing resumes. Recorded with the admin's name.")
    @ApiResponse(responseCode = "200", description = "Paused.")
    @ApiResponse(responseCode = "409", description = "Publishing is off (no Kafka configured).")
    PublishingStatus pause(Principal who) {
        return status(control().pause(who.getName()));
    }

    @PostMapping("/resume")
    @Operation(operationId = "resumePublishing", summary = "Resume publishing on this instance",
            description = "It goes on from the position it had stored. Recorded with the admin's name.")
    @ApiResponse(responseCode = "200", description = "Running again.")
    @ApiResponse(responseCode = "409", description = "Publishing is off (no Kafka configured).")
    PublishingStatus resume(Principal who) {
        return status(control().resume(who.getName()));
    }

    @PostMapping("/replay")
    @Operation(operationId = "replayPublishing", summary = "Publish again from a position of the event store",
            description = "Every public event from that position (global index; 0: from the start) on is sent again, under the same"
                    + " ids, which consumers deduplicate. Where several instances run, pause publishing on the others first. Recorded"
                    + " with the admin's name and the position.")
    @ApiResponse(responseCode = "202", description = "Replaying: the events go out in the background.")
    @ApiResponse(responseCode = "409", description = "Publishing is off, or another instance publishes (pause it there first).")
    ResponseEntity<PublishingStatus> replay(@Valid @RequestBody PublishingReplay request, Principal who) {
        PublishingProgress.Report report = control().replayFrom(request.fromPosition(), who.getName());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(status(report));
    }

    private PublishingStatus status(PublishingProgress.Report report) {
        return new PublishingStatus(report.state(), report.position().isPresent() ? report.position().getAsLong() : null, report.head(),
                report.behind().isPresent() ? report.behind().getAsLong() : null, report.lastPublished(), report.lastError(),
                control().recentActions());
    }

    private PublishingProgress progress() {
        PublishingProgress found = progress.getIfAvailable();
        if (found == null) throw off();
        return found;
    }

    private PublishingControl control() {
        PublishingControl found = control.getIfAvailable();
        if (found == null) throw off();
        return found;
    }

    private static CommandRefusedException off() {
        return new CommandRefusedException("Publishing is off: no Kafka is configured (EMPORIUM_KAFKA_BOOTSTRAP_SERVERS).");
    }
}
