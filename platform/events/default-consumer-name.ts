import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** Unique per process and per call, so two consumers in one process never share a Redis pending list by accident. */
export function defaultConsumerName(): string {
  return `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
}
