import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { AnswersFileSchema } from '../../src/core/questionnaire/answers-schema.ts';
import { ReportQueueFullError } from '../../src/adapters/report/report-service.ts';
import type { ReportRenderer, ReportRequest } from '../../src/adapters/http/report-port.ts';
import { Agent, QUESTIONNAIRE, addConsultant, build, createAssessment, invite, scorableQuestionnaire, setupAdmin, type TestApp } from './helpers.ts';

const q = scorableQuestionnaire();
const rendered: ReportRequest[] = [];
const fakeReports: ReportRenderer = { renderPdf: async (req) => { rendered.push(req); return Buffer.from('%PDF-1.7 fake'); }, close: async () => {} };

let t: TestApp;
let ben: Agent;
let cleo: Agent;
let assessmentId: number;
beforeEach(async () => {
  rendered.length = 0;
  t = await build({ reports: fakeReports });
  const admin = await setupAdmin(t.app);
  ben = await addConsultant(t.app, admin, 'Ben', 'ben@example.com');
  cleo = await addConsultant(t.app, admin, 'Cleo', 'cleo@example.com');
  ({ assessmentId } = await createAssessment(ben, 'Acme "Quotes"\r\nLtd ../x'));
});
afterEach(async () => { await t.close(); });

/** Answers every unconditional question of a role with its healthiest or sickest choice. */
async function answerAll(token: string, role: string, healthy: boolean) {
  for (const x of q.questions.filter((y) => y.roles.includes(role as never) && !y.showIf)) {
    let value: unknown;
    if (x.type === 'scale') { const l = q.scales.find((s) => s.id === x.scale)!.levels; value = (healthy ? l[l.length - 1] : l[0])!.value; }
    else if (x.type === 'single') value = [...x.options].sort((a, b) => (healthy ? b.score - a.score : a.score - b.score))[0]!.id;
    else if (x.type === 'multi') value = [[...x.options].sort((a, b) => (healthy ? b.score - a.score : a.score - b.score))[0]!.id];
    else if (x.type === 'yesno') value = healthy ? x.healthy : x.healthy === 'yes' ? 'no' : 'yes';
    else if (x.type === 'number') value = healthy ? x.max : x.min;
    else if (x.type === 'percent') value = healthy ? 100 : 0;
    else value = healthy ? '=HYPERLINK("http://evil")' : 'It is slow';
    const res = await t.app.inject({ method: 'PUT', url: `/api/r/${token}/answers/${x.id}`, payload: { value } });
    expect(res.statusCode, `${x.id} ${res.body}`).toBe(200);
  }
}

describe('live dashboard', () => {
  test('shows completion before anyone answers, results once someone has, and 304 while nothing changed', async () => {
    const links = await invite(ben, assessmentId, [{ role: 'executive', name: 'E1' }, { role: 'executive' }, { role: 'executive' }, { role: 'end-user' }, { role: 'end-user' }, { role: 'end-user' }]);
    const empty = await ben.get(`/api/assessments/${assessmentId}/dashboard`);
    expect(empty.json()).toMatchObject({ status: 'open', result: null });
    expect(empty.json().completion).toHaveLength(6);
    const etag = empty.headers.etag as string;
    expect((await ben.get(`/api/assessments/${assessmentId}/dashboard`, { 'if-none-match': etag })).statusCode).toBe(304);

    for (const l of links.slice(0, 3)) await answerAll(l.token, 'executive', true);
    for (const l of links.slice(3)) await answerAll(l.token, 'end-user', false);
    const full = await ben.get(`/api/assessments/${assessmentId}/dashboard`, { 'if-none-match': etag });
    expect(full.statusCode).toBe(200);
    const d = full.json();
    // Every unconditional question answered; follow-ups that the answers opened count as still open.
    expect(d.completion[0]).toMatchObject({ name: 'E1', status: 'in-progress', answered: q.questions.filter((x) => x.roles.includes('executive') && !x.showIf).length });
    expect(d.completion[0].visible).toBeGreaterThanOrEqual(d.completion[0].answered);
    expect(d.result.respondents).toBe(6);
    expect(d.result.roles.sort()).toEqual(['end-user', 'executive']);
    expect(d.result.disagreements.length).toBeGreaterThan(0);
    expect(d.result.disagreements[0]).toMatchObject({ min: 0, max: 100, text: { en: expect.any(String) } });
    expect(d.result.findings.length).toBeGreaterThan(0);
  });

  test('revoked respondents leave the results; invited people who never answered are not counted', async () => {
    const links = await invite(ben, assessmentId, [{ role: 'executive' }, { role: 'executive' }]);
    await answerAll(links[0]!.token, 'executive', true);
    expect((await ben.get(`/api/assessments/${assessmentId}/dashboard`)).json().result.respondents).toBe(1);
    await ben.delete(`/api/respondents/${links[0]!.id}`);
    expect((await ben.get(`/api/assessments/${assessmentId}/dashboard`)).json().result).toBeNull();
  });
});

