import { afterAll, describe, expect, it } from 'vitest';
import { recordHttpRequests } from '../support/http-requests.js';
import { startTestSupergraph } from '../support/test-supergraph.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

describe('a supergraph on embedded defaults', () => {
  let http: ReturnType<typeof recordHttpRequests> | undefined;
  afterAll(() => http?.stop());

  it('makes HTTP requests to this machine only, from start to shutdown (no telemetry, no cloud metadata probes)', async () => {
    http = recordHttpRequests();
    const supergraph = await startTestSupergraph();
    try {
      const { body } = await supergraph.request(
        '{ products(first: 1) { edges { node { id } } } }',
        {},
        { token: await supergraph.token() },
      );
      expect(body.errors).toBeUndefined();
    } finally {
      await supergraph.close();
    }
    // The test's own requests to the gateway prove the channels were listened to (its subgraph calls need no socket).
    const hosts = http.targets.map((target) => target.hostname);
    expect(hosts.length).toBeGreaterThan(0);
    expect(hosts.filter((host) => !LOOPBACK.has(host))).toEqual([]);
  });
});
