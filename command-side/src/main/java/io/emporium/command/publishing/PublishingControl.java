package io.emporium.command.publishing;

import java.time.Instant;
import java.util.List;

import io.emporium.command.CommandRefusedException;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What an admin may do to publishing: pause it (the events wait in the event store), resume it, and send again every
 * event from a position of the event store on (consumers get them under their ids, which they deduplicate). Each is
 * recorded in {@code publishing_audit}.
 */
class PublishingControl {

    private final PublishingProgress progress;
    private final JdbcTemplate jdbc;

    PublishingControl(PublishingProgress progress, JdbcTemplate jdbc) {
        this.progress = progress;
        this.jdbc = jdbc;
    }

    PublishingProgress.Report pause(String admin) {
        processor().shutDown();
        progress.paused(true);
        audit("pause", null, admin);
        return progress.report();
    }

    PublishingProgress.Report resume(String admin) {
        processor().start();
        progress.paused(false);
        audit("resume", null, admin);
        return progress.report();
    }

    /** Sends every public event from this position of the event store (its global index) on again. */
    synchronized PublishingProgress.Report replayFrom(long position, String admin) {
        StreamingEventProcessor processor = processor();
        boolean wasRunning = processor.isRunning();
        processor.shutDown();
        try {
            if (position == 0) processor.resetTokens();
            else processor.resetTokens(GapAwareTrackingToken.newInstance(position - 1, List.of()));
        } catch (UnableToClaimTokenException e) {
            throw new CommandRefusedException("Another instance publishes: pause publishing there first (POST /admin/publishing/pause"
                    + " on each instance), then replay.");
        } finally {
            if (wasRunning) processor.start();
        }
        audit("replay", position, admin);
        return progress.report();
    }

    private StreamingEventProcessor processor() {
        return progress.processor().orElseThrow(() -> new IllegalStateException("no publishing processor"));
    }

    private void audit(String action, Long position, String admin) {
        jdbc.update("INSERT INTO publishing_audit (action, from_position, requested_by) VALUES (?, ?, ?)", action, position, admin);
    }

    record PublishingAction(String action, Long fromPosition, String requestedBy, Instant requestedAt) {
    }

    /** The last 20 actions, newest first. */
    List<PublishingAction> recentActions() {
        return jdbc.query("SELECT action, from_position, requested_by, requested_at FROM publishing_audit ORDER BY id DESC LIMIT 20",
                (rs, n) -> new PublishingAction(rs.getString(1), (Long) rs.getObject(2), rs.getString(3), rs.getTimestamp(4).toInstant()));
    }
}
