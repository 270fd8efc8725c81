-- Roles and schemas for the six services, applied by a superuser to one database.
-- Idempotent: run it again, or in another database of the same cluster (roles are cluster-wide).
-- Each service logs in as its own role, owns the schema of the same name (its search_path) and has
-- no rights on any other schema: touching another service's tables fails with 42501.
-- Passwords are not set here: deploy/scripts/postgres.sh (local) and the compose bootstrap job set them.

REVOKE ALL ON SCHEMA public FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

DO $$
DECLARE
    service text;
BEGIN
    FOREACH service IN ARRAY ARRAY['identity', 'profile', 'content', 'pathing', 'coaching', 'analytics'] LOOP
        IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = service) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I LOGIN', service);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL; -- created meanwhile by a bootstrap running in another database
            END;
        END IF;
        EXECUTE format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS', service);
        EXECUTE format('ALTER ROLE %I SET search_path = %I', service, service);
        EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', service, service);
        EXECUTE format('ALTER SCHEMA %I OWNER TO %I', service, service);
        EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', service);
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), service);
    END LOOP;
END
$$;

-- Trigram matching for content's search (misspelled words). Extensions need a superuser, so the
-- bootstrap creates it, in the schema of the one service that uses it.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA content;
