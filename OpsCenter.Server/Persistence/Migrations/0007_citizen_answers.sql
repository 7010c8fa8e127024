-- Citizen reports get answered and judged, and say which of the city's intake systems they came through.
-- An operator's answer is not personal data; the reporter's contact stays in its own columns (0003).
ALTER TABLE citizen_reports
    -- The intake system (the app, the hotline, the portal…) as the submission named it, else the service key's name.
    ADD COLUMN source_system  TEXT        NULL,
    -- The inventory area whose centre is nearest the report; null when the inventory has no areas.
    ADD COLUMN area_id        TEXT        NULL,
    ADD COLUMN answer_text    TEXT        NULL,
    ADD COLUMN answered_by    TEXT        NULL,
    ADD COLUMN answered_at    TIMESTAMPTZ NULL,
    -- Reported by the source system once the citizen has said whether the answer settled it.
    ADD COLUMN citizen_agreed BOOLEAN     NULL,
    ADD COLUMN verdict_at     TIMESTAMPTZ NULL,
    -- Optimistic concurrency: of two operators answering at once, one wins.
    ADD COLUMN version        INTEGER     NOT NULL DEFAULT 1,
    ADD CONSTRAINT citizen_reports_answer_whole CHECK ((answer_text IS NULL) = (answered_at IS NULL) AND (answered_at IS NULL) = (answered_by IS NULL)),
    ADD CONSTRAINT citizen_reports_verdict_whole CHECK ((citizen_agreed IS NULL) = (verdict_at IS NULL)),
    ADD CONSTRAINT citizen_reports_verdict_after_answer CHECK (verdict_at IS NULL OR answered_at IS NOT NULL);

-- Reports from before this migration came through their service key.
UPDATE citizen_reports SET source_system = left(received_from, 64) WHERE source_system IS NULL;
ALTER TABLE citizen_reports ALTER COLUMN source_system SET NOT NULL;

CREATE INDEX citizen_reports_area ON citizen_reports (area_id, received_at);
