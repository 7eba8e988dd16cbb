import { Injectable } from '@nestjs/common';
import type { ArchivableStreams } from './archivable-streams.js';
import { StreamNotArchivable } from './archive-errors.js';

/** The kinds of streams the contexts registered (ArchivingModule.forFeature), by category. */
@Injectable()
export class ArchivingRegistry {
  private readonly kinds = new Map<string, ArchivableStreams>();

  register(kind: ArchivableStreams): void {
    this.kinds.set(kind.category, kind);
  }

  all(): ArchivableStreams[] {
    return [...this.kinds.values()];
  }

  kindOf(stream: string): ArchivableStreams {
    const kind = this.kinds.get(stream.split('-')[0]);
    if (!kind) throw new StreamNotArchivable(`${stream} is not a stream that is archived (categories: ${[...this.kinds.keys()].join(', ') || 'none'})`, { stream });
    return kind;
  }
}
