import { existsSync } from 'node:fs';

/** Where Debian, Ubuntu, Fedora, Alpine and the Chrome packages put their browsers, in order of preference. */
export const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/lib/chromium/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
] as const;

export const NO_BROWSER_MESSAGE =
  'no Chromium or Chrome browser was found to print PDF reports. Install one (Debian/Ubuntu: `apt-get install chromium`; ' +
  'or `npx puppeteer browsers install chrome`), or set PUPPETEER_EXECUTABLE_PATH to the browser binary.';

export class BrowserNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BrowserNotFoundError';
  }
}

export interface FindBrowserDeps {
  env?: NodeJS.ProcessEnv;
  exists?: (file: string) => boolean;
  /** puppeteer.executablePath(): the browser puppeteer downloaded itself, if any (it throws when it has none). */
  puppeteerPath?: () => string;
  candidates?: readonly string[];
}

/**
 * The browser that prints reports: PUPPETEER_EXECUTABLE_PATH if set (and it must exist: a wrong
 * setting is an error, not a reason to silently use another browser), then puppeteer's own
 * download, then the system browsers. Throws BrowserNotFoundError with what to install.
 */
export function findBrowser(deps: FindBrowserDeps = {}): string {
  const env = deps.env ?? process.env;
  const exists = deps.exists ?? existsSync;
  const configured = env.PUPPETEER_EXECUTABLE_PATH?.trim();
  if (configured) {
    if (exists(configured)) return configured;
    throw new BrowserNotFoundError(`PUPPETEER_EXECUTABLE_PATH is set to "${configured}", but there is no file there. Point it at a Chromium or Chrome binary, or unset it to use ${SYSTEM_BROWSERS[0]}.`);
  }
  if (deps.puppeteerPath) {
    try {
      const own = deps.puppeteerPath();
      if (own && exists(own)) return own;
    } catch {
      // puppeteer has no downloaded browser of its own: try the system's.
    }
  }
  for (const candidate of deps.candidates ?? SYSTEM_BROWSERS) if (exists(candidate)) return candidate;
  throw new BrowserNotFoundError(NO_BROWSER_MESSAGE);
}
