import type { BenchTarget } from './gateway-bench-targets.js';

const CREATE = 'mutation ($input: CreateOrderInput!, $key: String!) { createOrder(input: $input, idempotencyKey: $key) { id } }';

async function post(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

/** Two orders per user, so `orders` has entities for the knowledge and observability subgraphs to complete. */
export async function seedOrders(gatewayUrl: string, tokens: string[]): Promise<void> {
  const menu = await post(gatewayUrl, tokens[0]!, '{ products(first: 20) { edges { node { id available } } } }');
  const productId = menu.data.products.edges.find((edge: any) => edge.node.available).node.id;
  for (const [user, token] of tokens.entries()) {
    for (const n of [1, 2]) {
      const created = await post(gatewayUrl, token, CREATE, {
        input: { items: [{ productId, quantity: n }] },
        key: `bench-gateway-${user}-${n}`,
      });
      if (created.errors) throw new Error(`could not place a bench order: ${JSON.stringify(created.errors)}`);
    }
  }
}

/**
 * Every user's answer to each query through every target must equal the first target's (and carry no errors): a gateway
 * that answered differently, or shared one user's answer with another, would not be measured doing the same work.
 * Returns how many answers differed (each is printed).
 */
export async function checkIdenticalAnswers(
  [direct, ...gateways]: BenchTarget[],
  queries: { query: string; directToo: boolean }[],
  tokens: string[],
): Promise<number> {
  let mismatches = 0;
  for (const { query, directToo } of queries) {
    for (const token of tokens) {
      const targets = directToo ? [direct!, ...gateways] : gateways;
      const answers = await Promise.all(targets.map((target) => post(target.url, token, query)));
      const expected = JSON.stringify(answers[0].data);
      answers.forEach((answer, index) => {
        if (answer.errors || JSON.stringify(answer.data) !== expected) {
          mismatches += 1;
          console.error(`${targets[index]!.name} answered ${query} differently: ${JSON.stringify(answer).slice(0, 400)}`);
        }
      });
    }
  }
  return mismatches;
}
