import type { Database } from 'better-sqlite3';

/**
 * Group commit: writes that arrive while the event loop is busy are committed together in one
 * transaction (one fsync), and each caller's promise settles only after that commit, so an
 * acknowledged write is as durable as if it had committed alone. Each write runs in its own
 * savepoint: one that throws is rolled back and rejected without touching the others.
 */
export interface WriteBatcher {
  run<T>(write: () => T): Promise<T>;
  /** Commits whatever is queued now (used on shutdown). */
  flush(): void;
}

interface Job {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export function createWriteBatcher(db: Database, maxBatch = 256): WriteBatcher {
  let queue: Job[] = [];
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    while (queue.length) {
      const jobs = queue.splice(0, maxBatch);
      const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
      try {
        db.transaction(() => {
          for (const job of jobs) {
            try {
              outcomes.push({ ok: true, value: db.transaction(job.write)() });
            } catch (error) {
              outcomes.push({ ok: false, error });
            }
          }
        })();
      } catch (error) {
        // The commit itself failed (disk full, I/O error): nothing in this batch is durable.
        for (const job of jobs) job.reject(error);
        continue;
      }
      jobs.forEach((job, i) => {
        const o = outcomes[i]!;
        if (o.ok) job.resolve(o.value);
        else job.reject(o.error);
      });
    }
  }

  return {
    run<T>(write: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ write, resolve: resolve as (v: unknown) => void, reject });
        if (!scheduled) {
          scheduled = true;
          // After the current I/O phase: every request already read from the sockets joins this batch.
          setImmediate(flush);
        }
      });
    },
    flush,
  };
}
