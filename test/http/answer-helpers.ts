import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Questionnaire } from '../../src/core/questionnaire/questionnaire-schema.ts';
import { valueFor } from '../support/answer-values.ts';
import type { ReportRenderer, ReportRequest } from '../../src/adapters/http/report-port.ts';

export { valueFor };

/** Answers every unconditional question of a role through the respondent API, as a person would. */
export async function answerAll(app: FastifyInstance, q: Questionnaire, token: string, role: string, health: 0 | 1, comment?: string): Promise<number> {
  let n = 0;
  for (const x of q.questions.filter((y) => y.roles.includes(role as never) && !y.showIf)) {
    const payload = { value: valueFor(q, x, health), ...(comment && x.type !== 'text' ? { comment } : {}) };
    const res = await app.inject({ method: 'PUT', url: `/api/r/${token}/answers/${x.id}`, payload });
    expect(res.statusCode, `${x.id} ${res.body}`).toBe(200);
    n++;
  }
  return n;
}

/** A renderer that records what it was asked and returns a tiny fake PDF naming the request. */
export function fakeRenderer(): ReportRenderer & { calls: ReportRequest[] } {
  const calls: ReportRequest[] = [];
  return {
    calls,
    renderPdf: async (req) => { calls.push(req); return Buffer.from(`%PDF-1.7 fake ${req.variant} ${req.locale} comments=${req.includeComments} progress=${req.progress ? 'yes' : 'no'}`); },
    close: async () => {},
  };
}
