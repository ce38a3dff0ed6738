import type { EventBus } from '../events/event-bus.js';

/** The readiness of a subgraph that needs its database and the event bus: both must answer. */
export function databaseAndBusReadiness(database: { ping(): Promise<void> }, bus: Pick<EventBus, 'ping'>) {
  return async (): Promise<Record<string, 'ok'>> => {
    await Promise.all([database.ping(), bus.ping()]);
    return { database: 'ok', eventBus: 'ok' };
  };
}
