-- Relational state starts with the audit trail; incidents, users and Hangfire arrive with their issues.
CREATE TABLE audit_log (
    id          BIGSERIAL PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor       TEXT        NOT NULL,
    action      TEXT        NOT NULL,
    subject     TEXT        NULL,
    detail      JSONB       NULL
);
CREATE INDEX audit_log_at ON audit_log (at DESC);

CREATE TABLE device_liveness_log (
    id          BIGSERIAL PRIMARY KEY,
    device_id   TEXT        NOT NULL,
    kind        TEXT        NOT NULL,
    state       TEXT        NOT NULL,
    reason      TEXT        NOT NULL,
    at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX device_liveness_log_device_at ON device_liveness_log (device_id, at DESC);
