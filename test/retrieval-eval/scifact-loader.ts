import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface CorpusDocument {
  id: string;
  title: string;
  text: string;
}
export interface EvalQuery {
  id: string;
  text: string;
}
export interface RetrievalDataset {
  corpus: CorpusDocument[];
  queries: EvalQuery[];
  /** query id → (document id → relevance); only queries with judgments. */
  qrels: Map<string, Map<string, number>>;
}

function parseJsonLines(content: string): Record<string, unknown>[] {
  return content
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * Loads a BEIR-layout dataset (SciFact): `corpus.jsonl`, `queries.jsonl`, `qrels/<split>.tsv` with a header line.
 * Queries without judgments in the split are dropped, as BEIR does.
 */
export async function loadBeirDataset(dir: string, split = 'train'): Promise<RetrievalDataset> {
  const [corpusRaw, queriesRaw, qrelsRaw] = await Promise.all([
    readFile(join(dir, 'corpus.jsonl'), 'utf8'),
    readFile(join(dir, 'queries.jsonl'), 'utf8'),
    readFile(join(dir, 'qrels', `${split}.tsv`), 'utf8'),
  ]);
  const corpus = parseJsonLines(corpusRaw).map((d) => ({
    id: String(d['_id']),
    title: String(d['title'] ?? ''),
    text: String(d['text'] ?? ''),
  }));
  const qrels = new Map<string, Map<string, number>>();
  const lines = qrelsRaw.split('\n').filter((l) => l.trim() !== '');
  for (const line of lines.slice(1)) {
    const [queryId, docId, score] = line.split('\t');
    if (queryId === undefined || docId === undefined) continue;
    const judged = qrels.get(queryId) ?? new Map<string, number>();
    judged.set(docId, Number(score ?? 1));
    qrels.set(queryId, judged);
  }
  const queries = parseJsonLines(queriesRaw)
    .map((q) => ({ id: String(q['_id']), text: String(q['text'] ?? '') }))
    .filter((q) => qrels.has(q.id));
  return { corpus, queries, qrels };
}
