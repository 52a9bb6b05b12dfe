import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createPdfRenderer, type PdfRenderer } from '../../src/adapters/report/create-pdf-renderer.ts';
import { createReportService, type ReportService } from '../../src/adapters/report/report-service.ts';
import { pdfPages, request, saveTemp, scoreFixtureText, squash } from './helpers.ts';

/**
 * Respondent text is data, never markup. Every vector below is planted in every free-text field a
 * person fills in; a listener on 127.0.0.1 must see no request at all, the payloads must come out
 * of pdftotext as the literal text that was typed, and nothing of /etc/passwd may appear.
 */
let server: http.Server;
const hits: string[] = [];
let origin = '';

beforeAll(async () => {
  server = http.createServer((req, res) => { hits.push(`${req.method} ${req.url}`); res.end('pwned'); });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => { server.close(); });

const vectors = (tag: string) => [
  `<img src=${origin}/${tag}/img>`,
  `<link rel=prefetch href=${origin}/${tag}/prefetch>`,
  `<meta http-equiv=refresh content="0;url=${origin}/${tag}/refresh">`,
  `<style>@import url(${origin}/${tag}/import);</style>`,
  `<iframe src=file:///etc/passwd></iframe>`,
  `<script>fetch('${origin}/${tag}/script')</script>`,
  `<svg onload="fetch('${origin}/${tag}/svg')"></svg>`,
  `<div style="background:url(${origin}/${tag}/bg)">x</div>`,
  `</script><script>location='${origin}/${tag}/break'</script>`,
  `{{constructor}} {{{t}}} ${tag}`,
];

/** The same hostile text in every field a person types: client, assessment, names, comments, free text, dissent. */
function hostileAnswers(): string {
  const all = (tag: string) => vectors(tag).join(' ');
  const respondent = (id: string, role: string, extra: Record<string, unknown>) => ({ id, role, name: vectors(`name-${id}`)[0], answers: extra });
  return stringify({
    questionnaire: 'report-fixture@1.0.0',
    organisation: { name: vectors('client')[0]!, industry: vectors('industry')[3]!, size: vectors('size')[0]!.slice(0, 100), country: vectors('country')[4]! },
    assessment: { title: vectors('title')[2]! },
    respondents: [
      respondent('a', 'project-manager', {
        'STR-01': { value: 2, comment: all('comment-pm') },
        'STR-02': { value: 'no', comment: all('comment-sponsor') },
        'STR-03': all('freetext-pm'),
        'IMP-01': { value: 'big-bang', support: 'claimed', comment: all('comment-bigbang') },
        'VEN-01': { value: 'yes', comment: all('comment-vendor') },
      }),
      respondent('b', 'project-manager', { 'STR-01': 1, 'STR-02': 'no', 'STR-03': { value: all('freetext-pm2'), comment: all('comment-text') }, 'IMP-01': 'big-bang', 'VEN-01': 'yes' }),
      respondent('c', 'end-user', { 'STR-03': all('freetext-enduser'), 'IMP-02': { value: 0, comment: all('comment-lone') } }),
    ],
    consensus: { 'STR-01': { value: 1, dissent: all('dissent') } },
  });
}

describe('respondent text in the report', () => {
  let service: ReportService;
  beforeAll(() => { service = createReportService({ concurrency: 2 }); });
  afterAll(async () => { await service.close(); });

  for (const locale of ['en', 'zh-CN'] as const) {
    it(`stays literal text and triggers no request (${locale})`, async () => {
      hits.length = 0;
      const scored = scoreFixtureText(hostileAnswers());
      const [full, brief] = await Promise.all([service.renderPdf(request(scored, 'full', locale)), service.renderPdf(request(scored, 'brief', locale))]);
      await new Promise((r) => setTimeout(r, 500)); // time for a late refresh or prefetch to arrive
      expect(hits).toEqual([]);

      const text = squash(pdfPages(saveTemp(full, `hostile-${locale}`)).join('\n'));
      for (const tag of ['comment-pm', 'comment-sponsor', 'comment-bigbang', 'comment-vendor', 'comment-text', 'comment-lone', 'freetext-pm', 'freetext-pm2', 'freetext-enduser', 'dissent']) {
        for (const payload of vectors(tag)) expect(text, `${tag}: ${payload}`).toContain(squash(payload));
      }
      expect(text).toContain(squash(vectors('client')[0]!));
      expect(text).toContain(squash(vectors('title')[2]!));
      expect(text).toContain(squash(vectors('industry')[3]!));
      expect(text).toContain(squash(vectors('country')[4]!));
      // names are never printed at all
      expect(text).not.toContain('name-a');
      expect(text).not.toMatch(/root:x?:0:0/);

      const briefText = squash(pdfPages(saveTemp(brief, `hostile-brief-${locale}`)).join('\n'));
      expect(briefText).toContain(squash(vectors('client')[0]!));
      expect(briefText).not.toMatch(/root:x?:0:0/);
    });
  }
});

describe('the page walls, without escaping to hide behind', () => {
  // Raw markup goes straight to the renderer, as if escaping had failed: interception, offline mode
  // and the CSP must each hold. Meta refresh is the case CSP alone would let through.
  let renderer: PdfRenderer;
  const blocked: string[] = [];
  beforeAll(() => { renderer = createPdfRenderer({ poolSize: 1, timeoutMs: 20_000, onBlockedRequest: (url) => blocked.push(url) }); });
  afterAll(async () => { await renderer.close(); });

  const page = (csp: boolean) => `<!DOCTYPE html><html><head><meta charset="utf-8">${csp ? `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; script-src 'nonce-abc'">` : ''}
    <title>walls</title></head><body><p>walls ${csp ? 'with' : 'without'} CSP</p>${vectors(csp ? 'raw-csp' : 'raw').join('\n')}
    <object data="${origin}/object"></object><video poster="${origin}/poster"></video><link rel=stylesheet href="${origin}/css">
    <script nonce="abc">fetch('${origin}/nonced-fetch').catch(() => {}); new Image().src = '${origin}/nonced-img';</script></body></html>`;

  for (const csp of [true, false]) {
    it(`${csp ? 'with' : 'without'} the CSP, nothing reaches the network and no file is read`, async () => {
      hits.length = 0;
      const pdf = await renderer.render(page(csp), { format: 'A4' }, { waitForCharts: false });
      await new Promise((r) => setTimeout(r, 500));
      expect(hits).toEqual([]);
      const text = pdfPages(saveTemp(pdf, 'walls')).join('\n');
      expect(text).toContain(`walls ${csp ? 'with' : 'without'} CSP`);
      expect(text).not.toMatch(/root:x?:0:0|pwned/);
    });
  }

  it('interception saw (and stopped) the attempts that got as far as a request', () => {
    expect(blocked.some((u) => u.startsWith(origin))).toBe(true);
    expect(renderer.stats().blockedRequests).toBe(blocked.length);
  });
});
