import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TokenHolder } from '../../store/repositories/respondents-repository.ts';
import type { ShareLinkRecord } from '../../store/repositories/share-links-repository.ts';
import { gone, HttpError, notFound } from '../errors.ts';
import type { MissLimiter } from './miss-limiter.ts';
import { hashToken } from './tokens.ts';

const tooManyMisses = () => new HttpError(429, 'ERR_RATE_LIMITED', 'Too many wrong links from this address; wait a minute and try again');

/** Per link and address, like invitation links: a sponsor's page reloads never eat into a colleague's allowance. */
export const tokenRateLimit = (max: number) => ({
  rateLimit: { max, timeWindow: 60_000, keyGenerator: (r: { ip: string; params: unknown }) => `${r.ip}|${String((r.params as { token?: string }).token ?? '').slice(0, 64)}` },
});

/** Share token -> link, or 404 (unknown or revoked: revoking forgets the hash) / 410 (expired). */
export function resolveShareToken(app: FastifyInstance, token: string, ip: string, misses: MissLimiter): ShareLinkRecord {
  if (misses.blocked(ip)) throw tooManyMisses();
  const link = app.services.store.shareLinks.findByTokenHash(hashToken(token));
  if (!link || link.revokedAt) {
    misses.record(ip);
    throw notFound('This link does not work. It may have been withdrawn; ask the person who sent it.');
  }
  if (link.expiresAt <= app.nowIso()) throw gone(`This link expired on ${link.expiresAt.slice(0, 10)}. Ask the person who sent it for a new one.`);
  return link;
}

/**
 * Self-assessment token -> its one respondent, or 404. Only a self-assessment's own token opens
 * its scorecard: a workshop respondent's invitation must never show the whole room's results.
 */
export function resolveSelfToken(app: FastifyInstance, token: string, ip: string, misses: MissLimiter): TokenHolder {
  if (misses.blocked(ip)) throw tooManyMisses();
  const { store } = app.services;
  const holder = store.respondents.findByTokenHash(hashToken(token));
  if (!holder || holder.revokedAt || !store.selfAssessments.isSelfAssessmentClient(holder.assessment.clientId)) {
    misses.record(ip);
    throw notFound('This self-assessment does not exist. It may have been deleted, or the link was copied incompletely.');
  }
  return holder;
}

/** Serves a page behind a link: the status tells a wrong (404) or expired (410) link apart, with the matching page. */
export function sendLinkPage(reply: FastifyReply, check: () => unknown, page: string, expiredPage = 'expired.html'): FastifyReply {
  try {
    check();
  } catch (e) {
    const status = (e as { statusCode?: number }).statusCode;
    if (status === 404) return reply.code(404).type('text/html').sendFile('404.html');
    if (status === 410) return reply.code(410).type('text/html').sendFile(expiredPage);
    throw e;
  }
  // A page behind a credential: no shared cache may keep it.
  return reply.header('cache-control', 'no-store').type('text/html').sendFile(page, { cacheControl: false });
}
