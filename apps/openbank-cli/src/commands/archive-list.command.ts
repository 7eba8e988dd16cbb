import { Option, SubCommand } from 'nest-commander';
import type { OpenBankApi } from '../connection/openbank-api.js';
import { OpenBankCommand } from '../openbank-command.js';
import { count } from '../output/format.js';
import { table } from '../output/table.js';
import { archivesPath, type ArchiveListing } from './archive-api.js';

/** How many archives one request lists; the command pages through them all. */
const pageSize = 1000;

@SubCommand({ name: 'list', description: 'The archives in cold storage: stream, state, events, revisions, when archived, size' })
export class ArchiveListCommand extends OpenBankCommand {
  @Option({ flags: '--json', description: 'print the archives as JSON' })
  json(): boolean {
    return true;
  }

  async run(_args: string[], options: { json?: boolean }): Promise<void> {
    const archives = await allArchives(this.api());
    if (options.json) return this.print(JSON.stringify(archives, null, 2));
    const rows = archives.map((archive) => [archive.stream, archive.state, count(archive.events), `${archive.from_revision}–${archive.to_revision}`, archive.last_event_at, archive.archived_at, count(archive.bytes)]);
    if (rows.length > 0) this.print(table(['stream', 'state', 'events', 'revisions', 'last event', 'archived at', 'bytes'], rows, this.io.stdout));
    this.print(`${count(archives.length)} archive${archives.length === 1 ? '' : 's'}`);
  }
}

/** Every archive, page after page. */
export async function allArchives(api: OpenBankApi): Promise<ArchiveListing[]> {
  const all: ArchiveListing[] = [];
  for (;;) {
    const after = all.at(-1)?.stream;
    const page = await api.get<ArchiveListing[]>(`${archivesPath}?limit=${pageSize}${after ? `&after=${encodeURIComponent(after)}` : ''}`);
    all.push(...page);
    if (page.length < pageSize) return all;
  }
}
