import type { DocumentNode } from 'graphql';
import { rootFields } from './classify-operation.js';

/**
 * Root fields whose work takes CPU for a long time (vector and keyword search with rerank, context assembly, a model
 * turn's start, ingestion): the "heavy" operations, the ones an attacking tenant sends as fast as its budgets
 * allow. Rate limits count operations per minute; this counts them in flight.
 */
const HEAVY_ROOT_FIELDS = new Set(['search', 'assembleContext', 'sendMessage', 'ingestDocument', 'reindex']);

export function isHeavyOperation(document: DocumentNode, operationName?: string | null): boolean {
  const { operation, fieldNames } = rootFields(document, operationName);
  return operation !== undefined && operation !== 'subscription' && fieldNames.some((name) => HEAVY_ROOT_FIELDS.has(name));
}

/** No turn came within the wait: the operation is refused rather than queued without end. */
export class HeavyQueueTimeout extends Error {}

/**
 * A first-come-first-served semaphore per tenant: each tenant runs at most `maxInFlight` heavy operations at once
 * and the next ones wait their turn, up to `maxWaitMs`. One tenant's flood then queues behind itself instead of
 * taking every CPU slot from the others. Per gateway process (replicas each keep their own).
 */
export class TenantHeavyGate {
  private readonly tenants = new Map<string, { running: number; waiting: (() => void)[] }>();

  constructor(
    private readonly maxInFlight: number,
    private readonly maxWaitMs: number,
  ) {}

  /** Resolves with the release function once the tenant has a free slot; rejects with HeavyQueueTimeout. */
  async acquire(tenant: string): Promise<() => void> {
    const state = this.tenants.get(tenant) ?? { running: 0, waiting: [] };
    this.tenants.set(tenant, state);
    // A released slot passes straight to the next waiter, so no newcomer can slip in between.
    if (state.running < this.maxInFlight) state.running++;
    else await this.waitForTurn(state);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = state.waiting.shift();
      if (next) return next();
      state.running--;
      if (state.running === 0) this.tenants.delete(tenant);
    };
  }

  inFlight(tenant: string): number {
    return this.tenants.get(tenant)?.running ?? 0;
  }

  private waitForTurn(state: { waiting: (() => void)[] }): Promise<void> {
    return new Promise((resolve, reject) => {
      const turn = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        state.waiting.splice(state.waiting.indexOf(turn), 1);
        reject(new HeavyQueueTimeout());
      }, this.maxWaitMs);
      state.waiting.push(turn);
    });
  }
}
