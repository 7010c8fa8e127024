-- Socio-economic figures the operations center gathers from departments (statistics office, transport, tourism…):
-- one value per indicator and period. Admins upload CSV files; departments' systems post with a service key.
CREATE TABLE socio_economic_figures (
    -- The indicator's name as the department publishes it, e.g. "Hành khách đường sắt Hà Nội – Hải Phòng".
    indicator    TEXT          NOT NULL CHECK (length(indicator) BETWEEN 1 AND 120),
    unit         TEXT          NOT NULL CHECK (length(unit) BETWEEN 1 AND 40),
    -- Canonical text of the period: 2022 (year), 2022-Q4 (quarter), 2022-10 (month), 2022-10-05 (day).
    period       TEXT          NOT NULL,
    period_kind  TEXT          NOT NULL CHECK (period_kind IN ('year', 'quarter', 'month', 'day')),
    -- The period's first day, so that series sort and a year earlier is one interval away.
    period_start DATE          NOT NULL,
    value        NUMERIC(24,6) NOT NULL,
    source       TEXT          NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
    imported_at  TIMESTAMPTZ   NOT NULL,
    -- The admin's user name, or "service:{key name}" for a department's system.
    imported_by  TEXT          NOT NULL,
    -- A re-upload of the same period replaces the value: one row per indicator and period, never two.
    PRIMARY KEY (indicator, period)
);

CREATE INDEX socio_economic_figures_series ON socio_economic_figures (indicator, period_kind, period_start);

-- Departments' systems post figures with a service key of their own role (Contracts Roles.Department).
ALTER TABLE service_keys DROP CONSTRAINT service_keys_role_check;
ALTER TABLE service_keys ADD CONSTRAINT service_keys_role_check CHECK (role IN ('reporter', 'monitor', 'department'));
