import { LRUCache } from 'lru-cache';
import type { ReadModelCollection, ReadModelStore } from '@openbank/projections';
import type { BankAccountDetails } from './bank-account-details.schema.js';

interface OwnerName {
  readonly _id: string;
  readonly name: string;
}

const ownerNamesCollection = 'account_owner_names';

/** Held in the cache for a person whose name is not known here (no name is empty). */
const notKnown = '';

/**
 * The names of account owners as the accounts read model knows them, learnt from the persons'
 * events. An account whose owner's name is not known yet (its events arrived first) shows the
 * owner's id until the name arrives and is set on every account of that owner.
 */
export class AccountOwnerNames {
  /**
   * Trusted for a second only: with several projectors, the one that hears a person is forgotten
   * may not be the one that learnt their name, and this one must not go on writing it.
   */
  private readonly names = new LRUCache<string, string>({ max: 50_000, ttl: 1000 });
  private readonly collection: ReadModelCollection<OwnerName>;

  constructor(store: ReadModelStore) {
    this.collection = store.collection<OwnerName>(ownerNamesCollection);
  }

  async learn(owners: readonly { personId: string; name: string }[], accounts: ReadModelCollection<BankAccountDetails>): Promise<void> {
    if (owners.length === 0) return;
    await this.collection.write(owners.map(({ personId, name }) => ({ kind: 'replace', document: { _id: personId, name } })));
    await accounts.write(owners.map(({ personId, name }) => ({ kind: 'set-where', field: 'owner_id', value: personId, set: { owner: name } })));
    for (const { personId, name } of owners) this.names.set(personId, name);
  }

  /**
   * Sets the names of owners whose accounts were just written showing their id. With several
   * projectors, a person's registration and their account's opening may be applied side by side:
   * if the name was learnt before the account was written, this read finds it; if after, `learn`
   * found the account. Either way no account keeps showing an id once the name is known.
   */
  async settle(ownerIds: readonly string[], accounts: ReadModelCollection<BankAccountDetails>): Promise<void> {
    if (ownerIds.length === 0) return;
    const known = await this.collection.findByIds([...new Set(ownerIds)]);
    if (known.length === 0) return;
    await accounts.write(known.map(({ _id, name }) => ({ kind: 'set-where', field: 'owner_id', value: _id, set: { owner: name } })));
    for (const { _id, name } of known) this.names.set(_id, name);
  }

  async nameOf(personId: string): Promise<string> {
    const cached = this.names.get(personId);
    if (cached !== undefined) return cached === notKnown ? personId : cached;
    const [known] = await this.collection.findByIds([personId]);
    // Not knowing is remembered too, for the same second: an account whose owner's name is not
    // here must not cost a read per event. `settle` reads the collection itself, so a name learnt
    // meanwhile by another projector still reaches the account.
    this.names.set(personId, known?.name ?? notKnown);
    return known?.name ?? personId;
  }

  /** The name learnt for a person, read from the collection (not the cache); undefined for a person not (yet) known here. */
  async lookUp(personId: string): Promise<string | undefined> {
    const [known] = await this.collection.findByIds([personId]);
    return known?.name;
  }

  async forgetAll(): Promise<void> {
    this.forgetCached();
    await this.collection.deleteAll();
  }

  forgetCached(): void {
    this.names.clear();
  }
}
