import { appError, ErrorCode } from '../../../platform/errors.js';

/** Another user's or tenant's approval looks exactly like a missing one. */
export const approvalNotFound = (id: string) => appError(ErrorCode.NotFound, `Tool approval ${id} not found`, { approvalId: id });
export const approvalExpired = (id: string) =>
  appError('APPROVAL_EXPIRED', `Tool approval ${id} has expired; ask the assistant again to get a new one`, { approvalId: id });
export const approvalAlreadyDecided = (id: string, status: string) =>
  appError('APPROVAL_ALREADY_DECIDED', `Tool approval ${id} is already ${status}`, { approvalId: id, status });
