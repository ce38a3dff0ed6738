import { z } from 'zod';
import { redactPii, type PiiType } from '../guardrails/pii.js';
import { assessPromptInjection, type InjectionVerdict } from '../guardrails/prompt-injection.js';
import { defineTool } from './tool-registry.js';

export interface ValidateInputResult {
  /** No PII and no injection verdict other than allow. */
  clean: boolean;
  pii: { types: PiiType[]; count: number; redacted: string };
  injection: { verdict: InjectionVerdict; score: number; signals: string[] };
}

/** Local guardrail check; reports signal ids and placeholders, never the matched values. */
export function validateText(text: string): ValidateInputResult {
  const redaction = redactPii(text);
  const injection = assessPromptInjection(text, { source: 'user' });
  return {
    clean: redaction.findings.length === 0 && injection.verdict === 'allow',
    pii: {
      types: [...new Set(redaction.findings.map((finding) => finding.type))],
      count: redaction.findings.length,
      redacted: redaction.text,
    },
    injection: { verdict: injection.verdict, score: injection.score, signals: injection.signals.map((signal) => signal.id) },
  };
}

export const validateInputTool = defineTool({
  name: 'validate_input',
  description:
    'Checks a text (e.g. delivery notes the user wants added to an order) for personal data (emails, phones, cards, IBANs, addresses) and prompt-injection attempts. Returns a redacted copy.',
  parameters: z.object({ text: z.string().min(1).max(4000) }),
  timeoutMs: 1_000,
  execute: (args) => validateText(args.text),
});
