import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { waitFor } from './wait-for.js';

export interface ScrapeTarget {
  job: string;
  /** The service's `/metrics` URL on loopback. */
  url: string;
}

export interface PrometheusSample {
  metric: Record<string, string>;
  value: [number, string];
}

export interface PrometheusExemplars {
  seriesLabels: Record<string, string>;
  exemplars: { labels: Record<string, string>; value: string; timestamp: number }[];
}

export interface RunningPrometheus {
  url: string;
  /** Exemplars stored for the series of `expr` over the last hour (`/api/v1/query_exemplars`; needs `exemplar-storage`). */
  exemplars(expr: string): Promise<PrometheusExemplars[]>;
  /** An instant query through the HTTP API (`/api/v1/query`); throws on a PromQL error. */
  query(expr: string): Promise<PrometheusSample[]>;
  /** Every scrape target has been scraped at least once since `after`, and was up. */
  scrapedSince(after: number): Promise<boolean>;
  close(): Promise<void>;
}

/** A free loopback port: Prometheus takes an address, not port 0, so one is picked and released just before it starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Debian's Prometheus in a scratch folder, scraping the given targets every second (with the metrics bearer token when
 * one is set) and evaluating `ruleFiles`; `features` are its `--enable-feature` flags. Closed with SIGTERM; its storage
 * is deleted.
 */
export async function startPrometheus(
  targets: ScrapeTarget[],
  options: { bearerToken?: string; ruleFiles?: string[]; features?: string[] } = {},
) {
  const dir = await mkdtemp(join(tmpdir(), 'ragline-prometheus-'));
  const config = {
    global: { scrape_interval: '1s', scrape_timeout: '900ms', evaluation_interval: '1s' },
    rule_files: options.ruleFiles ?? [],
    scrape_configs: targets.map(({ job, url }) => {
      const parsed = new URL(url);
      return {
        job_name: job,
        metrics_path: parsed.pathname,
        ...(options.bearerToken ? { authorization: { credentials: options.bearerToken } } : {}),
        static_configs: [{ targets: [parsed.host] }],
      };
    }),
  };
  await writeFile(join(dir, 'prometheus.yml'), stringify(config));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(
    'prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
      ...(options.features?.length ? [`--enable-feature=${options.features.join(',')}`] : []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const close = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`prometheus exited (${child.exitCode}):\n${output}`);
        return (await fetch(`${url}/-/ready`).catch(() => undefined))?.ok ?? false;
      },
      'Prometheus to be ready',
      20_000,
    );
  } catch (error) {
    await close();
    throw error;
  }

  const api = async (path: string) => {
    const body = (await (await fetch(`${url}${path}`)).json()) as { status: string; data: any; error?: string };
    if (body.status !== 'success') throw new Error(`${path}: ${body.error}`);
    return body.data;
  };
  return {
    url,
    query: async (expr: string) =>
      ((await api(`/api/v1/query?query=${encodeURIComponent(expr)}`)) as { result: PrometheusSample[] }).result,
    exemplars: async (expr: string) => {
      const end = Date.now() / 1000;
      return (await api(
        `/api/v1/query_exemplars?query=${encodeURIComponent(expr)}&start=${end - 3600}&end=${end + 60}`,
      )) as PrometheusExemplars[];
    },
    async scrapedSince(after: number) {
      const { activeTargets } = (await api('/api/v1/targets?state=active')) as {
        activeTargets: { health: string; lastScrape: string; lastError: string }[];
      };
      return activeTargets.length === targets.length && activeTargets.every((t) => t.health === 'up' && Date.parse(t.lastScrape) > after);
    },
    close,
  } satisfies RunningPrometheus;
}
