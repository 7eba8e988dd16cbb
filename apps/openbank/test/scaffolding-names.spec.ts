import { InvalidName, aggregateOfUseCase, namesOf, routeSegment, singular, stringLiteral, validName, withArticle } from '../../../tools/schematics/lib/names.js';

/** The names the schematics derive from what a developer types (tools/schematics/lib/names.js). */
describe('scaffolding names', () => {
  describe('the forms of one name', () => {
    it('gives files, classes, variables, codes, collections, prose and the stream category their form', () => {
      expect(namesOf('loan-offer')).toEqual({
        kebab: 'loan-offer',
        pascal: 'LoanOffer',
        camel: 'loanOffer',
        constant: 'LOAN_OFFER',
        snake: 'loan_offer',
        words: 'loan offer',
        category: 'loanoffer',
      });
    });

    it('keeps digits where they are', () => {
      expect(namesOf('card2-limit')).toMatchObject({ pascal: 'Card2Limit', camel: 'card2Limit', constant: 'CARD2_LIMIT', category: 'card2limit' });
    });

    it('makes stream categories KurrentDB reads as one category: no dash', () => {
      for (const name of ['loan-offer', 'savings-plan', 'x-2-y']) expect(namesOf(name).category).toMatch(/^[a-z][a-z0-9]*$/);
    });
  });

  describe('valid names', () => {
    it('accepts kebab-case as it is', () => {
      expect(validName('loan-offers')).toBe('loan-offers');
      expect(validName('cards2')).toBe('cards2');
    });

    it('turns camelCase and PascalCase into kebab-case, as the Nest CLI does', () => {
      expect(validName('LoanOffers')).toBe('loan-offers');
      expect(validName('loanOffers')).toBe('loan-offers');
    });

    it.each([
      [undefined, /is required/],
      ['', /is required/],
      ['   ', /is required/],
      [42, /must start with a letter/],
      ['1loans', /must start with a letter/],
      ['-loans', /must start with a letter/],
      ['loan_offers', /letters, digits and single dashes only/],
      ['loan offers', /letters, digits and single dashes only/],
      ['loan--offers', /letters, digits and single dashes only/],
      ['loans-', /letters, digits and single dashes only/],
      ['loans!', /letters, digits and single dashes only/],
      ['lo.ans', /letters, digits and single dashes only/],
      ['libs/loans', /letters, digits and single dashes only/],
      ['class', /"class" is a reserved word/],
      ['new', /"new" is a reserved word/],
      ['snapshot', /already has a meaning/],
      ['openbank', /already has a meaning/],
    ])('refuses %p with a message that says why', (raw, reason) => {
      expect(() => validName(raw, 'context name')).toThrow(InvalidName);
      expect(() => validName(raw, 'context name')).toThrow(reason);
    });

    it('names what it refused and what was expected', () => {
      expect(() => validName('loan_offers', 'context name')).toThrow('Invalid context name "loan_offers": use letters, digits and single dashes only (kebab-case, e.g. loan-offers).');
    });
  });

  describe('the aggregate of a context', () => {
    it.each([
      ['loan-offers', 'loan-offer'],
      ['persons', 'person'],
      ['policies', 'policy'],
      ['addresses', 'address'],
      ['boxes', 'box'],
      ['branches', 'branch'],
      ['status', 'status'],
      ['business', 'business'],
      ['lending', 'lending'],
      ['gas', 'gas'],
    ])('is %s in the singular: %s', (context, aggregate) => {
      expect(singular(context)).toBe(aggregate);
    });
  });

  describe('the route of a use case', () => {
    it('is what the name adds to the aggregate', () => {
      expect(routeSegment('approve-loan-offer', 'loan-offer', 'command name')).toBe('approve');
      expect(routeSegment('loan-offer-activity', 'loan-offer', 'read model name')).toBe('activity');
      expect(routeSegment('extend-deadline', 'loan-offer', 'command name')).toBe('extend-deadline');
    });

    it("refuses the aggregate's own name", () => {
      expect(() => routeSegment('loan-offer', 'loan-offer', 'command name')).toThrow(/it is the aggregate's own name/);
    });
  });

  describe('the aggregate a use case acts on', () => {
    const accounts = { aggregates: ['transfer', 'bank-account', 'account-holder'], context: 'accounts', kind: 'command' } as const;

    it("is the context's only aggregate, whatever the use case's name", () => {
      expect(aggregateOfUseCase({ aggregates: ['person'], useCase: 'freeze', context: 'persons', kind: 'command' })).toBe('person');
    });

    it('is the one the name holds, the longest when it holds several', () => {
      expect(aggregateOfUseCase({ ...accounts, useCase: 'freeze-bank-account' })).toBe('bank-account');
      expect(aggregateOfUseCase({ ...accounts, useCase: 'account-holder-limits', kind: 'read-model' })).toBe('account-holder');
      expect(aggregateOfUseCase({ aggregates: ['account', 'bank-account'], useCase: 'close-bank-account', context: 'accounts', kind: 'command' })).toBe('bank-account');
    });

    it('is the one given, over the one the name holds', () => {
      expect(aggregateOfUseCase({ ...accounts, useCase: 'freeze-bank-account', given: 'account-holder' })).toBe('account-holder');
    });

    it('is refused when the name holds none, with the aggregates there are and how to name one', () => {
      expect(() => aggregateOfUseCase({ ...accounts, useCase: 'freeze' })).toThrow(
        new InvalidName(
          'The command "freeze" does not say which aggregate of accounts it acts on (account-holder, bank-account, transfer): ' +
            "put the aggregate's name in its name, e.g. freeze-account-holder, or name the aggregate with the schematics CLI: " +
            'npx schematics @openbank/schematics:command freeze --context accounts --aggregate account-holder',
        ),
      );
      expect(() => aggregateOfUseCase({ ...accounts, useCase: 'activity', kind: 'read-model' })).toThrow(/e\.g\. account-holder-activity, /);
    });

    it('is refused when the given one is not an aggregate of the context, or the context has none', () => {
      expect(() => aggregateOfUseCase({ ...accounts, useCase: 'freeze-card', given: 'card' })).toThrow('The context accounts has no aggregate "card"; its aggregates are account-holder, bank-account, transfer.');
      expect(() => aggregateOfUseCase({ aggregates: [], useCase: 'freeze', context: 'empty', kind: 'command' })).toThrow(/The context empty has no aggregate to act on/);
    });
  });

  describe('prose and literals', () => {
    it('puts the right article before a noun', () => {
      expect(withArticle('loan offer')).toBe('a loan offer');
      expect(withArticle('insurance policy')).toBe('an insurance policy');
    });

    it('quotes text as TypeScript does in this code base', () => {
      expect(stringLiteral('Approve a loan offer')).toBe("'Approve a loan offer'");
      expect(stringLiteral("Get a loan offer's activity")).toBe('"Get a loan offer\'s activity"');
    });
  });
});
