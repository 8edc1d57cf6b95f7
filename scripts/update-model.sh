#!/usr/bin/env bash
# After changing an entity class or its mapping: adds a migration for both providers.
# Usage: bash scripts/update-model.sh <MigrationName>
# tests/Mamori.Tests/Data/ModelTests.cs and scripts/test.sh fail until this has been run.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ne 1 ]; then echo "usage: bash scripts/update-model.sh <MigrationName>" >&2; exit 2; fi
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  project=src/Mamori.Migrations.$provider
  dotnet ef migrations add "$1" --project "$project" --startup-project "$project" --output-dir Migrations
done
