import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES } from '../../platform/config.js';
import { dockerfileProblems, dockerignoreProblems, type DockerfileExpectations } from './dockerfile-rules.js';

const packageJson = JSON.parse(await readFile('package.json', 'utf8'));
const expected: DockerfileExpectations = {
  nodeVersion: packageJson.devDependencies.node,
  runtimeCopySources: [
    'package.json',
    'package-lock.json',
    '.npmrc',
    'schema',
    'prompts',
    'deploy/docker/entrypoint.sh',
    'deploy/docker/healthcheck.mjs',
  ],
  runtimeCopiesFromBuild: ['/app/dist'],
};

describe('the Dockerfile (checked statically: no image is built here)', () => {
  it('keeps every rule: multi-stage, pinned Node 24, production dependencies only, non-root, health check, no secrets', async () => {
    expect(packageJson.engines.node).toMatch(/^>=24/);
    expect(dockerfileProblems(await readFile('Dockerfile', 'utf8'), expected)).toEqual([]);
    expect(dockerignoreProblems(await readFile('.dockerignore', 'utf8'))).toEqual([]);
  });

  it('has an entry point that runs every service, the migrations and the seed, and refuses anything else', async () => {
    const entrypoint = await readFile('deploy/docker/entrypoint.sh', 'utf8');
    for (const command of ['gateway', ...SUBGRAPH_NAMES, 'migrate', 'seed'])
      expect(entrypoint).toMatch(new RegExp(`\\b${command}\\b.*\\)`));
    expect(entrypoint).toContain('exec node dist/commands/start-service.js "$command"');
    expect(entrypoint).toContain('exec node dist/commands/migrate.js');
    expect(entrypoint).toMatch(/\*\)\s+echo .*unknown command[\s\S]*exit 64/);
  });

  it('catches a Dockerfile that breaks the rules', () => {
    const bad = [
      'FROM node:latest',
      'ENV JWT_SECRET=hunter2hunter2hunter2hunter2hunter2',
      'COPY . .',
      'RUN npm install',
      'CMD npm start',
    ].join('\n');
    expect(dockerfileProblems(bad, expected)).toEqual([
      'not multi-stage: expected a build stage and a runtime stage',
      'base image node:latest is not node:<major.minor.patch>-<variant>',
      'ENV JWT_SECRET=hunter2hunter2hunter2hunter2hunter2: secrets never go into an image',
      'RUN npm install: use npm ci (the lockfile decides)',
      'runtime stage does not run npm ci --omit=dev',
      'runtime stage runs as root: add USER <non-root>',
      'runtime stage has no HEALTHCHECK',
      'CMD is not in exec (JSON) form',
      'runtime stage copies .: not allowed',
    ]);
    const wrongNode = 'FROM node:22.1.0-slim AS build\nFROM build\nRUN npm ci --omit=dev\nUSER root\nHEALTHCHECK CMD ["true"]';
    expect(dockerfileProblems(wrongNode, expected)).toEqual([
      `base image node:22.1.0-slim is not Node ${expected.nodeVersion}`,
      'runtime stage runs as root: add USER <non-root>',
    ]);
    expect(dockerignoreProblems('node_modules\n')).toEqual([
      '.dockerignore misses .git',
      '.dockerignore misses .env',
      '.dockerignore misses dist',
      '.dockerignore misses .data',
    ]);
  });
});
