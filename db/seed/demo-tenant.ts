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

export interface SeedDocument {
  slug: string;
  title: string;
  scope: 'policies' | 'faq' | 'menu';
  body: string;
  tags: string[];
  /** Order statuses for which this document is relevant help (see Order.helpArticles). */
  appliesToOrderStatuses: string[];
}

export const DEMO_DOCUMENTS: SeedDocument[] = [
  {
    slug: 'cancellation-policy',
    title: 'Cancellation policy',
    scope: 'policies',
    tags: ['orders', 'refunds'],
    appliesToOrderStatuses: ['PENDING', 'CONFIRMED'],
    body: 'You can cancel an order free of charge while it is pending or confirmed. Once the kitchen starts preparing it, it can no longer be cancelled. Refunds go back to the original payment method within 5 business days.',
  },
  {
    slug: 'allergen-policy',
    title: 'Allergens and dietary needs',
    scope: 'policies',
    tags: ['allergens', 'dietary'],
    appliesToOrderStatuses: ['PENDING', 'CONFIRMED', 'PREPARING'],
    body: 'Every menu item lists its allergens. Our gluten-free pizzas are baked on a separate tray, but flour is used in the kitchen, so we cannot guarantee the absence of traces. Tell us about severe allergies in the order notes.',
  },
  {
    slug: 'pickup-instructions',
    title: 'Picking up your order',
    scope: 'policies',
    tags: ['pickup'],
    appliesToOrderStatuses: ['READY'],
    body: 'Ready orders wait at the pickup counter on the left of the entrance for up to 30 minutes. Show your order number to the staff.',
  },
  {
    slug: 'opening-hours',
    title: 'Opening hours',
    scope: 'faq',
    tags: ['hours'],
    appliesToOrderStatuses: [],
    body: 'We are open Tuesday to Sunday from 12:00 to 22:30. The kitchen takes its last orders at 22:00.',
  },
  {
    slug: 'delivery-area',
    title: 'Do you deliver?',
    scope: 'faq',
    tags: ['delivery'],
    appliesToOrderStatuses: [],
    body: 'We deliver within 3 km of the restaurant for orders above 20 EUR. Delivery takes 30 to 45 minutes.',
  },
  {
    slug: 'vegan-options',
    title: 'Vegan options',
    scope: 'faq',
    tags: ['dietary', 'vegan'],
    appliesToOrderStatuses: [],
    body: 'The Garden Pizza, the Quinoa Power Bowl, the Lemon Sorbet and our lemonade are fully vegan.',
  },
];
