'use strict';
/**
 * Every name a schematic derives from what the user typed. Pure functions, so they are specified
 * on their own (apps/openbank/test/scaffolding-names.spec.ts) and the templates only read them.
 */

/** Refuses a name with a message that says what is wrong and how to put it right. */
class InvalidName extends Error {}

/** Words that cannot be a class, variable or function name of the generated code. */
const reservedWords = new Set(
  (
    'arguments await break case catch class const continue debugger default delete do else enum eval export extends ' +
    'false finally for function if implements import in instanceof interface let new null package private protected ' +
    'public return static super switch this throw true try typeof var void while with yield'
  ).split(' '),
);

/**
 * Names the workspace already gives a meaning: `openbank` is the application, `snapshot` the
 * stream category of every snapshot stream, `schematics` this collection's package.
 */
const workspaceNames = new Set(['openbank', 'snapshot', 'schematics']);

/** Kebab-case: lowercase words of letters and digits, joined by single dashes, starting with a letter. */
const kebabCase = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * The kebab-case form of what was typed. CamelCase and PascalCase are accepted and split into
 * words, as the Nest CLI does before it hands a name over; anything else must already be kebab-case.
 */
function validName(raw, what = 'name') {
  const typed = raw === undefined || raw === null ? '' : String(raw).trim();
  if (typed === '') throw new InvalidName(`A ${what} is required, e.g. loan-offers.`);
  const name = typed.replace(/([a-z\d])([A-Z])/g, '$1-$2').toLowerCase();
  if (!/^[a-z]/.test(name)) throw new InvalidName(`Invalid ${what} "${typed}": it must start with a letter.`);
  if (!kebabCase.test(name)) {
    throw new InvalidName(`Invalid ${what} "${typed}": use letters, digits and single dashes only (kebab-case, e.g. loan-offers).`);
  }
  const { camel } = namesOf(name);
  if (reservedWords.has(name) || reservedWords.has(camel)) throw new InvalidName(`Invalid ${what} "${typed}": "${camel}" is a reserved word.`);
  if (workspaceNames.has(name)) throw new InvalidName(`Invalid ${what} "${typed}": "${name}" already has a meaning in this workspace.`);
  return name;
}

const capitalize = (word) => word.charAt(0).toUpperCase() + word.slice(1);

/** The forms one kebab-case name takes in the generated code. */
function namesOf(kebab) {
  const words = kebab.split('-');
  const pascal = words.map(capitalize).join('');
  return {
    /** File and folder names, routes: `loan-offer`. */
    kebab,
    /** Classes and types: `LoanOffer`. */
    pascal,
    /** Variables, functions, JSON fields of the domain: `loanOffer`. */
    camel: pascal.charAt(0).toLowerCase() + pascal.slice(1),
    /** Error codes: `LOAN_OFFER`. */
    constant: words.join('_').toUpperCase(),
    /** MongoDB collections and API fields: `loan_offer`. */
    snake: words.join('_'),
    /** Prose (summaries, messages): `loan offer`. */
    words: words.join(' '),
    /** The stream category: KurrentDB's category is the text before the first dash, so it has none: `loanoffer`. */
    category: words.join(''),
  };
}

/** The last word in the singular, by the common English rules: `loan-offers` → `loan-offer`. */
function singular(kebab) {
  const words = kebab.split('-');
  const last = words.pop();
  const rules = [
    [/ies$/, 'y'],
    [/(ss|x|z|ch|sh)es$/, '$1'],
    [/(ss|us|is)$/, '$1'],
    [/s$/, ''],
  ];
  const rule = rules.find(([ending]) => ending.test(last));
  const one = rule && last.length > 3 ? last.replace(rule[0], rule[1]) : last;
  return [...words, one].join('-');
}

/**
 * The part of a use case's name that the route adds after `:id/`: the name without the aggregate
 * it acts on, `approve-loan-offer` → `approve`; `loan-offer-activity` → `activity`.
 */
function routeSegment(name, aggregate, what) {
  if (name === aggregate) {
    throw new InvalidName(`Invalid ${what} "${name}": it is the aggregate's own name; name what it does or shows, e.g. approve-${aggregate} or ${aggregate}-activity.`);
  }
  if (name.endsWith(`-${aggregate}`)) return name.slice(0, -aggregate.length - 1);
  if (name.startsWith(`${aggregate}-`)) return name.slice(aggregate.length + 1);
  return name;
}

/**
 * The aggregate a use case acts on: the one given (--aggregate), the context's only one, or the
 * one its name holds (`freeze-bank-account` in a context of account-holder, bank-account and
 * transfer acts on bank-account; the longest name wins). `kind` is the schematic: command or
 * read-model. A refusal says what the context has and how to name the one meant.
 */
function aggregateOfUseCase({ aggregates, given, useCase, context, kind }) {
  const known = [...aggregates].sort();
  if (known.length === 0) {
    throw new InvalidName(`The context ${context} has no aggregate to act on: its domain folder holds no <aggregate>.events.ts.`);
  }
  if (given !== undefined) {
    if (known.includes(given)) return given;
    throw new InvalidName(`The context ${context} has no aggregate "${given}"; its aggregates are ${known.join(', ')}.`);
  }
  if (known.length === 1) return known[0];
  const named = known.filter((aggregate) => `-${useCase}-`.includes(`-${aggregate}-`)).sort((a, b) => b.length - a.length);
  if (named.length > 0) return named[0];
  const example = kind === 'command' ? `${useCase}-${known[0]}` : `${known[0]}-${useCase}`;
  throw new InvalidName(
    `The ${kind} "${useCase}" does not say which aggregate of ${context} it acts on (${known.join(', ')}): ` +
      `put the aggregate's name in its name, e.g. ${example}, or name the aggregate with the schematics CLI: ` +
      `npx schematics @openbank/schematics:${kind} ${useCase} --context ${context} --aggregate ${known[0]}`,
  );
}

/** `a loan offer`, `an insurance policy`. */
function withArticle(words) {
  return `${/^[aeiou]/.test(words) ? 'an' : 'a'} ${words}`;
}

/** A TypeScript string literal of `text`, in single quotes unless it holds one ("a person's address"). */
function stringLiteral(text) {
  return text.includes("'") ? JSON.stringify(text) : `'${text}'`;
}

module.exports = { InvalidName, validName, namesOf, singular, routeSegment, aggregateOfUseCase, withArticle, capitalize, stringLiteral };
