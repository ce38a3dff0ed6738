/**
 * Keys that belong to one consumer group of a stream, named after the stream so `SCAN MATCH <stream>:*` finds them.
 * Not Redis Cluster safe: scripts and MULTI touch these and the stream together, which needs one hash slot.
 */
export const deadLetterKey = (stream: string, group: string): string => `${stream}:dead:${group}`;

/** Sorted set of entry ID → retry time (ms) for failed entries whose backoff is longer than the claim window. */
export const retryScheduleKey = (stream: string, group: string): string => `${stream}:retry-at:${group}`;
