#!/bin/sh
# The audit's per-suite hook (copied into the audit's gateways/ragline/): fetch the suite's supergraph, then serve it
# with RAGline's gateway. RAGLINE_ROOT is set by run-audit.sh.
set -e
npm start supergraph -- --cwd ./gateways/ragline --test "$1"
exec node "$RAGLINE_ROOT/.build/test/federation-audit/serve-audit-gateway.js" ./supergraph.graphql 4000
