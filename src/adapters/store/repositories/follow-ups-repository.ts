import type { Database } from 'better-sqlite3';
import { AnswerValueSchema, type AnswerValue } from '../../../core/questionnaire/answers-schema.ts';
import type { ActionStatus } from '../../../core/followup/compare-assessments.ts';

export interface ActionStatusRecord {
  actionId: string;
  status: ActionStatus;
  note: string | null;
  updatedBy: string | null;
  updatedAt: string;
}
export interface ConsensusRecord {
  questionId: string;
  value: AnswerValue;
  dissent: string | null;
  updatedBy: string | null;
  updatedAt: string;
}

/**
 * What consultants record between and during assessments: the status of plan actions, the room's
 * agreed answers (workshop mode: the consensus table of 001, read here with who recorded it), and
 * the chain of follow-ups.
 */
export function createFollowUpsRepository(db: Database) {
  const statuses = db.prepare<[number], { action_id: string; status: ActionStatus; note: string | null; name: string | null; updated_at: string }>(`
    SELECT s.action_id, s.status, s.note, u.name, s.updated_at FROM action_statuses s LEFT JOIN users u ON u.id = s.updated_by WHERE s.assessment_id = ?`);
  const setStatus = db.prepare(`INSERT INTO action_statuses (assessment_id, action_id, status, note, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (assessment_id, action_id) DO UPDATE SET status = excluded.status, note = excluded.note, updated_by = excluded.updated_by, updated_at = excluded.updated_at`);
  const consensus = db.prepare<[number], { question_id: string; value_json: string; dissent: string | null; name: string | null; updated_at: string }>(`
    SELECT c.question_id, c.value_json, c.dissent, u.name, c.updated_at FROM consensus c LEFT JOIN users u ON u.id = c.updated_by WHERE c.assessment_id = ?`);
  const removeConsensus = db.prepare('DELETE FROM consensus WHERE assessment_id = ? AND question_id = ?');
  const followUps = db.prepare<[number], { id: number }>('SELECT id FROM assessments WHERE previous_assessment_id = ? ORDER BY created_at, id');

  return {
    actionStatuses: (assessmentId: number): ActionStatusRecord[] => statuses.all(assessmentId).map((r) => ({ actionId: r.action_id, status: r.status, note: r.note, updatedBy: r.name, updatedAt: r.updated_at })),
    setActionStatus: (assessmentId: number, actionId: string, s: { status: ActionStatus; note: string | null }, userId: number, at: string) =>
      void setStatus.run(assessmentId, actionId, s.status, s.note, userId, at),
    consensus: (assessmentId: number): ConsensusRecord[] => consensus.all(assessmentId).map((r) => ({
      questionId: r.question_id, value: AnswerValueSchema.parse(JSON.parse(r.value_json)), dissent: r.dissent, updatedBy: r.name, updatedAt: r.updated_at,
    })),
    removeConsensus: (assessmentId: number, questionId: string) => removeConsensus.run(assessmentId, questionId).changes > 0,
    /** Assessments started as follow-ups of this one, oldest first. */
    followUpsOf: (assessmentId: number) => followUps.all(assessmentId).map((r) => r.id),
  };
}
export type FollowUpsRepository = ReturnType<typeof createFollowUpsRepository>;
