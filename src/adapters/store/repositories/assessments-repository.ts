import type { Database } from 'better-sqlite3';
import type { Locale } from '../../../core/localized.ts';

export type AssessmentStatus = 'open' | 'closed';
export interface AssessmentRecord {
  id: number;
  clientId: number;
  title: string;
  questionnaireId: string;
  questionnaireVersion: string;
  locale: Locale;
  dueDate: string | null;
  status: AssessmentStatus;
  closedAt: string | null;
  previousAssessmentId: number | null;
  createdBy: number | null;
  createdAt: string;
  revision: number;
}
export interface AssessmentSummary extends AssessmentRecord {
  respondents: number;
  submitted: number;
}
export interface AssessmentFields {
  title: string;
  locale: Locale;
  dueDate?: string | null;
}

interface Row {
  id: number; client_id: number; title: string; questionnaire_id: string; questionnaire_version: string; locale: Locale;
  due_date: string | null; status: AssessmentStatus; closed_at: string | null; previous_assessment_id: number | null;
  created_by: number | null; created_at: string; revision: number; respondents?: number; submitted?: number;
}
const toRecord = (r: Row): AssessmentRecord => ({
  id: r.id, clientId: r.client_id, title: r.title, questionnaireId: r.questionnaire_id, questionnaireVersion: r.questionnaire_version,
  locale: r.locale, dueDate: r.due_date, status: r.status, closedAt: r.closed_at, previousAssessmentId: r.previous_assessment_id,
  createdBy: r.created_by, createdAt: r.created_at, revision: r.revision,
});

export function createAssessmentsRepository(db: Database) {
  const byId = db.prepare<[number], Row>('SELECT * FROM assessments WHERE id = ?');
  const forClient = db.prepare<[number], Row>(`
    SELECT a.*,
      (SELECT count(*) FROM respondents r WHERE r.assessment_id = a.id AND r.revoked_at IS NULL) AS respondents,
      (SELECT count(*) FROM respondents r WHERE r.assessment_id = a.id AND r.revoked_at IS NULL AND r.submitted_at IS NOT NULL) AS submitted
    FROM assessments a WHERE a.client_id = ? ORDER BY a.created_at DESC, a.id DESC`);
  const insert = db.prepare(`INSERT INTO assessments (client_id, title, questionnaire_id, questionnaire_version, locale, due_date, previous_assessment_id, created_by, created_at)
    VALUES (@clientId, @title, @questionnaireId, @questionnaireVersion, @locale, @dueDate, @previousAssessmentId, @createdBy, @createdAt)`);
  const update = db.prepare('UPDATE assessments SET title = ?, locale = ?, due_date = ?, revision = revision + 1 WHERE id = ?');
  const setStatus = db.prepare('UPDATE assessments SET status = ?, closed_at = ?, revision = revision + 1 WHERE id = ?');
  const bump = db.prepare('UPDATE assessments SET revision = revision + 1 WHERE id = ?');
  const remove = db.prepare('DELETE FROM assessments WHERE id = ?');

  return {
    find: (id: number) => { const r = byId.get(id); return r ? toRecord(r) : undefined; },
    listForClient: (clientId: number): AssessmentSummary[] => forClient.all(clientId).map((r) => ({ ...toRecord(r), respondents: r.respondents ?? 0, submitted: r.submitted ?? 0 })),
    create(a: AssessmentFields & { clientId: number; questionnaireId: string; questionnaireVersion: string; previousAssessmentId?: number | null; createdBy: number | null; createdAt: string }): number {
      return Number(insert.run({ ...a, dueDate: a.dueDate ?? null, previousAssessmentId: a.previousAssessmentId ?? null }).lastInsertRowid);
    },
    update: (id: number, a: AssessmentFields) => void update.run(a.title, a.locale, a.dueDate ?? null, id),
    setStatus: (id: number, status: AssessmentStatus, at: string | null) => void setStatus.run(status, status === 'closed' ? at : null, id),
    /** Every write that changes what the dashboard shows calls this inside its own transaction. */
    bump: (id: number) => void bump.run(id),
    remove: (id: number) => void remove.run(id),
  };
}
export type AssessmentsRepository = ReturnType<typeof createAssessmentsRepository>;
