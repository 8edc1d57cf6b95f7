#!/usr/bin/env bash
# After changing an entity class or its mapping: adds a migration for both providers (when given a name) and
# regenerates both compiled models, which the app uses instead of building the model at every start.
# Usage: bash scripts/update-model.sh [MigrationName]
# tests/Mamori.Tests/Data/ModelTests.cs fails until this has been run.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  project=src/Mamori.Migrations.$provider
  if [ $# -gt 0 ]; then
    dotnet ef migrations add "$1" --project "$project" --startup-project "$project" --output-dir Migrations
  fi
  dotnet ef dbcontext optimize --project "$project" --startup-project "$project" \
    --output-dir CompiledModel --namespace "Mamori.Migrations.$provider.CompiledModel"
done
