// The image's HEALTHCHECK: asks the service this container runs for /healthz on its own port.
// The service is read from PID 1's command line (the entry point execs `node dist/commands/start-service.js <name>`),
// its port from the same variables the service reads (PORT for the gateway, <NAME>_PORT for a subgraph).
/* global fetch, AbortSignal */
import { readFileSync } from 'node:fs';
import process from 'node:process';

const DEFAULT_PORTS = { gateway: 4000, orders: 4001, knowledge: 4002, assistant: 4003, observability: 4004 };
const args = readFileSync('/proc/1/cmdline', 'utf8').split('\0');
const service = args[args.findIndex((arg) => arg.endsWith('start-service.js')) + 1];
if (!(service in DEFAULT_PORTS)) process.exit(0); // migrate and seed run to completion: nothing to probe
const variable = service === 'gateway' ? 'PORT' : `${service.toUpperCase()}_PORT`;
const port = process.env[variable] || DEFAULT_PORTS[service];
fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2500) }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  () => process.exit(1),
);
