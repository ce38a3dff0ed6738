import { createHash } from 'node:crypto';
import type { PromptTemplate, PromptVariant } from './prompt-template.js';

/**
 * Picks an A/B variant in proportion to the weights. Deterministic per `stickyKey` (e.g. a conversation ID), so one
 * conversation keeps its variant across turns and reloads that do not change the weights.
 */
export function pickVariant(prompt: Pick<PromptTemplate, 'name' | 'version' | 'variants'>, stickyKey: string): PromptVariant {
  const variants = prompt.variants;
  if (variants.length === 1) return variants[0]!;
  const total = variants.reduce((sum, variant) => sum + variant.weight, 0);
  const digest = createHash('sha256').update(`${prompt.name}@${prompt.version}:${stickyKey}`).digest();
  let point = (digest.readUInt32BE(0) / 0x1_0000_0000) * total;
  for (const variant of variants) {
    if (point < variant.weight) return variant;
    point -= variant.weight;
  }
  return variants.at(-1)!;
}
