import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { parse, Kind, type ConstDirectiveNode, type DocumentNode } from 'graphql';
import { startGateway } from '../../gateway/gateway-server.js';
import { createTokenVerifier } from '../../platform/auth/jwt.js';
import { loadConfig } from '../../platform/config.js';
import { createLogger } from '../../platform/logger.js';
import { gatewayProtections } from '../../commands/gateway-protections.js';

/**
 * RAGline's gateway as a gateway of The Guild's federation audit: the audit's `run.sh` starts this with the suite's
 * supergraph. Same protections as `npm run start:gateway` (from the environment), so a limit that breaks a
 * federation case shows up here.
 */
const [supergraphPath = 'supergraph.graphql', port = '4000'] = process.argv.slice(2);
const supergraphSdl = await readFile(supergraphPath, 'utf8');
const config = loadConfig();
const logger = createLogger({ level: config.LOG_LEVEL, service: 'gateway' });
const gateway = await startGateway({
  supergraphSdl,
  subgraphUrls: subgraphUrlsOf(parse(supergraphSdl)),
  verifyToken: await createTokenVerifier(config),
  ...gatewayProtections(config),
  logger,
  host: '127.0.0.1',
  port: Number(port),
});
process.once('SIGTERM', () => void gateway.close().then(() => process.exit(0)));

/** The routing URL of each subgraph, from the supergraph's `join__Graph` enum (`@join__graph(name:, url:)`). */
function subgraphUrlsOf(document: DocumentNode): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const joinGraph = value.directives?.find((directive) => directive.name.value === 'join__graph');
      const name = joinGraph && stringArgument(joinGraph, 'name');
      const url = joinGraph && stringArgument(joinGraph, 'url');
      if (name && url) urls[name] = url;
    }
  }
  return urls;
}

function stringArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const argument = directive.arguments?.find((candidate) => candidate.name.value === name);
  return argument?.value.kind === Kind.STRING ? argument.value.value : undefined;
}
