/** Where a command writes; tests pass their own to capture output without spawning. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  cwd: process.cwd(),
};

/** A usage error: wrong flags or arguments. Exit code 2, message only. */
export class UsageError extends Error {}
