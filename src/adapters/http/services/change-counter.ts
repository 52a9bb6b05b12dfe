import { randomBytes } from 'node:crypto';

/**
 * Counts answer writes per assessment in memory, so the autosave path needs no extra database
 * write just to tell polling dashboards that something changed. The boot id makes every ETag of
 * an earlier server process stale, so a restart can never make a dashboard keep old data.
 */
export interface ChangeCounter {
  readonly bootId: string;
  bump(assessmentId: number): void;
  get(assessmentId: number): number;
}

export function createChangeCounter(): ChangeCounter {
  const counts = new Map<number, number>();
  return {
    bootId: randomBytes(4).toString('hex'),
    bump: (id) => { counts.set(id, (counts.get(id) ?? 0) + 1); },
    get: (id) => counts.get(id) ?? 0,
  };
}
