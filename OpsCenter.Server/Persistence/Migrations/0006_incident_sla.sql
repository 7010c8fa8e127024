-- SLA deadlines, fixed when an incident opens under the policy in force then (Incidents:Sla): a later policy change
-- never moves them. NULL deadline: the severity had none. Escalation marks are set once per deadline, atomically
-- (UPDATE … WHERE escalated_ack_at IS NULL), so any number of job runs or Servers escalate a missed deadline once.
ALTER TABLE incidents
    ADD COLUMN ack_due_at           TIMESTAMPTZ NULL,
    ADD COLUMN resolve_due_at       TIMESTAMPTZ NULL,
    ADD COLUMN escalated_ack_at     TIMESTAMPTZ NULL,
    ADD COLUMN escalated_resolve_at TIMESTAMPTZ NULL,
    ADD COLUMN escalation_level     INTEGER     NOT NULL DEFAULT 0,
    -- Whether the deadlines above were decided (both may be NULL for a severity without SLA). Rows opened before this
    -- migration, or inserted by a path that does not know the policy (storm summaries), get theirs from the job.
    ADD COLUMN sla_fixed            BOOLEAN     NOT NULL DEFAULT false;

CREATE INDEX incidents_sla_pending ON incidents (id)
    WHERE status IN ('open', 'acknowledged', 'inProgress') AND (escalated_ack_at IS NULL OR escalated_resolve_at IS NULL);
-- The job looks for rows still lacking deadlines every minute; after the first run there are few or none.
CREATE INDEX incidents_sla_not_fixed ON incidents (id) WHERE NOT sla_fixed;
