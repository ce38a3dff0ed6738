import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = process.cwd();
const depcruise = path.join(repo, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');
const config = path.join(repo, '.dependency-cruiser.cjs');

/** Runs the checker as `npm run check:deps` does; resolves with its exit code and report either way. */
async function check(cwd: string, folders: string[]): Promise<{ code: number; report: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [depcruise, ...folders, '--config', config, '--output-type', 'err'], { cwd });
    return { code: 0, report: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, report: failed.stdout + failed.stderr };
  }
}

describe('the layer rules (docs/architecture.md, .dependency-cruiser.cjs)', () => {
  it('hold for the whole tree: no cross-subgraph import, nothing importing upward, no cycle', async () => {
    const { code, report } = await check(repo, ['platform', 'db', 'gateway', 'subgraphs', 'commands', 'test', 'clients']);
    expect(report).not.toMatch(/error/);
    expect(code).toBe(0);
  }, 60_000);

  describe('catch each forbidden import', () => {
    let tree: string;
    afterAll(() => rm(tree, { recursive: true, force: true }));

    it('in a tree that breaks every rule once', async () => {
      tree = await mkdtemp(path.join(os.tmpdir(), 'ragline-layers-'));
      const files: Record<string, string> = {
        'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }),
        'subgraphs/knowledge/search.ts': 'export const search = 1;\n',
        'subgraphs/orders/menu.ts': "import { search } from '../knowledge/search.js';\nexport const menu = search;\n",
        'platform/shared.ts': "import { menu } from '../subgraphs/orders/menu.js';\nexport const shared = menu;\n",
        'gateway/gateway.ts': "import { search } from '../subgraphs/knowledge/search.js';\nexport const gateway = search;\n",
        'db/connection.ts': "import { gateway } from '../gateway/gateway.js';\nexport const connection = gateway;\n",
        'subgraphs/assistant/chat.ts': "import { fake } from '../../test/fakes/fake.js';\nexport const chat = fake;\n",
        'test/fakes/fake.ts': 'export const fake = 1;\n',
        'platform/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
        'platform/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
        'clients/web/view.tsx': "import { search } from '../../subgraphs/knowledge/search.js';\nexport const view = search;\n",
        'gateway/console.ts': "import { view } from '../clients/web/view.js';\nexport const console = view;\n",
      };
      for (const [file, text] of Object.entries(files)) {
        await mkdir(path.dirname(path.join(tree, file)), { recursive: true });
        await writeFile(path.join(tree, file), text);
      }
      const { code, report } = await check(tree, ['platform', 'db', 'gateway', 'subgraphs', 'test', 'clients']);
      expect(code).not.toBe(0);
      expect(report).toMatch(/no-cross-subgraph-imports: subgraphs\/orders\/menu\.ts → subgraphs\/knowledge\/search\.ts/);
      expect(report).toMatch(/platform-imports-nothing-above-it: platform\/shared\.ts → subgraphs\/orders\/menu\.ts/);
      expect(report).toMatch(/gateway-imports-platform-only: gateway\/gateway\.ts → subgraphs\/knowledge\/search\.ts/);
      expect(report).toMatch(/db-imports-platform-only: db\/connection\.ts → gateway\/gateway\.ts/);
      expect(report).toMatch(/no-test-code-in-production: subgraphs\/assistant\/chat\.ts → test\/fakes\/fake\.ts/);
      expect(report).toMatch(/no-cycles: platform\/a\.ts/);
      expect(report).toMatch(/clients-are-api-clients-only: clients\/web\/view\.tsx → subgraphs\/knowledge\/search\.ts/);
      expect(report).toMatch(/server-code-imports-no-clients: gateway\/console\.ts → clients\/web\/view\.tsx/);
    }, 60_000);
  });
});
