import { createTextAnalyzer } from '../../../platform/text/text-analyzer.js';
import type { RerankCandidate } from './reranker.js';
import { bm25Idf, candidateTermStatistics, type TermStatistics } from './term-statistics.js';

/** What the offline reranker measures about one candidate; every field but `rank` and `bm25Raw` is in [0, 1]. */
export interface RerankFeatures {
  /** 1-based position in the first-stage order (by `score`, ties kept in input order). */
  rank: number;
  /** BM25 of the query over title + text, unnormalised. */
  bm25Raw: number;
  /** BM25 divided by the best BM25 among the candidates (scale-free across queries). */
  bm25: number;
  /** idf-weighted share of the distinct query terms that occur at all. */
  coverage: number;
  /** idf-weighted share of the query's adjacent term pairs found in the same order within `bigramWindow` tokens. */
  bigram: number;
  /** idf-weighted mean over query term pairs of 1 / (closest distance between them); 0 for a pair not both present. */
  proximity: number;
  /** idf-weighted share of the distinct query terms that occur in the title. */
  title: number;
}

export interface FeatureOptions {
  /** Fitted corpus statistics; without them the candidates' own document frequencies are used. */
  statistics?: TermStatistics;
  /** BM25 saturation. @default 1.2 */
  k1?: number;
  /** BM25 length normalisation. @default 0.75 */
  b?: number;
  /** Largest gap (in non-stopword tokens) at which an ordered query pair still counts as a bigram match. @default 2 */
  bigramWindow?: number;
  /** Proximity is measured between query terms this far apart in the query at most (0 = all pairs). @default 0 */
  proximityQuerySpan?: number;
  /**
   * Analysed candidates kept by id (least recently used dropped first; 0 = off). Analysis is most of the cost and
   * the same documents keep coming back as candidates; an entry is reused only if title and text are unchanged. @default 4096
   */
  analysisCacheSize?: number;
}

interface AnalysedCandidate {
  title: string;
  text: string;
  /** term → sorted positions; title tokens come first, then a gap so title and text never look adjacent. */
  positions: Map<string, number[]>;
  titleTerms: Set<string>;
  length: number;
}

/** Gap inserted between title and text positions: larger than any window or useful proximity distance. */
const FIELD_GAP = 100;

/** Smallest |a − b| over two sorted position lists (two-pointer merge). */
function minDistance(a: readonly number[], b: readonly number[]): number {
  let i = 0;
  let j = 0;
  let best = Infinity;
  while (i < a.length && j < b.length) {
    const d = a[i]! - b[j]!;
    if (Math.abs(d) < best) best = Math.abs(d);
    if (d < 0) i++;
    else j++;
  }
  return best;
}

/** Is some position of `b` within 1..window tokens after a position of `a`? */
function followsWithin(a: readonly number[], b: readonly number[], window: number): boolean {
  let j = 0;
  for (const p of a) {
    while (j < b.length && b[j]! <= p) j++;
    if (j < b.length && b[j]! - p <= window) return true;
  }
  return false;
}

/**
 * Words of how people ask, not of what they ask about. The shared stopword list is the small Lucene one (it shapes
 * stored embeddings and must not change); among a few candidates "do you" in a title ("Do you deliver?") would
 * otherwise look like a rare, telling match for "do you have vegan pizza".
 */
const QUESTION_WORDS =
  'do does did you your yours me my what which who whom whose how when where why would could should shall please tell ' +
  'show give want like get know about any some there here is am are';

