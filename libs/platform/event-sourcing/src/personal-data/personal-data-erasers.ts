import { Injectable } from '@nestjs/common';

/** Removes what a store outside the event store keeps of a forgotten subject (answers kept for replays, caches). */
export type PersonalDataEraser = (subject: string) => Promise<void>;

/**
 * The places outside the event store that may keep a data subject's personal data in clear: each
 * library owning one registers how to erase it there, and forgetting a subject runs them all.
 */
@Injectable()
export class PersonalDataErasers {
  private readonly erasers = new Map<string, PersonalDataEraser>();

  register(name: string, eraser: PersonalDataEraser): void {
    this.erasers.set(name, eraser);
  }

  /** Runs every eraser; resolves with the names of those that ran. */
  async eraseEverywhere(subject: string): Promise<string[]> {
    await Promise.all([...this.erasers.values()].map((erase) => erase(subject)));
    return [...this.erasers.keys()];
  }
}
