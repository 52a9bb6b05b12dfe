import { createHash } from 'node:crypto';

/** JSON with sorted keys, so equal data always gives equal text (and so an equal hash). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

// Hashing is deterministic computation, not I/O, so it stays in the pure core.
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
