import type { Database } from 'better-sqlite3';
import type { Locale } from '../../../core/localized.ts';
import type { Role } from '../../../core/roles.ts';
import type { AssessmentStatus } from './assessments-repository.ts';

export type RespondentSource = 'invitation' | 'import';
export interface RespondentRecord {
  id: number;
  assessmentId: number;
  key: string;
  role: Role;
  name: string | null;
  source: RespondentSource;
  hasLink: boolean;
  expiresAt: string | null;
  revokedAt: string | null;
  locale: Locale | null;
  openedAt: string | null;
  submittedAt: string | null;
  createdAt: string;
}
export interface RespondentWithCount extends RespondentRecord {
  answered: number;
  lastAnswerAt: string | null;
}
/** What a token route needs in one read: the respondent and the state of their assessment. */
export interface TokenHolder extends RespondentRecord {
  assessment: { id: number; clientId: number; title: string; questionnaireId: string; questionnaireVersion: string; locale: Locale; dueDate: string | null; status: AssessmentStatus };
}

interface Row {
  id: number; assessment_id: number; key: string; role: Role; name: string | null; source: RespondentSource; token_hash: string | null;
  expires_at: string | null; revoked_at: string | null; locale: Locale | null; opened_at: string | null; submitted_at: string | null; created_at: string;
}
const toRecord = (r: Row): RespondentRecord => ({
  id: r.id, assessmentId: r.assessment_id, key: r.key, role: r.role, name: r.name, source: r.source, hasLink: r.token_hash !== null,
  expiresAt: r.expires_at, revokedAt: r.revoked_at, locale: r.locale, openedAt: r.opened_at, submittedAt: r.submitted_at, createdAt: r.created_at,
});

export function createRespondentsRepository(db: Database) {
  const byId = db.prepare<[number], Row>('SELECT * FROM respondents WHERE id = ?');
  const byToken = db.prepare<[string], Row & { a_client_id: number; a_title: string; a_qid: string; a_qver: string; a_locale: Locale; a_due: string | null; a_status: AssessmentStatus }>(`
    SELECT r.*, a.client_id AS a_client_id, a.title AS a_title, a.questionnaire_id AS a_qid, a.questionnaire_version AS a_qver,
           a.locale AS a_locale, a.due_date AS a_due, a.status AS a_status
    FROM respondents r JOIN assessments a ON a.id = r.assessment_id WHERE r.token_hash = ?`);
  const forAssessment = db.prepare<[number], Row & { answered: number; last_answer_at: string | null }>(`
    SELECT r.*, count(x.question_id) AS answered, max(x.updated_at) AS last_answer_at
    FROM respondents r LEFT JOIN answers x ON x.respondent_id = r.id
    WHERE r.assessment_id = ? GROUP BY r.id ORDER BY r.id`);
  const writeState = db.prepare<[number], { revoked_at: string | null; submitted_at: string | null; status: AssessmentStatus }>(
    'SELECT r.revoked_at, r.submitted_at, a.status FROM respondents r JOIN assessments a ON a.id = r.assessment_id WHERE r.id = ?');
  const keys = db.prepare<[number], { key: string }>('SELECT key FROM respondents WHERE assessment_id = ?');
  const insert = db.prepare(`INSERT INTO respondents (assessment_id, key, role, name, source, token_hash, expires_at, created_at)
    VALUES (@assessmentId, @key, @role, @name, @source, @tokenHash, @expiresAt, @createdAt)`);
  const setToken = db.prepare('UPDATE respondents SET token_hash = ? WHERE id = ?');
  const revoke = db.prepare('UPDATE respondents SET revoked_at = ?, token_hash = NULL WHERE id = ? AND revoked_at IS NULL');
  const opened = db.prepare('UPDATE respondents SET opened_at = ? WHERE id = ? AND opened_at IS NULL');
  const submitted = db.prepare('UPDATE respondents SET submitted_at = ? WHERE id = ?');
  const setLocale = db.prepare('UPDATE respondents SET locale = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM respondents WHERE id = ?');

  return {
    find: (id: number) => { const r = byId.get(id); return r ? toRecord(r) : undefined; },
    findByTokenHash(hash: string): TokenHolder | undefined {
      const r = byToken.get(hash);
      if (!r) return undefined;
      return { ...toRecord(r), assessment: { id: r.assessment_id, clientId: r.a_client_id, title: r.a_title, questionnaireId: r.a_qid, questionnaireVersion: r.a_qver, locale: r.a_locale, dueDate: r.a_due, status: r.a_status } };
    },
    /** Re-read inside a write, so a close, submit or revoke that just committed is respected. */
    writeState(id: number): { revokedAt: string | null; submittedAt: string | null; status: AssessmentStatus } | undefined {
      const r = writeState.get(id);
      return r ? { revokedAt: r.revoked_at, submittedAt: r.submitted_at, status: r.status } : undefined;
    },
    listForAssessment: (assessmentId: number): RespondentWithCount[] =>
      forAssessment.all(assessmentId).map((r) => ({ ...toRecord(r), answered: r.answered, lastAnswerAt: r.last_answer_at })),
    /** The next free key for a role, e.g. "end-user-3"; keys name respondents in exported answers files. */
    nextKey(assessmentId: number, role: Role, taken = new Set(keys.all(assessmentId).map((k) => k.key))): string {
      for (let n = 1; ; n++) if (!taken.has(`${role}-${n}`)) { taken.add(`${role}-${n}`); return `${role}-${n}`; }
    },
    keys: (assessmentId: number) => new Set(keys.all(assessmentId).map((k) => k.key)),
    create(r: { assessmentId: number; key: string; role: Role; name?: string | null; source: RespondentSource; tokenHash?: string | null; expiresAt?: string | null; createdAt: string }): number {
      return Number(insert.run({ ...r, name: r.name ?? null, tokenHash: r.tokenHash ?? null, expiresAt: r.expiresAt ?? null }).lastInsertRowid);
    },
    setToken: (id: number, tokenHash: string) => void setToken.run(tokenHash, id),
    /** Revoking forgets the token hash too: the link can never work again. */
    revoke: (id: number, at: string) => revoke.run(at, id).changes > 0,
    markOpened: (id: number, at: string) => void opened.run(at, id),
    setSubmitted: (id: number, at: string | null) => void submitted.run(at, id),
    setLocale: (id: number, locale: Locale) => void setLocale.run(locale, id),
    remove: (id: number) => void remove.run(id),
  };
}
export type RespondentsRepository = ReturnType<typeof createRespondentsRepository>;