describe('export', () => {
  test('JSON is an answers file the CLI scores to the same result as the dashboard', async () => {
    const [l] = await invite(ben, assessmentId, [{ role: 'executive', name: 'Grace' }]);
    await answerAll(l!.token, 'executive', false);
    const res = await ben.get(`/api/assessments/${assessmentId}/export.json`);
    expect(res.statusCode).toBe(200);
    // Quotes, CR/LF and ../ from the client name cannot break the header or pick a folder.
    const cd = res.headers['content-disposition'] as string;
    expect(cd).toMatch(/^attachment; filename="acme-quotes-ltd-x-readiness-2025-answers\.json"; filename\*=UTF-8''/);
    expect(cd).not.toMatch(/[\r\n]|\.\.\//);
    const file = AnswersFileSchema.parse(res.json());
    expect(file.questionnaire).toBe(QUESTIONNAIRE);
    expect(file.respondents![0]).toMatchObject({ id: 'executive-1', name: 'Grace', role: 'executive' });
    const out = path.join(t.dir, 'export.json');
    writeFileSync(out, res.body);
    const cli = JSON.parse(execFileSync(process.execPath, ['bin/crm-readiness.js', 'score', out, '--format', 'json'], { encoding: 'utf8' }));
    const dash = (await ben.get(`/api/assessments/${assessmentId}/dashboard`)).json();
    expect(cli.overall.index).toBe(dash.result.overall.index);
    expect(cli.findings.map((f: { id: string }) => f.id)).toEqual(dash.result.findings.map((f: { id: string }) => f.id));
  }, 60_000);

  test('nothing to export before anyone answers', async () => {
    expect((await ben.get(`/api/assessments/${assessmentId}/export.json`)).statusCode).toBe(409);
  });

  test('CSV has one row per answer, a BOM for Excel, and formulas defused', async () => {
    const [l] = await invite(ben, assessmentId, [{ role: 'executive' }]);
    await answerAll(l!.token, 'executive', true);
    const res = await ben.get(`/api/assessments/${assessmentId}/export.csv`);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body.startsWith('\ufeffrespondent,name,role,dimension,question,')).toBe(true);
    const answered = q.questions.filter((x) => x.roles.includes('executive') && !x.showIf).length;
    expect(res.body.trim().split('\n').length).toBeGreaterThanOrEqual(answered);
    if (q.questions.some((x) => x.type === 'text' && x.roles.includes('executive') && !x.showIf)) {
      expect(res.body).toContain(`"'=HYPERLINK(""http://evil"")"`);
    }
  });
});

