/**
 * Counts wrong invitation tokens per client address in a fixed window. Guessing a 256-bit token is
 * hopeless anyway; this keeps a scanner from even trying, without limiting a whole workshop that
 * shares one office address (valid links are limited per link instead).
 */
export interface MissLimiter {
  /** True while this address has used up its wrong guesses for the window. */
  blocked(ip: string): boolean;
  record(ip: string): void;
}

export function createMissLimiter(max: number, windowMs: number, now: () => number): MissLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const current = (ip: string) => {
    const t = now();
    let w = windows.get(ip);
    if (!w || w.resetAt <= t) {
      // Old windows are dropped as they are met, so the map holds only recent addresses.
      if (windows.size > 10_000) for (const [k, v] of windows) if (v.resetAt <= t) windows.delete(k);
      w = { count: 0, resetAt: t + windowMs };
      windows.set(ip, w);
    }
    return w;
  };
  return {
    blocked: (ip) => current(ip).count >= max,
    record: (ip) => { current(ip).count++; },
  };
}
