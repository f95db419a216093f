-- The query service's own database (tokens, dead letters, projection state, audit), run as a superuser inside it.
-- Idempotent. It may be the command service's database, another one, or one on another server.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'emporium_query') THEN
        CREATE ROLE emporium_query LOGIN;
    END IF;
END
$$;

CREATE SCHEMA IF NOT EXISTS query AUTHORIZATION emporium_query;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
