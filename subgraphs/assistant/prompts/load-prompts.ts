import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { promptFileSchema, type PromptFile } from './prompt-file-schema.js';
import { findPlaceholders, type PromptTemplate } from './prompt-template.js';

/** Why a prompt folder could not be loaded; the message names the file and the field of every problem. */
export class PromptLoadError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid prompts:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'PromptLoadError';
  }
}

export const isPromptFile = (fileName: string) => /\.ya?ml$/i.test(fileName) && !fileName.startsWith('.');

/**
 * Reads every `*.yaml` / `*.yml` file of `dir`, all or nothing: any invalid file fails the whole load, so a caller
 * either gets a complete, consistent set or keeps the one it had.
 */
export async function loadPrompts(dir: string): Promise<PromptTemplate[]> {
  let fileNames: string[];
  try {
    fileNames = (await readdir(dir)).filter(isPromptFile).sort();
  } catch (error) {
    throw new PromptLoadError([`${dir}: cannot read the prompts folder (${(error as Error).message})`]);
  }
  if (fileNames.length === 0) throw new PromptLoadError([`${dir}: no prompt files (*.yaml)`]);

  const problems: string[] = [];
  const prompts: PromptTemplate[] = [];
  for (const fileName of fileNames) {
    const path = join(dir, fileName);
    const result = parsePromptFile(path, await readFile(path, 'utf8'));
    if (Array.isArray(result)) problems.push(...result);
    else prompts.push(result);
  }
  problems.push(...duplicateVersions(prompts));
  if (problems.length > 0) throw new PromptLoadError(problems);
  return prompts;
}

/** Parses and validates one file's text; returns the prompt, or the problems each prefixed with the file. */
export function parsePromptFile(path: string, text: string): PromptTemplate | string[] {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` (line ${error.linePos[0].line})` : '';
    return [`${path}${where}: not valid YAML: ${(error as Error).message.split('\n')[0]}`];
  }
  const parsed = promptFileSchema.safeParse(raw);
  if (!parsed.success) return parsed.error.issues.map((issue) => `${path}: ${fieldPath(issue)}: ${issue.message}`);

  const file = parsed.data;
  const variants = file.variants ?? [{ id: 'default', weight: 1, template: file.template! }];
  const problems = variants.flatMap((variant, index) =>
    undeclaredPlaceholders(file, variant.template).map(
      (message) => `${path}: ${file.variants ? `variants[${index}].template` : 'template'}: ${message}`,
    ),
  );
  if (problems.length > 0) return problems;
  return {
    name: file.name,
    version: file.version,
    description: file.description,
    variables: file.variables,
    temperature: file.model.temperature ?? null,
    maxTokens: file.model.maxTokens ?? null,
    variants,
    source: path,
  };
}

function undeclaredPlaceholders(file: PromptFile, template: string): string[] {
  const declared = new Set(file.variables);
  const messages = new Set<string>();
  for (const { raw, name } of findPlaceholders(template)) {
    if (name === null) messages.add(`${raw} is not a valid placeholder; use {{variableName}}`);
    else if (!declared.has(name)) messages.add(`uses {{${name}}}, which is not declared in variables`);
  }
  return [...messages];
}

function duplicateVersions(prompts: PromptTemplate[]): string[] {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const prompt of prompts) {
    const key = `${prompt.name}@${prompt.version}`;
    const first = seen.get(key);
    if (first) problems.push(`${prompt.source}: name/version: ${prompt.name} version ${prompt.version} is also defined in ${first}`);
    else seen.set(key, prompt.source);
  }
  return problems;
}

/** `variants[0].template` rather than zod's `variants,0,template`; `(file)` for problems with the whole document. */
function fieldPath(issue: z.core.$ZodIssue): string {
  const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
  return path.replace(/^\./, '') || '(file)';
}
