-- Incident rules as data (docs/rules.md), edited through /api/rules. Every change takes the next value of
-- rules_version, so Servers notice a change (max version or count moved) without comparing definitions.
CREATE SEQUENCE rules_version;
CREATE TABLE rules (
    id          TEXT        PRIMARY KEY,
    definition  JSONB       NOT NULL,
    version     BIGINT      NOT NULL DEFAULT nextval('rules_version'),
    updated_by  TEXT        NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Where each rule stands per source (device, office, case), so a restart neither restarts a duration nor raises
-- twice. No foreign key: the engine writes behind, and a row of a rule deleted meanwhile is ignored at load.
CREATE TABLE rule_state (
    rule_id           TEXT        NOT NULL,
    source_id         TEXT        NOT NULL,
    condition_since   TIMESTAMPTZ NULL,
    readings_in_a_row INTEGER     NOT NULL DEFAULT 0,
    raised            BOOLEAN     NOT NULL DEFAULT false,
    clear_since       TIMESTAMPTZ NULL,
    detail            TEXT        NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (rule_id, source_id)
);

-- The demo city's rules; admins change them through the API. RulesSeedTests holds each to the rule model.
INSERT INTO rules (id, definition, updated_by) VALUES
('traffic-congestion', '{"kind":"threshold","id":"traffic-congestion","name":"Congestion","enabled":true,"severity":"major","category":"traffic","incidentType":"congestion","deviceKind":"traffic","field":"averageVehicleSpeed","comparison":"<","value":10,"forSeconds":300,"clearValue":15,"holdBeforeClearSeconds":120,"maxGapSeconds":300,"scope":{}}', 'seed'),
('traffic-detector-offline', '{"kind":"offline","id":"traffic-detector-offline","name":"Traffic detector offline","enabled":true,"severity":"minor","category":"device","incidentType":"deviceOffline","deviceKind":"traffic","seconds":120,"scope":{}}', 'seed'),
('camera-offline', '{"kind":"offline","id":"camera-offline","name":"Camera offline","enabled":true,"severity":"major","category":"device","incidentType":"deviceOffline","deviceKind":"camera","seconds":120,"scope":{}}', 'seed'),
('office-queue-offline', '{"kind":"offline","id":"office-queue-offline","name":"Office queue system offline","enabled":true,"severity":"minor","category":"device","incidentType":"deviceOffline","deviceKind":"counter","seconds":300,"scope":{}}', 'seed'),
('camera-tamper', '{"kind":"cameraEvent","id":"camera-tamper","name":"Camera tampered with or blind","enabled":true,"severity":"major","category":"camera","events":{"tamper":"major","videoLoss":"major"},"scope":{}}', 'seed'),
('camera-analytics', '{"kind":"cameraEvent","id":"camera-analytics","name":"Camera analytics","enabled":true,"severity":"critical","category":"camera","events":{"accident":"critical","fire":"critical","crowd":"major"},"minimumReportedSeverity":"minor","scope":{}}', 'seed'),
('office-backlog', '{"kind":"officeBacklog","id":"office-backlog","name":"One-stop office backlog","enabled":true,"severity":"minor","category":"office","incidentType":"backlog","maxWaiting":30,"maxAverageWaitMinutes":20,"overLastReadings":3,"holdBeforeClearSeconds":300,"scope":{}}', 'seed'),
('case-at-risk', '{"kind":"caseAtRisk","id":"case-at-risk","name":"Case file at risk of missing its due date","enabled":true,"severity":"minor","category":"office","incidentType":"caseAtRisk","marginMinutes":240,"scope":{}}', 'seed');
