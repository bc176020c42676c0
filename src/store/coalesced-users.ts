import type { UserTable } from './database.ts';
import type { ReadLock } from './dialect.ts';
import { UserRepository } from './users.ts';

type Waiter = { resolve: (row: UserTable | undefined) => void; reject: (error: unknown) => void };

/**
 * Users on a shared database's pool: look-ups by id asked in the same turn of the event loop
 * are answered by one statement. Every authenticated request reads its person (a deactivation
 * must count at once), and on PostgreSQL each statement is a round trip whose sending costs
 * the server more CPU than the rest of a key creation's look-ups together. The statement is
 * sent after the last look-up it answers was asked, so no answer is older than its question.
 * Locking reads (inside a write) are never on the pool, and are not coalesced.
 */
export class CoalescedUserRepository extends UserRepository {
  #waiting = new Map<string, Waiter[]>();

  override find(id: string, lock?: ReadLock): Promise<UserTable | undefined> {
    if (lock) return super.find(id, lock);
    return new Promise((resolve, reject) => {
      const waiters = this.#waiting.get(id);
      if (waiters) return void waiters.push({ resolve, reject });
      this.#waiting.set(id, [{ resolve, reject }]);
      // After this turn: the requests whose bytes arrived in it have all asked by then.
      if (this.#waiting.size === 1) setImmediate(() => void this.#answer());
    });
  }

  async #answer(): Promise<void> {
    const waiting = this.#waiting;
    this.#waiting = new Map();
    try {
      const rows = new Map((await this.findMany([...waiting.keys()], [])).map((row) => [row.id, row]));
      for (const [id, waiters] of waiting) {
        const row = rows.get(id);
        // Each asker its own copy: none sees another's changes to it.
        for (const waiter of waiters) waiter.resolve(row && { ...row });
      }
    } catch (error) {
      for (const waiters of waiting.values()) for (const waiter of waiters) waiter.reject(error);
    }
  }
}
