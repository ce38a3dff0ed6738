import type { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../platform/auth/principal.js';
import { ORDER_STATUSES, type OrderStatus } from './order.entity.js';
import { assertLegalTransition, assertMayMoveTo, isLegalTransition } from './order-transitions.js';

const order = { tenantId: 'demo', customerId: 'alice' };
const alice: Principal = { userId: 'alice', tenantId: 'demo', roles: ['customer'] };
const bob: Principal = { userId: 'bob', tenantId: 'demo', roles: ['customer'] };
const staff: Principal = { userId: 'sam', tenantId: 'demo', roles: ['staff'] };
const admin: Principal = { userId: 'ada', tenantId: 'demo', roles: ['admin'] };
const foreignAdmin: Principal = { userId: 'alice', tenantId: 'other', roles: ['admin'] };

function codeOf(action: () => void): { code?: unknown; from?: unknown; to?: unknown } | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    return (error as GraphQLError).extensions as never;
  }
}

describe('order transition table', () => {
  it('allows exactly the documented moves', () => {
    const legal = ORDER_STATUSES.flatMap((from) =>
      ORDER_STATUSES.filter((to) => isLegalTransition(from, to)).map((to) => `${from}->${to}`),
    );
    expect(legal.sort()).toEqual(
      [
        'PENDING->CONFIRMED',
        'PENDING->CANCELLED',
        'CONFIRMED->PREPARING',
        'CONFIRMED->CANCELLED',
        'PREPARING->READY',
        'READY->COMPLETED',
      ].sort(),
    );
  });

  it('names from and to when refusing a move', () => {
    expect(codeOf(() => assertLegalTransition('PREPARING', 'CANCELLED'))).toMatchObject({
      code: 'ILLEGAL_STATUS_TRANSITION',
      from: 'PREPARING',
      to: 'CANCELLED',
    });
    expect(codeOf(() => assertLegalTransition('COMPLETED', 'READY'))).toMatchObject({
      code: 'ILLEGAL_STATUS_TRANSITION',
      from: 'COMPLETED',
      to: 'READY',
    });
    expect(codeOf(() => assertLegalTransition('PENDING', 'PENDING'))?.code).toBe('ILLEGAL_STATUS_TRANSITION');
    expect(codeOf(() => assertLegalTransition('READY', 'COMPLETED'))).toBeUndefined();
  });
});

describe('who may move an order', () => {
  const cases: [string, Principal, OrderStatus, boolean][] = [
    ['owner confirms', alice, 'CONFIRMED', true],
    ['owner cancels', alice, 'CANCELLED', true],
    ['owner cannot start preparing', alice, 'PREPARING', false],
    ['owner cannot mark ready', alice, 'READY', false],
    ['owner cannot complete', alice, 'COMPLETED', false],
    ['another customer cannot cancel', bob, 'CANCELLED', false],
    ['another customer cannot confirm', bob, 'CONFIRMED', false],
    ['staff cannot confirm for the customer', staff, 'CONFIRMED', false],
    ['staff prepares', staff, 'PREPARING', true],
    ['staff marks ready', staff, 'READY', true],
    ['staff completes', staff, 'COMPLETED', true],
    ['staff cancels', staff, 'CANCELLED', true],
    ['admin prepares', admin, 'PREPARING', true],
    ['nobody moves an order back to PENDING', admin, 'PENDING', false],
    ['an admin of another tenant may do nothing', foreignAdmin, 'CANCELLED', false],
  ];
  it.each(cases)('%s', (_name, principal, to, allowed) => {
    const error = codeOf(() => assertMayMoveTo(principal, order, to));
    if (allowed) expect(error).toBeUndefined();
    else expect(error).toMatchObject({ code: 'FORBIDDEN', to });
  });

  it('gives a customer who is also staff both sets of moves', () => {
    const both: Principal = { userId: 'alice', tenantId: 'demo', roles: ['customer', 'staff'] };
    for (const to of ['CONFIRMED', 'PREPARING', 'CANCELLED'] as const)
      expect(codeOf(() => assertMayMoveTo(both, order, to))).toBeUndefined();
  });
});
