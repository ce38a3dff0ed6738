import { describe, expect, it, vi } from 'vitest';
import { createPushIterator } from './push-iterator.js';

describe('createPushIterator', () => {
  it('drains buffered values after end(), then reports done', async () => {
    const { iterator, push, end } = createPushIterator<number>({ onReturn: () => undefined });
    push(1);
    push(2);
    end();
    push(3);
    const values: number[] = [];
    for await (const value of iterator) values.push(value);
    expect(values).toEqual([1, 2]);
  });

  it('calls onReturn once when the reader breaks out', async () => {
    const onReturn = vi.fn();
    const { iterator, push } = createPushIterator<number>({ onReturn });
    push(1);
    for await (const value of iterator) if (value === 1) break;
    await iterator.return!();
    expect(onReturn).toHaveBeenCalledTimes(1);
  });

  it('drops the oldest values past maxBuffered and reports the overflow once', async () => {
    const onOverflow = vi.fn();
    const { iterator, push, end } = createPushIterator<number>({ onReturn: () => undefined, maxBuffered: 2, onOverflow });
    [1, 2, 3, 4].forEach(push);
    end();
    const values: number[] = [];
    for await (const value of iterator) values.push(value);
    expect(values).toEqual([3, 4]);
    expect(onOverflow).toHaveBeenCalledTimes(1);
  });
});
