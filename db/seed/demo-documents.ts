/** A knowledge-base document as seeded for the demo tenant. */
export interface SeedDocument {
  slug: string;
  title: string;
  scope: 'policies' | 'faq' | 'menu';
  body: string;
  tags: string[];
  /** Order statuses for which this document is relevant help (see Order.helpArticles). */
  appliesToOrderStatuses: string[];
}

/** Policies and FAQs; the knowledge seed adds a menu document built from DEMO_MENU. */
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
