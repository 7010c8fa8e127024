-- Citizen field reports ("phản ánh hiện trường") from the citizens' app backend. The reporter's contact is personal
-- data: kept in its own columns so that list and detail queries never select it by accident.
CREATE TABLE citizen_reports (
    report_id      TEXT             PRIMARY KEY,
    ts             TIMESTAMPTZ      NOT NULL,
    category       TEXT             NOT NULL,
    description    TEXT             NOT NULL,
    lat            DOUBLE PRECISION NOT NULL,
    lon            DOUBLE PRECISION NOT NULL,
    photo_url      TEXT             NULL,
    reporter_name  TEXT             NULL,
    reporter_phone TEXT             NULL,
    reporter_email TEXT             NULL,
    received_at    TIMESTAMPTZ      NOT NULL DEFAULT now(),
    received_from  TEXT             NOT NULL
);
CREATE INDEX citizen_reports_ts ON citizen_reports (ts DESC);
