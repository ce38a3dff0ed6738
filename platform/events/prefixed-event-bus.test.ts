import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { InProcessEventBus } from './in-process/in-process-event-bus.js';
import { withStreamPrefix } from './prefixed-event-bus.js';

describe('stream prefix', () => {
  it('keeps deployments apart on one transport while callers use plain stream names', async () => {
    const shared = new InProcessEventBus({ logger: createLogger({ level: 'silent', service: 'test' }) });
    const blue = withStreamPrefix(shared, 'blue:');
    const green = withStreamPrefix(shared, 'green:');
    const blueLive = blue.subscribe('orders');
    const greenLive = green.subscribe('orders');
    const rawLive = shared.subscribe('blue:orders');
    const published = await blue.publish('orders', { type: 'T', tenantId: 'demo', payload: { n: 1 } });
    expect(published.stream).toBe('orders');
    expect((await blueLive.next()).value).toMatchObject({ stream: 'orders', eventId: published.eventId });
    expect((await rawLive.next()).value).toMatchObject({ stream: 'blue:orders', eventId: published.eventId });
    const nothing = await Promise.race([greenLive.next(), new Promise((resolve) => setTimeout(() => resolve('none'), 50))]);
    expect(nothing).toBe('none');
    await Promise.all([blueLive.return?.(), greenLive.return?.(), rawLive.return?.()]);
    await shared.close();
  });
});
