/** Sample data for the `demo` tenant: a small neighbourhood restaurant. Prices in cents. */
export const DEMO_TENANT = 'demo';

/** A menu item as seeded: the catalog's product without the ID (derived from the slug) and the currency (per tenant). */
export interface SeedProduct {
  slug: string;
  name: string;
  description: string;
  category: string;
  priceCents: number;
  tags: string[];
  allergens: string[];
  vegetarian: boolean;
  vegan: boolean;
  glutenFree: boolean;
  available: boolean;
}

/** The demo tenant charges 10% tax on tax-exclusive prices. */
export const DEMO_TAX_RATE_BP = 1000;

/** Demo promotions: a first-order welcome, a flat discount and one that has expired. */
export const DEMO_PROMOTIONS = [
  { code: 'WELCOME10', kind: 'PERCENT', value: 1000, minSubtotalCents: 1500, maxRedemptionsPerCustomer: 1, validUntil: null },
  { code: 'FIVEOFF', kind: 'FIXED', value: 500, minSubtotalCents: 0, maxRedemptionsPerCustomer: null, validUntil: null },
  {
    code: 'SUMMER23',
    kind: 'PERCENT',
    value: 1500,
    minSubtotalCents: 0,
    maxRedemptionsPerCustomer: null,
    validUntil: new Date('2023-09-01T00:00:00Z'),
  },
] as const;

export const DEMO_MENU: SeedProduct[] = [
  {
    slug: 'margherita',
    name: 'Margherita Pizza',
    description: 'Wood-fired pizza with San Marzano tomato, fior di latte mozzarella and fresh basil.',
    category: 'pizza',
    priceCents: 1250,
    tags: ['pizza', 'classic', 'wood-fired'],
    allergens: ['gluten', 'milk'],
    vegetarian: true,
    vegan: false,
    glutenFree: false,
    available: true,
  },
  {
    slug: 'diavola',
    name: 'Diavola Pizza',
    description: 'Spicy salami, chilli oil, tomato and mozzarella on our 48-hour dough.',
    category: 'pizza',
    priceCents: 1450,
    tags: ['pizza', 'spicy'],
    allergens: ['gluten', 'milk'],
    vegetarian: false,
    vegan: false,
    glutenFree: false,
    available: true,
  },
  {
    slug: 'garden-pizza',
    name: 'Garden Pizza (vegan)',
    description: 'Tomato, grilled courgette, peppers, olives and cashew cream on a vegan base.',
    category: 'pizza',
    priceCents: 1350,
    tags: ['pizza', 'vegetables'],
    allergens: ['gluten', 'tree nuts'],
    vegetarian: true,
    vegan: true,
    glutenFree: false,
    available: true,
  },
  {
    slug: 'gf-margherita',
    name: 'Gluten-free Margherita',
    description: 'Our margherita on a certified gluten-free base, baked on a separate tray.',
    category: 'pizza',
    priceCents: 1450,
    tags: ['pizza', 'gluten-free'],
    allergens: ['milk'],
    vegetarian: true,
    vegan: false,
    glutenFree: true,
    available: true,
  },
  {
    slug: 'caesar-salad',
    name: 'Caesar Salad',
    description: 'Romaine, parmesan, garlic croutons and anchovy dressing.',
    category: 'salads',
    priceCents: 950,
    tags: ['salad'],
    allergens: ['gluten', 'milk', 'fish', 'egg'],
    vegetarian: false,
    vegan: false,
    glutenFree: false,
    available: true,
  },
  {
    slug: 'quinoa-bowl',
    name: 'Quinoa Power Bowl',
    description: 'Quinoa, roasted chickpeas, avocado, pickled red onion and tahini dressing.',
    category: 'salads',
    priceCents: 1100,
    tags: ['bowl', 'protein'],
    allergens: ['sesame'],
    vegetarian: true,
    vegan: true,
    glutenFree: true,
    available: true,
  },
  {
    slug: 'lasagna',
    name: 'Beef Lasagna',
    description: 'Slow-cooked beef ragù layered with fresh pasta and béchamel.',
    category: 'pasta',
    priceCents: 1550,
    tags: ['pasta', 'oven-baked'],
    allergens: ['gluten', 'milk', 'egg'],
    vegetarian: false,
    vegan: false,
    glutenFree: false,
    available: true,
  },
  {
    slug: 'pesto-linguine',
    name: 'Pesto Linguine',
    description: 'Linguine with basil pesto, green beans and potatoes.',
    category: 'pasta',
    priceCents: 1300,
    tags: ['pasta'],
    allergens: ['gluten', 'milk', 'tree nuts'],
    vegetarian: true,
    vegan: false,
    glutenFree: false,
    available: true,
  },
  {
    slug: 'tiramisu',
    name: 'Tiramisu',
    description: 'Mascarpone, espresso-soaked savoiardi and cocoa.',
    category: 'desserts',
    priceCents: 700,
    tags: ['dessert', 'coffee'],
    allergens: ['gluten', 'milk', 'egg'],
    vegetarian: true,
    vegan: false,
    glutenFree: false,
    available: true,
  },
  {
    slug: 'sorbet',
    name: 'Lemon Sorbet',
    description: 'Amalfi lemon sorbet, dairy free.',
    category: 'desserts',
    priceCents: 550,
    tags: ['dessert'],
    allergens: [],
    vegetarian: true,
    vegan: true,
    glutenFree: true,
    available: true,
  },
  {
    slug: 'lemonade',
    name: 'Homemade Lemonade',
    description: 'Fresh lemons, mint and cane sugar.',
    category: 'drinks',
    priceCents: 400,
    tags: ['drink', 'cold'],
    allergens: [],
    vegetarian: true,
    vegan: true,
    glutenFree: true,
    available: true,
  },
  {
    slug: 'truffle-special',
    name: 'Truffle Special',
    description: 'Seasonal black truffle pizza; back in autumn.',
    category: 'pizza',
    priceCents: 2400,
    tags: ['pizza', 'seasonal'],
    allergens: ['gluten', 'milk'],
    vegetarian: true,
    vegan: false,
    glutenFree: false,
    available: false,
  },
];
