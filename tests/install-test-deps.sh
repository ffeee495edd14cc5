#!/usr/bin/env bash
# Installs what the tests need outside NuGet, for ./test.sh and CI:
#  - Debian's redis-server and postgresql (tests/test-services.sh starts them on loopback);
#  - Debian's chromium (the playground browser test drives /usr/bin/chromium; no browser is downloaded)
#    and an emoji font so its screenshots show 👍/👎;
#  - the npm packages of tests/Bot.Tests/validator (adaptivecards) and tests/Bot.Tests/browser
#    (playwright-core) and tests/Rag.Tests/graph-oracle (kuzu, the Cypher oracle), exactly as locked in their package-lock.json.
# Node.js 20+ and npm must be on PATH. Safe to run again: it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || packages+=(fonts-noto-color-emoji)
command -v redis-server >/dev/null || packages+=(redis-server)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || packages+=(postgresql)
if [ ${#packages[@]} -gt 0 ]; then
  echo "install-test-deps: apt-get install ${packages[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${packages[@]}" >/dev/null
fi

command -v node >/dev/null || { echo "install-test-deps: node is not on PATH (Node.js 20+ is needed)" >&2; exit 1; }
for dir in tests/Bot.Tests/validator tests/Bot.Tests/browser tests/Rag.Tests/graph-oracle; do
  echo "install-test-deps: npm ci in $dir"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
done
