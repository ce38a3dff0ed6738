import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CorpusStatistics } from './corpus-statistics.js';
import { similarityOf } from './embedder.js';
import { fnv1a32, hashFeature } from './feature-hash.js';
import { LexicalEmbedder } from './lexical-embedder.js';
import { createTextAnalyzer, foldForMatching } from '../../../platform/text/text-analyzer.js';

const docs = [
  {
    title: 'Refund policy',
    text: 'Customers can request a refund within 30 days of delivery. Refunds go back to the original payment method.',
  },
  { title: 'Shipping times', text: 'Orders ship within two business days; express delivery arrives the next day.' },
  {
    title: 'Vitamin D and bone density',
    text: 'Vitamin D supplementation increased bone mineral density in elderly women with osteoporosis.',
  },
  { title: 'Password reset', text: 'To reset your password, open the sign-in page and follow the "forgot password" link.' },
  { title: 'Café opening hours', text: 'The café opens at 8 am on weekdays and at 10 am on weekends.' },
];

describe('text analyzer', () => {
  it('normalises case and diacritics, drops stopwords and stems', () => {
    expect(foldForMatching('Crème Brûlée')).toBe('creme brulee');
    expect(createTextAnalyzer()('The Studies of running Cafés')).toEqual(['studi', 'run', 'cafe']);
    expect(createTextAnalyzer({ stem: false, stopwords: false })('The cats')).toEqual(['the', 'cats']);
  });
});

describe('lexical embedder', () => {
  it('is deterministic across instances and L2-normalised', async () => {
    const a = LexicalEmbedder.fit(docs, { dimensions: 256 });
    const b = LexicalEmbedder.fit(docs, { dimensions: 256 });
    expect(a.id).toBe(b.id);
    expect(a.id).toMatch(/^lexical-hash-v2:256:/);
    const [va] = await a.embed(['Vitamin D for bones'], 'query');
    const [vb] = await b.embed(['Vitamin D for bones'], 'query');
    expect(Array.from(va!)).toEqual(Array.from(vb!));
    expect(va!.length).toBe(256);
    expect(Math.hypot(...va!)).toBeCloseTo(1, 5);
    // golden values pin the hash across processes and releases (changing them requires a new embedder id version)
    expect(fnv1a32('refund')).toBe(854262879);
    expect(hashFeature('refund', 384)).toEqual({ index: 351, sign: 1 });
    // inflections stem to the same feature, so they land in the same buckets
    const plain = new LexicalEmbedder({ dimensions: 64, charNgrams: 0 });
    expect(Array.from(plain.embedSync('refunds', 'query'))).toEqual(Array.from(plain.embedSync('refund', 'query')));
  });

  it.each([
    ['how do I get my money back? refund', 'Refund policy'],
    ['vitamin D supplements and osteoporosis', 'Vitamin D and bone density'],
    ['forgot my password', 'Password reset'],
    ['when does the cafe open', 'Café opening hours'],
  ])('ranks the obviously relevant document first for %s', async (query, expected) => {
    for (const documentNorm of ['cosine', 'inner-product'] as const) {
      const embedder = LexicalEmbedder.fit(docs, { dimensions: 512, documentNorm });
      const docVectors = await embedder.embedDocuments(docs);
      const [q] = await embedder.embed([query], 'query');
      const scores = docVectors.map((d) => similarityOf(embedder, q!, d));
      expect(docs[scores.indexOf(Math.max(...scores))]!.title).toBe(expected);
    }
  });

  it('keeps document lengths under inner-product (at most 1, the fitted cap reached) and unit length under cosine', async () => {
    const dotted = LexicalEmbedder.fit(docs, { dimensions: 512 });
    expect(dotted.similarity).toBe('inner-product');
    const lengths = (await dotted.embedDocuments(docs)).map((v) => Math.hypot(...v));
    expect(Math.max(...lengths)).toBeCloseTo(1, 5);
    expect(Math.min(...lengths)).toBeLessThan(0.9);
    const cosine = LexicalEmbedder.fit(docs, { dimensions: 512, documentNorm: 'cosine' });
    expect(cosine.similarity).toBe('cosine');
    for (const v of await cosine.embedDocuments(docs)) expect(Math.hypot(...v)).toBeCloseTo(1, 5);
  });

  it('works without corpus statistics (idf 1) and changes id when statistics change', () => {
    const plain = new LexicalEmbedder({ dimensions: 128 });
    const fitted = LexicalEmbedder.fit(docs, { dimensions: 128 });
    expect(plain.id).not.toBe(fitted.id);
    expect(plain.embedSync('refund', 'query').some((x) => x !== 0)).toBe(true);
    expect(plain.embedSync('', 'query').every((x) => x === 0)).toBe(true);
    expect(plain.embedSync('', 'document').every((x) => x === 0)).toBe(true);
    expect(new LexicalEmbedder({ dimensions: 128, documentNorm: 'cosine' }).embedSync('', 'document').every((x) => x === 0)).toBe(true);
  });

  it('produces the vectors its id stands for (change the id version when this digest changes)', () => {
    // Stored vectors and cache entries are keyed by the id: a faster implementation must keep every bit.
    const digest = createHash('sha256');
    for (const options of [{}, { maxDocumentFeatures: 20, bigrams: true }, { documentNorm: 'cosine' as const, documentIdfExponent: 1 }]) {
      const fitted = LexicalEmbedder.fit(docs, options, 1);
      for (const doc of docs)
        digest.update(fitted.embedDocumentSync(doc)).update(new LexicalEmbedder(options).embedSync(doc.text, 'document'));
      digest.update(fitted.embedSync('refund for a late café delivery', 'query')).update(fitted.id);
    }
    expect(digest.digest('hex').slice(0, 16)).toBe('14ee5f0455abeab7');
  });

  it('round-trips through JSON without changing id or vectors', () => {
    const fitted = LexicalEmbedder.fit(docs, { dimensions: 128 });
    const restored = LexicalEmbedder.fromJSON(JSON.parse(JSON.stringify(fitted.toJSON())));
    const stats = CorpusStatistics.fromJSON(JSON.parse(JSON.stringify(fitted.statistics!.toJSON())));
    expect(stats.fingerprint).toBe(fitted.statistics!.fingerprint);
    expect(restored.id).toBe(fitted.id);
    expect(Array.from(restored.embedSync('refund delivery', 'document'))).toEqual(
      Array.from(fitted.embedSync('refund delivery', 'document')),
    );
  });

  it('gives unseen terms the idf of the rarest kept terms, so statistics stay frozen as documents are added', () => {
    const stats = LexicalEmbedder.fit(docs, { minTokenLength: 1 }, 1).statistics!;
    expect(stats.idf('zebrafish')).toBeCloseTo(stats.idf('osteoporosi'), 10);
    expect(stats.idf('deliveri')).toBeLessThan(stats.idf('osteoporosi'));
  });
});
