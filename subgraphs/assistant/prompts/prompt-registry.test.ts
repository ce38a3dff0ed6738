import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PromptRegistry } from './prompt-registry.js';

const prompt = (name: string, version: number, text = 'Hello.') =>
  `name: ${name}\nversion: ${version}\ndescription: d\ntemplate: ${text}\n`;

let dir: string;
let registry: PromptRegistry | undefined;
const logger = pino({ level: 'silent' });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'prompt-registry-'));
});
afterEach(async () => {
  await registry?.close();
  registry = undefined;
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

describe('PromptRegistry', () => {
  it('serves the newest version unless one is asked for', async () => {
    await writeFile(join(dir, 'greeting.v1.yaml'), prompt('greeting', 1, 'Hi.'));
    await writeFile(join(dir, 'greeting.v2.yaml'), prompt('greeting', 2, 'Hello.'));
    await writeFile(join(dir, 'another.v1.yaml'), prompt('another', 1));
    registry = await PromptRegistry.open({ dir, logger, watch: false });
    expect(registry.get('greeting')?.version).toBe(2);
    expect(registry.get('greeting', 1)?.variants[0]?.template).toBe('Hi.');
    expect(registry.get('greeting', 3)).toBeNull();
    expect(registry.get('missing')).toBeNull();
    expect(registry.list().map((p) => `${p.name}@${p.version}`)).toEqual(['another@1', 'greeting@2', 'greeting@1']);
  });

  it('refuses to start on an invalid folder', async () => {
    await writeFile(join(dir, 'bad.yaml'), 'name: bad\n');
    await expect(PromptRegistry.open({ dir, logger, watch: false })).rejects.toThrow(/bad\.yaml: version/);
  });

  it('reloads when a file changes or is added', async () => {
    await writeFile(join(dir, 'greeting.v1.yaml'), prompt('greeting', 1, 'Hi.'));
    registry = await PromptRegistry.open({ dir, logger, debounceMs: 20 });
    await writeFile(join(dir, 'greeting.v1.yaml'), prompt('greeting', 1, 'Good evening.'));
    await vi.waitFor(() => expect(registry!.get('greeting')?.variants[0]?.template).toBe('Good evening.'), { timeout: 5000 });
    await writeFile(join(dir, 'greeting.v2.yaml'), prompt('greeting', 2));
    await vi.waitFor(() => expect(registry!.get('greeting')?.version).toBe(2), { timeout: 5000 });
  });

  it('keeps the last good set and logs when a change is invalid, then recovers', async () => {
    await writeFile(join(dir, 'greeting.v1.yaml'), prompt('greeting', 1, 'Hi.'));
    registry = await PromptRegistry.open({ dir, logger, debounceMs: 20 });
    const logged = vi.spyOn(logger, 'error');
    await writeFile(join(dir, 'greeting.v1.yaml'), prompt('greeting', 1, 'Hi {{guest}}.'));
    await vi.waitFor(() => expect(logged).toHaveBeenCalled(), { timeout: 5000 });
    const [fields, message] = logged.mock.calls[0] as unknown as [{ err: Error }, string];
    expect(message).toMatch(/keeping the last good set/);
    expect(fields.err.message).toMatch(/greeting\.v1\.yaml: template: uses \{\{guest\}\}/);
    expect(registry.get('greeting')?.variants[0]?.template).toBe('Hi.');

    await writeFile(join(dir, 'greeting.v1.yaml'), prompt('greeting', 1, 'Hello again.'));
    await vi.waitFor(() => expect(registry!.get('greeting')?.variants[0]?.template).toBe('Hello again.'), { timeout: 5000 });
  });

  it('ignores files that are not prompts', async () => {
    await writeFile(join(dir, 'greeting.v1.yaml'), prompt('greeting', 1));
    registry = await PromptRegistry.open({ dir, logger, debounceMs: 20 });
    const reload = vi.spyOn(registry, 'reload');
    await writeFile(join(dir, 'notes.txt'), 'not a prompt');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reload).not.toHaveBeenCalled();
  });
});
