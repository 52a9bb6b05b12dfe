import type { Localized } from '../localized.ts';
import type { Owner, Role } from '../roles.ts';
import type { AnswerValue, Support } from '../questionnaire/answers-schema.ts';
import type { Source } from '../questionnaire/questionnaire-schema.ts';
import type { Band, Effort, Horizon, Severity } from './rule-set-schema.ts';

/** One respondent's answer as evidence: who (id and role, never more), what, how well supported, and their comment. */
export interface EvidenceAnswer {
  respondentId: string;
  role: Role;
  value: AnswerValue;
  support?: Support;
  comment?: string;
}

/** One evaluated leaf of a condition tree: the fact, the value seen, what was expected, and the outcome. */
export interface TraceLeaf {
  kind: 'leaf';
  fact: string;
  description: string;
  actual: unknown;
  expected: unknown;
  result: boolean;
  question?: string;
  answers?: EvidenceAnswer[];
}
export interface TraceNode {
  kind: 'all' | 'any' | 'not';
  result: boolean;
  children: Trace[];
}
export type Trace = TraceLeaf | TraceNode;

export interface Evidence {
  fact: string;
  description: string;
  question?: string;
  actual: unknown;
  answers: EvidenceAnswer[];
}

export interface Finding {
  id: string;
  kind: 'risk' | 'contradiction' | 'contract-red-flag' | 'failure-signal' | 'blind-spot' | 'perception-gap';
  severity: Severity;
  likelihood: number;
  impact: number;
  dimension: string;
  title: Localized;
  explanation: Localized;
  source: Source;
  capBand?: Band;
  evidence: Evidence[];
  trace?: Trace;
  actions: string[];
}

export interface QuestionAggregate {
  question: string;
  dimension: string;
  /** The value the scorer uses: the room's agreed answer, else median (scale/number), mode (choice) or majority (multi). */
  value: AnswerValue | 'dont-know' | 'not-applicable' | null;
  source: 'consensus' | 'aggregate' | 'none';
  /** Normalised 0..1, null when unknown, not applicable, free text or unanswered. */
  score: number | null;
  respondents: number;
  unknown: number;
  notApplicable: number;
  unanswered: number;
  spread?: { min: number; max: number; iqr: number };
  byRole: Partial<Record<Role, { n: number; score: number | null }>>;
  dissent?: string;
}

export interface DimensionResult {
  id: string;
  title: Localized;
  weight: number;
  score: number | null;
  band: Band | null;
  confidence: number;
  answered: number;
  unknown: number;
  notApplicable: number;
  byRole: Partial<Record<Role, { n: number; score: number | null }>>;
}

export interface Divergence {
  kind: 'question' | 'dimension';
  id: string;
  dimension: string;
  gap: number;
  high: { role: Role; score: number; n: number };
  low: { role: Role; score: number; n: number };
}

export interface PlanAction {
  id: string;
  title: Localized;
  description: Localized;
  owner: Owner;
  phase: number;
  effort: Effort;
  horizon: Horizon;
  kpi: Localized;
  dependsOn: string[];
  priority: number;
  because: string[];
  source: Source;
}

export interface ClaimedToCheck {
  question: string;
  dimension: string;
  respondentId: string;
  role: Role;
  value: AnswerValue;
}

export interface UnansweredReport {
  respondentId: string;
  role: Role;
  questions: string[];
}

export interface ScoreResult {
  questionnaire: { id: string; version: string };
  rules: { id: string; version: string };
  inputHash: string;
  organisation: { name: string; industry?: string; size?: string; country?: string };
  title?: string;
  date?: string;
  respondents: { total: number; byRole: Partial<Record<Role, number>> };
  overall: { index: number | null; band: Band | null; confidence: number; uncappedBand: Band | null; cappedBy: string[] };
  dimensions: DimensionResult[];
  questions: QuestionAggregate[];
  findings: Finding[];
  divergences: Divergence[];
  plan: { actions: PlanAction[] };
  claimedToCheck: ClaimedToCheck[];
  unanswered: UnansweredReport[];
  anonymityMinimum: number;
}
