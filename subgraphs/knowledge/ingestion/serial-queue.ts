/**
 * Runs tasks one after another. Ingestion is CPU-bound (parsing, embedding) and ends in a write that PGlite
 * serialises anyway; one at a time keeps a burst of uploads from starving queries.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
