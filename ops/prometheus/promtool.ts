import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Whether a Prometheus binary is on PATH (Debian's `prometheus` package installs both it and promtool). */
export async function hasBinary(name: 'promtool' | 'prometheus'): Promise<boolean> {
  try {
    await run(name, ['--version']);
    return true;
  } catch {
    return false;
  }
}

/** In CI the tools must be there (`.ci/run` installs them); elsewhere a test may skip without them. */
export const mustRun = Boolean(process.env.CI);

/** Runs promtool; resolves with its output, rejects with it (stdout and stderr) when it exits non-zero. */
export async function promtool(args: string[], cwd: string): Promise<string> {
  try {
    const { stdout, stderr } = await run('promtool', args, { cwd });
    return stdout + stderr;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`promtool ${args.join(' ')} failed:\n${stdout}${stderr}`, { cause: error });
  }
}
