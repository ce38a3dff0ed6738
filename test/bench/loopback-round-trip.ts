import { fork } from 'node:child_process';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { percentile } from './benchmark-report.js';

/**
 * How fast this machine passes a byte between two processes and back, measured before a latency benchmark so its
 * table can be read against the machine it ran on: on the cloud VMs here the same code's p95 moved by half between
 * sessions, and the loopback round trip moved with it (p50 18 µs back to back on a quiet machine, 99 µs on a busy one).
 */
export interface LoopbackRoundTrip {
  backToBack: { p50Us: number; p95Us: number };
  /** After 10 ms of silence, as a request arriving at an idle service meets it (the process has to be woken). */
  afterIdle: { p50Us: number; p95Us: number };
}

if (process.argv[2] === 'echo') {
  const server = createServer((socket) => {
    socket.setNoDelay(true);
    socket.on('data', (data) => socket.write(data));
  }).listen(0, '127.0.0.1', () => process.send!((server.address() as AddressInfo).port));
  process.on('disconnect', () => process.exit(0));
}

export async function measureLoopbackRoundTrip(): Promise<LoopbackRoundTrip> {
  const echo = fork(new URL(import.meta.url), ['echo'], { stdio: 'ignore' });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      echo.once('message', (message) => resolve(message as number));
      echo.once('error', reject);
    });
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.setNoDelay(true);
    try {
      const backToBack = await roundTrips(socket, 2_000, 0);
      const afterIdle = await roundTrips(socket, 150, 10);
      return { backToBack, afterIdle };
    } finally {
      socket.destroy();
    }
  } finally {
    echo.disconnect();
  }
}

async function roundTrips(socket: Socket, count: number, pauseMs: number): Promise<{ p50Us: number; p95Us: number }> {
  const micros: number[] = [];
  for (let i = 0; i < count; i++) {
    if (pauseMs > 0) await sleep(pauseMs);
    const started = performance.now();
    socket.write('x');
    await new Promise((resolve) => socket.once('data', resolve));
    micros.push((performance.now() - started) * 1000);
  }
  micros.sort((a, b) => a - b);
  return { p50Us: Math.round(percentile(micros, 50)), p95Us: Math.round(percentile(micros, 95)) };
}

export function describeLoopbackRoundTrip({ backToBack, afterIdle }: LoopbackRoundTrip): string {
  return `A byte's round trip between two processes on this machine, measured just before: p50 ${backToBack.p50Us} / p95 ${backToBack.p95Us} µs back to back, p50 ${afterIdle.p50Us} / p95 ${afterIdle.p95Us} µs after 10 ms idle.`;
}
