import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from '../../../platform/logger.js';
import { isPromptFile, loadPrompts } from './load-prompts.js';
import type { PromptTemplate } from './prompt-template.js';

export interface PromptRegistryOptions {
  dir: string;
  logger: Logger;
  /**
   * Reload when files in `dir` change.
   * @default true
   */
  watch?: boolean;
  /**
   * Quiet period after the last change before reloading; editors write a file in several steps.
   * @default 100
   */
  debounceMs?: number;
}

/**
 * The loaded prompt set. Starting fails on an invalid folder; afterwards a reload that finds an invalid file logs
 * the problems and keeps serving the last good set, so a bad edit never takes prompts away from a running service.
 */
export class PromptRegistry {
  private byName = new Map<string, PromptTemplate[]>();
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reloading: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(private readonly options: PromptRegistryOptions) {}

  static async open(options: PromptRegistryOptions): Promise<PromptRegistry> {
    const registry = new PromptRegistry(options);
    registry.replace(await loadPrompts(options.dir));
    options.logger.info({ dir: options.dir, prompts: registry.size }, 'prompts loaded');
    if (options.watch ?? true) registry.startWatching();
    return registry;
  }

  get size(): number {
    let count = 0;
    for (const versions of this.byName.values()) count += versions.length;
    return count;
  }

  /** Every loaded version, by name, newest version first. */
  list(): PromptTemplate[] {
    return [...this.byName.keys()].sort().flatMap((name) => this.byName.get(name)!);
  }

  /** One version, or the newest when `version` is omitted; null when there is no such prompt. */
  get(name: string, version?: number | null): PromptTemplate | null {
    const versions = this.byName.get(name);
    if (!versions) return null;
    if (version === undefined || version === null) return versions[0]!;
    return versions.find((prompt) => prompt.version === version) ?? null;
  }

  /** Re-reads the folder; on failure logs and keeps the current set. Concurrent calls run one after another. */
  reload(): Promise<void> {
    this.reloading = this.reloading.then(async () => {
      if (this.closed) return;
      try {
        this.replace(await loadPrompts(this.options.dir));
        this.options.logger.info({ dir: this.options.dir, prompts: this.size }, 'prompts reloaded');
      } catch (error) {
        this.options.logger.error({ err: error, dir: this.options.dir }, 'prompt reload failed; keeping the last good set');
      }
    });
    return this.reloading;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.watcher?.close();
    await this.reloading;
  }

  private replace(prompts: PromptTemplate[]): void {
    const byName = new Map<string, PromptTemplate[]>();
    for (const prompt of prompts) byName.set(prompt.name, [...(byName.get(prompt.name) ?? []), prompt]);
    for (const versions of byName.values()) versions.sort((a, b) => b.version - a.version);
    this.byName = byName;
  }

  private startWatching(): void {
    this.watcher = watch(this.options.dir, { persistent: false }, (_event, fileName) => {
      if (fileName && !isPromptFile(fileName.toString())) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.reload(), this.options.debounceMs ?? 100);
    });
    this.watcher.on('error', (error) => this.options.logger.error({ err: error, dir: this.options.dir }, 'watching prompts failed'));
  }
}
