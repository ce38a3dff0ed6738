/**
 * Reads per-passage relevance scores out of an LLM's free-text answer. Models wrap JSON in prose or code fences,
 * emit reasoning blocks, number passages from 1, or answer with objects instead of a bare array; every shape
 * below has been seen in practice. Anything that does not give exactly one score per passage is `undefined`,
 * so the caller can fall back rather than rank on a guess.
 *
 * Accepted (n = number of passages):
 * - `[7, 2, 9]` — one number per passage, in order (numeric strings allowed)
 * - `[{"passage": 1, "score": 7}, …]` — objects keyed by a 1-based number (`passage`, `id`, `index`, `n`, `number`)
 *   with a score (`score`, `relevance`, `relevance_score`, `rating`)
 * - `{"scores": [...]}` / `{"results": [...]}` wrapping either of the above
 * - `{"1": 7, "2": 2, "3": 9}`
 */
export function parseRelevanceScores(answer: string, n: number, maxScore = 10): number[] | undefined {
  const text = answer.replace(/<think>[\s\S]*?<\/think>/gi, '').replace(/```(?:json)?/gi, '');
  for (const candidate of jsonCandidates(text)) {
    const scores = fromValue(candidate, n);
    if (scores) return scores.map((s) => Math.min(maxScore, Math.max(0, s)));
  }
  return undefined;
}

/** Every balanced `[...]` or `{...}` span that parses as JSON, in order of its opening bracket (so nested ones too). */
function* jsonCandidates(text: string): Generator<unknown> {
  for (let start = 0; start < text.length; start++) {
    const open = text[start];
    if (open !== '[' && open !== '{') continue;
    const end = matchingClose(text, start);
    if (end === -1) continue;
    try {
      yield JSON.parse(text.slice(start, end + 1)) as unknown;
    } catch {
      // not JSON (e.g. "[1]" citations in prose followed by junk): keep scanning
    }
  }
}

/** Index of the bracket closing the one at `start`, honouring JSON strings; -1 if unbalanced. */
function matchingClose(text: string, start: number): number {
  const stack: string[] = [];
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') stack.push(ch === '[' ? ']' : '}');
    else if (ch === ']' || ch === '}') {
      if (stack.pop() !== ch) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

const NUMBER_KEYS = ['passage', 'id', 'index', 'n', 'number', 'passage_id', 'doc'];
const SCORE_KEYS = ['score', 'relevance', 'relevance_score', 'rating'];

function toNumber(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

function fromValue(value: unknown, n: number): number[] | undefined {
  if (Array.isArray(value)) {
    const plain = value.map(toNumber);
    if (plain.every((s) => s !== undefined)) return plain.length === n ? (plain as number[]) : undefined;
    return fromNumbered(
      value.map((item) => numberedEntry(item)),
      n,
    );
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of ['scores', 'results', 'ratings', 'passages']) {
      if (key in record) return fromValue(record[key], n);
    }
    return fromNumbered(
      Object.entries(record).map(([key, score]) => [toNumber(key), toNumber(score)] as const),
      n,
    );
  }
  return undefined;
}

function numberedEntry(item: unknown): readonly [number | undefined, number | undefined] {
  if (!item || typeof item !== 'object') return [undefined, undefined];
  const record = item as Record<string, unknown>;
  const key = NUMBER_KEYS.find((k) => k in record);
  const score = SCORE_KEYS.find((k) => k in record);
  return [key ? toNumber(record[key]) : undefined, score ? toNumber(record[score]) : undefined];
}

/** Passage numbers are 1-based as shown in the prompt; all n must be present exactly once. */
function fromNumbered(entries: readonly (readonly [number | undefined, number | undefined])[], n: number): number[] | undefined {
  if (entries.length !== n) return undefined;
  const scores = new Array<number | undefined>(n).fill(undefined);
  for (const [number, score] of entries) {
    if (
      number === undefined ||
      score === undefined ||
      !Number.isInteger(number) ||
      number < 1 ||
      number > n ||
      scores[number - 1] !== undefined
    )
      return undefined;
    scores[number - 1] = score;
  }
  return scores as number[];
}
