import type { Database } from 'better-sqlite3';
import { openDatabase } from './open-database.ts';
import { createAnswersRepository } from './repositories/answers-repository.ts';
import { createAssessmentsRepository } from './repositories/assessments-repository.ts';
import { createClientsRepository } from './repositories/clients-repository.ts';
import { createRespondentsRepository } from './repositories/respondents-repository.ts';
import { createSessionsRepository } from './repositories/sessions-repository.ts';
import { createUsersRepository } from './repositories/users-repository.ts';

export interface Store {
  readonly file: string;
  readonly db: Database;
  users: ReturnType<typeof createUsersRepository>;
  sessions: ReturnType<typeof createSessionsRepository>;
  clients: ReturnType<typeof createClientsRepository>;
  assessments: ReturnType<typeof createAssessmentsRepository>;
  respondents: ReturnType<typeof createRespondentsRepository>;
  answers: ReturnType<typeof createAnswersRepository>;
  /** Runs `fn` in one transaction: every multi-row write goes through here, so it lands whole or not at all. */
  transaction<T>(fn: () => T): T;
  close(): void;
}

export function createStore(file: string): Store {
  const db = openDatabase(file);
  return {
    file,
    db,
    users: createUsersRepository(db),
    sessions: createSessionsRepository(db),
    clients: createClientsRepository(db),
    assessments: createAssessmentsRepository(db),
    respondents: createRespondentsRepository(db),
    answers: createAnswersRepository(db),
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    close() {
      if (!db.open) return;
      // Folds the WAL back into the main file, so a stopped server leaves one self-contained file.
      try { db.pragma('wal_checkpoint(TRUNCATE)'); } catch { /* a busy reader only delays the checkpoint */ }
      db.close();
    },
  };
}
