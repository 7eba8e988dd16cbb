import type { Browser, Locator, Page } from 'playwright-core';
import { startListeningTestApp, type ListeningTestApp } from '../../openbank/test/test-app.js';
import { launchChromium } from './browser.js';

/**
 * Swagger UI (/api/docs) in headless Chromium, tried as a new user tries it: its examples, executed
 * in the order its description tells, all succeed. apps/openbank/test/api-examples.e2e.spec.ts
 * checks the document and the order; this checks that the page itself authorizes with the token
 * it gets and sends the ids the bank gave (its interceptors are copied into the page as source).
 */
describe('Swagger UI, in a browser', () => {
  let app: ListeningTestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startListeningTestApp(), launchChromium()]);
    page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    await page.goto(`${app.baseUrl}/api/docs`);
    await page.locator('.opblock-tag').first().waitFor();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** Opens an operation, clicks Try it out (once) and Execute, and reads the answer the page shows. */
  async function execute(operationId: string): Promise<{ operation: string; status: number; body: Record<string, unknown> }> {
    const block = page.locator(`[id$="-${operationId}"]`).first();
    const executeButton = block.getByRole('button', { name: 'Execute' });
    if (!(await executeButton.isVisible())) {
      await block.locator('.opblock-summary').first().click();
      await block.getByRole('button', { name: 'Try it out' }).click();
    }
    const clear = block.getByRole('button', { name: 'Clear' });
    if (await clear.isVisible()) await clear.click();
    await executeButton.click();
    const answer: Locator = block.locator('.live-responses-table tbody tr.response').first();
    const status = Number((await answer.locator('.response-col_status').innerText()).trim());
    const text = await answer.locator('.response-col_description pre.microlight').first().innerText();
    return { operation: operationId, status, body: JSON.parse(text) as Record<string, unknown> };
  }

  it('runs its examples in the order it tells, each one succeeding', async () => {
    const answers = [];
    // A token, Alice, her two accounts, money into the first and on to the second, the balance now.
    for (const operationId of ['issueDevToken', 'registerPerson', 'openBankAccount', 'openBankAccount', 'deposit', 'transfer', 'getBalanceAt']) {
      answers.push(await execute(operationId));
    }
    expect(answers.filter((answer) => answer.status >= 300)).toEqual([]);
    const [, person, first, second, deposit, transfer, balance] = answers.map((answer) => answer.body);
    expect([first!.owner_id, second!.owner_id]).toEqual([person!.id, person!.id]);
    expect(deposit!.account_id).toBe(first!.id);
    expect([transfer!.from_account_id, transfer!.to_account_id]).toEqual([first!.id, second!.id]);
    expect(balance!.account_id).toBe(first!.id);
  }, 90_000);
});
