-- Roles and schemas of Emporium, run as a superuser inside the emporium database. Idempotent.
-- Flyway in each service owns the tables; this only gives each service its own schema.
-- Roles are cluster-wide; passwords are set by infra/emporium, not here.
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
CREATE SCHEMA IF NOT EXISTS query AUTHORIZATION emporium_query;

-- The query side reads events (SELECT on the event table is granted by the command side's migration, which
-- creates it) and nothing else of the command schema.
GRANT USAGE ON SCHEMA command TO emporium_query;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
