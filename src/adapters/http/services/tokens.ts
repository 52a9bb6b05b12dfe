import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits as base64url: invitation links and session ids. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this digest is stored; the token itself exists in the link or the cookie alone. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
