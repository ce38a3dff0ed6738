import { useMutation } from '@apollo/client/react';
import { ApproveToolCallDocument, DeclineToolCallDocument, type ToolApprovalDetailsFragment } from '../../../typescript/src/index.js';
import { ErrorBox, money } from '../errors.js';

/**
 * A side-effecting tool call (confirm_order) waiting for the user: what will happen, and Approve / Decline. Only
 * approveToolCall runs the tool, as the approving user; nothing is ordered before.
 */
export function ApprovalPanel({ approval }: { approval: ToolApprovalDetailsFragment }) {
  const [approve, approved] = useMutation(ApproveToolCallDocument);
  const [decline, declined] = useMutation(DeclineToolCallDocument);
  const current = approved.data?.approveToolCall ?? declined.data?.declineToolCall ?? approval;
  const pending = current.status === 'PENDING';
  return (
    <div className="approval card" data-testid="approval" data-status={current.status}>
      <p>
        <strong>{current.summary}</strong>
      </p>
      <ul>
        {current.lines.map((line) => (
          <li key={line.productId}>
            {line.quantity} × {line.name} — {money(line.lineTotalCents, current.currency)}
          </li>
        ))}
      </ul>
      <p>
        Total {money(current.totalCents, current.currency)}
        {current.promoCode && ` with ${current.promoCode}`} ·{' '}
        {pending ? `expires ${new Date(current.expiresAt).toLocaleTimeString()}` : current.status}
      </p>
      {pending && (
        <div className="row">
          <button
            disabled={approved.loading || declined.loading}
            onClick={() => void approve({ variables: { approvalId: current.id } }).catch(() => undefined)}
          >
            Approve order
          </button>
          <button
            className="secondary"
            disabled={approved.loading || declined.loading}
            onClick={() =>
              void decline({ variables: { approvalId: current.id, reason: 'Declined in the console' } }).catch(() => undefined)
            }
          >
            Decline
          </button>
        </div>
      )}
      {current.order && (
        <p className="ok" data-testid="placed-order">
          Order placed: {money(current.order.totalCents, current.order.currency)} — {current.order.status}
        </p>
      )}
      {current.errorCode && (
        <p className="error">
          <strong>{current.errorCode}</strong> the order could not be placed
        </p>
      )}
      <ErrorBox error={approved.error ?? declined.error} />
    </div>
  );
}
