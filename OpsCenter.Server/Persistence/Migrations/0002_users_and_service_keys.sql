-- People who sign in (operator, leader, admin, wall) and the keys of machine clients (the citizens' app backend,
-- a Prometheus scraper). Passwords are ASP.NET Core PasswordHasher hashes; service keys are random 256-bit values of
-- which only the SHA-256 is kept (a slow hash adds nothing to a secret nobody can guess).
CREATE TABLE users (
    id            BIGSERIAL   PRIMARY KEY,
    username      TEXT        NOT NULL UNIQUE,
    display_name  TEXT        NOT NULL,
    role          TEXT        NOT NULL CHECK (role IN ('operator', 'leader', 'admin', 'wall')),
    password_hash TEXT        NOT NULL,
    failed_count  INT         NOT NULL DEFAULT 0,
    locked_until  TIMESTAMPTZ NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE service_keys (
    id          BIGSERIAL   PRIMARY KEY,
    name        TEXT        NOT NULL UNIQUE,
    role        TEXT        NOT NULL CHECK (role IN ('reporter', 'monitor')),
    key_hash    BYTEA       NOT NULL UNIQUE,
    created_by  TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at  TIMESTAMPTZ NULL
);
