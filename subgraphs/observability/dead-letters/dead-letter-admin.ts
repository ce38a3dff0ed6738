import type { DeadLetter, EventBus } from '../../../platform/events/event-bus.js';
import { appError, ErrorCode } from '../../../platform/errors.js';
import { CONSUMER_GROUPS, type EventConsumer } from './event-consumers.js';

const PAGE = 200;

/**
 * Dead letters of one tenant. The streams hold every tenant's failures, so each operation reads them and acts only on
 * letters whose event belongs to the caller's tenant; another tenant's letter is indistinguishable from a missing one.
 */
export class DeadLetterAdmin {
  constructor(private readonly bus: EventBus) {}

  async list(
    tenantId: string,
    consumer: EventConsumer,
    first: number,
    after?: string | null,
  ): Promise<{ letters: DeadLetter[]; hasMore: boolean }> {
    const letters: DeadLetter[] = [];
    for await (const letter of this.scan(consumer, after ?? undefined)) {
      if (letter.event.tenantId !== tenantId) continue;
      if (letters.length === first) return { letters, hasMore: true };
      letters.push(letter);
    }
    return { letters, hasMore: false };
  }

  async count(tenantId: string, consumer: EventConsumer): Promise<number> {
    let count = 0;
    for await (const letter of this.scan(consumer)) if (letter.event.tenantId === tenantId) count += 1;
    return count;
  }

  async reprocess(tenantId: string, consumer: EventConsumer, id: string): Promise<void> {
    const { stream, group } = await this.own(tenantId, consumer, id);
    if (!(await this.bus.reprocessDeadLetter(stream, group, id))) throw notFound(id);
  }

  async discard(tenantId: string, consumer: EventConsumer, id: string): Promise<void> {
    const { stream, group } = await this.own(tenantId, consumer, id);
    if (!(await this.bus.discardDeadLetter(stream, group, id))) throw notFound(id);
  }

  /** Each of the tenant's letters present now; letters that die again meanwhile are not chased. */
  async reprocessAll(tenantId: string, consumer: EventConsumer): Promise<number> {
    return this.forEachOwned(tenantId, consumer, (stream, group, id) => this.bus.reprocessDeadLetter(stream, group, id));
  }

  async discardAll(tenantId: string, consumer: EventConsumer): Promise<number> {
    return this.forEachOwned(tenantId, consumer, (stream, group, id) => this.bus.discardDeadLetter(stream, group, id));
  }

  private async forEachOwned(
    tenantId: string,
    consumer: EventConsumer,
    act: (stream: string, group: string, id: string) => Promise<boolean>,
  ): Promise<number> {
    const { stream, group } = CONSUMER_GROUPS[consumer];
    const ids: string[] = [];
    for await (const letter of this.scan(consumer)) if (letter.event.tenantId === tenantId) ids.push(letter.id);
    let done = 0;
    for (const id of ids) if (await act(stream, group, id)) done += 1;
    return done;
  }

  private async own(tenantId: string, consumer: EventConsumer, id: string) {
    for await (const letter of this.scan(consumer)) {
      if (letter.id === id) {
        if (letter.event.tenantId !== tenantId) break;
        return CONSUMER_GROUPS[consumer];
      }
    }
    throw notFound(id);
  }

  private async *scan(consumer: EventConsumer, after?: string): AsyncGenerator<DeadLetter> {
    const { stream, group } = CONSUMER_GROUPS[consumer];
    let cursor = after;
    for (;;) {
      const page = await this.bus.listDeadLetters(stream, group, { limit: PAGE, after: cursor });
      yield* page;
      if (page.length < PAGE) return;
      cursor = page.at(-1)!.id;
    }
  }
}

const notFound = (id: string) => appError(ErrorCode.NotFound, `No dead letter ${id}`);
