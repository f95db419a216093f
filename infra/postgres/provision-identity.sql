-- The identity service's own database (accounts, clients, authorizations, signing keys), run as a superuser inside
-- it. Idempotent.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'emporium_identity') THEN
        CREATE ROLE emporium_identity LOGIN;
    END IF;
END
$$;

CREATE SCHEMA IF NOT EXISTS identity AUTHORIZATION emporium_identity;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
