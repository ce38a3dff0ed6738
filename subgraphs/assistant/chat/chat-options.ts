import type { CountryCode } from 'libphonenumber-js';
import type { EventBus } from '../../../platform/events/event-bus.js';
import type { Logger } from '../../../platform/logger.js';
import type { LanguageModel } from '../../../platform/model-gateway/language-model.js';
import type { AnswerCache } from '../caches/semantic-answer-cache.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import type { Owner } from '../conversations/owner.js';
import type { PromptRegistry } from '../prompts/prompt-registry.js';
import type { AssistantToolContext } from '../tools/assistant-tool-context.js';
import type { ToolRegistry } from '../tools/tool-registry.js';
import type { ApprovalScope } from '../approvals/approval-scope.js';
import type { ToolApproval } from '../approvals/tool-approval.entity.js';
import type { ApprovalProposal } from '../tools/assistant-tool-context.js';
import type { ChatStreamHub } from './chat-stream-hub.js';
import type { ChatUsageReporter } from './chat-usage.js';
import type { LlmQuota } from './llm-quota.js';
import type { MessageRepository } from './message-repository.js';
import type { TurnLeaseOptions } from './turn-lease.js';
import type { TurnSweepOptions } from './turn-sweeper.js';

/** What a tool needs to act for the user (their own token and request ID go to the supergraph), minus the client. */
export type TurnToolContextInput = Omit<AssistantToolContext, 'supergraph'>;

export interface ModerationVerdict {
  flagged: boolean;
  categories: string[];
}

export interface ChatServiceOptions<C> {
  /** The turn's writes: the turn insert, the outcome and its tool calls, closing an open message. */
  messages: MessageRepository;
  conversations: ConversationService;
  prompts: PromptRegistry;
  model: LanguageModel;
  tools: ToolRegistry<C>;
  toolContext: (input: TurnToolContextInput) => C;
  usage: ChatUsageReporter;
  logger: Logger;
  maxToolRounds: number;
  /** An open message older than this has no turn left running anywhere (a model call cannot last longer). */
  turnTimeoutMs: number;
  hub?: ChatStreamHub;
  /**
   * Carries each turn's events to subscribers on every replica (replay from the first event, then live). A bus of its
   * own, in-process, when absent (one process: nobody else to reach).
   */
  bus?: EventBus;
  /** The turn lease that lets any replica fail a turn whose replica died. @default DEFAULT_TURN_LEASE */
  turnLease?: TurnLeaseOptions;
  /**
   * Sweeps for dead turns nobody follows (TurnSweeper), from construction until `close`. The subgraph always sets it;
   * without it, a dead turn is failed only when a follower or the conversation's next message sees it.
   */
  turnSweep?: TurnSweepOptions;
  /** Optional content moderation of the user's (redacted) text; a flagged text is refused without calling the model. */
  moderate?: (text: string, signal: AbortSignal) => Promise<ModerationVerdict>;
  /** Reuses answers to near-identical opening questions (no tools, no history) per tenant and prompt variant. */
  answers?: AnswerCache;
  /** The tenant's regions whose national phone numbers PII redaction recognises; the redactor's default if unset. */
  piiPhoneRegions?: (tenantId: string) => Promise<readonly CountryCode[]>;
  /** The tenant's LLM quotas, checked before a message starts a model call (QUOTA_EXCEEDED). */
  quota?: LlmQuota;
  /** Where side-effecting tool calls wait for their user (ToolApprovalService); without it such tools refuse. */
  approvals?: { request(scope: ApprovalScope, proposal: ApprovalProposal): Promise<ToolApproval> };
}

/** The caller as sendMessage needs it: the owner, plus the credentials the tools forward. */
export interface ChatCaller extends Owner {
  authorization: string;
  requestId: string;
}
