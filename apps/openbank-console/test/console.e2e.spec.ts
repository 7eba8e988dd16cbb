import { AxeBuilder } from '@axe-core/playwright';
import { getConnectionToken } from '@nestjs/mongoose';
import { eventually } from '@openbank/testing';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import type { Browser, BrowserContext, CDPSession, Locator, Page } from 'playwright-core';
import { openAccount, readModel, registerPerson } from '../../openbank/test/http-helpers.js';
import { startListeningTestApp, startTestApp, type ListeningTestApp, type TestApp } from '../../openbank/test/test-app.js';
import { buildConsoleIfStale, launchChromium, screenshotsDirectory } from './browser.js';
import { startOidcProvider } from './oidc-provider.js';

/**
 * The web console in headless Chromium, on the whole application (API and projector in this
 * process, on the embedded stores), signed in with development tokens as each role.
 */
describe('the web console, in a browser', () => {
  let app: ListeningTestApp;
  let browser: Browser;
  let consoleUrl: string;
  const contexts: BrowserContext[] = [];
  /** Content-Security-Policy violations Chromium reported, on any page of any test. */
  const violations: string[] = [];
  const shots = screenshotsDirectory();
  const shot = new Set<string>();
  /** A screenshot of a main page, once per run (the scenarios take theirs first, with their data on show). */
  async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
    if (shot.has(name)) return;
    shot.add(name);
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage });
  }
  const people = {} as Record<'alice' | 'bob' | 'carol', string>;
  const accounts = {} as Record<'checking' | 'savings' | 'bobs' | 'carols', string>;
  /** When Carol's two deposits were recorded. */
  let carolDeposits: [string, string];

  beforeAll(async () => {
    buildConsoleIfStale();
    [app, browser] = await Promise.all([startListeningTestApp(), launchChromium()]);
    consoleUrl = `${app.baseUrl}/console`;

    people.alice = await registerPerson(app.api, { first_name: 'Alice', last_name: 'Lindqvist', date_of_birth: '1988-03-14', nationality: 'SE', gender: 'FEMALE' });
    people.bob = await registerPerson(app.api, { first_name: 'Bob', last_name: 'Okafor', date_of_birth: '1979-11-02', nationality: 'NG', gender: 'MALE' });
    people.carol = await registerPerson(app.api, { first_name: 'Carol', last_name: 'Dubois', date_of_birth: '1995-07-21', nationality: 'FR', gender: 'FEMALE' });
    accounts.checking = await openAccount(app.api, people.alice, { overdraft_limit: '500.00' });
    accounts.savings = await openAccount(app.api, people.alice, { account_type: 'SAVINGS' });
    accounts.bobs = await openAccount(app.api, people.bob);
    accounts.carols = await openAccount(app.api, people.carol);
    await deposit(accounts.checking, '1200.00', 'Salary');
    await deposit(accounts.savings, '300.00', 'Opening deposit');
    await deposit(accounts.bobs, '800.00', 'Opening deposit');
    // Two deposits more than a second apart: the balance-at picker (to the second) can name an instant between them.
    const first = await deposit(accounts.carols, '100.00', 'First deposit');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await deposit(accounts.carols, '50.00', 'Second deposit');
    carolDeposits = [first.occurred_at, second.occurred_at];
    for (const [id, revision] of [
      [accounts.checking, 1],
      [accounts.savings, 1],
      [accounts.bobs, 1],
      [accounts.carols, 2],
    ] as const) {
      await readModel(app.api, `/api/v1/accounts/${id}`, revision);
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await app?.close();
  });

  afterEach(() => {
    expect(violations).toEqual([]);
  });

  async function deposit(account: string, amount: string, description: string): Promise<{ occurred_at: string }> {
    return (await app.api.post(`/api/v1/accounts/${account}/deposit`).send({ amount, description }).expect(201)).body;
  }

  async function newPage(viewport = { width: 1280, height: 860 }): Promise<Page> {
    const context = await browser.newContext({ viewport, timezoneId: 'UTC', locale: 'en-US', reducedMotion: 'reduce' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    page.on('pageerror', (error) => violations.push(`uncaught: ${error.message}`));
    return page;
  }

  /** Signs in on the sign-in page with a development token, by keyboard for staff. */
  async function signIn(page: Page, role: 'teller' | 'admin' | 'customer', lastName?: string): Promise<void> {
    await page.goto(`${consoleUrl}/`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    if (role === 'customer') {
      await page.getByRole('radio', { name: /^Customer/ }).check();
      await page.getByLabel('Find a person by name').fill(lastName!);
      await eventually(async () => expect(await page.getByLabel('Person', { exact: true }).locator('option').allTextContents()).toEqual([expect.stringContaining(lastName!)]));
      await page.getByRole('button', { name: 'Sign in as customer' }).click();
      await page.getByRole('heading', { level: 1, name: 'My accounts' }).waitFor();
      return;
    }
    // Keyboard only: the role radios are one stop (arrows choose), then the button.
    await page.getByRole('radio', { name: /^Teller/ }).focus();
    if (role === 'admin') await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe(`Sign in as ${role}`);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Search' }).waitFor();
  }

  async function text(locator: Locator): Promise<string> {
    return (await locator.innerText()).replace(/\s+/g, ' ').trim();
  }

  async function waitForText(locator: Locator, expected: string | RegExp, timeoutMs = 10_000): Promise<void> {
    await eventually(async () => expect(await text(locator)).toMatch(expected), timeoutMs);
  }

  const navLinks = async (page: Page) => page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
  const chartSummary = (page: Page) => page.getByTestId('balance-chart').locator('figcaption');
  const transactionRows = (page: Page) => page.getByTestId('transactions').locator('tbody tr');
  const form = (page: Page) => page.locator('form.money-form');

  it('signs in as each role: a teller and an admin by keyboard, a customer picked from the persons list', async () => {
    const teller = await newPage();
    await signIn(teller, 'teller');
    expect(await navLinks(teller)).toEqual(['Search', 'Analytics', 'Live feed']);
    await teller.getByRole('link', { name: 'Alice Lindqvist' }).waitFor();

    const admin = await newPage();
    await signIn(admin, 'admin');
    expect(await navLinks(admin)).toEqual(['Search', 'Analytics', 'Live feed', 'Operations']);

    const customer = await newPage();
    await signIn(customer, 'customer', 'Lindqvist');
    expect(await navLinks(customer)).toEqual(['My accounts']);
    await waitForText(customer.locator('.lead'), 'Signed in as Alice Lindqvist.');
    // The person and their accounts are fetched apart: the name may show before the accounts do.
    await customer.locator('.account-card h2').nth(1).waitFor();
    expect(await customer.locator('.account-card h2').allTextContents()).toEqual(
      expect.arrayContaining([`Checking account ${accounts.checking.slice(0, 8)} (EUR)`, `Savings account ${accounts.savings.slice(0, 8)} (EUR)`]),
    );
    // The token is kept in this tab's session storage, never in a URL.
    expect(customer.url()).not.toMatch(/token|eyJ/);
    expect(await customer.evaluate("sessionStorage.getItem('openbank.console.session')")).toContain('accessToken');
    await screenshot(customer, 'my-accounts');

    await customer.getByRole('button', { name: 'Sign out' }).click();
    await customer.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await customer.evaluate("sessionStorage.getItem('openbank.console.session')")).toBeNull();
    await screenshot(customer, 'sign-in');
  }, 60_000);

  it('signs in through an identity provider: OpenID Connect, the authorization code with PKCE', async () => {
    const provider = await startOidcProvider({ clientId: 'openbank-console', audience: 'openbank-api', user: { sub: 'jane@example.com', roles: ['teller'] } });
    // An API configured for the provider (and without development tokens), on the same stores.
    process.env.AUTH_CONSOLE_CLIENT_ID = 'openbank-console';
    let withProvider: TestApp | undefined;
    try {
      withProvider = await startTestApp({ AUTH_ISSUER: provider.issuer, AUTH_JWKS_URL: provider.jwksUrl, AUTH_DEV_TOKENS: 'false' }, app.stores, { role: 'api' });
      await withProvider.app.listen(0, '127.0.0.1');
      const base = await withProvider.app.getUrl();
      const page = await newPage();
      const visited: string[] = [];
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) visited.push(frame.url());
      });
      const answer = await page.goto(`${base}/console/`);
      expect(answer?.headers()['content-security-policy']).toContain(`connect-src 'self' ${provider.issuer};`);
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      expect(await page.getByRole('heading', { name: 'With a development token' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Sign in with your identity provider' }).click();
      await page.getByRole('heading', { level: 1, name: 'Search' }).waitFor();
      await page.getByRole('link', { name: 'Alice Lindqvist' }).waitFor();

      expect(provider.signIns).toHaveLength(1);
      const [seen] = provider.signIns;
      expect(Object.fromEntries(seen!.authorize)).toMatchObject({
        client_id: 'openbank-console',
        redirect_uri: `${base}/console/callback`,
        response_type: 'code',
        scope: 'openid',
        code_challenge_method: 'S256',
      });
      expect(seen!.token?.get('code_verifier')).toMatch(/^[\w-]{43,128}$/);
      const session = JSON.parse((await page.evaluate("sessionStorage.getItem('openbank.console.session')")) as string) as { accessToken: string };
      expect(session).toMatchObject({ roles: ['teller'], subject: 'jane@example.com', via: 'identity provider' });
      // The code came back in the URL (once, bound to the PKCE verifier); the token never did.
      expect(visited.some((url) => url.startsWith(`${base}/console/callback?code=`))).toBe(true);
      expect(visited.filter((url) => url.includes(session.accessToken))).toEqual([]);
      expect(page.url()).toMatch(new RegExp(`^${base}/console/?$`));
    } finally {
      delete process.env.AUTH_CONSOLE_CLIENT_ID;
      await withProvider?.stopApp();
      await provider.close();
    }
  }, 60_000);

  it('lets a customer deposit, withdraw and transfer, and the chart and the table follow', async () => {
    const page = await newPage();
    await signIn(page, 'customer', 'Lindqvist');
    await page.getByRole('link', { name: `Checking account ${accounts.checking.slice(0, 8)} (EUR)` }).click();
    await waitForText(chartSummary(page), /^2 events since/);
    const balanceBefore = Number((await text(page.getByTestId('balance'))).replace(/[^\d.]/g, ''));
    const money = (amount: number) => `${amount.toLocaleString('en-US', { minimumFractionDigits: 2 })} EUR`;

    await form(page).getByLabel('Amount (EUR)').fill('100.00');
    await form(page).getByLabel('Description (optional)').fill('Birthday gift');
    await form(page).getByRole('button', { name: 'Deposit' }).click();
    await waitForText(form(page).getByRole('status'), `Deposited 100.00 EUR. The balance is now ${money(balanceBefore + 100)}.`);
    await waitForText(chartSummary(page), new RegExp(`^3 events since .* now ${money(balanceBefore + 100)}\\.`));
    await waitForText(transactionRows(page).first(), /Deposit in \+100\.00 EUR Birthday gift/);
    await waitForText(page.getByTestId('balance'), money(balanceBefore + 100));

    await form(page).getByText('Withdraw', { exact: true }).click();
    await form(page).getByLabel('Amount (EUR)').fill('30.00');
    await form(page).getByLabel('Description (optional)').fill('Groceries');
    await form(page).getByRole('button', { name: 'Withdraw' }).click();
    await waitForText(form(page).getByRole('status'), `Withdrew 30.00 EUR. The balance is now ${money(balanceBefore + 70)}.`);
    await waitForText(chartSummary(page), new RegExp(`^4 events since .* now ${money(balanceBefore + 70)}\\.`));
    await waitForText(transactionRows(page).first(), /Withdrawal out −30\.00 EUR Groceries/);

    await form(page).getByText('Transfer', { exact: true }).click();
    await form(page).getByLabel('Amount (EUR)').fill('20.00');
    await form(page).getByLabel('To account (id)').fill(accounts.savings);
    await form(page).getByLabel('Description (optional)').fill('To savings');
    await form(page).getByRole('button', { name: 'Transfer' }).click();
    await waitForText(form(page).getByRole('status'), /^Transfer of 20\.00 EUR completed\./);
    await waitForText(chartSummary(page), new RegExp(`^5 events since .* now ${money(balanceBefore + 50)}\\.`));
    await waitForText(transactionRows(page).first(), /Transfer out −20\.00 EUR To savings/);
    await waitForText(page.getByTestId('balance'), money(balanceBefore + 50));

    // Filters and pages: withdrawals only.
    await page.getByLabel('Type').selectOption('WITHDRAWAL');
    await page.getByRole('button', { name: 'Apply' }).click();
    await eventually(async () =>
      expect((await transactionRows(page).allInnerTexts()).map((row) => row.replace(/\s+/g, ' '))).toEqual([expect.stringMatching(/Withdrawal out −30\.00 EUR Groceries/)]),
    );
    await page.getByRole('button', { name: 'Clear' }).click();
    await waitForText(page.getByRole('navigation', { name: 'Pages of transactions' }), 'Page 1 of 1 · 4 in all');
    await screenshot(page, 'customer-account');

    // The transfer, with its steps.
    await form(page).getByRole('link', { name: 'See the transfer’s steps' }).click();
    await page.getByRole('heading', { level: 1, name: 'Transfer of 20.00 EUR' }).waitFor();
    await waitForText(page.getByTestId('transfer-steps'), /Initiated.*Completed/);
    await screenshot(page, 'transfer');
  }, 60_000);

  it('moves money once when a deposit is submitted twice', async () => {
    const page = await newPage();
    await signIn(page, 'customer', 'Lindqvist');
    await page.goto(`${consoleUrl}/accounts/${accounts.checking}`);
    await form(page).getByLabel('Amount (EUR)').waitFor();
    const sent: string[] = [];
    let answerLost = true;
    // The first answer is lost on the way back (the bank did record the deposit): the customer submits again.
    await page.route('**/api/v1/transactions/deposit', async (route) => {
      sent.push(route.request().headers()['idempotency-key']!);
      if (answerLost) {
        answerLost = false;
        await route.fetch();
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    await form(page).getByLabel('Amount (EUR)').fill('42.00');
    await form(page).getByLabel('Description (optional)').fill('Sent twice');
    await form(page).getByRole('button', { name: 'Deposit' }).click();
    await waitForText(form(page).getByRole('alert'), /^Not confirmed: The connection was lost before the bank answered\./);
    await form(page).getByRole('button', { name: 'Deposit' }).click();
    await waitForText(form(page).getByRole('status'), /^Deposited 42\.00 EUR\. .* It had already been recorded: this answer repeats the first one, and no money moved twice\./);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[1]).toBe(sent[0]);

    // A double click sends one request; the next submission has a key of its own.
    await form(page).getByLabel('Amount (EUR)').fill('8.00');
    await form(page).getByLabel('Description (optional)').fill('Double click');
    await form(page).getByRole('button', { name: 'Deposit' }).dblclick();
    await waitForText(form(page).getByRole('status'), /^Deposited 8\.00 EUR\./);
    expect(sent).toHaveLength(3);
    expect(sent[2]).not.toBe(sent[0]);

    const listed = (await app.api.get(`/api/v1/accounts/${accounts.checking}/transactions?type=DEPOSIT&page_size=100`).expect(200)).body.items as { description: string }[];
    expect(listed.filter((transaction) => transaction.description === 'Sent twice')).toHaveLength(1);
    expect(listed.filter((transaction) => transaction.description === 'Double click')).toHaveLength(1);
  }, 60_000);

  it('shows why a withdrawal was refused, in plain words', async () => {
    const page = await newPage();
    await signIn(page, 'customer', 'Lindqvist');
    await page.goto(`${consoleUrl}/accounts/${accounts.checking}`);
    const balance = await (async () => {
      await waitForText(page.getByTestId('balance'), /\d/);
      return text(page.getByTestId('balance'));
    })();
    await form(page).getByText('Withdraw', { exact: true }).click();
    await form(page).getByLabel('Amount (EUR)').fill('99999.00');
    await form(page).getByRole('button', { name: 'Withdraw' }).click();
    const alert = form(page).getByRole('alert');
    await waitForText(
      alert,
      /^The withdrawal was not made: Not enough money in the account: the amount is more than the balance plus the overdraft limit\. 99999\.00 EUR is more than the available .* EUR/,
    );
    await screenshot(page, 'refused-withdrawal', false);
    expect(await text(page.getByTestId('balance'))).toBe(balance);
  }, 60_000);

  it('lets staff open an account’s timeline and move the balance-at picker', async () => {
    const page = await newPage();
    await signIn(page, 'teller');
    await page.getByLabel('Name or id').fill('Dubois');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('link', { name: 'Carol Dubois' }).click();
    await page.getByRole('heading', { level: 1, name: 'Carol Dubois' }).waitFor();
    await page.getByRole('link', { name: `Checking account ${accounts.carols.slice(0, 8)} (EUR)` }).click();

    const timeline = page.getByTestId('timeline').locator('tbody tr');
    await eventually(async () => expect(await timeline.count()).toBe(3));
    expect(await text(timeline.nth(0))).toMatch(/^0 Bank account created .* 0\.00 EUR$/);
    expect(await text(timeline.nth(1))).toMatch(/^1 Bank account transaction recorded \(v1\) .* \+100\.00 EUR 100\.00 EUR$/);
    expect(await text(timeline.nth(2))).toMatch(/^2 Bank account transaction recorded \(v1\) .* \+50\.00 EUR 150\.00 EUR$/);

    // The picker is to the second, in the page's time zone (UTC here): the next whole second after the first deposit is before the second.
    const picker = page.getByLabel('Balance at an instant');
    const betweenDeposits = new Date(Math.ceil(Date.parse(carolDeposits[0]) / 1000) * 1000);
    expect(betweenDeposits.getTime()).toBeLessThan(Date.parse(carolDeposits[1]));
    await picker.fill(betweenDeposits.toISOString().slice(0, 19));
    await waitForText(page.getByTestId('balance-at'), /the balance was 100\.00 EUR \(overdraft limit 0\.00 EUR, after event 1\)\.$/);
    await picker.fill(new Date(Date.parse(carolDeposits[1]) + 1000).toISOString().slice(0, 19));
    await waitForText(page.getByTestId('balance-at'), /the balance was 150\.00 EUR .*after event 2\)\.$/);
    // Clicking the chart picks the instant under the pointer (halfway: after both deposits).
    await picker.fill('');
    await waitForText(page.getByTestId('balance-at'), /^Pick a date and time/);
    const canvas = page.getByTestId('balance-chart').locator('canvas');
    const box = (await canvas.boundingBox())!;
    await canvas.click({ position: { x: box.width / 2, y: box.height / 2 } });
    await waitForText(page.getByTestId('balance-at'), /the balance was 150\.00 EUR .*after event 2\)\.$/);
    expect(await picker.inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    await screenshot(page, 'staff-account');
  }, 60_000);

  it('lets an admin replay a parked event and rebuild a projection, with its progress shown', async () => {
    // A unique index on the transactions read model that a second "Poisoned rent" breaks: that event is parked.
    const transactions = app.app.get<Connection>(getConnectionToken()).collection('account_transactions');
    await transactions.createIndex({ description: 1 }, { name: 'poison', unique: true, partialFilterExpression: { description: 'Poisoned rent' } });
    try {
      for (const amount of ['10.00', '20.00'])
        await app.api.post('/api/v1/transactions/withdrawal').send({ account_id: accounts.bobs, amount, description: 'Poisoned rent' }).expect(201);
      await eventually(async () => expect((await (await app.as('admin')).get('/api/v1/admin/parked-events').expect(200)).body).toHaveLength(1), 30_000);
    } finally {
      await transactions.dropIndex('poison');
    }

    const page = await newPage();
    await signIn(page, 'admin');
    await page.getByRole('link', { name: 'Operations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Operations' }).waitFor();
    const parked = page.getByTestId('parked-events').locator('tbody tr');
    await eventually(
      async () =>
        expect(await text(parked.first())).toMatch(
          new RegExp(`^account-transactions BankAccountTransactionRecordedDomainEventV1 account-${accounts.bobs}@\\d .*E11000 duplicate key`),
        ),
      15_000,
    );
    await screenshot(page, 'operations-parked');
    await parked
      .first()
      .getByRole('button', { name: /^Replay/ })
      .click();
    await waitForText(page.locator('#parked .alert-ok'), 'Replayed 1 parked event.');
    await page.getByTestId('no-parked-events').waitFor();
    expect((await app.api.get(`/api/v1/accounts/${accounts.bobs}/transactions?type=WITHDRAWAL`).expect(200)).body.items).toHaveLength(2);

    await page.getByRole('button', { name: 'Rebuild account-transactions', exact: true }).click();
    await page.getByRole('button', { name: 'Rebuild account-transactions now' }).click();
    const progress = page.getByTestId('rebuild-account-transactions');
    await progress.waitFor();
    expect(await progress.locator('progress').getAttribute('aria-label')).toBe('Rebuild of account-transactions');
    await waitForText(progress, /^done · [1-9]\d* events · 100 %$/, 30_000);
    expect(await progress.locator('progress').evaluate((element) => (element as unknown as { value: number }).value)).toBe(100);
    await waitForText(page.getByTestId('lag-chart').locator('figcaption'), /^Lag over the last 5 minutes \([1-9]\d* samples/);
    // The check counts transfers too: this test makes its own, whatever the others did.
    const bobsSavings = await openAccount(app.api, people.bob, { account_type: 'SAVINGS' });
    await app.api.post('/api/v1/transactions/transfer').send({ from_account_id: accounts.bobs, to_account_id: bobsSavings, amount: '5.00' }).expect(201);
    await page.getByRole('button', { name: 'Run the ledger check' }).click();
    await waitForText(page.getByTestId('ledger-result').locator('p').first(), /^The ledger adds up\. Checked [1-9]\d* accounts? and [1-9]\d* transfers? from \d+ events?/, 30_000);
    await screenshot(page, 'operations');
  }, 90_000);

  it('shows an event on the live feed within a second of its command', async () => {
    const page = await newPage();
    await signIn(page, 'teller');
    await page.getByRole('link', { name: 'Live feed' }).click();
    await waitForText(page.locator('.lead .badge'), 'Live');

    const started = Date.now();
    await app.api.post(`/api/v1/accounts/${accounts.savings}/deposit`).send({ amount: '5.00', description: 'Watched live' }).expect(201);
    await page.locator(`tr[data-subject="${accounts.savings}"][data-type="bank.transaction.v1"]`).waitFor({ timeout: 1000 });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(1000);

    // Paused, it holds events back; filtered, it shows what matches.
    await page.getByRole('button', { name: 'Pause' }).click();
    await app.api.post(`/api/v1/accounts/${accounts.bobs}/deposit`).send({ amount: '6.00', description: 'While paused' }).expect(201);
    await waitForText(page.getByText(/^Paused:/), 'Paused: 1 new event held back.');
    expect(await page.locator(`tr[data-subject="${accounts.bobs}"]`).count()).toBe(0);
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.locator(`tr[data-subject="${accounts.bobs}"]`).waitFor();
    await page.getByLabel('Filter by type or subject').fill(accounts.savings);
    await eventually(async () => expect(await page.getByTestId('live-events').locator('tbody tr').count()).toBe(1));
    await page.getByLabel('Filter by type or subject').fill('');
    await screenshot(page, 'live-feed');
  }, 60_000);

  it("keeps a customer out of another customer's account, whatever the URL", async () => {
    const page = await newPage();
    await signIn(page, 'customer', 'Lindqvist');
    for (const path of [`/accounts/${accounts.bobs}`, `/persons/${people.bob}`]) {
      await page.goto(`${consoleUrl}${path}`);
      await page.getByRole('heading', { level: 1, name: /not found/ }).waitFor();
      const shown = await text(page.locator('main'));
      expect(shown).not.toMatch(/Okafor|800\.00/);
    }
    // Staff pages are not offered to a customer either.
    for (const path of ['/operations', '/live', '/analytics']) {
      await page.goto(`${consoleUrl}${path}`);
      await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    }
  }, 60_000);

  it('has no WCAG 2.1 A or AA violation axe-core can find, on any page, on a desktop and at 360 px', async () => {
    const pages: { name: string; role?: 'teller' | 'admin' | 'customer'; path: string; ready: (page: Page) => Promise<unknown> }[] = [
      { name: 'sign-in', path: '/sign-in', ready: (page) => page.getByRole('heading', { name: 'Sign in' }).waitFor() },
      { name: 'my-accounts', role: 'customer', path: '/', ready: (page) => page.locator('.account-card').first().waitFor() },
      { name: 'customer-account', role: 'customer', path: `/accounts/${accounts.checking}`, ready: (page) => transactionRows(page).first().waitFor() },
      { name: 'search', role: 'teller', path: '/', ready: (page) => page.getByRole('link', { name: 'Alice Lindqvist' }).waitFor() },
      { name: 'person', role: 'teller', path: `/persons/${people.alice}`, ready: (page) => page.locator('#accounts li').first().waitFor() },
      { name: 'staff-account', role: 'teller', path: `/accounts/${accounts.checking}`, ready: (page) => page.getByTestId('timeline').waitFor() },
      { name: 'analytics', role: 'teller', path: '/analytics', ready: (page) => page.getByTestId('analytics-chart').waitFor() },
      { name: 'live-feed', role: 'teller', path: '/live', ready: (page) => waitForText(page.locator('.lead .badge'), 'Live') },
      { name: 'operations', role: 'admin', path: '/operations', ready: (page) => page.getByTestId('subscriptions').waitFor() },
      { name: 'not-found', role: 'customer', path: '/nowhere', ready: (page) => page.getByRole('heading', { name: 'Not found' }).waitFor() },
    ];
    const measured: { page: string; ms: number; kB: number; requests: number }[] = [];
    const signedIn = new Map<string, { desktop: Page; mobile: Page }>();
    for (const entry of pages) {
      const key = entry.role ?? 'anonymous';
      if (!signedIn.has(key)) {
        const desktop = await newPage();
        const mobile = await newPage({ width: 360, height: 740 });
        if (entry.role) await Promise.all([signIn(desktop, entry.role, 'Lindqvist'), signIn(mobile, entry.role, 'Lindqvist')]);
        signedIn.set(key, { desktop, mobile });
      }
      const { desktop, mobile } = signedIn.get(key)!;
      measured.push({ page: entry.name, ...(await coldLoad(desktop, `${consoleUrl}${entry.path}`, entry.ready)) });
      await mobile.goto(`${consoleUrl}${entry.path}`);
      await entry.ready(mobile);
      for (const [size, page] of [
        ['desktop', desktop],
        ['360px', mobile],
      ] as const) {
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        expect({
          page: entry.name,
          size,
          violations: results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`),
        }).toEqual({ page: entry.name, size, violations: [] });
      }
      // Usable at 360 px: nothing wider than the screen but the tables, which scroll on their own.
      const overflowing = await mobile.evaluate(`[...document.querySelectorAll('body *')]
        .filter((element) => !element.closest('.table-scroll') && element.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
        .map((element) => element.tagName.toLowerCase() + (element.className ? '.' + String(element.className).split(' ').join('.') : '') + ' ' + Math.round(element.getBoundingClientRect().right))`);
      expect({ page: entry.name, width: await mobile.evaluate('document.documentElement.scrollWidth'), overflowing }).toEqual({ page: entry.name, width: 360, overflowing: [] });
      await screenshot(desktop, entry.name);
      if (entry.name === 'customer-account' || entry.name === 'operations') await screenshot(mobile, `${entry.name}-360px`);
    }
    writeFileSync(join(shots, 'load-times.json'), `${JSON.stringify(measured, null, 2)}\n`);
    process.stdout.write(
      `console pages, cold load (no cache) until shown with their data:\n${measured.map((row) => `  ${row.page.padEnd(17)} ${String(row.ms).padStart(5)} ms  ${row.kB.toFixed(1).padStart(6)} kB in ${row.requests} requests`).join('\n')}\n`,
    );
  }, 180_000);

  /** Loads a page with the browser cache off; the time until `ready`, and the bytes that came over the wire. */
  async function coldLoad(page: Page, url: string, ready: (page: Page) => Promise<unknown>): Promise<{ ms: number; kB: number; requests: number }> {
    const cdp: CDPSession = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    let bytes = 0;
    let requests = 0;
    cdp.on('Network.loadingFinished', (event) => {
      bytes += event.encodedDataLength;
      requests++;
    });
    const started = Date.now();
    await page.goto(url);
    await ready(page);
    const ms = Date.now() - started;
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    await cdp.detach();
    return { ms, kB: bytes / 1024, requests };
  }
});
