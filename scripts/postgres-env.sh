# Sourced by scripts/test.sh: when a PostgreSQL server answers on
# 127.0.0.1:5432, makes sure the test role exists (it needs CREATEDB: every
# plugin and test gets a database of its own) and exports the connection
# string Backstage's TestDatabases reads. Without a server, the store tests
# run on SQLite only and say so.
EMAILS_PG_HOST="${EMAILS_PG_HOST:-127.0.0.1}"
EMAILS_PG_PORT="${EMAILS_PG_PORT:-5432}"
EMAILS_PG_ROLE="${EMAILS_PG_ROLE:-emails_test}"

_emails_psql() {
  if psql -h "$EMAILS_PG_HOST" -p "$EMAILS_PG_PORT" -U postgres -d postgres -tAc "select 1" >/dev/null 2>&1; then
    psql -h "$EMAILS_PG_HOST" -p "$EMAILS_PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -tA "$@"
  elif command -v sudo >/dev/null && sudo -n -u postgres psql -d postgres -tAc "select 1" >/dev/null 2>&1; then
    sudo -n -u postgres psql -d postgres -v ON_ERROR_STOP=1 -tA "$@"
  else
    return 1
  fi
}

if command -v pg_isready >/dev/null && pg_isready -q -h "$EMAILS_PG_HOST" -p "$EMAILS_PG_PORT"; then
  if _emails_psql -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$EMAILS_PG_ROLE') THEN
        CREATE ROLE $EMAILS_PG_ROLE LOGIN CREATEDB PASSWORD '$EMAILS_PG_ROLE';
      ELSE
        ALTER ROLE $EMAILS_PG_ROLE LOGIN CREATEDB PASSWORD '$EMAILS_PG_ROLE';
      END IF;
    END \$\$;" >/dev/null; then
    _emails_pg_major=$(_emails_psql -c "show server_version_num" | cut -c1-2)
    export "BACKSTAGE_TEST_DATABASE_POSTGRES${_emails_pg_major}_CONNECTION_STRING=postgresql://$EMAILS_PG_ROLE:$EMAILS_PG_ROLE@$EMAILS_PG_HOST:$EMAILS_PG_PORT"
    echo "[setup] PostgreSQL ${_emails_pg_major} at $EMAILS_PG_HOST:$EMAILS_PG_PORT: store tests run on SQLite and PostgreSQL" >&2
  else
    echo "[setup] PostgreSQL answers but the role $EMAILS_PG_ROLE could not be prepared: store tests run on SQLite only" >&2
  fi
else
  echo "[setup] no PostgreSQL at $EMAILS_PG_HOST:$EMAILS_PG_PORT: store tests run on SQLite only" >&2
fi
