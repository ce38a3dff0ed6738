import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { MenuDocument, type ProductFilter } from '../../../typescript/src/index.js';
import { ErrorBox, money } from '../errors.js';
import { useCart } from './cart-state.js';

const FLAGS = ['vegetarian', 'vegan', 'glutenFree'] as const;
const FLAG_LABELS = { vegetarian: 'Vegetarian', vegan: 'Vegan', glutenFree: 'Gluten-free' };

/** The tenant's menu with full-text search, dietary filters and allergen exclusion; adds items to the cart. */
export function MenuView() {
  const cart = useCart();
  const [text, setText] = useState('');
  const [flags, setFlags] = useState<Partial<Record<(typeof FLAGS)[number], boolean>>>({});
  const [withoutAllergen, setWithoutAllergen] = useState('');
  const filter: ProductFilter = {
    ...(text.trim() ? { text: text.trim() } : {}),
    ...Object.fromEntries(Object.entries(flags).filter(([, on]) => on)),
    ...(withoutAllergen.trim() ? { excludeAllergens: [withoutAllergen.trim()] } : {}),
  };
  const { data, error, loading } = useQuery(MenuDocument, { variables: { filter, first: 50 } });
  return (
    <section>
      <h1>Menu</h1>
      <div className="filters">
        <input
          aria-label="Search the menu"
          placeholder="Search: pizza, spicy…"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        {FLAGS.map((flag) => (
          <label key={flag}>
            <input type="checkbox" checked={!!flags[flag]} onChange={(event) => setFlags({ ...flags, [flag]: event.target.checked })} />
            {FLAG_LABELS[flag]}
          </label>
        ))}
        <input
          aria-label="Without allergen"
          placeholder="Without allergen"
          value={withoutAllergen}
          onChange={(event) => setWithoutAllergen(event.target.value)}
        />
      </div>
      <ErrorBox error={error} />
      {loading && !data && <p>Loading the menu…</p>}
      <ul className="grid">
        {data?.products.edges.map(({ node }) => (
          <li key={node.id} className="card" data-testid="menu-item">
            <h3>{node.name}</h3>
            <p className="muted">{node.description}</p>
            <p>
              <strong>{money(node.priceCents, node.currency)}</strong> · {node.category}
            </p>
            <p className="badges">
              {node.vegan && <span className="badge">vegan</span>}
              {node.vegetarian && !node.vegan && <span className="badge">vegetarian</span>}
              {node.glutenFree && <span className="badge">gluten-free</span>}
              {node.allergens.map((allergen) => (
                <span key={allergen} className="badge warn">
                  {allergen}
                </span>
              ))}
            </p>
            <button disabled={!node.available} onClick={() => cart.add({ productId: node.id, name: node.name })}>
              {node.available ? 'Add to cart' : 'Sold out'}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
