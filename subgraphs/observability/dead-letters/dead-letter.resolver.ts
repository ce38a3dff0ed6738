import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requirePrincipal } from '../../../platform/auth/require-principal.js';
import { appError, ErrorCode } from '../../../platform/errors.js';
import type { ObservabilityContext } from '../context.js';
import { DeadLetterPageType } from './dead-letter.type.js';
import { EventConsumer } from './event-consumers.js';

/** Admins of a tenant inspect and repair their tenant's failed events. */
@Resolver()
export class DeadLetterResolver {
  @Query(() => DeadLetterPageType)
  async deadLetters(
    @Ctx() context: ObservabilityContext,
    @Arg('consumer', () => EventConsumer) consumer: EventConsumer,
    @Arg('first', () => Int, { nullable: true, description: '1-100, default 50' }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<DeadLetterPageType> {
    const { tenantId } = requirePrincipal(context, 'admin');
    const size = first ?? 50;
    if (!Number.isInteger(size) || size < 1 || size > 100) throw appError(ErrorCode.BadUserInput, '"first" must be between 1 and 100');
    const page = await context.deadLetters.list(tenantId, consumer, size, after);
    const letters = page.letters.map((letter) => ({
      id: letter.id,
      eventId: letter.event.eventId,
      eventType: letter.event.type,
      occurredAt: new Date(letter.event.occurredAt),
      attempts: letter.attempts,
      errorName: letter.error.name,
      errorMessage: letter.error.message,
      diedAt: new Date(letter.diedAt),
      payload: JSON.stringify(letter.event.payload),
    }));
    return { letters, hasNextPage: page.hasMore, endCursor: letters.at(-1)?.id ?? null };
  }

  @Query(() => Int)
  async deadLetterCount(
    @Ctx() context: ObservabilityContext,
    @Arg('consumer', () => EventConsumer) consumer: EventConsumer,
  ): Promise<number> {
    return context.deadLetters.count(requirePrincipal(context, 'admin').tenantId, consumer);
  }

  @Mutation(() => Boolean, { description: 'Publishes the event again for this consumer group (other groups deduplicate it by eventId).' })
  async reprocessDeadLetter(
    @Ctx() context: ObservabilityContext,
    @Arg('consumer', () => EventConsumer) consumer: EventConsumer,
    @Arg('id', () => ID) id: string,
  ): Promise<boolean> {
    await context.deadLetters.reprocess(requirePrincipal(context, 'admin').tenantId, consumer, id);
    return true;
  }

  @Mutation(() => Int, { description: "Reprocesses every dead letter of the caller's tenant; returns how many." })
  async reprocessDeadLetters(
    @Ctx() context: ObservabilityContext,
    @Arg('consumer', () => EventConsumer) consumer: EventConsumer,
  ): Promise<number> {
    return context.deadLetters.reprocessAll(requirePrincipal(context, 'admin').tenantId, consumer);
  }

  @Mutation(() => Boolean)
  async discardDeadLetter(
    @Ctx() context: ObservabilityContext,
    @Arg('consumer', () => EventConsumer) consumer: EventConsumer,
    @Arg('id', () => ID) id: string,
  ): Promise<boolean> {
    await context.deadLetters.discard(requirePrincipal(context, 'admin').tenantId, consumer, id);
    return true;
  }

  @Mutation(() => Int, { description: "Discards every dead letter of the caller's tenant; returns how many." })
  async discardDeadLetters(
    @Ctx() context: ObservabilityContext,
    @Arg('consumer', () => EventConsumer) consumer: EventConsumer,
  ): Promise<number> {
    return context.deadLetters.discardAll(requirePrincipal(context, 'admin').tenantId, consumer);
  }
}
