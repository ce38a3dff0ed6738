/** The server process's memory as its /metrics reports it (prom-client's default process and Node.js metrics). */
export interface MemorySample {
  label: string;
  rssMiB: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
}

const METRICS = {
  rssMiB: 'ragline_process_resident_memory_bytes',
  heapUsedMiB: 'ragline_nodejs_heap_size_used_bytes',
  heapTotalMiB: 'ragline_nodejs_heap_size_total_bytes',
  externalMiB: 'ragline_nodejs_external_memory_bytes',
} as const;

export async function sampleMemory(metricsUrl: string, label: string): Promise<MemorySample> {
  const text = await (await fetch(metricsUrl)).text();
  const read = (name: string) => {
    const match = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+]+)`, 'm').exec(text);
    if (!match) throw new Error(`${name} missing from ${metricsUrl}`);
    return Math.round(Number(match[1]) / 2 ** 20);
  };
  return {
    label,
    rssMiB: read(METRICS.rssMiB),
    heapUsedMiB: read(METRICS.heapUsedMiB),
    heapTotalMiB: read(METRICS.heapTotalMiB),
    externalMiB: read(METRICS.externalMiB),
  };
}
