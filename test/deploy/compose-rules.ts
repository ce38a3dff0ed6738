import { existsSync } from 'node:fs';
import { parse } from 'yaml';

export interface ComposeExpectations {
  /** Variables RAGline reads (platform/config.ts), plus the standard ones it passes on (OTEL_*). */
  knownVariables: readonly string[];
  /** What a RAGline container may be told to run, and the port each service listens on (config defaults). */
  servicePorts: Record<string, number>;
  /** Commands that run to completion (migrate). */
  jobs: string[];
}

const SECRET_VARIABLES = /SECRET|PASSWORD|TOKEN|API_KEY/;

/** Parses compose YAML with its anchors and `<<` merge keys resolved, as docker compose reads it. */
export function parseCompose(text: string): any {
  return parse(text, { merge: true, maxAliasCount: 1000 });
}

/**
 * The rules compose.yaml keeps, checked without Docker (none runs here): an empty list means every rule holds.
 * A RAGline container is one built from this repository (`build: .`).
 */
export function composeProblems(compose: any, expected: ComposeExpectations): string[] {
  const problems: string[] = [];
  const services: Record<string, any> = compose.services ?? {};
  const hostPorts = new Map<string, string>();
  for (const [name, service] of Object.entries(services)) {
    const ours = service.build !== undefined;
    if (!ours && (!/:[^:]+$/.test(service.image ?? '') || /:latest$/.test(service.image))) {
      problems.push(`${name}: image ${service.image} has no pinned tag`);
    }
    if (ours) {
      const command = service.command?.[0];
      if (!(command in expected.servicePorts) && !expected.jobs.includes(command)) problems.push(`${name}: unknown command ${command}`);
      for (const [variable, value] of Object.entries(service.environment ?? {})) {
        if (!expected.knownVariables.includes(variable)) problems.push(`${name}: ${variable} is not a RAGline setting`);
        if (SECRET_VARIABLES.test(variable) && !/^\$\{[A-Z_]+:\?/.test(String(value))) {
          problems.push(`${name}: ${variable} is written in the file; take it from the environment (\${${variable}:?...})`);
        }
      }
    }
    for (const mapping of service.ports ?? []) {
      const [host, container] = String(mapping).split(':');
      if (hostPorts.has(host!)) problems.push(`${name}: host port ${host} is already published by ${hostPorts.get(host!)}`);
      hostPorts.set(host!, name);
      const listens = expected.servicePorts[service.command?.[0]];
      if (ours && listens !== undefined && Number(container) !== listens) {
        problems.push(`${name}: publishes container port ${container}, but ${service.command?.[0]} listens on ${listens}`);
      }
    }
    // The short form (a list of names) starts after the dependency starts, without waiting for anything.
    const dependsOn = Array.isArray(service.depends_on)
      ? Object.fromEntries(service.depends_on.map((n: string) => [n, {}]))
      : service.depends_on;
    for (const [dependency, rule] of Object.entries<any>(dependsOn ?? {})) {
      const target = services[dependency];
      if (!target) {
        problems.push(`${name}: depends on ${dependency}, which is not a service`);
      } else if (rule?.condition === 'service_healthy') {
        // Our image has a HEALTHCHECK (test/deploy/dockerfile.test.ts); others need one here.
        if (!target.healthcheck && target.build === undefined)
          problems.push(`${name}: waits for ${dependency} to be healthy, but it has no healthcheck`);
      } else if (rule?.condition !== 'service_completed_successfully') {
        problems.push(`${name}: depends on ${dependency} without waiting for its health check`);
      }
    }
    for (const volume of service.volumes ?? []) {
      const source = String(volume).split(':')[0]!;
      if (source.startsWith('./') && !existsSync(source)) problems.push(`${name}: mounts ${source}, which does not exist`);
    }
  }
  return problems;
}
