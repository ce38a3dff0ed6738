import { readFile } from 'node:fs/promises';

/** The server's memory as Linux sees it (/proc), next to what its /metrics says about the V8 heap. */
export interface ProcessMemory {
  rssMiB: number;
  /** The process's RSS high-water mark (VmHWM). */
  peakRssMiB: number;
  /**
   * Resident pages of the mappings of 4 GiB and more: WebAssembly linear memories (V8 reserves 8 GiB or more of
   * address space for each), i.e. embedded PGlite's Postgres heap, which never shrinks.
   */
  wasmMiB: number;
}

// A WebAssembly memory reserves 8 GiB of address space and more (guard regions); nothing else in Node does.
const WASM_RESERVATION_BYTES = 6 * 2 ** 30;

export async function readProcessMemory(pid: number): Promise<ProcessMemory> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMiB: Math.round(kib('VmRSS') / 1024), peakRssMiB: Math.round(kib('VmHWM') / 1024), wasmMiB: await wasmResidentMiB(pid) };
}

/** Sums the resident pages of runs of adjacent mappings that together span a WebAssembly reservation. */
async function wasmResidentMiB(pid: number): Promise<number> {
  const smaps = await readFile(`/proc/${pid}/smaps`, 'utf8');
  const runs: { start: bigint; end: bigint; residentKiB: number }[] = [];
  for (const line of smaps.split('\n')) {
    const range = /^([0-9a-f]+)-([0-9a-f]+) /.exec(line);
    if (range) {
      const [start, end] = [BigInt(`0x${range[1]}`), BigInt(`0x${range[2]}`)];
      const last = runs.at(-1);
      if (last && last.end === start) last.end = end;
      else runs.push({ start, end, residentKiB: 0 });
    } else if (line.startsWith('Rss:')) runs.at(-1)!.residentKiB += Number(/(\d+) kB/.exec(line)?.[1] ?? 0);
  }
  const residentKiB = runs
    .filter((run) => run.end - run.start >= BigInt(WASM_RESERVATION_BYTES))
    .reduce((sum, run) => sum + run.residentKiB, 0);
  return Math.round(residentKiB / 1024);
}

/** Least-squares slope of `y` over `x`. */
export function slope(points: { x: number; y: number }[]): number {
  if (points.length < 2) return Number.NaN;
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / points.length;
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / points.length;
  const covariance = points.reduce((sum, point) => sum + (point.x - meanX) * (point.y - meanY), 0);
  const variance = points.reduce((sum, point) => sum + (point.x - meanX) ** 2, 0);
  return covariance / variance;
}
