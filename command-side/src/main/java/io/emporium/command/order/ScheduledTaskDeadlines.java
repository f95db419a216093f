package io.emporium.command.order;

import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Deletes the deadline's row from db-scheduler's table unless an instance has picked it. Axon's
 * {@code DbSchedulerDeadlineManager.cancelSchedule} reads the row first and throws when it is being executed (or was
 * picked between the read and the delete), which would fail the command that decided the order; this is one
 * statement, and row locking settles the race: a pick in flight makes it delete nothing, a delete in flight makes the
 * pick find nothing.
 */
@Component
class ScheduledTaskDeadlines implements ReservationDeadlines {

    private final JdbcTemplate jdbc;

    ScheduledTaskDeadlines(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void remove(String scheduleId) {
        DbSchedulerDeadlineToken task = new DbSchedulerDeadlineToken(scheduleId);
        jdbc.update("DELETE FROM scheduled_tasks WHERE task_name = ? AND task_instance = ? AND NOT picked",
                task.getTaskName(), task.getId());
    }
}
