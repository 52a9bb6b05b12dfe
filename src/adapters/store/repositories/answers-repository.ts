import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { AnswerValueSchema, type AnswerValue, type NormalisedAnswer, type Support } from '../../../core/questionnaire/answers-schema.ts';

export interface StoredAnswer extends NormalisedAnswer {
  questionId: string;
  updatedAt: string;
}

interface Row { respondent_id: number; question_id: string; value_json: string; support: Support | null; comment: string | null; updated_at: string }

// JSON columns are parsed back through the core's schema: a row edited by hand fails loudly, not later in the scorer.
const parseValue = (json: string, where: string): AnswerValue => {
  const raw: unknown = JSON.parse(json);
  // Scalars are checked by hand (this runs for every answer on every autosave); lists go through zod.
  if ((typeof raw === 'number' && Number.isFinite(raw)) || typeof raw === 'boolean' || (typeof raw === 'string' && raw.length <= 20000)) return raw;
  const parsed = AnswerValueSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`stored answer ${where} is not a valid answer value: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
};
const toAnswer = (r: Row): StoredAnswer => ({
  questionId: r.question_id, value: parseValue(r.value_json, `${r.respondent_id}/${r.question_id}`), updatedAt: r.updated_at,
  ...(r.support ? { support: r.support } : {}), ...(r.comment ? { comment: r.comment } : {}),
});

export function createAnswersRepository(db: Database) {
  const forRespondent = db.prepare<[number], Row>('SELECT * FROM answers WHERE respondent_id = ?');
  const forAssessment = db.prepare<[number], Row>(`
    SELECT x.* FROM answers x JOIN respondents r ON r.id = x.respondent_id
    WHERE r.assessment_id = ? AND r.revoked_at IS NULL`);
  const upsert = db.prepare(`INSERT INTO answers (respondent_id, question_id, value_json, support, comment, updated_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (respondent_id, question_id) DO UPDATE SET value_json = excluded.value_json, support = excluded.support, comment = excluded.comment, updated_at = excluded.updated_at`);
  const remove = db.prepare('DELETE FROM answers WHERE respondent_id = ? AND question_id = ?');
  const removeAll = db.prepare('DELETE FROM answers WHERE respondent_id = ?');
  const consensusFor = db.prepare<[number], { question_id: string; value_json: string; dissent: string | null }>('SELECT question_id, value_json, dissent FROM consensus WHERE assessment_id = ?');
  const upsertConsensus = db.prepare(`INSERT INTO consensus (assessment_id, question_id, value_json, dissent, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (assessment_id, question_id) DO UPDATE SET value_json = excluded.value_json, dissent = excluded.dissent, updated_by = excluded.updated_by, updated_at = excluded.updated_at`);

  return {
    listForRespondent: (respondentId: number) => forRespondent.all(respondentId).map(toAnswer),
    /** Answers of every non-revoked respondent, grouped by respondent id. */
    listForAssessment(assessmentId: number): Map<number, StoredAnswer[]> {
      const out = new Map<number, StoredAnswer[]>();
      for (const r of forAssessment.all(assessmentId)) {
        const list = out.get(r.respondent_id) ?? [];
        list.push(toAnswer(r));
        out.set(r.respondent_id, list);
      }
      return out;
    },
    upsert: (respondentId: number, questionId: string, a: NormalisedAnswer, at: string) =>
      void upsert.run(respondentId, questionId, JSON.stringify(a.value), a.support ?? null, a.comment ?? null, at),
    remove: (respondentId: number, questionId: string) => remove.run(respondentId, questionId).changes > 0,
    removeAll: (respondentId: number) => void removeAll.run(respondentId),
    consensus(assessmentId: number): Record<string, { value: AnswerValue; dissent?: string }> {
      const out: Record<string, { value: AnswerValue; dissent?: string }> = {};
      for (const r of consensusFor.all(assessmentId)) out[r.question_id] = { value: parseValue(r.value_json, `consensus/${r.question_id}`), ...(r.dissent ? { dissent: r.dissent } : {}) };
      return out;
    },
    setConsensus: (assessmentId: number, questionId: string, c: { value: AnswerValue; dissent?: string }, userId: number | null, at: string) =>
      void upsertConsensus.run(assessmentId, questionId, JSON.stringify(c.value), c.dissent ?? null, userId, at),
  };
}
export type AnswersRepository = ReturnType<typeof createAnswersRepository>;
