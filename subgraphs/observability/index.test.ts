import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { closeAllEmbeddedPglite } from '../../db/embedded-pglite.js';
import { loadConfig } from '../../platform/config.js';
import { InProcessEventBus } from '../../platform/events/in-process/in-process-event-bus.js';
import { observabilitySubgraph } from './index.js';
import { publishLlmCall } from '../../platform/events/contracts/llm-call-event.js';

const logger = pino({ level: 'silent' });

afterAll(() => closeAllEmbeddedPglite());

describe('observabilitySubgraph.start', () => {
  it('migrates, consumes llm-usage into the tenant-scoped usage service, reports ready and closes', async () => {
    const bus = new InProcessEventBus({ logger });
    await publishLlmCall(bus, 'tenant-a', {
      provider: 'openai',
      model: 'gpt-a',
      promptName: 'order-summary',
      promptVersion: 1,
      inputTokens: 120,
      outputTokens: 40,
      latencyMs: 800,
      timeToFirstTokenMs: 200,
      costMicros: 90,
      outcome: 'ok',
      errorType: null,
      conversationId: null,
    });
    const runtime = await observabilitySubgraph.start({
      config: loadConfig({ OBSERVABILITY_DATABASE_URL: 'pglite:memory' }),
      logger,
      bus,
      databaseSchema: `obs_start_${randomUUID().slice(0, 8)}`,
    });
    try {
      expect(await runtime.checkReadiness()).toEqual({ database: 'ok', eventBus: 'ok' });
      const context = runtime.createContext({
        requestId: 'r1',
        log: logger,
        principal: { userId: 'u', tenantId: 'tenant-a', roles: ['admin'] },
      });
      // Published before start: the group starts from the retained stream, so the event still counts.
      await vi.waitFor(async () =>
        expect(await context.llmUsage.usage({ tenantId: 'tenant-a' }, ['PROMPT'])).toEqual([
          expect.objectContaining({ key: 'order-summary.v1', calls: 1 }),
        ]),
      );
    } finally {
      await runtime.close();
      await bus.close();
    }
  });
});
