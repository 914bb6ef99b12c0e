-- Plugins' scheduled tasks, one row per task ("<plugin-id>:<task-name>"), shared by every node of the site. A node
-- runs a due task only after moving next_run_at forward with a conditional UPDATE on the value it read, so of two
-- nodes that see the same due run exactly one claims it. runs counts claimed (started) runs.
CREATE TABLE scheduled_tasks (
  task_id           VARCHAR(120)  NOT NULL PRIMARY KEY,
  next_run_at       DATETIME(6)   NOT NULL,
  last_started_at   DATETIME(6)   NULL,
  last_finished_at  DATETIME(6)   NULL,
  last_error        VARCHAR(1000) NULL,
  runs              BIGINT        NOT NULL DEFAULT 0
);
