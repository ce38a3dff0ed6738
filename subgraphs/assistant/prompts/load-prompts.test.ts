import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPrompts, PromptLoadError } from './load-prompts.js';

const VALID = `
name: greeting
version: 1
description: Greets the guest.
variables: [restaurantName]
model: { temperature: 0.5, maxTokens: 100 }
template: Welcome to {{ restaurantName }}!
`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'prompts-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function loadError(files: Record<string, string>): Promise<PromptLoadError> {
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  const error = await loadPrompts(dir).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(PromptLoadError);
  return error as PromptLoadError;
}

describe('loadPrompts', () => {
  it('loads the shipped prompts folder', async () => {
    const prompts = await loadPrompts(resolve(import.meta.dirname, '../../../prompts'));
    const system = prompts.find((prompt) => prompt.name === 'assistant-system');
    expect(system?.variants.map((variant) => variant.id)).toEqual(['baseline', 'concise']);
    expect(prompts.find((prompt) => prompt.name === 'order-summary')).toMatchObject({ version: 1, temperature: 0.2, maxTokens: 300 });
  });

  it('turns a single template into one "default" variant and normalises model params', async () => {
    await writeFile(join(dir, 'greeting.v1.yaml'), VALID);
    await writeFile(join(dir, 'bare.yaml'), 'name: bare\nversion: 2\ndescription: No model params.\ntemplate: Hello.\n');
    const [bare, greeting] = await loadPrompts(dir);
    expect(greeting).toMatchObject({
      name: 'greeting',
      version: 1,
      variables: ['restaurantName'],
      temperature: 0.5,
      maxTokens: 100,
      variants: [{ id: 'default', weight: 1, template: 'Welcome to {{ restaurantName }}!' }],
      source: join(dir, 'greeting.v1.yaml'),
    });
    expect(bare).toMatchObject({ variables: [], temperature: null, maxTokens: null });
  });

  it('names the file and field of a schema violation', async () => {
    const error = await loadError({ 'bad.yaml': VALID.replace('version: 1', 'version: one') });
    expect(error.problems).toEqual([`${join(dir, 'bad.yaml')}: version: Invalid input: expected number, received string`]);
  });

  it('names nested fields and rejects unknown keys', async () => {
    const text = VALID.replace('model: { temperature: 0.5, maxTokens: 100 }', 'model: { temprature: 0.5, maxTokens: 0 }');
    const { problems } = await loadError({ 'bad.yaml': text });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/bad\.yaml: model: Unrecognized key: "temprature"/),
        expect.stringMatching(/bad\.yaml: model\.maxTokens: must be 1 or more/),
      ]),
    );
  });

  it('refuses a template that uses an undeclared variable', async () => {
    const { message } = await loadError({ 'bad.yaml': VALID.replace('!', ', {{ guestName }}!') });
    expect(message).toContain(`${join(dir, 'bad.yaml')}: template: uses {{guestName}}, which is not declared in variables`);
  });

  it('checks every variant and points at the offending one', async () => {
    const text = `
name: ab
version: 3
description: Two variants.
variables: [dish]
variants:
  - { id: a, weight: 1, template: "Try the {{dish}}." }
  - { id: b, weight: 1, template: "Try the {{dessert}} or {{ not valid }}." }
`;
    const { problems } = await loadError({ 'ab.yaml': text });
    expect(problems).toEqual([
      `${join(dir, 'ab.yaml')}: variants[1].template: uses {{dessert}}, which is not declared in variables`,
      `${join(dir, 'ab.yaml')}: variants[1].template: {{ not valid }} is not a valid placeholder; use {{variableName}}`,
    ]);
  });

  it('requires exactly one of template and variants, with unique variant ids', async () => {
    const neither = await loadError({ 'a.yaml': 'name: a\nversion: 1\ndescription: x\n' });
    expect(neither.problems).toEqual([`${join(dir, 'a.yaml')}: template: is required (or give \`variants\`)`]);
    await rm(join(dir, 'a.yaml'));
    const both = await loadError({
      'b.yaml':
        'name: b\nversion: 1\ndescription: x\ntemplate: t\nvariants:\n  - { id: x, weight: 1, template: t }\n  - { id: x, weight: 2, template: u }\n',
    });
    expect(both.problems).toEqual([
      `${join(dir, 'b.yaml')}: variants: variant ids must be unique`,
      `${join(dir, 'b.yaml')}: variants: cannot be combined with \`template\`; use one or the other`,
    ]);
  });

  it('reports YAML syntax errors with the line', async () => {
    const { problems } = await loadError({ 'broken.yaml': 'name: x\nvariables: [a\nversion: 1\n' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${join(dir, 'broken.yaml')} \\(line \\d+\\): not valid YAML: `));
  });

  it('refuses the same name and version in two files', async () => {
    const { problems } = await loadError({ 'one.yaml': VALID, 'two.yaml': VALID });
    expect(problems).toEqual([`${join(dir, 'two.yaml')}: name/version: greeting version 1 is also defined in ${join(dir, 'one.yaml')}`]);
  });

  it('fails on an empty or missing folder', async () => {
    await expect(loadPrompts(dir)).rejects.toThrow(/no prompt files/);
    await expect(loadPrompts(join(dir, 'missing'))).rejects.toThrow(/cannot read the prompts folder/);
  });
});
