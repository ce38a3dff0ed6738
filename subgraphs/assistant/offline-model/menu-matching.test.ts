import { describe, expect, it } from 'vitest';
import { matchRequestedItems, type OfflineMenuItem } from './menu-matching.js';

function item(id: string, name: string): OfflineMenuItem {
  return {
    id,
    name,
    price: '1.00 EUR',
    priceCents: 100,
    category: 'x',
    vegan: false,
    vegetarian: false,
    glutenFree: false,
    available: true,
    allergens: [],
  };
}

// Names as in the demo tenant's seed, where several items share words.
const menu = [
  item('margherita', 'Margherita Pizza'),
  item('diavola', 'Diavola Pizza'),
  item('garden', 'Garden Pizza (vegan)'),
  item('gf-margherita', 'Gluten-free Margherita'),
  item('lemonade', 'Homemade Lemonade'),
  item('tiramisu', 'Tiramisu'),
];

const ids = (message: string) => matchRequestedItems(message, menu).map(({ item: matched, quantity }) => [matched.id, quantity]);

describe('matchRequestedItems', () => {
  it('picks the most completely named item per part, with its quantity', () => {
    expect(ids("I'd like two margherita pizzas and a lemonade")).toEqual([
      ['margherita', 2],
      ['lemonade', 1],
    ]);
    expect(ids('a gluten-free margherita, 3 tiramisu')).toEqual([
      ['gf-margherita', 1],
      ['tiramisu', 3],
    ]);
    expect(ids('one garden pizza plus one diavola')).toEqual([
      ['garden', 1],
      ['diavola', 1],
    ]);
  });

  it('adds up repeated items and ignores parts naming nothing on the menu', () => {
    expect(ids('a tiramisu, a burger and another tiramisu')).toEqual([['tiramisu', 2]]);
    expect(ids('a burger')).toEqual([]);
  });
});
