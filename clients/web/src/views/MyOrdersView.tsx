import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { OrderEventsDocument, OrdersDocument, UpdateOrderStatusDocument } from '../../../typescript/src/index.js';
import { ErrorBox, money } from '../errors.js';

/** The customer's orders; statuses change live (orderEvents updates the cached orders), and a PENDING order can be confirmed or cancelled. */
export function MyOrdersView() {
  const orders = useQuery(OrdersDocument, { variables: { first: 20 } });
  const live = useSubscription(OrderEventsDocument, {
    onData: ({ data }) => {
      if (data.data?.orderEvents.type === 'ORDER_CREATED') void orders.refetch();
    },
  });
  const [move, moved] = useMutation(UpdateOrderStatusDocument);
  return (
    <section>
      <h1>My orders</h1>
      <ErrorBox error={orders.error ?? live.error ?? moved.error} />
      {orders.data?.orders.edges.length === 0 && <p className="muted">No orders yet.</p>}
      <ul className="orders">
        {orders.data?.orders.edges.map(({ node: order }) => (
          <li key={order.id} className="card" data-testid="my-order" data-status={order.status}>
            <p>
              <span className={`status ${order.status}`}>{order.status}</span> {money(order.totalCents, order.currency)} ·{' '}
              {new Date(order.createdAt).toLocaleTimeString()}
            </p>
            <p className="muted">{order.lines.map((line) => `${line.quantity} × ${line.name}`).join(', ')}</p>
            {order.status === 'PENDING' && (
              <div className="row">
                <button
                  onClick={() =>
                    void move({ variables: { id: order.id, status: 'CONFIRMED', expectedVersion: order.version } }).catch(() => undefined)
                  }
                >
                  Confirm
                </button>
                <button
                  className="secondary"
                  onClick={() =>
                    void move({ variables: { id: order.id, status: 'CANCELLED', expectedVersion: order.version } }).catch(() => undefined)
                  }
                >
                  Cancel
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
