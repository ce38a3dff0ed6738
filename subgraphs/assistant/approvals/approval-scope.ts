import type { Owner } from '../conversations/owner.js';

/** Where an approval was asked for: the turn of an assistant message in one of the owner's conversations. */
export interface ApprovalScope {
  owner: Owner;
  conversationId: string;
  messageId: string;
  turn: number;
}
