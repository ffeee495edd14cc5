#!/usr/bin/env bash
# Runs every Cypher query of a questions file through the embedded engine and through kuzu (the test oracle) and prints
# the conformance figure, the queries kuzu cannot run and any difference.
# Usage: tests/graph-conformance.sh <folder with one *.cypher import script and questions.jsonl>
# Needs tests/install-test-deps.sh once (npm ci in tests/Rag.Tests/graph-oracle).
set -euo pipefail
cd "$(dirname "$0")/.."
folder="$(cd "${1:?usage: tests/graph-conformance.sh <folder>}" && pwd)"
GRAPH_CONFORMANCE_FOLDER="$folder" dotnet test tests/Rag.Tests -c Release \
  --filter "FullyQualifiedName~GraphConformanceTests.EmbeddedEngineAgreesWithKuzuOnEveryQueryKuzuRuns" \
  --logger "console;verbosity=detailed"
