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

/**
 * Sums the resident pages of WebAssembly memories: V8 reserves each as one range, the part in use read-write and the
 * rest inaccessible, so a read-write mapping directly followed by an inaccessible one that together span a reservation.
 */
async function wasmResidentMiB(pid: number): Promise<number> {
  const smaps = await readFile(`/proc/${pid}/smaps`, 'utf8');
  const mappings: { start: bigint; end: bigint; access: string; named: boolean; residentKiB: number }[] = [];
  for (const line of smaps.split('\n')) {
    const range = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (range)
      mappings.push({
        start: BigInt(`0x${range[1]}`),
        end: BigInt(`0x${range[2]}`),
        access: range[3]!,
        named: range[4] !== '',
        residentKiB: 0,
      });
    else if (line.startsWith('Rss:')) mappings.at(-1)!.residentKiB += Number(/(\d+) kB/.exec(line)?.[1] ?? 0);
  }
  let residentKiB = 0;
  for (const [index, used] of mappings.entries()) {
    const reserved = mappings[index + 1];
    if (!reserved || used.named || reserved.named || !used.access.startsWith('rw') || reserved.access !== '---p') continue;
    if (reserved.start === used.end && reserved.end - used.start >= BigInt(WASM_RESERVATION_BYTES)) residentKiB += used.residentKiB;
  }
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
