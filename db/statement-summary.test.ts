import { describe, expect, it } from 'vitest';
import { summariseStatement } from './statement-summary.js';

describe('summariseStatement', () => {
  it('names the operation and the first table, never literals or parameters', () => {
    expect(summariseStatement('select "o0".* from "t1_orders"."orders" as "o0" where "o0"."tenant_id" = $1')).toEqual({
      operation: 'SELECT',
      summary: 'SELECT t1_orders.orders',
    });
    expect(summariseStatement(`insert into "orders"."outbox" ("event_id") values ('secret')`).summary).toBe('INSERT orders.outbox');
    expect(summariseStatement('update orders.outbox set claimed_until = now() where id in (select id from orders.outbox)').summary).toBe(
      'UPDATE orders.outbox',
    );
    expect(summariseStatement('delete from "knowledge"."chunks" where id = 5').summary).toBe('DELETE knowledge.chunks');
    expect(summariseStatement('  begin').summary).toBe('BEGIN');
    expect(summariseStatement('select 1').summary).toBe('SELECT');
    expect(
      summariseStatement(`with created as (insert into "s"."orders" (id) values ('x')) insert into "s"."outbox" (event_id) values ($1)`),
    ).toEqual({ operation: 'WITH', summary: 'INSERT s.orders INSERT s.outbox' });
    expect(summariseStatement('with due as (select id from a.jobs for update skip locked) select * from due').summary).toBe('WITH a.jobs');
  });
});
