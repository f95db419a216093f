#!/bin/sh
# Runs once in the PostgreSQL container after provision.sql: the query and identity services' own databases, and the
# service roles' passwords.
set -e
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d "$POSTGRES_DB" -c "CREATE DATABASE emporium_query"
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d emporium_query -f /emporium/provision-query.sql
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d "$POSTGRES_DB" -c "CREATE DATABASE emporium_identity"
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d emporium_identity -f /emporium/provision-identity.sql
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d "$POSTGRES_DB" \
  -v cmd="$EMPORIUM_COMMAND_DB_PASSWORD" -v qry="$EMPORIUM_QUERY_DB_PASSWORD" -v idn="$EMPORIUM_IDENTITY_DB_PASSWORD" <<'SQL'
ALTER ROLE emporium_command PASSWORD :'cmd';
ALTER ROLE emporium_query PASSWORD :'qry';
ALTER ROLE emporium_identity PASSWORD :'idn';
SQL
