import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';

/**
 * The schematics of tools/schematics, run as the README says (through the Nest CLI) on a copy of
 * this workspace: what they write and refuse there, then the copy with its new context compiled,
 * its generated specs run, and its routes served by the whole application on the embedded stores.
 * Generating, compiling and testing are the expensive steps: each runs once, for every assertion.
 */
const root = resolve(import.meta.dirname, '../../..');

interface Run {
  readonly code: number | null;
  readonly output: string;
}

/**
 * Runs a command in the copy and answers its status and output (refusals are read from the
 * output: the Nest CLI reports a failed schematic with status 0). The command runs in a process
 * group of its own, stopped as a whole if it outlives `timeoutMs`.
 */
function run(cwd: string, command: string, args: string[], timeoutMs = 240_000): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', CI: '1' };
  delete env.JEST_WORKER_ID;
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, output: Buffer.concat(chunks).toString('utf8').replace(/\x1b\[[0-9;]*m/g, '') });
    });
  });
}

/** The commands of the README's "Adding a bounded context". */
const nestGenerate = (cwd: string, ...args: string[]) => run(cwd, 'npx', ['nest', 'g', '-c', '@openbank/schematics', ...args]);
const schematics = (cwd: string, ...args: string[]) => run(cwd, 'npx', ['schematics', ...args]);

