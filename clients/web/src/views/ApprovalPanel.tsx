export interface ProposedOrder {
  summary: string;
  total: string;
}

/**
 * Order approval. The assistant places an order only after the user explicitly confirms the quoted cart in the
 * conversation; this panel sends that confirmation. (The approveToolCall mutation of the tool-approvals contract
 * replaces this once the schema has it.)
 */
export function ApprovalPanel({ proposal, onConfirm }: { proposal: ProposedOrder; onConfirm: (text: string) => void }) {
  return (
    <div className="approval card" data-testid="approval">
      <p>
        The assistant proposes an order: <strong>{proposal.summary}</strong> {proposal.total && <>— {proposal.total}</>}
      </p>
      <div className="row">
        <button onClick={() => onConfirm('Yes, please place the order.')}>Approve order</button>
        <button className="secondary" onClick={() => onConfirm('Not now, thanks.')}>
          Decline
        </button>
      </div>
    </div>
  );
}
