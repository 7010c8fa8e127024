-- Case files' receipts (Kpis/CaseReceiptArchive), kept beyond the raw readings' retention (Influx:RawRetention, 30
-- days): a case resolved later than that still finds its receipt and due date, in the leaders' rollups and in the KPI
-- rebuild after a restart; without it such a case dropped out of the on-time rate, and those are mostly the late ones.
-- Each row is the stored reading as Ingest stored it (its announcement JSON), so it feeds the same joins as a raw row;
-- keyed like an InfluxDB point (device, time and seq), so writing it again changes nothing.
CREATE TABLE case_receipts (
    device_id   TEXT        NOT NULL,
    point_ns    BIGINT      NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    reading     TEXT        NOT NULL,
    PRIMARY KEY (device_id, point_ns)
);
CREATE INDEX case_receipts_received_at ON case_receipts (received_at);
