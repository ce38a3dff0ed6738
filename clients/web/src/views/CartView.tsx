import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { PlaceOrderDocument, QuoteCartDocument } from '../../../typescript/src/index.js';
import { ErrorBox, money } from '../errors.js';
import { useCart } from './cart-state.js';

/** The cart priced live by `quote` (tax, promotion) as it changes; placing it uses one idempotency key per attempt. */
export function CartView() {
  const cart = useCart();
  const [promoCode, setPromoCode] = useState('');
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const input = {
    items: cart.lines.map(({ productId, quantity }) => ({ productId, quantity })),
    ...(promoCode.trim() ? { promoCode: promoCode.trim() } : {}),
  };
  const quote = useQuery(QuoteCartDocument, { variables: { input }, skip: cart.lines.length === 0, fetchPolicy: 'network-only' });
  const [place, placed] = useMutation(PlaceOrderDocument);
  if (placed.data)
    return (
      <section>
        <h1>Cart</h1>
        <p className="ok">
          Order placed: {money(placed.data.createOrder.totalCents, placed.data.createOrder.currency)} ({placed.data.createOrder.status}).
          Follow it under My orders.
        </p>
        <button onClick={() => (placed.reset(), setIdempotencyKey(crypto.randomUUID()))}>New cart</button>
      </section>
    );
  const q = quote.data?.quote;
  return (
    <section>
      <h1>Cart</h1>
      {cart.lines.length === 0 && <p className="muted">The cart is empty: add dishes from the menu.</p>}
      <ul className="lines">
        {cart.lines.map((line) => (
          <li key={line.productId}>
            <span>{line.name}</span>
            <input
              type="number"
              min={0}
              aria-label={`Quantity of ${line.name}`}
              value={line.quantity}
              onChange={(event) => cart.setQuantity(line.productId, Number(event.target.value))}
            />
          </li>
        ))}
      </ul>
      <label>
        Promo code <input value={promoCode} onChange={(event) => setPromoCode(event.target.value)} placeholder="WELCOME10" />
      </label>
      <ErrorBox error={quote.error} />
      {q && (
        <table className="quote">
          <tbody>
            <tr>
              <td>Subtotal</td>
              <td>{money(q.subtotalCents, q.currency)}</td>
            </tr>
            <tr>
              <td>Discount{q.promotion ? ` (${q.promotion.code})` : ''}</td>
              <td>−{money(q.discountCents, q.currency)}</td>
            </tr>
            <tr>
              <td>Tax ({q.taxRateBasisPoints / 100}%)</td>
              <td>{money(q.taxCents, q.currency)}</td>
            </tr>
            <tr>
              <th>Total</th>
              <th data-testid="quote-total">{money(q.totalCents, q.currency)}</th>
            </tr>
          </tbody>
        </table>
      )}
      <ErrorBox error={placed.error} />
      <button
        disabled={cart.lines.length === 0 || !!quote.error || placed.loading}
        onClick={() =>
          void place({ variables: { input, idempotencyKey } }).then(
            () => cart.clear(),
            () => undefined,
          )
        }
      >
        Place order
      </button>
    </section>
  );
}
