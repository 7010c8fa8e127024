-- The SLA policy an incident got when it first opened, as durations (NULL: its severity had no such deadline), so a
-- reopen counts fresh deadlines from the reopening under that same policy — not under settings changed since.
-- Rows opened before this migration have not been reopened under SLA yet: their deadlines minus opened_at are exactly
-- those durations.
ALTER TABLE incidents
    ADD COLUMN ack_within     INTERVAL NULL,
    ADD COLUMN resolve_within INTERVAL NULL;

UPDATE incidents SET ack_within = ack_due_at - opened_at, resolve_within = resolve_due_at - opened_at WHERE sla_fixed;
