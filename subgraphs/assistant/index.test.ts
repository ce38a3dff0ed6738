import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { closeAllEmbeddedPglite } from '../../db/embedded-pglite.js';
import { loadConfig } from '../../platform/config.js';
import { InProcessEventBus } from '../../platform/events/in-process/in-process-event-bus.js';
import { createAssistantSubgraph } from './index.js';

const logger = pino({ level: 'silent' });

describe('createAssistantSubgraph', () => {
  afterAll(() => closeAllEmbeddedPglite());

  it('loads the prompts folder it is given, reports ready and closes', async () => {
    const promptsDir = await mkdtemp(join(tmpdir(), 'assistant-prompts-'));
    await writeFile(join(promptsDir, 'hello.v1.yaml'), 'name: hello\nversion: 1\ndescription: d\ntemplate: Hello.\n');
    const bus = new InProcessEventBus({ logger });
    // An in-memory database in a schema of its own: the default would write to .data/.
    const config = loadConfig({ DATABASE_URL: 'pglite:memory' });
    const runtime = await createAssistantSubgraph({ promptsDir }).start({
      config,
      logger,
      bus,
      databaseSchema: `a${Date.now().toString(36)}_assistant`,
    });
    try {
      expect(await runtime.checkReadiness()).toEqual({ prompts: 'ok', database: 'ok', eventBus: 'ok' });
      expect(runtime.createContext({ requestId: 'r1', log: logger }).prompts.get('hello')?.version).toBe(1);
      await bus.close();
      await expect(runtime.checkReadiness()).rejects.toThrow('event bus is closed');
    } finally {
      await runtime.close();
      await rm(promptsDir, { recursive: true, force: true });
    }
  });

  it('refuses to start with an invalid prompts folder', async () => {
    const promptsDir = await mkdtemp(join(tmpdir(), 'assistant-prompts-'));
    await writeFile(join(promptsDir, 'bad.yaml'), 'name: bad\nversion: 1\ndescription: d\nvariables: []\ntemplate: Hi {{guest}}\n');
    const start = createAssistantSubgraph({ promptsDir }).start({
      config: loadConfig({ DATABASE_URL: 'pglite:memory' }),
      logger,
      bus: new InProcessEventBus({ logger }),
    });
    await expect(start).rejects.toThrow(/bad\.yaml: template: uses \{\{guest\}\}, which is not declared in variables/);
    await rm(promptsDir, { recursive: true, force: true });
  });
});
