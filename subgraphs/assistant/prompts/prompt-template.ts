/** One A/B alternative of a prompt; a prompt with a single `template` has one variant with id `default`. */
export interface PromptVariant {
  id: string;
  weight: number;
  template: string;
}

/** A validated, immutable prompt version as loaded from `prompts/*.yaml`. */
export interface PromptTemplate {
  name: string;
  version: number;
  description: string;
  variables: readonly string[];
  temperature: number | null;
  maxTokens: number | null;
  variants: readonly PromptVariant[];
  /** The file it came from, for error messages and logs. */
  source: string;
}

const PLACEHOLDER = /\{\{(.*?)\}\}/g;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A `{{...}}` occurrence in a template; `name` is null when the braces do not hold a plain identifier. */
export interface Placeholder {
  raw: string;
  name: string | null;
}

export function findPlaceholders(template: string): Placeholder[] {
  return [...template.matchAll(PLACEHOLDER)].map(([raw, inner]) => {
    const name = inner!.trim();
    return { raw, name: IDENTIFIER.test(name) ? name : null };
  });
}

/** Substitutes `{{name}}` (spaces inside the braces allowed); a declared variable without a value is an error. */
export function renderTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(PLACEHOLDER, (raw, inner: string) => {
    const name = inner.trim();
    const value = values[name];
    if (value === undefined) throw new Error(`No value for prompt variable "${name}"`);
    return String(value);
  });
}
