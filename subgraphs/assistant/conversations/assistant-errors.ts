import { appError, ErrorCode } from '../../../platform/errors.js';

/** Another user's or tenant's conversation looks exactly like a missing one. */
export const conversationNotFound = (id: string) => appError(ErrorCode.NotFound, `Conversation ${id} not found`, { conversationId: id });
export const messageNotFound = (id: string) => appError(ErrorCode.NotFound, `Message ${id} not found`, { messageId: id });
export const messageNotPending = (id: string, status: string) =>
  appError('MESSAGE_NOT_PENDING', `Message ${id} is ${status}; only a PENDING or STREAMING assistant message can be cancelled`, {
    messageId: id,
    status,
  });
export const conversationBusy = (id: string) =>
  appError('CONVERSATION_BUSY', `Conversation ${id} is still answering the previous message; wait for it or cancel it`, {
    conversationId: id,
  });