/** Builds the per-candidate feature extractor (one analyzer, so its stem cache is shared across calls). */
export function createFeatureExtractor(options: FeatureOptions = {}) {
  const analyzeText = createTextAnalyzer();
  const questionWords = new Set(analyzeText(QUESTION_WORDS));
  const analyze = (text: string) => analyzeText(text).filter((token) => !questionWords.has(token));
  const k1 = options.k1 ?? 1.2;
  const b = options.b ?? 0.75;
  const window = options.bigramWindow ?? 2;
  const span = options.proximityQuerySpan ?? 0;

  const cacheSize = options.analysisCacheSize ?? 4096;
  const cache = new Map<string, AnalysedCandidate>();

  const analyse = (c: RerankCandidate): AnalysedCandidate => {
    const positions = new Map<string, number[]>();
    const add = (tokens: string[], offset: number) =>
      tokens.forEach((t, i) => {
        const list = positions.get(t);
        if (list) list.push(offset + i);
        else positions.set(t, [offset + i]);
      });
    const title = c.title ? analyze(c.title) : [];
    const text = analyze(c.text);
    add(title, 0);
    add(text, title.length ? title.length + FIELD_GAP : 0);
    return { title: c.title ?? '', text: c.text, positions, titleTerms: new Set(title), length: title.length + text.length };
  };

  const analyseCandidate = (c: RerankCandidate): AnalysedCandidate => {
    const hit = cache.get(c.id);
    if (hit && hit.text === c.text && hit.title === (c.title ?? '')) {
      cache.delete(c.id); // re-insert: Map order is the recency order
      cache.set(c.id, hit);
      return hit;
    }
    const analysed = analyse(c);
    if (cacheSize > 0) {
      cache.set(c.id, analysed);
      if (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
    }
    return analysed;
  };

  return (query: string, candidates: readonly RerankCandidate[]): RerankFeatures[] => {
    const queryTokens = analyze(query);
    const analysed = candidates.map(analyseCandidate);
    const stats =
      options.statistics ??
      candidateTermStatistics(
        analysed.map((a) => a.positions.keys()),
        analysed.map((a) => a.length),
      );
    const avgdl = stats.averageLength || analysed.reduce((s, a) => s + a.length, 0) / Math.max(1, analysed.length) || 1;
    const qtf = new Map<string, number>();
    for (const t of queryTokens) qtf.set(t, (qtf.get(t) ?? 0) + 1);
    const terms = [...qtf.keys()];
    const idf = new Map(terms.map((t) => [t, bm25Idf(stats.documentCount, stats.documentFrequency(t))]));
    const idfSum = terms.reduce((s, t) => s + idf.get(t)!, 0) || 1;
    // Ordered adjacent pairs of the query (stopwords already gone), each weighted by the smaller idf of its two
    // terms: a pair is only as telling as its commoner term.
    const pairs: [string, string, number][] = [];
    for (let i = 1; i < queryTokens.length; i++) {
      const x = queryTokens[i - 1]!;
      const y = queryTokens[i]!;
      if (x !== y) pairs.push([x, y, Math.min(idf.get(x)!, idf.get(y)!)]);
    }
    const pairSum = pairs.reduce((s, p) => s + p[2], 0) || 1;
    const proxPairs: [string, string, number][] = [];
    for (let i = 0; i < terms.length; i++)
      for (let j = i + 1; j < terms.length; j++) {
        if (span > 0 && Math.abs(queryTokens.indexOf(terms[i]!) - queryTokens.indexOf(terms[j]!)) > span) continue;
        proxPairs.push([terms[i]!, terms[j]!, Math.min(idf.get(terms[i]!)!, idf.get(terms[j]!)!)]);
      }
    const proxSum = proxPairs.reduce((s, p) => s + p[2], 0) || 1;

    // First-stage rank: stable sort by score so equal scores keep the caller's order.
    const order = candidates.map((c, i) => ({ i, s: c.score })).sort((x, y) => y.s - x.s || x.i - y.i);
    const rank = new Array<number>(candidates.length);
    order.forEach(({ i }, r) => (rank[i] = r + 1));

    const features = analysed.map((a, i): RerankFeatures => {
      let bm25 = 0;
      let covered = 0;
      let inTitle = 0;
      const norm = k1 * (1 - b + (b * a.length) / avgdl);
      for (const t of terms) {
        const tf = a.positions.get(t)?.length ?? 0;
        if (tf === 0) continue;
        const w = idf.get(t)!;
        bm25 += (qtf.get(t)! * w * tf * (k1 + 1)) / (tf + norm);
        covered += w;
        if (a.titleTerms.has(t)) inTitle += w;
      }
      let bigram = 0;
      for (const [x, y, w] of pairs) {
        const px = a.positions.get(x);
        const py = a.positions.get(y);
        if (px && py && followsWithin(px, py, window)) bigram += w;
      }
      let proximity = 0;
      for (const [x, y, w] of proxPairs) {
        const px = a.positions.get(x);
        const py = a.positions.get(y);
        if (px && py) proximity += w / minDistance(px, py);
      }
      return {
        rank: rank[i]!,
        bm25Raw: bm25,
        bm25: 0,
        coverage: covered / idfSum,
        bigram: bigram / pairSum,
        proximity: proximity / proxSum,
        title: inTitle / idfSum,
      };
    });
    const best = Math.max(0, ...features.map((f) => f.bm25Raw));
    for (const f of features) f.bm25 = best > 0 ? f.bm25Raw / best : 0;
    return features;
  };
}
