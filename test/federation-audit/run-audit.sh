#!/usr/bin/env bash
# The Guild's federation gateway audit (../shared/federation-gateway-audit, MIT) against RAGline's gateway, then a
# comparison with the committed results: a case that passed before and fails now fails this script.
# Needs `npm run build && tsc -p tsconfig.json` first (npm run audit:federation does both) and ports 4000 and 4200 free.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
audit_source="${FEDERATION_AUDIT_SOURCE:-$root/../shared/federation-gateway-audit}"
scratch="${FEDERATION_AUDIT_DIR:-${TMPDIR:-/tmp}/ragline-federation-audit}"
# The audit needs Node >= 22 (Promise.withResolvers): the project's Node 24 first on PATH.
export PATH="$root/node_modules/.bin:$PATH"
export RAGLINE_ROOT="$root"
# Rate limits count per anonymous IP; the audit sends every request from 127.0.0.1 with no token.
# A gateway start takes seconds on a busy 2-core machine; the audit waits 5 s by default.
export GATEWAY_TIMEOUT="${GATEWAY_TIMEOUT:-60000}"
export RATE_LIMITS=off LOG_LEVEL="${LOG_LEVEL:-warn}"

if [ ! -f "$scratch/.installed-from" ] || [ "$(cat "$scratch/.installed-from")" != "$(sha256sum "$audit_source/package-lock.json")" ]; then
  rm -rf "$scratch" && mkdir -p "$scratch"
  cp -r "$audit_source/." "$scratch/"
  (cd "$scratch" && npm ci --no-audit --no-fund --loglevel=error)
  sha256sum "$audit_source/package-lock.json" > "$scratch/.installed-from"
fi
mkdir -p "$scratch/gateways/ragline"
cp "$root/test/federation-audit/run.sh" "$scratch/gateways/ragline/run.sh"
rm -f "$scratch/gateways/ragline/results.txt"

(cd "$scratch" && npm start --silent -- test --cwd ./gateways/ragline --run-script ./run.sh \
  --graphql http://127.0.0.1:4000/graphql --healthcheck http://127.0.0.1:4000/readyz)

node "$root/.build/test/federation-audit/compare-audit-results.js" \
  "$root/test/federation-audit/expected-results.txt" "$scratch/gateways/ragline/results.txt"
