#!/bin/sh
# The image's entry point: the first argument picks what this container runs.
#   gateway | orders | knowledge | assistant | observability  -> one service (commands/start-service.ts)
#   migrate                                                    -> every subgraph's pending migrations, then exit
#   seed                                                       -> the demo tenant's data, then exit
set -eu
cd /app
command="${1:-gateway}"
[ "$#" -gt 0 ] && shift
case "$command" in
  migrate) exec node dist/commands/migrate.js "$@" ;;
  seed) exec node dist/commands/seed.js "$@" ;;
  gateway | orders | knowledge | assistant | observability) exec node dist/commands/start-service.js "$command" "$@" ;;
  *)
    echo "unknown command \"$command\": expected gateway, orders, knowledge, assistant, observability, migrate or seed" >&2
    exit 64
    ;;
esac
