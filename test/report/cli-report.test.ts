import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfInfo, pdfPages, ROOT } from './helpers.ts';

const BIN = path.join(ROOT, 'bin/crm-readiness.js');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'crm-report-cli-'));
function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, 'report', ...args], { cwd: tmp, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('crm-readiness report', () => {
  it('writes the PDF and, on request, the HTML', () => {
    const r = run([path.join(ROOT, 'examples', 'well-prepared.yaml'), '--out', 'out/brief.pdf', '--variant', 'brief', '--locale', 'zh-CN', '--html', 'out/brief.html', '--no-comments']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/wrote .*out\/brief\.html\nwrote .*out\/brief\.pdf \(brief, zh-CN, \d+ KB\)\n$/);
    const pdf = path.join(tmp, 'out/brief.pdf');
    expect(pdfPages(pdf).length).toBeLessThanOrEqual(3);
    expect(pdfInfo(pdf).Author).toBe('crm-readiness');
    expect(existsSync(path.join(tmp, 'out/brief.html'))).toBe(true);
  });

  it('says what is wrong with the command line (exit 2)', () => {
    expect(run(['x.yaml'])).toMatchObject({ code: 2, err: 'report: name the PDF to write with --out report.pdf (or --html report.html for the HTML only)\n' });
    expect(run(['x.yaml', '--out', 'a.pdf', '--variant', 'summary'])).toMatchObject({ code: 2, err: 'report: --variant must be full or brief, received "summary"\n' });
    expect(run(['x.yaml', '--out', 'a.pdf', '--locale', 'fr'])).toMatchObject({ code: 2, err: 'report: --locale must be en or zh-CN, received "fr"\n' });
    expect(run(['x.yaml', '--out', 'a.pdf', '--colour'])).toMatchObject({ code: 2 });
  });

  it('lists the problems of a broken answers file (exit 1) and writes nothing', () => {
    const bad = path.join(tmp, 'bad.yaml');
    writeFileSync(bad, 'questionnaire: crm-readiness@1.0.0\norganisation: {name: X}\nrespondent: {role: it}\nanswers: {NOPE-1: 3}\n');
    const r = run([bad, '--out', 'bad.pdf']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('question "NOPE-1" does not exist');
    expect(existsSync(path.join(tmp, 'bad.pdf'))).toBe(false);
  });

  it('tells people how to get a browser when there is none (exit 3, no stack trace)', () => {
    const r = run([path.join(ROOT, 'examples', 'well-prepared.yaml'), '--out', 'none.pdf'], { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' });
    expect(r.code).toBe(3);
    expect(r.err).toBe('report failed: PUPPETEER_EXECUTABLE_PATH is set to "/nonexistent/chrome", but there is no file there. Point it at a Chromium or Chrome binary, or unset it to use /usr/bin/chromium.\n');
  });
});
