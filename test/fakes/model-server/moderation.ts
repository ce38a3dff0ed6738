/** Categories of OpenAI's omni-moderation model, all present in every result. */
export const moderationCategories = [
  'harassment',
  'harassment/threatening',
  'hate',
  'hate/threatening',
  'illicit',
  'illicit/violent',
  'self-harm',
  'self-harm/intent',
  'self-harm/instructions',
  'sexual',
  'sexual/minors',
  'violence',
  'violence/graphic',
] as const;

/**
 * Deterministic stand-in for a moderation model: a text is flagged in a category when it contains the marker
 * `[flag:<category>]` (exact control for tests), or one of a few obvious words.
 */
const keywordCategories: readonly [RegExp, (typeof moderationCategories)[number]][] = [
  [/\b(?:kill|murder|stab)\b/i, 'violence'],
  [/\b(?:i\s+hate\s+you|idiot|moron)\b/i, 'harassment'],
  [/\bbomb\b/i, 'illicit/violent'],
];

export function moderationResult(input: string): object {
  const flaggedCategories = new Set<string>();
  for (const match of input.matchAll(/\[flag:([a-z/-]+)\]/g)) flaggedCategories.add(match[1]!);
  for (const [pattern, category] of keywordCategories) if (pattern.test(input)) flaggedCategories.add(category);
  const categories = Object.fromEntries(moderationCategories.map((category) => [category, flaggedCategories.has(category)]));
  const scores = Object.fromEntries(moderationCategories.map((category) => [category, flaggedCategories.has(category) ? 0.97 : 0.001]));
  const inputTypes = Object.fromEntries(moderationCategories.map((category) => [category, ['text']]));
  return { flagged: flaggedCategories.size > 0, categories, category_scores: scores, category_applied_input_types: inputTypes };
}

/** The `/v1/moderations` response body for a string or string[] input. */
export function moderationResponse(model: string, input: unknown): object {
  const inputs = Array.isArray(input) ? input.map(String) : [String(input ?? '')];
  return { id: 'modr-fake', model: model || 'omni-moderation-latest', results: inputs.map(moderationResult) };
}
