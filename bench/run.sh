#!/usr/bin/env bash
# The benchmark in one command: publishes Release, seeds a fresh SQLite database (100 facilities, 1,000 rounds),
# starts the real server, drives load and cold starts, prints a Markdown table and records it in docs/benchmarks.md.
# Usage: bash bench/run.sh [--duration S] [--warmup S] [--concurrency N] [--cold-starts N] [--no-doc]
# Takes about 6 minutes. See docs/benchmarks.md for the method.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

doc=(--doc "$root/docs/benchmarks.md")
extra=()
for a in "$@"; do
  if [ "$a" = "--no-doc" ]; then doc=(); else extra+=("$a"); fi
done

# On the same disk as the repository (not tmpfs), so a commit's fsync costs what it costs in production.
work=$(mktemp -d "${TMPDIR:-/var/tmp}/mamori-bench.XXXXXX")
keep=${MAMORI_BENCH_KEEP:-0}
cleanup() { if [ "$keep" = 1 ]; then echo "== kept $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT

# The server is measured as docs/operations.md installs it: published (Release, ReadyToRun).
echo "== publishing Release"
dotnet publish src/Mamori.Web/Mamori.Web.csproj -c Release -o "$work/app" -nologo -v q -clp:ErrorsOnly
dotnet build bench/Mamori.Bench/Mamori.Bench.csproj -c Release -nologo -v q -clp:ErrorsOnly

dotnet bench/Mamori.Bench/bin/Release/net10.0/Mamori.Bench.dll \
  --repo "$root" \
  --dll "$work/app/mamori.dll" \
  --work "$work" \
  "${doc[@]}" \
  "${extra[@]}"
