#!/usr/bin/env bash
# The benchmark in one command: the bare stack's floor (bench/floor.sh), then Mamori published Release on a fresh
# seeded SQLite database under the hospital profile at a fixed arrival rate, the checklist page saturated, cold
# starts and memory; prints the results against the targets and records them in docs/benchmarks.md.
# Usage: bash bench/run.sh [--duration S] [--warmup-all S] [--cold-starts N] [--no-floor] [--no-doc]
# Takes about 5 minutes. Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

doc=(--doc "$root/docs/benchmarks.md")
floor=yes
extra=()
for a in "$@"; do
  case "$a" in
    --no-doc) doc=() ;;
    --no-floor) floor=no ;;
    *) extra+=("$a") ;;
  esac
done

floor_rps=""
if [ "$floor" = yes ]; then
  echo "== the bare stack's floor (bench/floor.sh)"
  floor_out=$(bash bench/floor.sh)
  echo "$floor_out"
  floor_rps=$(awk -F'|' '/GET \/rows/{gsub(/ /, "", $3); print $3}' <<<"$floor_out")
fi

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
  --floor "$floor_rps" \
  "${doc[@]}" \
  "${extra[@]}"
