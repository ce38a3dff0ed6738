import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium; CI installs it (.ci/run). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumMissing = !existsSync(CHROMIUM);

/** Flags measured to work here (../shared/notes/stack-facts.md): no sandbox in containers, no network chatter. */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Builds the console into a scratch folder, so the test serves what the source is now (about 5 s). */
export async function buildConsole(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'ragline-console-build-'));
  await promisify(execFile)(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'clients/web/vite.config.ts'], {
    env: { ...process.env, CONSOLE_OUT_DIR: dir },
  });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** One browser user: a persistent context in its own profile folder (what works with Debian's Chromium). */
export async function openBrowser(
  viewport = { width: 1280, height: 900 },
): Promise<{ context: BrowserContext; page: Page; close: () => Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), 'ragline-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport });
  context.setDefaultTimeout(30_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the console's development sign-in, as the demo tenant's user of that role. */
export async function signIn(page: Page, consoleUrl: string, role: 'customer' | 'staff' | 'admin'): Promise<void> {
  await page.goto(consoleUrl);
  await page.getByRole('button', { name: `Sign in as ${role}` }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Screenshots go to docs/console when CONSOLE_SCREENSHOTS names a folder (`CONSOLE_SCREENSHOTS=docs/console npx vitest run test/browser`). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const folder = process.env.CONSOLE_SCREENSHOTS;
  if (!folder) return;
  await mkdir(folder, { recursive: true });
  await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
}
