-- The leaders' reports (Leaders/Reports): one row per generated (or failed) report, its PDF and its chart PNGs kept
-- here with it, so every Server lists and serves the same reports and they survive restarts and redeploys. One report
-- per kind and period: a scheduled run, a retry or a second Server finds the row and generates nothing twice.
CREATE TABLE leader_reports (
    id          UUID        PRIMARY KEY,
    kind        TEXT        NOT NULL CHECK (kind IN ('daily', 'weekly', 'custom')),
    period_from DATE        NOT NULL,
    period_to   DATE        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    status      TEXT        NOT NULL CHECK (status IN ('ready', 'failed')),
    -- Why the last attempt failed; null once a report is ready.
    error       TEXT        NULL,
    pdf         BYTEA       NULL,
    CHECK (period_to >= period_from),
    CHECK ((status = 'ready') = (pdf IS NOT NULL)),
    UNIQUE (kind, period_from, period_to)
);
CREATE INDEX leader_reports_created_at ON leader_reports (created_at DESC);

CREATE TABLE leader_report_charts (
    report_id UUID    NOT NULL REFERENCES leader_reports (id) ON DELETE CASCADE,
    name      TEXT    NOT NULL,
    width     INTEGER NOT NULL,
    height    INTEGER NOT NULL,
    png       BYTEA   NOT NULL,
    PRIMARY KEY (report_id, name)
);
