import { createTextAnalyzer, type TextAnalyzerOptions } from '../../platform/text/text-analyzer.js';
import type { ScoredId } from './rank.js';
import { topK } from './rank.js';

export interface Bm25Options extends TextAnalyzerOptions {
  /** @default 0.9 (Anserini's BEIR setting) */
  k1?: number;
  /** @default 0.4 */
  b?: number;
}

/** An in-memory BM25 index over pre-joined document texts (Lucene's idf: ln(1 + (N − df + 0.5)/(df + 0.5))). */
export class Bm25Index {
  private readonly k1: number;
  private readonly b: number;
  private readonly analyze: (text: string) => string[];
  private readonly postings = new Map<string, { doc: number[]; tf: number[] }>();
  private readonly lengths: number[] = [];
  private readonly ids: string[] = [];

  constructor(documents: Iterable<{ id: string; text: string }>, options: Bm25Options = {}) {
    this.k1 = options.k1 ?? 0.9;
    this.b = options.b ?? 0.4;
    this.analyze = createTextAnalyzer(options);
    for (const { id, text } of documents) {
      const n = this.ids.length;
      this.ids.push(id);
      const tokens = this.analyze(text);
      this.lengths.push(tokens.length);
      const tf = new Map<string, number>();
      for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [term, count] of tf) {
        let p = this.postings.get(term);
        if (!p) this.postings.set(term, (p = { doc: [], tf: [] }));
        p.doc.push(n);
        p.tf.push(count);
      }
    }
  }

  search(query: string, k: number): ScoredId[] {
    const n = this.ids.length;
    const avgdl = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, n);
    const scores = new Float64Array(n);
    for (const term of this.analyze(query)) {
      const p = this.postings.get(term);
      if (!p) continue;
      const idf = Math.log(1 + (n - p.doc.length + 0.5) / (p.doc.length + 0.5));
      for (let i = 0; i < p.doc.length; i++) {
        const d = p.doc[i]!;
        const tf = p.tf[i]!;
        scores[d] += (idf * tf * (this.k1 + 1)) / (tf + this.k1 * (1 - this.b + (this.b * this.lengths[d]!) / avgdl));
      }
    }
    return topK(scores, this.ids, k);
  }
}
