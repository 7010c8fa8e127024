-- The SLA policy an incident got when it first opened, as durations (NULL: its severity had no such deadline), so a
-- reopen counts fresh deadlines from the reopening under that same policy — not under settings changed since.
-- Rows opened before this migration have not been reopened under SLA yet: their deadlines minus opened_at are exactly
-- those durations.
ALTER TABLE incidents
    ADD COLUMN ack_within     INTERVAL NULL,
    ADD COLUMN resolve_within INTERVAL NULL;

UPDATE incidents SET ack_within = ack_due_at - opened_at, resolve_within = resolve_due_at - opened_at WHERE sla_fixed;

-- Notification webhooks (docs/notifications.md): what admins configured, and the outbox of deliveries. A delivery row
-- is written in the same transaction as the incident change it tells of, so a change is never committed without its
-- notifications, nor a notification sent for a change rolled back; the sender delivers rows after the commit, on any
-- Server, at least once.
CREATE TABLE notification_webhooks (
    id          BIGSERIAL   PRIMARY KEY,
    name        TEXT        NOT NULL,
    -- May carry a secret (a token in its path or query): returned by no API, logged nowhere.
    url         TEXT        NOT NULL,
    events      TEXT[]      NOT NULL,
    -- NULL: every severity / area / category.
    severities  TEXT[]      NULL,
    area_ids    TEXT[]      NULL,
    categories  TEXT[]      NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_by  TEXT        NOT NULL
);

CREATE TABLE notification_outbox (
    id               BIGSERIAL   PRIMARY KEY,
    -- The idempotency key a receiver drops repeats by: one per incident event, the same on every retry.
    event_id         UUID        NOT NULL,
    webhook_id       BIGINT      NOT NULL REFERENCES notification_webhooks (id) ON DELETE CASCADE,
    incident_id      BIGINT      NOT NULL,
    event            TEXT        NOT NULL,
    payload          JSONB       NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    -- pending → delivered, or failed once the attempts are used up.
    status           TEXT        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         INTEGER     NOT NULL DEFAULT 0,
    -- Also the lease: a sender that claims a row moves this past its send timeout, so a Server that dies mid-send
    -- leaves the row to be sent again by whichever Server comes next.
    next_attempt_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    last_status_code INTEGER     NULL,
    last_error       TEXT        NULL,
    delivered_at     TIMESTAMPTZ NULL,
    UNIQUE (event_id, webhook_id)
);

CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notification_outbox_webhook ON notification_outbox (webhook_id, id DESC);
