-- Incidents: what the control room acts on. Times are timestamptz (stored as UTC instants).
CREATE TABLE incidents (
    id              BIGSERIAL   PRIMARY KEY,
    source_id       TEXT        NOT NULL,
    type            TEXT        NOT NULL,
    category        TEXT        NOT NULL,
    severity        TEXT        NOT NULL CHECK (severity IN ('critical', 'major', 'minor', 'info')),
    area_id         TEXT        NULL,
    status          TEXT        NOT NULL CHECK (status IN ('open', 'acknowledged', 'inProgress', 'resolved', 'closed')),
    summary         TEXT        NOT NULL,
    detail          JSONB       NULL,
    snapshot_url    TEXT        NULL,
    rule_id         TEXT        NULL,
    opened_at       TIMESTAMPTZ NOT NULL,
    last_seen_at    TIMESTAMPTZ NOT NULL,
    -- Signals folded into this incident; for a storm summary, the incidents filed under it.
    occurrences     INTEGER     NOT NULL DEFAULT 1,
    acknowledged_at TIMESTAMPTZ NULL,
    acknowledged_by TEXT        NULL,
    started_at      TIMESTAMPTZ NULL,
    started_by      TEXT        NULL,
    resolved_at     TIMESTAMPTZ NULL,
    resolved_by     TEXT        NULL,
    closed_at       TIMESTAMPTZ NULL,
    closed_by       TEXT        NULL,
    -- The rule said the condition no longer holds; an acknowledged incident stays with its operator.
    cleared_at      TIMESTAMPTZ NULL,
    assignee        TEXT        NULL,
    parent_id       BIGINT      NULL REFERENCES incidents (id),
    is_storm_summary BOOLEAN    NOT NULL DEFAULT false,
    -- Raised inside a maintenance window: recorded, never shown as active on the wall.
    silenced        BOOLEAN     NOT NULL DEFAULT false,
    -- Optimistic concurrency for people's changes; occurrence counting does not move it.
    version         INTEGER     NOT NULL DEFAULT 1
);

-- De-duplication: at most one active incident per (source, type), whatever number of Servers raise it.
CREATE UNIQUE INDEX incidents_one_active_per_source_type ON incidents (source_id, type)
    WHERE status IN ('open', 'acknowledged', 'inProgress');
CREATE INDEX incidents_opened_at ON incidents (opened_at DESC);
CREATE INDEX incidents_area_type_opened ON incidents (area_id, type, opened_at DESC);
CREATE INDEX incidents_parent ON incidents (parent_id) WHERE parent_id IS NOT NULL;

-- How many incidents each area opened in each minute: the storm cap's counter, one row lock per (area, minute).
CREATE TABLE incident_area_minutes (
    area_id TEXT        NOT NULL,
    minute  TIMESTAMPTZ NOT NULL,
    opened  INTEGER     NOT NULL,
    PRIMARY KEY (area_id, minute)
);

-- The audit trail of every incident: appended, never changed.
CREATE TABLE incident_events (
    id          BIGSERIAL   PRIMARY KEY,
    incident_id BIGINT      NOT NULL REFERENCES incidents (id),
    at          TIMESTAMPTZ NOT NULL,
    actor       TEXT        NOT NULL,
    action      TEXT        NOT NULL,
    from_status TEXT        NULL,
    to_status   TEXT        NULL,
    note        TEXT        NULL,
    detail      JSONB       NULL
);
CREATE INDEX incident_events_incident ON incident_events (incident_id, id);

CREATE FUNCTION incident_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'incident_events is an append-only audit trail: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER incident_events_no_update_or_delete
    BEFORE UPDATE OR DELETE ON incident_events
    FOR EACH ROW EXECUTE FUNCTION incident_events_append_only();
-- TRUNCATE bypasses row triggers; refuse it too.
CREATE TRIGGER incident_events_no_truncate
    BEFORE TRUNCATE ON incident_events
    FOR EACH STATEMENT EXECUTE FUNCTION incident_events_append_only();

CREATE TABLE maintenance_windows (
    id         BIGSERIAL   PRIMARY KEY,
    scope      TEXT        NOT NULL CHECK (scope IN ('device', 'area')),
    target_id  TEXT        NOT NULL,
    starts_at  TIMESTAMPTZ NOT NULL,
    ends_at    TIMESTAMPTZ NOT NULL,
    reason     TEXT        NOT NULL,
    created_by TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    ended_by   TEXT        NULL,
    CHECK (ends_at >= starts_at)
);
CREATE INDEX maintenance_windows_target ON maintenance_windows (scope, target_id, ends_at);
