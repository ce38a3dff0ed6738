import { z } from 'zod';
import { AssistantRetrieveMenuDocument, type AssistantRetrieveMenuQuery } from './generated/graphql.js';
import { supergraphRequest, type AssistantToolContext } from './assistant-tool-context.js';
import { formatMoney } from './money.js';
import { defineTool } from './tool-registry.js';

/** The product fields the tool reads, typed by GraphQL Code Generator from operations/retrieve-menu.graphql (`npm run codegen`). */
type ProductNode = AssistantRetrieveMenuQuery['products']['edges'][number]['node'];

export interface MenuItem extends ProductNode {
  /** e.g. "12.50 EUR", so the model never does cent arithmetic to state a price. */
  price: string;
}

export interface RetrieveMenuResult {
  items: MenuItem[];
  /** More items match than were returned: narrow the search rather than guessing. */
  more: boolean;
}

export const retrieveMenuParameters = z.object({
  text: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Words to search for in names, tags and descriptions, e.g. "pizza" or "spicy chicken". Omit to list the menu.'),
  category: z.string().min(1).max(80).optional(),
  vegetarian: z.boolean().optional(),
  vegan: z.boolean().optional(),
  glutenFree: z.boolean().optional(),
  excludeAllergens: z
    .array(z.string().min(1).max(40))
    .max(14)
    .optional()
    .describe('Leave out items listing any of these allergens, e.g. ["peanuts"]'),
  maxPriceCents: z.number().int().min(0).optional(),
  availableOnly: z.boolean().default(true).describe('false also lists items that are sold out right now'),
  first: z.number().int().min(1).max(50).default(20),
});

/** Idempotent read of the tenant's catalog (cacheable by the tool-result cache). */
export const retrieveMenuTool = defineTool({
  name: 'retrieve_menu',
  description:
    'Looks up menu items with their ids, prices, allergens and dietary flags. Call it before naming, pricing or ordering any item; never invent items, ids or prices.',
  parameters: retrieveMenuParameters,
  timeoutMs: 5_000,
  async execute(args, context: AssistantToolContext, signal): Promise<RetrieveMenuResult> {
    const { first, ...filterArgs } = args;
    const filter = Object.fromEntries(Object.entries(filterArgs).filter(([, value]) => value !== undefined));
    const data = await supergraphRequest(context, AssistantRetrieveMenuDocument, { filter, first }, signal);
    return {
      items: data.products.edges.map(({ node }) => ({ ...node, price: formatMoney(node.priceCents, node.currency) })),
      more: data.products.pageInfo.hasNextPage,
    };
  },
});
