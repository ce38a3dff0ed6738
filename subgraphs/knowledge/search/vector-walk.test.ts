import { describe, expect, it } from 'vitest';
import { chooseVectorWalk, WALK_COST_IN_CHUNKS } from './vector-walk.js';

describe('chooseVectorWalk', () => {
  it('computes every distance for a tenant of a few hundred chunks', () => {
    expect(chooseVectorWalk({ scoped: false, tenantChunks: 300, tableChunks: 300, limit: 10 })).toBe('exact');
    expect(chooseVectorWalk({ scoped: false, tenantChunks: WALK_COST_IN_CHUNKS, tableChunks: 50_000, limit: 10 })).toBe('exact');
  });

  it('walks the HNSW index for a tenant of thousands of chunks, the case the planner sorts exactly', () => {
    expect(chooseVectorWalk({ scoped: false, tenantChunks: 13_000, tableChunks: 13_000, limit: 50 })).toBe('index');
    expect(chooseVectorWalk({ scoped: false, tenantChunks: 100_000, tableChunks: 1_000_000, limit: 50 })).toBe('index');
  });

  it('computes exact distances for a tenant that is a small share of a large index, where a filtered walk would stall', () => {
    // 50 rows at a 0.2% share: the walk would pass over ~25,000 other chunks, past pgvector's scan limit.
    expect(chooseVectorWalk({ scoped: false, tenantChunks: 2_000, tableChunks: 1_000_000, limit: 50 })).toBe('exact');
  });

  it('leaves the choice to the planner when a scope filter or missing statistics hide the row count', () => {
    expect(chooseVectorWalk({ scoped: true, tenantChunks: 13_000, tableChunks: 13_000, limit: 10 })).toBe('planner');
    expect(chooseVectorWalk({ scoped: false, tenantChunks: 13_000, tableChunks: 0, limit: 10 })).toBe('planner');
    expect(chooseVectorWalk({ scoped: false, tenantChunks: 0, tableChunks: 13_000, limit: 10 })).toBe('planner');
  });
});
