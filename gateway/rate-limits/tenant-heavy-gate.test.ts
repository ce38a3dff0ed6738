import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { HeavyQueueTimeout, isHeavyOperation, TenantHeavyGate } from './tenant-heavy-gate.js';

describe('isHeavyOperation', () => {
  it('finds heavy root fields, through fragments too, and nothing else', () => {
    expect(isHeavyOperation(parse('{ search(query: "x") { hits { score } } }'))).toBe(true);
    expect(isHeavyOperation(parse('query Q { ...F } fragment F on Query { assembleContext(query: "x") { text } }'))).toBe(true);
    expect(isHeavyOperation(parse('mutation { sendMessage(conversationId: "c", text: "t") { id } }'))).toBe(true);
    expect(isHeavyOperation(parse('{ products(first: 5) { edges { node { id } } } }'))).toBe(false);
    expect(isHeavyOperation(parse('subscription { chatStream(messageId: "m") { __typename } }'))).toBe(false);
  });
});

describe('TenantHeavyGate', () => {
  it('runs at most maxInFlight per tenant, hands each freed slot to the next in line, and leaves other tenants alone', async () => {
    const gate = new TenantHeavyGate(2, 1000);
    const first = await gate.acquire('attacker');
    await gate.acquire('attacker');
    let thirdStarted = false;
    const third = gate.acquire('attacker').then((release) => ((thirdStarted = true), release));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(thirdStarted).toBe(false);
    const victim = await gate.acquire('victim');
    expect(gate.inFlight('victim')).toBe(1);
    first();
    first(); // a second release of the same slot changes nothing
    await third;
    expect(thirdStarted).toBe(true);
    expect(gate.inFlight('attacker')).toBe(2);
    victim();
    expect(gate.inFlight('victim')).toBe(0);
  });

  it('refuses an operation that waited longer than maxWaitMs, and forgets it in the queue', async () => {
    const gate = new TenantHeavyGate(1, 30);
    const release = await gate.acquire('t');
    await expect(gate.acquire('t')).rejects.toBeInstanceOf(HeavyQueueTimeout);
    release();
    expect(gate.inFlight('t')).toBe(0);
    const again = await gate.acquire('t');
    expect(gate.inFlight('t')).toBe(1);
    again();
  });
});
