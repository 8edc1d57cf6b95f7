#!/usr/bin/env bash
# Runs every test: unit and integration (SQLite and PostgreSQL) and end-to-end in Chromium.
# On a fresh Debian machine it installs what the tests need, starts a throwaway PostgreSQL on a free
# port and stops it afterwards. Usage: bash scripts/test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
started=$SECONDS
took() { echo "   ($(( SECONDS - started )) s since the start)"; }

need=()
command -v chromium >/dev/null || need+=(chromium)
[ -x /usr/lib/postgresql/15/bin/initdb ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v pdftotext >/dev/null || need+=(poppler-utils)
fc-list 2>/dev/null | grep -i "noto sans cjk" >/dev/null || need+=(fonts-noto-cjk)
command -v soffice >/dev/null || need+=(libreoffice-calc-nogui)
command -v npm >/dev/null || need+=(npm)
command -v openssl >/dev/null || need+=(openssl)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing: ${need[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# A throwaway PostgreSQL cluster on a free port, owned by the postgres user when we are root (initdb refuses root).
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pgdir=$(mktemp -d /tmp/mamori-pg.XXXXXX)
pgport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$pgdir"
stop_pg() { as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pgdir"; }
trap stop_pg EXIT
as_pg "$pgbin/initdb" -D "$pgdir/data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w \
  -o "-p $pgport -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
export MAMORI_TEST_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=postgres"
export MAMORI_REQUIRE_POSTGRES=1
echo "== PostgreSQL on port $pgport"

# axe-core for the accessibility checks, from the lock file (installed into the test project, not fetched at run time).
(cd tests/Mamori.EndToEndTests && npm ci --no-audit --no-fund --loglevel=error)

dotnet tool restore >/dev/null
dotnet build Mamori.slnx -c Release -nologo -v q
echo "== checking that migrations match the model"
for p in Sqlite Postgres; do
  dotnet ef migrations has-pending-model-changes --no-build --configuration Release \
    --project src/Mamori.Migrations.$p --startup-project src/Mamori.Migrations.$p >/dev/null
done
echo "== unit and integration tests (SQLite and PostgreSQL)"
dotnet test tests/Mamori.Tests -c Release --no-build "$@"
took
echo "== end-to-end tests (Chromium)"
dotnet test tests/Mamori.EndToEndTests -c Release --no-build "$@"
echo "== all tests passed in $(( SECONDS - started )) s"