/** The workspace as a fresh clone has it, before `npm ci` (node_modules is linked, not copied). */
function copyWorkspace(): string {
  const copy = mkdtempSync(join(tmpdir(), 'openbank-scaffolding-'));
  const notCopied = new Set(['node_modules', 'dist', 'data', 'coverage', '.git']);
  cpSync(root, copy, { recursive: true, filter: (source) => !notCopied.has(relative(root, source).split(sep)[0]!) });
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  return copy;
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(directory, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/** Every source and configuration file of the copy with a hash of its content, to see that nothing changed. */
function fingerprint(copy: string): Record<string, string> {
  const files = [...filesUnder(join(copy, 'apps')).map((file) => `apps/${file}`), ...filesUnder(join(copy, 'libs')).map((file) => `libs/${file}`), 'tsconfig.json', 'nest-cli.json'];
  return Object.fromEntries(files.map((file) => [file, createHash('sha1').update(readFileSync(join(copy, file))).digest('hex')]));
}

describe('scaffolding bounded contexts with the Nest CLI, on a copy of the workspace', () => {
  let copy: string;
  const runs: Record<string, Run> = {};
  const read = (file: string) => readFileSync(join(copy, file), 'utf8');

  beforeAll(async () => {
    copy = copyWorkspace();
    runs.context = await nestGenerate(copy, 'context', 'loan-offers', '--project', 'openbank');
    runs.command = await nestGenerate(copy, 'command', 'approve-loan-offer', '--project', 'loan-offers');
    runs.readModel = await nestGenerate(copy, 'read-model', 'loan-offer-activity', '--project', 'loan-offers');
    // The same schematics on contexts written by hand, each module laid out its own way.
    runs.persons = await nestGenerate(copy, 'command', 'freeze-person', '--project', 'persons');
    runs.accounts = await nestGenerate(copy, 'command', 'freeze-bank-account', '--project', 'accounts');
    runs.accountsReadModel = await nestGenerate(copy, 'read-model', 'bank-account-activity', '--project', 'accounts');
    copyFileSync(join(root, 'apps/openbank/test/scaffolded-context.e2e.fixture.ts'), join(copy, 'apps/openbank/test/loan-offers.e2e.spec.ts'));
  }, 180_000);

  afterAll(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  describe('nest g -c @openbank/schematics context loan-offers', () => {
    it('reports what it created and updated', () => {
      expect(runs.context!.output).toContain('CREATE libs/contexts/loan-offers/src/domain/loan-offer.ts');
      for (const updated of ['tsconfig.json', 'nest-cli.json', 'libs/bank/src/bank.module.ts', 'apps/openbank/test/access-matrix.e2e.spec.ts']) {
        expect(runs.context!.output).toContain(`UPDATE ${updated}`);
      }
      expect(runs.context!.output).not.toContain('UPDATE apps/openbank/src/app.module.ts');
    });

    it('lays the context out in the house layout, with what the command and read-model schematics added', () => {
      const cloudEvents = read('tsconfig.json').includes('"@openbank/cloudevents"') ? ['contracts/loan-offer.cloudevent-types.ts'] : [];
      const inFolder = (folder: string, files: string[]) => files.map((file) => `${folder}/${file}.ts`);
      expect(filesUnder(join(copy, 'libs/contexts/loan-offers/src'))).toEqual(
        [
          ...cloudEvents,
          'contracts/index.ts',
          ...inFolder('domain', ['approve-loan-offer', 'loan-offer.errors', 'loan-offer.events', 'loan-offer.lifecycle', 'loan-offer.spec', 'loan-offer']),
          'commands/loan-offer-command-result.ts',
          ...inFolder('commands/approve-loan-offer', ['command', 'handler', 'handler.spec', 'http.controller', 'request.dto'].map((kind) => `approve-loan-offer.${kind}`)),
          ...inFolder('commands/open-loan-offer', ['command', 'handler', 'handler.spec', 'http.controller', 'request.dto'].map((kind) => `open-loan-offer.${kind}`)),
          'index.ts',
          'loan-offers.module.ts',
          ...inFolder('read-models/loan-offer-activity', [
            'get-loan-offer-activity.handler',
            'get-loan-offer-activity.query',
            'loan-offer-activity-document',
            'loan-offer-activity.http.controller',
            'loan-offer-activity.projection.spec',
            'loan-offer-activity.projection',
            'loan-offer-activity.response',
            'loan-offer-activity.schema',
          ]),
          ...inFolder('read-models/loan-offer-details', [
            'get-loan-offer.handler',
            'get-loan-offer.query',
            'loan-offer-details.http.controller',
            'loan-offer-details.projection.spec',
            'loan-offer-details.projection',
            'loan-offer-details.schema',
            'loan-offer-document',
            'loan-offer.response',
          ]),
          ...inFolder('write-model-queries/loan-offer-history', ['handler.spec', 'handler', 'http.controller', 'query', 'request.dto', 'response'].map((kind) => `loan-offer-history.${kind}`)),
        ].sort(),
      );
    });

    it('derives the names: aggregate, stream category without dashes, stored event type, error codes, collection', () => {
      const aggregate = read('libs/contexts/loan-offers/src/domain/loan-offer.ts');
      expect(aggregate).toContain("export const LoanOffer: AggregateDefinition<LoanOfferState, LoanOfferEvent> = {\n  type: 'LoanOffer',");
      expect(aggregate).toContain("  category: 'loanoffer',\n");
      expect(read('libs/contexts/loan-offers/src/domain/loan-offer.events.ts')).toContain(
        "export class LoanOfferOpenedDomainEventV1 extends domainEvent('LoanOfferOpenedDomainEventV1')<LoanOfferOpened>() {}",
      );
      expect(read('libs/contexts/loan-offers/src/domain/loan-offer.errors.ts')).toContain("export class LoanOfferNotFound extends domainError('LOAN_OFFER_NOT_FOUND', 'not-found') {}");
      expect(read('libs/contexts/loan-offers/src/read-models/loan-offer-details/loan-offer-details.schema.ts')).toContain("export const loanOffersCollection = 'loan_offers';");
    });

    it('keeps the state of the aggregate as a union of what it can be, as BankAccountState does', () => {
      const aggregate = read('libs/contexts/loan-offers/src/domain/loan-offer.ts');
      expect(aggregate).toContain('export type LoanOfferState = UnopenedLoanOffer | OpenedLoanOffer;');
      expect(aggregate).toContain("initialState: (id) => ({ status: 'UNOPENED', id }),");
    });

    it('maps one way per read model, state → document → response, also for the answer of a command', () => {
      const sources = filesUnder(join(copy, 'libs/contexts/loan-offers/src')).map((file) => read(`libs/contexts/loan-offers/src/${file}`));
      expect(sources.filter((source) => source.includes('fromState'))).toEqual([]);
      expect(read('libs/contexts/loan-offers/src/commands/loan-offer-command-result.ts')).toContain(
        'return LoanOfferResponse.fromDocument(loanOfferDocumentOf(loanOffer, revision, new Date(occurredAt)));',
      );
      for (const command of ['open-loan-offer', 'approve-loan-offer']) {
        expect(read(`libs/contexts/loan-offers/src/commands/${command}/${command}.http.controller.ts`)).toContain('return loanOfferAnswer(await this.commands.execute(');
      }
    });

    it('accepts an Idempotency-Key on every command route', () => {
      for (const command of ['open-loan-offer', 'approve-loan-offer']) {
        expect(read(`libs/contexts/loan-offers/src/commands/${command}/${command}.http.controller.ts`)).toMatch(/\n {2}@AcceptsIdempotencyKey\(\)\n/);
      }
    });

    it('registers the aggregate with the serializer, and exports only the module and the contracts', () => {
      expect(read('libs/contexts/loan-offers/src/loan-offers.module.ts')).toContain('EventSourcingModule.forFeature({ aggregates: [LoanOffer] }),');
      expect(read('libs/contexts/loan-offers/src/index.ts')).toBe("export * from './contracts/index.js';\nexport { LoanOffersModule } from './loan-offers.module.js';\n");
    });

    it('registers the library as the others are (path alias, Nest project) and its module in the bank, which the API and the projector share', () => {
      expect(JSON.parse(read('tsconfig.json')).compilerOptions.paths['@openbank/loan-offers']).toEqual(['./libs/contexts/loan-offers/src/index.ts']);
      expect(JSON.parse(read('nest-cli.json')).projects['loan-offers']).toEqual({
        type: 'library',
        root: 'libs/contexts/loan-offers',
        entryFile: 'index',
        sourceRoot: 'libs/contexts/loan-offers/src',
        compilerOptions: { tsConfigPath: 'tsconfig.build.json' },
      });
      const bankModule = read('libs/bank/src/bank.module.ts');
      expect(bankModule).toContain("import { LoanOffersModule } from '@openbank/loan-offers';\n");
      expect(bankModule.indexOf("from '@openbank/loan-offers'")).toBeLessThan(bankModule.indexOf("from './"));
      expect(bankModule.match(/^ +LoanOffersModule,$/gm)).toHaveLength(1);
      // After the other contexts, before the modules that must follow them (CloudEvents checks every context's event types).
      expect(bankModule).toMatch(/\n( +)TransactionsModule,\n\1LoanOffersModule,\n/);
      const listed = ['PersonsModule,', 'AccountsModule.register(', 'TransactionsModule,', 'LoanOffersModule,', 'StreamActivityModule,', 'CloudEventsModule.forRoot('].map((module) => bankModule.indexOf(module));
      expect(listed.every((at) => at > 0)).toBe(true);
      expect(listed).toEqual([...listed].sort((a, b) => a - b));
      expect(read('apps/openbank/src/app.module.ts')).not.toContain('LoanOffers');
    });

    it('tells the access matrix who may call the new routes: bank staff', () => {
      const matrix = read('apps/openbank/test/access-matrix.e2e.spec.ts').split('\n');
      const routes = ['POST /api/v1/loan-offers', 'GET /api/v1/loan-offers/{id}', 'GET /api/v1/loan-offers/{id}/history', 'POST /api/v1/loan-offers/{id}/approve', 'GET /api/v1/loan-offers/{id}/activity'];
      for (const route of routes) {
        expect(matrix.find((line) => line.startsWith(`  '${route}': { call: `))).toMatch(/, expect: staff(, nothingThere: true)? \},$/);
      }
    });
  });

  describe('nest g -c @openbank/schematics command|read-model <name> --project <context>', () => {
    it('adds a use case to the generated context and registers it in its module', () => {
      expect(runs.command!.output).toContain('UPDATE libs/contexts/loan-offers/src/loan-offers.module.ts');
      const module = read('libs/contexts/loan-offers/src/loan-offers.module.ts');
      expect(module).toMatch(
        /controllers: \[\n {4}OpenLoanOfferHttpController,\n {4}LoanOfferHistoryHttpController,\n {4}LoanOfferDetailsHttpController,\n {4}ApproveLoanOfferHttpController,\n {4}LoanOfferActivityHttpController,\n {2}\]/,
      );
      expect(module).toMatch(/\n {6}\{ name: LoanOfferActivity\.name, schema: LoanOfferActivitySchema \},\n/);
      expect(read('libs/contexts/loan-offers/src/commands/approve-loan-offer/approve-loan-offer.http.controller.ts')).toContain("@Post(':id/approve')");
      expect(read('libs/contexts/loan-offers/src/read-models/loan-offer-activity/loan-offer-activity.http.controller.ts')).toContain("@Get(':id/activity')");
    });

    it("starts a command's decision with the aggregate's own refusal of an unknown id", () => {
      expect(read('libs/contexts/loan-offers/src/domain/approve-loan-offer.ts')).toContain('  assertOpened(state);\n  return [];\n');
      expect(read('libs/contexts/persons/src/domain/freeze-person.ts')).toContain('  assertRegistered(state);\n  return [];\n');
      expect(read('libs/contexts/accounts/src/domain/freeze-bank-account.ts')).toContain('  assertOpened(state);\n  return [];\n');
    });

    it('adds use cases to contexts written by hand, in the layout of each module', () => {
      expect(read('libs/contexts/persons/src/persons.module.ts')).toMatch(/\n {4}FreezePersonHandler,\n {2}\],/);
      // The accounts module declares one controller last, and says why: it stays last.
      expect(read('libs/contexts/accounts/src/accounts.module.ts')).toMatch(/\n {8}FreezeBankAccountHttpController,\n {8}BankAccountActivityHttpController,\n {8}\/\/ Declared last[^\n]*\n {8}BankAccountDetailsHttpController,\n/);
      // The accounts module is dynamic: what it registers is in the object its register() returns.
      expect(read('libs/contexts/accounts/src/accounts.module.ts')).toMatch(/\n {10}\{ name: BankAccountActivity\.name, schema: BankAccountActivitySchema \},\n/);
      // Its commands answer with the owner's name, which a generated command cannot know: this one answers its id and revision.
      expect(read('libs/contexts/accounts/src/commands/freeze-bank-account/freeze-bank-account.http.controller.ts')).toContain('return { id, revision: Number(revision) };');
    });
  });

  describe('refusals', () => {
    let before: Record<string, string>;

    beforeAll(() => {
      before = fingerprint(copy);
    });

    it('refuses invalid and taken names with a clear message, and writes nothing', async () => {
      const refusals: [string, string][] = [
        ['1loans', 'it must start with a letter.'],
        ['loan_offers', 'use letters, digits and single dashes only (kebab-case, e.g. loan-offers).'],
        ['class', '"class" is a reserved word.'],
        ['shared-kernel', 'libs/platform/shared-kernel is a shared library of every context.'],
        ['persons', 'a context or library of that name already exists (libs/contexts/persons, the path alias @openbank/persons in tsconfig.json, the project "persons" in nest-cli.json).'],
        ['loan-offers', 'a context or library of that name already exists (libs/contexts/loan-offers,'],
      ];
      const outputs = await Promise.all(refusals.map(async ([name]) => (await nestGenerate(copy, 'context', name, '--project', 'openbank')).output));
      refusals.forEach(([name, reason], index) => expect(outputs[index]).toContain(`Error: Invalid context name "${name}": ${reason}`));
      expect(fingerprint(copy)).toEqual(before);
    }, 120_000);

    it('refuses a use case that does not say which aggregate of the context it acts on', async () => {
      const refused = await nestGenerate(copy, 'command', 'freeze', '--project', 'accounts');
      expect(refused.output).toContain(
        'Error: The command "freeze" does not say which aggregate of accounts it acts on (account-holder, bank-account, transfer): ' +
          "put the aggregate's name in its name, e.g. freeze-account-holder, or name the aggregate with the schematics CLI: " +
          'npx schematics @openbank/schematics:command freeze --context accounts --aggregate account-holder',
      );
      expect(fingerprint(copy)).toEqual(before);
    }, 60_000);

    it('refuses an aggregate whose stream category another context uses', async () => {
      const refused = await schematics(copy, '@openbank/schematics:context', 'people', '--aggregate', 'person');
      expect(refused.code).toBe(1);
      expect(refused.output).toContain('The stream category "person" is already used in libs/contexts/persons/src/domain/person.ts; choose another name.');
      expect(fingerprint(copy)).toEqual(before);
    }, 60_000);

    it('never overwrites a file silently: refused without --force, overwritten with it', async () => {
      const refused = await nestGenerate(copy, 'command', 'approve-loan-offer', '--project', 'loan-offers');
      expect(refused.output).toContain('Refusing to overwrite 6 existing file(s):\n');
      expect(refused.output).toContain('\n  libs/contexts/loan-offers/src/domain/approve-loan-offer.ts\n');
      expect(refused.output).toContain('Nothing was written. To overwrite them, run: npx schematics @openbank/schematics:command approve-loan-offer --context loan-offers --force');
      expect(fingerprint(copy)).toEqual(before);

      const decision = join(copy, 'libs/contexts/loan-offers/src/domain/approve-loan-offer.ts');
      writeFileSync(decision, 'edited by hand\n');
      const forced = await schematics(copy, '@openbank/schematics:command', 'approve-loan-offer', '--context', 'loan-offers', '--force');
      expect(forced.output).toContain('UPDATE libs/contexts/loan-offers/src/domain/approve-loan-offer.ts');
      expect(fingerprint(copy)).toEqual(before);
    }, 60_000);
  });

  describe('the generated code, without a hand edit', () => {
    it('type-checks with the application it joins', async () => {
      // The API and the projector (on the edited bank module), the generated context, and the contexts that were added to.
      const include = [
        ...['apps/openbank/src', 'apps/openbank-projector/src', 'libs/bank/src', 'libs/contexts/loan-offers/src', 'libs/contexts/persons/src', 'libs/contexts/accounts/src', 'libs/contexts/transactions/src'].map((folder) => `${folder}/**/*.ts`),
        'apps/openbank/test/access-matrix.e2e.spec.ts',
        'apps/openbank/test/loan-offers.e2e.spec.ts',
        // The embedded servers' declarations of untyped modules they use.
        'packages/*/src/**/*.d.ts',
      ];
      writeFileSync(join(copy, 'tsconfig.scaffolding.json'), JSON.stringify({ extends: './tsconfig.json', compilerOptions: { incremental: false }, include }));
      const typecheck = await run(copy, 'npx', ['tsc', '-p', 'tsconfig.scaffolding.json', '--noEmit']);
      expect(typecheck.output).not.toMatch(/error TS/);
      expect(typecheck.code).toBe(0);
    }, 240_000);

    it('passes its generated specs, the layout rules and the access matrix, and serves its routes in the whole application on the embedded stores', async () => {
      const generatedSpecs = [
        'libs/contexts/loan-offers/src/domain/loan-offer.spec.ts',
        'libs/contexts/loan-offers/src/commands/open-loan-offer/open-loan-offer.handler.spec.ts',
        'libs/contexts/loan-offers/src/commands/approve-loan-offer/approve-loan-offer.handler.spec.ts',
        'libs/contexts/loan-offers/src/read-models/loan-offer-details/loan-offer-details.projection.spec.ts',
        'libs/contexts/loan-offers/src/read-models/loan-offer-activity/loan-offer-activity.projection.spec.ts',
        'libs/contexts/loan-offers/src/write-model-queries/loan-offer-history/loan-offer-history.handler.spec.ts',
        'libs/contexts/persons/src/commands/freeze-person/freeze-person.handler.spec.ts',
        'libs/contexts/accounts/src/commands/freeze-bank-account/freeze-bank-account.handler.spec.ts',
        'libs/contexts/accounts/src/read-models/bank-account-activity/bank-account-activity.projection.spec.ts',
      ];
      const specs = [...generatedSpecs, 'apps/openbank/test/loan-offers.e2e.spec.ts', 'apps/openbank/test/access-matrix.e2e.spec.ts', 'apps/openbank/test/architecture.spec.ts'];
      const report = join(copy, 'jest-report.json');
      const jest = await run(copy, 'npm', ['run', 'jest', '--', '--json', `--outputFile=${report}`, ...specs.map((spec) => `${spec}$`)], 300_000);
      const results: { testResults: { name: string; status: string; message: string; assertionResults: { status: string }[] }[] } = JSON.parse(readFileSync(report, 'utf8'));
      const suites = results.testResults.map(({ name, status, message, assertionResults }) => ({
        spec: relative(copy, name).split(sep).join('/'),
        status,
        message,
        passed: assertionResults.filter((test) => test.status === 'passed').length,
        notPassed: assertionResults.filter((test) => test.status !== 'passed').length,
      }));
      expect(suites.filter(({ status, notPassed }) => status !== 'passed' || notPassed > 0)).toEqual([]);
      expect(suites.map(({ spec }) => spec).sort()).toEqual([...specs].sort());
      // Every spec specifies something: none is empty or skipped.
      expect(suites.filter(({ passed }) => passed === 0).map(({ spec }) => spec)).toEqual([]);
      expect(jest.code).toBe(0);
    }, 300_000);
  });
});
