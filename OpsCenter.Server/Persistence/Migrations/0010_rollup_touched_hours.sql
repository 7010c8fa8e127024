-- Hours whose rollups late readings have made stale: a reading stored after its hour was rolled up marks the hour
-- here (any Server may, so one row per hour), and the rollup job recomputes it and its day, then deletes the mark it
-- read, only after the new rollup is written. A mark made again meanwhile (marked_at moves) survives the delete.
CREATE TABLE rollup_touched_hours (
    hour      TIMESTAMPTZ PRIMARY KEY,
    marked_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT rollup_touched_hours_whole_hour CHECK (date_trunc('hour', hour) = hour)
);
