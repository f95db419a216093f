#!/bin/sh
# Runs once in the PostgreSQL container after provision.sql: gives the service roles their passwords.
set -e
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d "$POSTGRES_DB" \
  -v cmd="$EMPORIUM_COMMAND_DB_PASSWORD" -v qry="$EMPORIUM_QUERY_DB_PASSWORD" <<'SQL'
ALTER ROLE emporium_command PASSWORD :'cmd';
ALTER ROLE emporium_query PASSWORD :'qry';
SQL
