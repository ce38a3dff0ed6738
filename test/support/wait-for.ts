/** Polls until `predicate` holds, failing with `what` after the deadline: tests wait for facts, never for fixed times. */
export async function waitFor(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Reads one unlabelled sample from a Prometheus endpoint (`undefined` when absent). */
export async function readMetric(metricsUrl: string, name: string): Promise<number | undefined> {
  const text = await (await fetch(metricsUrl)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : undefined;
}

/** Approximate quantile (upper bucket bound) of a Prometheus histogram, from its cumulative buckets. */
export async function readHistogramQuantile(metricsUrl: string, name: string, quantile: number): Promise<number | undefined> {
  const text = await (await fetch(metricsUrl)).text();
  const buckets = [...text.matchAll(new RegExp(`^${name}_bucket\\{le="([^"]+)"\\} (\\d+(?:\\.\\d+)?)$`, 'gm'))].map((match) => ({
    le: Number(match[1]),
    count: Number(match[2]),
  }));
  const total = buckets.at(-1)?.count ?? 0;
  if (total === 0) return undefined;
  return buckets.find((bucket) => bucket.count >= quantile * total)?.le;
}
