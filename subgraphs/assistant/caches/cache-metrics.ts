import type { Counter } from 'prom-client';
import { counter } from '../../../platform/metrics/metrics.js';

export type CacheResult = 'hit' | 'miss';

let semantic: Counter<'result'> | undefined;
let toolResults: Counter<'tool' | 'result'> | undefined;

/** Created on first use rather than at import, so importing a cache registers nothing. */
export function semanticCacheCounter(): Counter<'result'> {
  if (semantic) return semantic;
  semantic = counter({
    name: 'ragline_assistant_semantic_cache_total',
    help: 'Semantic answer cache lookups by result (hit, miss)',
    labelNames: ['result'],
  });
  // Both series exist from the first lookup on: a hit ratio is 0 before the first hit, not missing.
  for (const result of ['hit', 'miss']) semantic.inc({ result }, 0);
  return semantic;
}

export function toolCacheCounter(): Counter<'tool' | 'result'> {
  return (toolResults ??= counter({
    name: 'ragline_assistant_tool_cache_total',
    help: 'Tool result cache lookups of idempotent assistant tools by tool and result (hit, miss)',
    labelNames: ['tool', 'result'],
  }));
}
