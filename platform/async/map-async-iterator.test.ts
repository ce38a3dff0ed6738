import { describe, expect, it, vi } from 'vitest';
import { createPushIterator } from './push-iterator.js';
import { mapAsyncIterator } from './map-async-iterator.js';

describe('mapAsyncIterator', () => {
  it('maps each value and ends with its source, closing once', async () => {
    const onClose = vi.fn();
    const mapped = mapAsyncIterator(
      (async function* () {
        yield 1;
        yield 2;
      })(),
      (n) => n * 10,
      { onClose },
    );
    const seen: number[] = [];
    for await (const value of mapped) seen.push(value);
    expect(seen).toEqual([10, 20]);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('stops after the last value without reading the source again', async () => {
    const source = createPushIterator<string>({ onReturn: () => undefined });
    const mapped = mapAsyncIterator(source.iterator, (s) => s.toUpperCase(), { isLast: (s) => s === 'end' });
    source.push('a');
    source.push('end');
    source.push('never');
    expect(await mapped.next()).toEqual({ value: 'A', done: false });
    expect(await mapped.next()).toEqual({ value: 'END', done: false });
    expect(await mapped.next()).toEqual({ value: undefined, done: true });
  });

  it('returns at once while a read is pending, and tells the source', async () => {
    const onReturn = vi.fn();
    const source = createPushIterator<number>({ onReturn });
    const onClose = vi.fn();
    const mapped = mapAsyncIterator(source.iterator, String, { onClose });
    const pending = mapped.next();
    await mapped.return!();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(onReturn).toHaveBeenCalledTimes(1);
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
