import type { Database } from 'better-sqlite3';
import type { Locale } from '../../../core/localized.ts';

/**
 * Executive self-assessments: an anonymous client (kind 'self-assessment', seen by no consultant),
 * one assessment and one executive respondent whose invitation token is the private link.
 */
export function createSelfAssessmentsRepository(db: Database) {
  const insertClient = db.prepare("INSERT INTO clients (name, kind, created_at) VALUES (?, 'self-assessment', ?)");
  const insertAssessment = db.prepare(`INSERT INTO assessments (client_id, title, questionnaire_id, questionnaire_version, locale, created_at)
    VALUES (?, ?, ?, ?, ?, ?)`);
  const insertRespondent = db.prepare(`INSERT INTO respondents (assessment_id, key, role, name, source, token_hash, locale, created_at)
    VALUES (?, 'executive-1', 'executive', NULL, 'invitation', ?, ?, ?)`);
  const isSelf = db.prepare<[number], { kind: string }>('SELECT kind FROM clients WHERE id = ?');
  const removeClient = db.prepare("DELETE FROM clients WHERE id = ? AND kind = 'self-assessment'");

  return {
    create: db.transaction((s: { organisation: string; title: string; questionnaireId: string; questionnaireVersion: string; locale: Locale; tokenHash: string; createdAt: string }) => {
      const clientId = Number(insertClient.run(s.organisation, s.createdAt).lastInsertRowid);
      const assessmentId = Number(insertAssessment.run(clientId, s.title, s.questionnaireId, s.questionnaireVersion, s.locale, s.createdAt).lastInsertRowid);
      const respondentId = Number(insertRespondent.run(assessmentId, s.tokenHash, s.locale, s.createdAt).lastInsertRowid);
      return { clientId, assessmentId, respondentId };
    }),
    isSelfAssessmentClient: (clientId: number) => isSelf.get(clientId)?.kind === 'self-assessment',
    /**
     * Deletes the client and, by cascade, the assessment, the respondent, every answer and cached
     * PDF. secure_delete overwrites the freed pages, and the WAL is folded back and truncated, so
     * the answers do not linger in the file either.
     */
    remove(clientId: number): boolean {
      db.pragma('secure_delete = ON');
      let removed: boolean;
      try {
        removed = removeClient.run(clientId).changes > 0;
      } finally {
        db.pragma('secure_delete = OFF');
      }
      try { db.pragma('wal_checkpoint(TRUNCATE)'); } catch { /* a busy reader only delays it; the next checkpoint overwrites the frames */ }
      return removed;
    },
  };
}
export type SelfAssessmentsRepository = ReturnType<typeof createSelfAssessmentsRepository>;
