import type { Database } from 'better-sqlite3';
import { openDatabase } from './open-database.ts';
import { createWriteBatcher } from './write-batcher.ts';
import { createAnswersRepository } from './repositories/answers-repository.ts';
import { createAssessmentsRepository } from './repositories/assessments-repository.ts';
import { createClientsRepository } from './repositories/clients-repository.ts';
import { createRespondentsRepository } from './repositories/respondents-repository.ts';
import { createSessionsRepository } from './repositories/sessions-repository.ts';
import { createUsersRepository } from './repositories/users-repository.ts';
import { createFollowUpsRepository } from './repositories/follow-ups-repository.ts';
import { createReportCacheRepository } from './repositories/report-cache-repository.ts';
import { createSelfAssessmentsRepository } from './repositories/self-assessments-repository.ts';
import { createShareLinksRepository } from './repositories/share-links-repository.ts';

export interface Store {
  readonly file: string;
  readonly db: Database;
  users: ReturnType<typeof createUsersRepository>;
  sessions: ReturnType<typeof createSessionsRepository>;
  clients: ReturnType<typeof createClientsRepository>;
  assessments: ReturnType<typeof createAssessmentsRepository>;
  respondents: ReturnType<typeof createRespondentsRepository>;
  answers: ReturnType<typeof createAnswersRepository>;
  shareLinks: ReturnType<typeof createShareLinksRepository>;
  reportCache: ReturnType<typeof createReportCacheRepository>;
  followUps: ReturnType<typeof createFollowUpsRepository>;
  selfAssessments: ReturnType<typeof createSelfAssessmentsRepository>;
  /** Runs `fn` in one transaction: every multi-row write goes through here, so it lands whole or not at all. */
  transaction<T>(fn: () => T): T;
  /** Like transaction, but committed together with concurrent writes (group commit); resolves once durable. */
  enqueueWrite<T>(fn: () => T): Promise<T>;
  close(): void;
}

export function createStore(file: string): Store {
  const db = openDatabase(file);
  const batcher = createWriteBatcher(db);
  return {
    file,
    db,
    users: createUsersRepository(db),
    sessions: createSessionsRepository(db),
    clients: createClientsRepository(db),
    assessments: createAssessmentsRepository(db),
    respondents: createRespondentsRepository(db),
    answers: createAnswersRepository(db),
    shareLinks: createShareLinksRepository(db),
    reportCache: createReportCacheRepository(db),
    followUps: createFollowUpsRepository(db),
    selfAssessments: createSelfAssessmentsRepository(db),
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    enqueueWrite: (fn) => batcher.run(fn),
    close() {
      if (!db.open) return;
      batcher.flush();
      // Folds the WAL back into the main file, so a stopped server leaves one self-contained file.
      try { db.pragma('wal_checkpoint(TRUNCATE)'); } catch { /* a busy reader only delays the checkpoint */ }
      db.close();
    },
  };
}
