import { describe, expect, it } from 'vitest';
import { BrowserNotFoundError, findBrowser, NO_BROWSER_MESSAGE } from '../../src/adapters/report/find-browser.ts';

const has = (...files: string[]) => (f: string) => files.includes(f);

describe('findBrowser', () => {
  it('takes PUPPETEER_EXECUTABLE_PATH first', () => {
    expect(findBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: '/opt/chrome' }, exists: has('/opt/chrome', '/usr/bin/chromium'), puppeteerPath: () => '/p/chrome' })).toBe('/opt/chrome');
  });

  it('says so when PUPPETEER_EXECUTABLE_PATH points nowhere, rather than using another browser', () => {
    expect(() => findBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: '/nope/chrome' }, exists: has('/usr/bin/chromium') }))
      .toThrow('PUPPETEER_EXECUTABLE_PATH is set to "/nope/chrome", but there is no file there. Point it at a Chromium or Chrome binary, or unset it to use /usr/bin/chromium.');
  });

  it("then puppeteer's own download, if the file is there", () => {
    expect(findBrowser({ env: {}, exists: has('/p/chrome', '/usr/bin/chromium'), puppeteerPath: () => '/p/chrome' })).toBe('/p/chrome');
    expect(findBrowser({ env: {}, exists: has('/usr/bin/chromium'), puppeteerPath: () => '/p/chrome' })).toBe('/usr/bin/chromium');
    expect(findBrowser({ env: {}, exists: has('/usr/bin/google-chrome'), puppeteerPath: () => { throw new Error('no browser downloaded'); } })).toBe('/usr/bin/google-chrome');
  });

  it('then the system browsers in order', () => {
    expect(findBrowser({ env: {}, exists: has('/usr/bin/chromium-browser', '/usr/bin/google-chrome') })).toBe('/usr/bin/chromium-browser');
  });

  it('tells people how to install one when there is none', () => {
    const attempt = () => findBrowser({ env: {}, exists: () => false, puppeteerPath: () => '/p/chrome' });
    expect(attempt).toThrow(BrowserNotFoundError);
    expect(attempt).toThrow(NO_BROWSER_MESSAGE);
    expect(NO_BROWSER_MESSAGE).toContain('apt-get install chromium');
    expect(NO_BROWSER_MESSAGE).toContain('PUPPETEER_EXECUTABLE_PATH');
  });
});
