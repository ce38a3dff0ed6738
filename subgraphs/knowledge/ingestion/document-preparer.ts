import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { appError } from '../../../platform/errors.js';
import { LexicalEmbedder } from '../embeddings/lexical-embedder.js';
import type { PreparationRequest, PreparationResponse, PreparationWorkerData } from './preparation-worker.js';
import { prepareDocument, type PreparedDocument, type PrepareOptions, type RawDocument } from './prepare-document.js';

/** Extracts, chunks and embeds batches of documents for a bulk load. */
export interface DocumentPreparer {
  /** Batches worth asking for ahead of the one being written (0: preparing competes with writing for one thread). */
  readonly lookahead: number;
  prepare(documents: RawDocument[]): Promise<PreparedDocument[]>;
  close(): Promise<void>;
}

/** Prepares in the caller's thread, one document after another. */
export function inThreadPreparer(options: PrepareOptions): DocumentPreparer {
  return {
    lookahead: 0,
    async prepare(documents) {
      const prepared: PreparedDocument[] = [];
      for (const document of documents) prepared.push((await prepareDocument(document, options))!);
      return prepared;
    },
    async close() {},
  };
}

/**
 * Prepares on a worker thread, so a bulk load can write one batch while the next is being embedded, and the offline
 * embedder's CPU work does not hold the main thread. Only the lexical embedder moves (it is rebuilt from its JSON); a
 * network or native embedder gains nothing from another thread, and gets null here. One worker: two loaded SciFact no
 * faster (measured when embedded PGlite still ran on the main thread; it now has a thread of its own, db/threaded-pglite.ts).
 */
export function workerPreparer(options: PrepareOptions): DocumentPreparer | null {
  if (!(options.embedder instanceof LexicalEmbedder)) return null;
  const thread = new PreparationThread(
    startWorker({ embedder: options.embedder.toJSON(), chunking: options.chunking, limits: options.limits }),
  );
  return { lookahead: 1, prepare: (documents) => thread.prepare(documents), close: () => thread.close() };
}

/** One worker and the batches it has been asked for, answered in order. */
class PreparationThread {
  private readonly pending = new Map<number, { resolve(prepared: PreparedDocument[]): void; reject(error: Error): void }>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor(private readonly worker: Worker) {
    worker.on('message', (response: PreparationResponse) => {
      const waiting = this.pending.get(response.id);
      if (!waiting) return;
      this.pending.delete(response.id);
      if ('prepared' in response) return waiting.resolve(response.prepared);
      const { code = 'INTERNAL_SERVER_ERROR', ...extensions } = response.error.extensions ?? {};
      waiting.reject(appError(String(code), response.error.message, extensions));
    });
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => this.failAll(new Error(`A document preparation worker exited with code ${code}`)));
  }

  prepare(documents: RawDocument[]): Promise<PreparedDocument[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, documents } satisfies PreparationRequest);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private failAll(error: Error): void {
    this.failure ??= error;
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }
}

function startWorker(workerData: PreparationWorkerData): Worker {
  const compiled = new URL('./preparation-worker.js', import.meta.url);
  if (existsSync(compiled)) return new Worker(compiled, { workerData });
  // Under the test runner this module is TypeScript source: Node strips the worker's types, and a resolve hook
  // maps the sources' `.js` import specifiers to their `.ts` files.
  const source = new URL('./preparation-worker.ts', import.meta.url).href;
  const bootstrap = `
    const { registerHooks } = require('node:module');
    registerHooks({ resolve(specifier, context, next) {
      try { return next(specifier, context); } catch (error) {
        if (specifier.startsWith('.') && specifier.endsWith('.js')) return next(specifier.slice(0, -3) + '.ts', context);
        throw error;
      }
    } });
    import(${JSON.stringify(source)});`;
  return new Worker(bootstrap, { eval: true, workerData });
}
