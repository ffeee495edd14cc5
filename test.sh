#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need (Debian packages, npm packages),
# starts Redis and PostgreSQL on loopback, then runs the whole solution's tests. Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"

bash tests/install-test-deps.sh

# Real Redis and PostgreSQL servers for the integration tests, stopped on exit
. tests/test-services.sh
trap test_services_stop EXIT
test_services_start

results="$(mktemp -d)"
status=0
dotnet test Assistant.sln -c Release --logger "trx" --results-directory "$results" "$@" || status=$?

# One plain summary line for whoever reads the log: "N passed, N failed".
python3 - "$results" <<'PY' || true
import sys, glob, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for trx in glob.glob(sys.argv[1] + "/*.trx"):
    counters = ET.parse(trx).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0))
    skipped += int(counters.get("total", 0)) - int(counters.get("executed", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
rm -rf "$results"
exit $status
