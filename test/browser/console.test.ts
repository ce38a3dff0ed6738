import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSupergraph, type TestSupergraph } from '../support/test-supergraph.js';
import { buildConsole, chromiumMissing, openBrowser, screenshot, signIn } from './console-browser.js';

const PARKING = `# Parking for guests

Guests park free of charge in the courtyard behind the bakery after six in the evening.
`;

/**
 * The console in Chromium against the real supergraph: a customer asks the assistant for a dish, watches the answer
 * stream, approves the order and confirms it; staff, in a second browser, advance it on the kitchen board; the
 * customer sees it go PREPARING live. Staff upload a markdown document, watch its ingestion progress and find it by search.
 */
describe.skipIf(chromiumMissing)('the console in Chromium, against the supergraph', () => {
  let supergraph: TestSupergraph;
  let built: Awaited<ReturnType<typeof buildConsole>>;
  let consoleUrl: string;
  const browsers: { close: () => Promise<void> }[] = [];

  beforeAll(async () => {
    built = await buildConsole();
    // One build and one supergraph for the file: Vite refuses two builds of one project at a time. The offline model
    // paces its parts as a real model would, so the answer is still streaming when the page subscribes to it (an
    // instant answer reaches a subscriber that attaches after it finished as one replayed delta).
    supergraph = await startTestSupergraph({ OPENAI_BASE_URL: '', CONSOLE_DIR: built.dir, OFFLINE_MODEL_PART_DELAY_MS: '40' });
    consoleUrl = supergraph.gateway.url.replace(/\/graphql$/, '/console/');
  }, 180_000);
  afterAll(async () => {
    for (const browser of browsers) await browser.close().catch(() => undefined);
    await supergraph?.close();
    await built?.remove();
  });

  it('streams the answer, places the approved order and shows PREPARING when the kitchen starts it', async () => {
    const customer = await openBrowser();
    browsers.push(customer);
    const page = customer.page;
    await signIn(page, consoleUrl, 'customer');
    await page.getByTestId('menu-item').first().waitFor();
    await page.getByLabel('Vegan').check();
    await screenshot(page, 'customer-menu');
    await page.getByLabel('Vegan').uncheck();
    await page.getByTestId('menu-item').filter({ hasText: 'Margherita Pizza' }).getByRole('button', { name: 'Add to cart' }).click();
    await page.getByRole('link', { name: 'Cart' }).click();
    await page.getByPlaceholder('WELCOME10').fill('FIVEOFF');
    await page.getByText('Discount (FIVEOFF)').waitFor();
    await screenshot(page, 'customer-cart');

    await page.getByRole('link', { name: 'Assistant' }).click();
    await ask(page, 'Show me the pizza menu');
    await expect.poll(() => page.getByTestId('answer').last().textContent(), { timeout: 30_000 }).toContain('Margherita Pizza');
    const rating = page.getByTestId('answer-rating').last();
    await rating.getByRole('button', { name: 'Helpful', exact: true }).click();
    await rating.and(page.locator('[data-rating="UP"]')).waitFor();
    await ask(page, "I'd like 2 Margherita Pizza");
    const answer = page.getByTestId('answer').last();
    await answer.and(page.locator('[data-streaming="false"]')).waitFor({ timeout: 60_000 });
    expect(Number(await answer.getAttribute('data-deltas'))).toBeGreaterThan(1);
    await page.getByTestId('tool-call').first().waitFor();
    const approval = page.getByTestId('approval');
    await approval.getByRole('listitem').filter({ hasText: '2 × Margherita Pizza' }).waitFor();
    await screenshot(page, 'customer-chat');
    await approval.getByRole('button', { name: 'Approve order' }).click();
    await page.getByTestId('placed-order').waitFor({ timeout: 60_000 });

    await page.getByRole('link', { name: 'My orders' }).click();
    const myOrder = page.getByTestId('my-order').first();
    await myOrder.and(page.locator('[data-status="PENDING"]')).waitFor();
    await myOrder.getByRole('button', { name: 'Confirm' }).click();
    await myOrder.and(page.locator('[data-status="CONFIRMED"]')).waitFor();

    const staff = await openBrowser();
    browsers.push(staff);
    await signIn(staff.page, consoleUrl, 'staff');
    const ticket = staff.page.getByTestId('column-CONFIRMED').getByTestId('kitchen-order').filter({ hasText: 'Margherita Pizza' });
    await ticket.waitFor();
    await screenshot(staff.page, 'staff-kitchen-board');
    await ticket.getByRole('button', { name: 'Start preparing' }).click();
    await staff.page.getByTestId('column-PREPARING').getByTestId('kitchen-order').first().waitFor();

    // The customer's page was not reloaded: the status arrives over orderEvents.
    await myOrder.and(page.locator('[data-status="PREPARING"]')).waitFor({ timeout: 30_000 });
    await screenshot(page, 'customer-my-orders');

    await staff.page.getByRole('link', { name: 'Menu editing' }).click();
    await staff.page.getByLabel('Price of Margherita Pizza').waitFor();
    await screenshot(staff.page, 'staff-menu-editing');
    await staff.page.getByRole('link', { name: 'LLM usage' }).click();
    await staff.page.getByRole('columnheader', { name: 'calls' }).waitFor();
    await screenshot(staff.page, 'staff-llm-usage');
    expect(await staff.page.getByRole('link', { name: 'Dead letters' }).count()).toBe(0);
    await staff.page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(staff.page, consoleUrl, 'admin');
    await staff.page.getByRole('link', { name: 'Dead letters' }).click();
    await staff.page.getByText('0 dead letters').waitFor();
    await screenshot(staff.page, 'admin-dead-letters');
  }, 240_000);

  it('is usable on a phone-sized screen, and shows errors with their code', async () => {
    const phone = await openBrowser({ width: 390, height: 844 });
    browsers.push(phone);
    await signIn(phone.page, consoleUrl, 'customer');
    await phone.page.getByTestId('menu-item').first().waitFor();
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone.page, 'phone-menu');
    await phone.page.getByTestId('menu-item').first().getByRole('button', { name: 'Add to cart' }).click();
    await phone.page.getByRole('link', { name: 'Cart' }).click();
    await phone.page.getByPlaceholder('WELCOME10').fill('NOSUCHCODE');
    await phone.page.getByRole('alert').filter({ hasText: 'PROMO_' }).waitFor();
  }, 120_000);

  it('uploads a markdown document, shows it SUCCEEDED, and finds it with highlights', async () => {
    const staff = await openBrowser();
    browsers.push(staff);
    const { page } = staff;
    await signIn(page, consoleUrl, 'staff');
    await page.getByRole('link', { name: 'Knowledge' }).click();
    await page
      .getByLabel('Upload a document')
      .setInputFiles({ name: 'parking.md', mimeType: 'text/markdown', buffer: Buffer.from(PARKING) });
    await page.getByTestId('ingestion').waitFor();
    await page.locator('[data-testid="ingestion"][data-status="SUCCEEDED"]').waitFor({ timeout: 60_000 });
    await page.getByText('Parking for guests (faq, MARKDOWN').waitFor();
    await page.getByLabel('Search the knowledge base').fill('courtyard parking');
    await page.getByLabel('Search mode').selectOption('KEYWORD');
    await page.getByRole('button', { name: 'Search' }).click();
    const hit = page.getByTestId('search-hit').filter({ hasText: 'Parking for guests' }).first();
    await hit.locator('mark', { hasText: /courtyard/i }).waitFor();
    await screenshot(page, 'staff-knowledge');
  }, 180_000);
});

async function ask(page: import('playwright-core').Page, text: string): Promise<void> {
  const answers = await page.getByTestId('answer').count();
  await page.getByLabel('Message').fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByTestId('answer').nth(answers).waitFor();
}
