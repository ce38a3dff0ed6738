import { describe, expect, it } from 'vitest';
import { pickVariant } from './pick-variant.js';
import { renderTemplate } from './prompt-template.js';

const prompt = {
  name: 'ab',
  version: 1,
  variants: [
    { id: 'a', weight: 3, template: 'A' },
    { id: 'b', weight: 1, template: 'B' },
  ],
};

describe('pickVariant', () => {
  it('is sticky per key and follows the weights', () => {
    expect(pickVariant(prompt, 'conversation-1')).toBe(pickVariant(prompt, 'conversation-1'));
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 4000; i++) counts[pickVariant(prompt, `conversation-${i}`).id as 'a' | 'b']++;
    expect(counts.a / 4000).toBeGreaterThan(0.7);
    expect(counts.a / 4000).toBeLessThan(0.8);
  });

  it('returns the only variant of a single-template prompt', () => {
    const single = { ...prompt, variants: [prompt.variants[1]!] };
    expect(pickVariant(single, 'any').id).toBe('b');
  });
});

describe('renderTemplate', () => {
  it('substitutes placeholders and refuses missing values', () => {
    expect(renderTemplate('Hi {{ name }}, {{count}} items', { name: 'Ada', count: 2 })).toBe('Hi Ada, 2 items');
    expect(() => renderTemplate('Hi {{name}}', {})).toThrow('No value for prompt variable "name"');
  });
});
