import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import {
  CreateProductDocument,
  MenuDocument,
  SetProductAvailabilityDocument,
  UpdateProductDocument,
} from '../../../typescript/src/index.js';
import { ErrorBox, money } from '../errors.js';

/** Staff: change prices, mark dishes sold out, add dishes. */
export function MenuEditorView() {
  const menu = useQuery(MenuDocument, { variables: { first: 100 } });
  const [update, updated] = useMutation(UpdateProductDocument);
  const [setAvailability, availability] = useMutation(SetProductAvailabilityDocument);
  const [create, created] = useMutation(CreateProductDocument, { onCompleted: () => void menu.refetch() });
  const [draft, setDraft] = useState({ name: '', category: 'mains', price: '' });
  return (
    <section>
      <h1>Menu editing</h1>
      <ErrorBox error={menu.error ?? updated.error ?? availability.error ?? created.error} />
      <form
        className="row card"
        onSubmit={(event) => {
          event.preventDefault();
          const input = { name: draft.name, category: draft.category, priceCents: Math.round(Number(draft.price) * 100), currency: 'EUR' };
          void create({ variables: { input } }).then(
            () => setDraft({ name: '', category: 'mains', price: '' }),
            () => undefined,
          );
        }}
      >
        <input
          aria-label="New dish name"
          placeholder="New dish"
          value={draft.name}
          onChange={(event) => setDraft({ ...draft, name: event.target.value })}
        />
        <input aria-label="Category" value={draft.category} onChange={(event) => setDraft({ ...draft, category: event.target.value })} />
        <input
          aria-label="Price"
          placeholder="9.50"
          value={draft.price}
          onChange={(event) => setDraft({ ...draft, price: event.target.value })}
        />
        <button>Add dish</button>
      </form>
      <table className="editor">
        <tbody>
          {menu.data?.products.edges.map(({ node }) => (
            <tr key={node.id}>
              <td>{node.name}</td>
              <td>
                <input
                  aria-label={`Price of ${node.name}`}
                  defaultValue={(node.priceCents / 100).toFixed(2)}
                  onBlur={(event) => {
                    const priceCents = Math.round(Number(event.target.value) * 100);
                    if (priceCents !== node.priceCents)
                      void update({ variables: { id: node.id, input: { priceCents } } }).catch(() => undefined);
                  }}
                />{' '}
                <span className="muted">{money(node.priceCents, node.currency)}</span>
              </td>
              <td>
                <label>
                  <input
                    type="checkbox"
                    checked={node.available}
                    onChange={(event) =>
                      void setAvailability({ variables: { id: node.id, available: event.target.checked } }).catch(() => undefined)
                    }
                  />{' '}
                  available
                </label>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
