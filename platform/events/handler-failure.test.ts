import { describe, expect, it } from 'vitest';
import { describeHandlerFailure } from './handler-failure.js';

describe('describeHandlerFailure', () => {
  it('keeps the class name and message of errors', () => {
    expect(describeHandlerFailure(new TypeError('bad payload'))).toEqual({ name: 'TypeError', message: 'bad payload' });
  });

  it('describes non-errors readably', () => {
    expect(describeHandlerFailure('plain string')).toEqual({ name: 'string', message: 'plain string' });
    expect(describeHandlerFailure({ code: 42 })).toEqual({ name: 'object', message: '{"code":42}' });
    expect(describeHandlerFailure(undefined)).toEqual({ name: 'undefined', message: 'undefined' });
  });

  it('bounds long messages', () => {
    expect(describeHandlerFailure(new Error('x'.repeat(10_000))).message.length).toBeLessThan(4100);
  });
});
