-- The command service's database (the event log), run as a superuser inside it. Idempotent.
-- Flyway in the command service owns the tables; this only gives it its schema. Roles are cluster-wide; passwords
-- are set by infra/emporium (or docker-passwords.sh), not here.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'emporium_command') THEN
        CREATE ROLE emporium_command LOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'emporium_query') THEN
        CREATE ROLE emporium_query LOGIN;
    END IF;
END
$$;

CREATE SCHEMA IF NOT EXISTS command AUTHORIZATION emporium_command;

-- The query service reads events (SELECT on the event table is granted by the command side's migration, which
-- creates it) and nothing else of the command schema.
GRANT USAGE ON SCHEMA command TO emporium_query;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