describe('import', () => {
  const role = 'executive';
  const first = () => q.questions.find((x) => x.roles.includes(role) && !x.showIf && x.type === 'scale')!;
  const file = (answers: Record<string, unknown>, extra: Record<string, unknown> = {}) => stringify({
    questionnaire: QUESTIONNAIRE, organisation: { name: 'Paper workshop' },
    respondents: [{ id: 'paper-1', role, answers }], ...extra,
  });

  test('imports a paper workshop whole, and a corrected re-import replaces it', async () => {
    const level = q.scales.find((s) => s.id === (first() as { scale: string }).scale)!.levels[0]!.value;
    const res = await ben.post(`/api/assessments/${assessmentId}/import`, { content: file({ [first().id]: level }), fileName: 'paper.yaml' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ respondents: 1, answers: 1, consensus: 0, replaced: 0 });
    const again = await ben.post(`/api/assessments/${assessmentId}/import`, { content: file({ [first().id]: level }), fileName: 'paper.yaml' });
    expect(again.json().replaced).toBe(1);
    const detail = (await ben.get(`/api/assessments/${assessmentId}`)).json();
    expect(detail.respondents.map((r: { key: string; status: string }) => `${r.key}:${r.status}`)).toEqual(['paper-1:imported']);
  });

  test('a file with problems imports nothing and lists every problem in the CLI\'s words', async () => {
    const level = q.scales.find((s) => s.id === (first() as { scale: string }).scale)!.levels[0]!.value;
    const content = stringify({
      questionnaire: QUESTIONNAIRE, organisation: { name: 'X' },
      respondents: [{ id: 'ok-1', role, answers: { [first().id]: level } }, { id: 'bad-1', role, answers: { [first().id]: 99, 'NOPE-1': 1 } }],
    });
    const res = await ben.post(`/api/assessments/${assessmentId}/import`, { content, fileName: 'paper.yaml' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('The file has 2 problems: nothing was imported');
    const messages = res.json().issues.map((i: { message: string }) => i.message);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringMatching(new RegExp(`^paper\\.yaml:\\d+ › respondents\\[1\\]\\.answers\\.${first().id}: respondents\\[1\\] \\(respondent "bad-1", executive\\), question "${first().id}": received 99`)),
      expect.stringMatching(/question "NOPE-1" does not exist/),
    ]));
    expect((await ben.get(`/api/assessments/${assessmentId}`)).json().respondents).toEqual([]);
    expect((t.store.db.prepare('SELECT count(*) AS n FROM answers').get() as { n: number }).n).toBe(0);
  });

  test('YAML syntax errors, another questionnaire and ids of invited people are refused', async () => {
    const yaml = await ben.post(`/api/assessments/${assessmentId}/import`, { content: 'questionnaire: [unclosed', fileName: 'broken.yaml' });
    expect(yaml.statusCode).toBe(400);
    expect(yaml.json().issues[0].message).toMatch(/^broken\.yaml:1: not valid YAML/);
    const other = q.id === 'crm-health-check' ? 'crm-readiness@1.0.0' : 'crm-health-check@1.0.0';
    const wrong = await ben.post(`/api/assessments/${assessmentId}/import`, { content: file({}, { questionnaire: other }) });
    expect(wrong.statusCode).toBe(400);
    await invite(ben, assessmentId, [{ role: 'executive' }]);
    const clash = await ben.post(`/api/assessments/${assessmentId}/import`, { content: stringify({ questionnaire: QUESTIONNAIRE, organisation: { name: 'X' }, respondents: [{ id: 'executive-1', role, answers: {} }] }) });
    expect(clash.statusCode).toBe(400);
    expect(clash.json().issues[0].message).toContain('already used by an invited respondent');
  });

  test('the body is validated and a closed assessment takes no import', async () => {
    expect((await ben.post(`/api/assessments/${assessmentId}/import`, { content: '' })).json().issues[0].path).toBe('body.content');
    expect((await ben.post(`/api/assessments/${assessmentId}/import`, { content: 'x', fileName: '../../etc/passwd' })).json().issues[0].path).toBe('body.fileName');
    await ben.post(`/api/assessments/${assessmentId}/close`);
    expect((await ben.post(`/api/assessments/${assessmentId}/import`, { content: file({}) })).statusCode).toBe(409);
  });
});

describe('report', () => {
  test('renders through the report service with the chosen variant, language and comments', async () => {
    const [l] = await invite(ben, assessmentId, [{ role: 'executive' }]);
    await answerAll(l!.token, 'executive', true);
    const res = await ben.get(`/api/assessments/${assessmentId}/report?variant=brief&locale=zh-CN&comments=false`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/filename="acme-quotes-ltd-x-readiness-2025-brief-zh-cn\.pdf"/);
    expect(res.body).toBe('%PDF-1.7 fake');
    expect(rendered[0]).toMatchObject({ variant: 'brief', locale: 'zh-CN', includeComments: false, generatedAt: t.clock.now().toISOString() });
    expect(rendered[0]!.assessment.respondents).toHaveLength(1);
  });

  test('query validation, nothing answered, no renderer', async () => {
    const bad = await ben.get(`/api/assessments/${assessmentId}/report?variant=long&locale=de`);
    expect(bad.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['query.locale', 'query.variant']);
    expect((await ben.get(`/api/assessments/${assessmentId}/report`)).statusCode).toBe(409);
    const bare = await build({ reports: null });
    try {
      const admin = await setupAdmin(bare.app, true);
      const res = await admin.get('/api/assessments/1/report');
      expect(res.statusCode).toBe(503);
      expect(res.json().code).toBe('ERR_REPORTS_UNAVAILABLE');
    } finally { await bare.close(); }
  });

  test('a full render queue is a 503 with Retry-After', async () => {
    const busy = await build({ reports: { renderPdf: async () => { throw new ReportQueueFullError(7); }, close: async () => {} } });
    try {
      const admin = await setupAdmin(busy.app, true);
      const res = await admin.get('/api/assessments/1/report');
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('7');
      expect(res.json().code).toBe('ERR_REPORT_QUEUE_FULL');
    } finally { await busy.close(); }
  });

  test('a renderer failure is a 500 without detail', async () => {
    const broken = await build({ reports: { renderPdf: async () => { throw new Error('Chromium crashed at /usr/lib/chromium/x.so: SELECT * FROM secrets'); }, close: async () => {} } });
    try {
      const admin = await setupAdmin(broken.app, true);
      const res = await admin.get('/api/assessments/1/report');
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toMatch(/chromium|SELECT|\/usr/i);
      expect(res.json().code).toBe('ERR_INTERNAL');
    } finally { await broken.close(); }
  });

  test("another consultant cannot download it", async () => {
    expect((await cleo.get(`/api/assessments/${assessmentId}/report`)).statusCode).toBe(404);
  });
});
