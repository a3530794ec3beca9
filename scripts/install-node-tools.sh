#!/usr/bin/env bash
# Installs the deployment tooling pinned in package-lock.json (osls, the Serverless Framework v3 fork)
# into ./node_modules. Idempotent: does nothing when node_modules already matches the lock file.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v node >/dev/null || { echo "install-node-tools: node is not installed (need >= 20.19)" >&2; exit 1; }
node -e '
  const [maj, min] = process.versions.node.split(".").map(Number);
  if (maj < 20 || (maj === 20 && min < 19)) { console.error("install-node-tools: node >= 20.19 required, found " + process.versions.node); process.exit(1); }
'

stamp=node_modules/.deepreader-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" && -x node_modules/.bin/osls ]]; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp"
echo "install-node-tools: osls $(node -p 'require("./node_modules/osls/package.json").version') installed"
