import { describe, expect, it } from 'vitest';
import { parseRelevanceScores } from './llm-score-parser.js';

describe('parseRelevanceScores', () => {
  it.each([
    ['[7, 2, 9]', [7, 2, 9]],
    ['[7.5, "2", 9]', [7.5, 2, 9]],
    ['```json\n[7, 2, 9]\n```', [7, 2, 9]],
    ['Here are the scores: [7, 2, 9]. Passage 3 answers it best.', [7, 2, 9]],
    ['<think>passage [1] mentions refunds, [2] does not [x]</think>[7, 2, 9]', [7, 2, 9]],
    ['Passage [1] is best. [7, 2, 9]', [7, 2, 9]],
    ['[{"passage": 2, "score": 2}, {"passage": 1, "score": 7}, {"passage": 3, "score": 9}]', [7, 2, 9]],
    ['[{"id": "1", "relevance": 7}, {"id": "2", "relevance": 2}, {"id": "3", "relevance": 9}]', [7, 2, 9]],
    ['{"scores": [7, 2, 9]}', [7, 2, 9]],
    ['{"1": 7, "2": 2, "3": 9}', [7, 2, 9]],
    ['{"reasoning": "passage 3 is direct", "answer": [7, 2, 9]}', [7, 2, 9]],
    ['[12, -3, 9]', [10, 0, 9]], // clamped to the scale
  ])('reads %j', (answer, expected) => {
    expect(parseRelevanceScores(answer, 3)).toEqual(expected);
  });

  it.each([
    [''],
    ['I cannot rate these passages.'],
    ['[7, 2]'], // too few
    ['[7, 2, 9, 1]'], // too many
    ['[7, "high", 9]'],
    ['[{"passage": 1, "score": 7}, {"passage": 1, "score": 2}, {"passage": 3, "score": 9}]'], // duplicate number
    ['[{"passage": 0, "score": 7}, {"passage": 1, "score": 2}, {"passage": 2, "score": 9}]'], // 0-based: ambiguous, refuse
    ['[7, 2, 9'], // truncated by max tokens
  ])('refuses %j', (answer) => {
    expect(parseRelevanceScores(answer, 3)).toBeUndefined();
  });
});
