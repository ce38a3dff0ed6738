import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestSupergraph } from '../support/test-supergraph.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

describe('a supergraph on embedded defaults', () => {
  const hosts: string[] = [];
  const record = (message: unknown) => hosts.push((message as { request: ClientRequest }).request.host);
  // fetch and the gateway's subgraph pools (undici, bundled with Node or from npm) report on undici's channel instead.
  const recordUndici = (message: unknown) => hosts.push(new URL((message as { request: { origin: string } }).request.origin).hostname);
  afterAll(() => {
    unsubscribe('http.client.request.start', record);
    unsubscribe('undici:request:create', recordUndici);
  });

  it('makes HTTP requests to this machine only, from start to shutdown (no telemetry, no cloud metadata probes)', async () => {
    subscribe('http.client.request.start', record);
    subscribe('undici:request:create', recordUndici);
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
    expect(hosts.length).toBeGreaterThan(0);
    expect(hosts.filter((host) => !LOOPBACK.has(host))).toEqual([]);
  });
});
