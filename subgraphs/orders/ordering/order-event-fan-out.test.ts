import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../platform/auth/principal.js';
import type { BusEvent } from '../../../platform/events/event-bus.js';
import { InProcessEventBus } from '../../../platform/events/in-process/in-process-event-bus.js';
import { ORDER_EVENTS_STREAM } from '../../../platform/events/contracts/order-events.js';
import { createLogger } from '../../../platform/logger.js';
import { OrderEventFanOut } from './order-event-fan-out.js';

const logger = createLogger({ level: 'silent', service: 'order-event-fan-out-test' });
const principal = (tenantId: string, userId: string, role: Principal['roles'][number] = 'customer'): Principal =>
  ({ tenantId, userId, roles: [role] }) as Principal;

let orderSeq = 0;
const orderId = () => `00000000-0000-4000-8000-${String(++orderSeq).padStart(12, '0')}`;
const publishOrderEvent = (bus: InProcessEventBus, tenantId: string, customerId: string, id = orderId()) =>
  bus.publish(ORDER_EVENTS_STREAM, {
    type: 'ORDER_CREATED',
    tenantId,
    payload: { schema: 'order_v1', orderId: id, customerId, order: { id, customerId } },
  });

/** Reads what an iterator has been handed so far, without waiting for more. */
async function drain(iterator: AsyncIterableIterator<BusEvent>, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(((await iterator.next()).value.payload as { orderId: string }).orderId);
  return ids;
}

/** Counts the fan-out's own subscriptions to the bus. */
function countingBus() {
  const bus = new InProcessEventBus({ logger });
  let open = 0;
  const subscribe = bus.subscribe.bind(bus);
  bus.subscribe = (stream: string) => {
    const iterator = subscribe(stream);
    open += 1;
    const close = iterator.return!.bind(iterator);
    iterator.return = () => {
      open -= 1;
      return close();
    };
    return iterator;
  };
  return { bus, open: () => open };
}

describe('OrderEventFanOut', () => {
  it('reads the bus once for every subscription, and stops reading when the last one leaves', async () => {
    const { bus, open } = countingBus();
    const fanOut = new OrderEventFanOut(bus, logger);
    const subscriptions = Array.from({ length: 50 }, (_, i) => fanOut.subscribe({ principal: principal('t1', `c${i}`) }));
    expect(open()).toBe(1);
    await Promise.all(subscriptions.map((subscription) => subscription.return!()));
    expect(open()).toBe(0);
    const again = fanOut.subscribe({ principal: principal('t1', 'c0') });
    expect(open()).toBe(1);
    await again.return!();
    await bus.close();
  });

  it("hands each subscription only what it may see, in the bus's order", async () => {
    const bus = new InProcessEventBus({ logger });
    const fanOut = new OrderEventFanOut(bus, logger);
    const followed = orderId();
    const alice = fanOut.subscribe({ principal: principal('t1', 'alice') });
    const aliceAgain = fanOut.subscribe({ principal: principal('t1', 'alice') });
    const bob = fanOut.subscribe({ principal: principal('t1', 'bob') });
    const staff = fanOut.subscribe({ principal: principal('t1', 'sam', 'staff') });
    const otherTenantAlice = fanOut.subscribe({ principal: principal('t2', 'alice', 'admin') });
    const bobFollowingAlicesOrder = fanOut.subscribe({ principal: principal('t1', 'bob'), orderId: followed });
    const staffFollowingOne = fanOut.subscribe({ principal: principal('t1', 'sam', 'staff'), orderId: followed });

    const a1 = (await publishOrderEvent(bus, 't1', 'alice', followed)).payload.orderId;
    const b1 = (await publishOrderEvent(bus, 't1', 'bob')).payload.orderId;
    const a2 = (await publishOrderEvent(bus, 't1', 'alice')).payload.orderId;
    const otherTenant = (await publishOrderEvent(bus, 't2', 'alice')).payload.orderId;
    await bus.publish(ORDER_EVENTS_STREAM, { type: 'SOMETHING_ELSE', tenantId: 't1', payload: { orderId: a1 } });
    const last = (await publishOrderEvent(bus, 't1', 'alice', followed)).payload.orderId;

    expect(await drain(alice, 3)).toEqual([a1, a2, last]);
    expect(await drain(aliceAgain, 3)).toEqual([a1, a2, last]);
    expect(await drain(bob, 1)).toEqual([b1]);
    expect(await drain(staff, 4)).toEqual([a1, b1, a2, last]);
    expect(await drain(otherTenantAlice, 1)).toEqual([otherTenant]);
    expect(await drain(staffFollowingOne, 2)).toEqual([followed, followed]);
    // Nothing more is buffered for anyone: bob's next event is his own next order, never Alice's.
    const b2 = (await publishOrderEvent(bus, 't1', 'bob')).payload.orderId;
    expect(await drain(bob, 1)).toEqual([b2]);
    // Bob following Alice's order by its ID still sees none of it.
    const bobsFollow = bobFollowingAlicesOrder.next();
    const timedOut = await Promise.race([bobsFollow.then(() => 'event'), new Promise((resolve) => setTimeout(() => resolve('none'), 50))]);
    expect(timedOut).toBe('none');
    await bus.close();
  });

  it('ends every subscription when the bus closes under it', async () => {
    const bus = new InProcessEventBus({ logger });
    const fanOut = new OrderEventFanOut(bus, logger);
    const subscription = fanOut.subscribe({ principal: principal('t1', 'sam', 'staff') });
    await bus.close();
    expect(await subscription.next()).toEqual({ value: undefined, done: true });
    expect(fanOut.subscriptions).toBe(0);
  });
});
