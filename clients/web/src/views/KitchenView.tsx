import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useState } from 'react';
import { OrderEventsDocument, OrdersDocument, UpdateOrderStatusDocument, type OrderStatus } from '../../../typescript/src/index.js';
import { describeError, ErrorBox, money } from '../errors.js';

const COLUMNS: OrderStatus[] = ['PENDING', 'CONFIRMED', 'PREPARING', 'READY'];
const NEXT: Partial<Record<OrderStatus, { to: OrderStatus; label: string }>> = {
  CONFIRMED: { to: 'PREPARING', label: 'Start preparing' },
  PREPARING: { to: 'READY', label: 'Ready' },
  READY: { to: 'COMPLETED', label: 'Complete' },
};

/**
 * The live kitchen board: new orders appear as orderEvents arrive, staff advance them; a move made on a stale version
 * (someone else moved it first) shows the conflict and the board refreshes.
 */
export function KitchenView() {
  const orders = useQuery(OrdersDocument, { variables: { first: 100 } });
  useSubscription(OrderEventsDocument, {
    onData: ({ data }) => {
      if (data.data?.orderEvents.type === 'ORDER_CREATED') void orders.refetch();
    },
  });
  const [move] = useMutation(UpdateOrderStatusDocument);
  const [conflict, setConflict] = useState<{ orderId: string; error: unknown }>();
  const advance = async (id: string, to: OrderStatus, version: number) => {
    setConflict(undefined);
    try {
      await move({ variables: { id, status: to, expectedVersion: version } });
    } catch (error) {
      setConflict({ orderId: id, error });
      if (describeError(error).code === 'VERSION_CONFLICT') await orders.refetch();
    }
  };
  const all = orders.data?.orders.edges.map((edge) => edge.node) ?? [];
  return (
    <section>
      <h1>Kitchen board</h1>
      <ErrorBox error={orders.error} />
      {conflict && (
        <div className="conflict" data-testid="conflict">
          Order {conflict.orderId.slice(0, 8)}: <ErrorBox error={conflict.error} />
        </div>
      )}
      <div className="board">
        {COLUMNS.map((status) => (
          <div key={status} className="column" data-testid={`column-${status}`}>
            <h2>{status}</h2>
            {all
              .filter((order) => order.status === status)
              .map((order) => (
                <div key={order.id} className="card" data-testid="kitchen-order" data-order-id={order.id}>
                  <p>
                    <strong>#{order.id.slice(0, 8)}</strong> {money(order.totalCents, order.currency)}
                  </p>
                  <p className="muted">{order.lines.map((line) => `${line.quantity} × ${line.name}`).join(', ')}</p>
                  {NEXT[status] && (
                    <button onClick={() => void advance(order.id, NEXT[status]!.to, order.version)}>{NEXT[status]!.label}</button>
                  )}
                  {status === 'PENDING' && <p className="muted">Waiting for the customer to confirm</p>}
                </div>
              ))}
          </div>
        ))}
      </div>
    </section>
  );
}
