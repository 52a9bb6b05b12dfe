import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fakeRenderer, valueFor } from '../http/answer-helpers.ts';
import { Agent, build, invite, QUESTIONNAIRE, scorableQuestionnaire, setupAdmin, type TestApp } from '../http/helpers.ts';

/**
 * Download names are built from the client's name (and the assessment's title, or a self-assessment's
 * organisation): whatever those hold, the Content-Disposition header must stay one header, name a
 * plain file in the download folder, and not pretend to be another kind of file.
 */
const HOSTILE_NAMES = [
  'Acme "Quoted" Ltd',
  'Evil\r\nSet-Cookie: pwned=1',
  'Evil\nContent-Type: text/html',
  '../../etc/passwd',
  '..\\..\\Windows\\win.ini',
  '..',
  '.hidden',
  '"; filename*=UTF-8\'\'evil.exe',
  "O'Brien (Holdings) *",
  '报告 Ünïcödé 株式会社',
  'Invoice\u202egpj.exe',
  'zero\u200bwidth\u2066isolate\u2069',
  'a\u0000b\u0007c',
  '%2e%2e%2fboot.ini',
  'x\ud800y',
  `${'a'.repeat(119)}😀 trailing`,
  '🧑‍🤝‍🧑 emoji team',
];
const EXTENSIONS = ['pdf', 'csv', 'json'];
// RFC 5987 attr-char plus percent escapes: what may appear unencoded in filename*.
const EXT_VALUE = /^UTF-8''(?:[A-Za-z0-9!#$&+\-.^_`|~]|%[0-9A-F]{2})+$/;
const INVISIBLE = /[\p{Cc}\p{Cs}\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;

let t: TestApp;
let admin: Agent;
const q = scorableQuestionnaire();
const question = q.questions.find((x) => x.roles.includes('business') && !x.showIf && x.type !== 'text')!;

beforeAll(async () => {
  t = await build({ reports: fakeRenderer(), rateLimits: { signIn: 10_000, token: 100_000, tokenMisses: 100_000, selfAssessments: 1_000 } });
  admin = await setupAdmin(t.app);
});
afterAll(async () => { await t?.close(); });

/** Every problem with one Content-Disposition value; empty when it is safe. */
function problemsOf(header: string | undefined, ext: string): string[] {
  if (!header) return ['no Content-Disposition header'];
  const out: string[] = [];
  if (!/^[\x20-\x7e]+$/.test(header)) out.push('characters outside printable ASCII (a broken or split header)');
  const m = /^attachment; filename="([^"]*)"; filename\*=(.*)$/.exec(header);
  if (!m) return [...out, `not of the form attachment; filename="…"; filename*=UTF-8''…`];
  const [, ascii, ext5987] = m as unknown as [string, string, string];
  if (!/^[a-z0-9][a-z0-9-]*\.[a-z]+$/.test(ascii)) out.push(`ASCII name ${JSON.stringify(ascii)} is not letters, digits and dashes`);
  if (!ascii.endsWith(`.${ext}`)) out.push(`ASCII name does not end in .${ext}`);
  if (!EXT_VALUE.test(ext5987)) out.push(`filename* ${JSON.stringify(ext5987)} has characters RFC 5987 requires to be percent-encoded`);
  let decoded = '';
  try { decoded = decodeURIComponent(ext5987.replace(/^UTF-8''/, '')); } catch { out.push('filename* does not decode as UTF-8'); }
  if (/[/\\]/.test(decoded)) out.push(`decoded name ${JSON.stringify(decoded)} has a path separator`);
  if (/^[.\s]/.test(decoded) || /(^|[\s])\.\.([\s]|$)/.test(decoded)) out.push(`decoded name ${JSON.stringify(decoded)} starts with a dot or has a ".." part`);
  if (INVISIBLE.test(decoded)) out.push(`decoded name ${JSON.stringify(decoded)} has control, format (bidi) or lone surrogate characters`);
  if (/["*:<>?|]/.test(decoded)) out.push(`decoded name ${JSON.stringify(decoded)} has characters file systems refuse`);
  if (!decoded.endsWith(`.${ext}`) || /\.(exe|js|html?|bat|cmd|scr)\.?$/i.test(decoded.slice(0, -ext.length - 1))) out.push(`decoded name ${JSON.stringify(decoded)} does not plainly end in .${ext}`);
  return out;
}

describe('download file names from hostile client names', () => {
  test('PDF, CSV and JSON downloads of every assessment carry a safe Content-Disposition', async () => {
    const failures: string[] = [];
    for (const name of HOSTILE_NAMES) {
      const client = await admin.post('/api/clients', { name, industry: name.slice(0, 200) });
      expect(client.statusCode, `${JSON.stringify(name)}: ${client.body}`).toBe(201);
      const clientId = (client.json() as { client: { id: number } }).client.id;
      const a = await admin.post(`/api/clients/${clientId}/assessments`, { title: name.slice(0, 200), questionnaire: QUESTIONNAIRE });
      expect(a.statusCode, a.body).toBe(201);
      const id = (a.json() as { assessment: { id: number } }).assessment.id;
      const [link] = await invite(admin, id, [{ role: 'business' }]);
      const saved = await t.app.inject({ method: 'PUT', url: `/api/r/${link!.token}/answers/${question.id}`, payload: { value: valueFor(q, question, 1) } });
      expect(saved.statusCode).toBe(200);
      const share = await admin.post(`/api/assessments/${id}/share-links`, { expiresOn: '2025-06-30' });
      const shareToken = (share.json() as { token: string }).token;

      const downloads: Array<[string, string]> = [
        [`/api/assessments/${id}/report?variant=full&locale=en`, 'pdf'],
        [`/api/assessments/${id}/report?variant=brief&locale=zh-CN`, 'pdf'],
        [`/api/assessments/${id}/export.csv`, 'csv'],
        [`/api/assessments/${id}/export.json`, 'json'],
        [`/api/share/${shareToken}/report`, 'pdf'],
      ];
      for (const [url, ext] of downloads) {
        const res = url.startsWith('/api/share/') ? await t.app.inject({ method: 'GET', url }) : await admin.get(url);
        if (res.statusCode !== 200) { failures.push(`${JSON.stringify(name)} ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`); continue; }
        for (const p of problemsOf(res.headers['content-disposition'] as string | undefined, ext)) failures.push(`${JSON.stringify(name)} ${url.replace(/share\/[^/]+/, 'share/<token>')}: ${p} (${res.headers['content-disposition']})`);
      }
    }
    expect(failures).toEqual([]);
  });

  test("a self-assessment's PDF is named after its organisation, safely", async () => {
    const failures: string[] = [];
    const exec = q.questions.find((x) => x.roles.includes('executive') && !x.showIf && x.type !== 'text')!;
    for (const name of HOSTILE_NAMES) {
      const started = await t.app.inject({ method: 'POST', url: '/api/self-assessments', payload: { locale: 'en', organisation: name.slice(0, 200) } });
      expect(started.statusCode, started.body).toBe(201);
      const { token } = started.json() as { token: string };
      await t.app.inject({ method: 'PUT', url: `/api/r/${token}/answers/${exec.id}`, payload: { value: valueFor(q, exec, 1) } });
      const res = await t.app.inject({ method: 'GET', url: `/api/s/${token}/report` });
      if (res.statusCode !== 200) { failures.push(`${JSON.stringify(name)}: ${res.statusCode} ${res.body.slice(0, 200)}`); continue; }
      for (const p of problemsOf(res.headers['content-disposition'] as string | undefined, 'pdf')) failures.push(`${JSON.stringify(name)}: ${p}`);
    }
    expect(failures).toEqual([]);
  });
});
