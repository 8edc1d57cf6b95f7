#!/usr/bin/env bash
# The stack's floor: a bare ASP.NET Core app (bench/Floor: no database, no sign-in, no access log) that renders
# the checklist page's rows with the same markup and builds the xlsx export with Mamori's own builder, on rounds
# held in memory. Published as Mamori is and loaded as bench/run.sh loads Mamori (32 connections, the seeded mix
# of checklists), but with wrk, a lighter client than the C# runner. What it cannot do on this machine, Mamori
# cannot either. Usage: bash bench/floor.sh [--duration S]. Takes about 1.5 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=10
if [ "${1:-}" = "--duration" ]; then duration=$2; fi
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/var/tmp}/mamori-floor.XXXXXX")
pid=
cleanup() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT
dotnet publish bench/Floor/Floor.csproj -c Release -o "$work/app" -nologo -v q -clp:ErrorsOnly
catalog=$(pwd)/catalog/mhlw-2021-10
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url=http://127.0.0.1:$port

now_ms() { echo $(($(date +%s%N) / 1000000)); }
# Polls until the URL answers 200 (at most 30 s); prints the milliseconds since $1.
wait_ms() {
  until curl -sf -o /dev/null "$url$2"; do
    if [ $(($(now_ms) - $1)) -gt 30000 ]; then echo "no answer from $url$2; see $work/log" >&2; exit 1; fi
    sleep 0.005
  done
  echo $(($(now_ms) - $1))
}
start() { ASPNETCORE_ENVIRONMENT=Production dotnet "$work/app/Floor.dll" --catalog "$catalog" --urls "$url" >"$work/log" 2>&1 & pid=$!; }

echo "| Cold start (bare app) | /healthz | first /rows |"
echo "|---|---:|---:|"
for i in 1 2 3; do
  t0=$(now_ms); start
  h=$(wait_ms "$t0" /healthz); r=$(wait_ms "$t0" /rows/sysadmin)
  echo "| run $i | $h ms | $r ms |"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
done

start; wait_ms "$(now_ms)" /healthz >/dev/null
echo "resident after start: $(awk '/VmRSS/{print int($2/1024)}' /proc/$pid/status) MB"
# The bench's rounds: 733 sysadmin, 153 executive, 81 staff, 33 online-qualification of 1,000.
for kind in rows xlsx; do
  cat >"$work/$kind.lua" <<LUA
local paths = {}
for list, n in pairs({ sysadmin = 733, executive = 153, staff = 81, ["online-qualification"] = 33 }) do
  for _ = 1, n do paths[#paths + 1] = "/$kind/" .. list end
end
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
LUA
done
# So the JIT has finished tiering.
wrk -t2 -c32 -d20s -s "$work/rows.lua" "$url" >/dev/null
wrk -t2 -c32 -d10s -s "$work/xlsx.lua" "$url" >/dev/null
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
echo
echo "| Load, 32 connections, ${duration} s | req/s | p50 | p99 | server CPU ms/req | KB/response |"
echo "|---|---:|---:|---:|---:|---:|"
for path in /rows /xlsx /healthz; do
  script=(); if [ "$path" != /healthz ]; then script=(-s "$work${path}.lua"); fi
  before=$(cpu)
  out=$(wrk -t2 -c32 -d"${duration}s" --latency "${script[@]}" "$url$path")
  after=$(cpu)
  rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  p50=$(awk '$1=="50%"{print $2}' <<<"$out"); p99=$(awk '$1=="99%"{print $2}' <<<"$out")
  ticks=$(getconf CLK_TCK)
  per=$(python3 -c "print(f'{($after - $before) / $ticks * 1000 / ($rps * $duration):.2f}')")
  kb=$(awk '/Transfer\/sec/{v=$2; u=substr(v, length(v)-1); v=v+0; if (u=="MB") v*=1024; if (u=="GB") v*=1048576; print v}' <<<"$out")
  kb=$(python3 -c "print(f'{$kb / $rps:.1f}')")
  echo "| GET $path | ${rps%.*} | $p50 | $p99 | $per | $kb |"
done
echo
grep -E "VmRSS|VmHWM|RssAnon|RssFile|RssShmem" "/proc/$pid/status" | awk '{printf "%s %d MB  ", $1, $2/1024} END{print ""}'
