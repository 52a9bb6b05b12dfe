import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { SessionRecord } from '../../store/repositories/sessions-repository.ts';
import type { UserWithHash } from '../../store/repositories/users-repository.ts';
import { forbidden, HttpError, unauthorized } from '../errors.ts';
import { generateToken, hashToken, safeEqual } from '../services/tokens.ts';

export const SESSION_COOKIE = 'crm_sid';
export const CSRF_HEADER = 'x-csrf-token';
const SESSION_DAYS = 7;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface Auth {
  user: UserWithHash;
  session: SessionRecord;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: Auth | null;
  }
  interface FastifyInstance {
    /** onRequest hook (before body validation, so anonymous callers learn nothing): a signed-in, enabled consultant; checks the CSRF token on writes. */
    requireUser(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    requireAdmin(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    /** Starts a session for the user: sets the cookie, returns the CSRF token the UI sends back. */
    startSession(reply: FastifyReply, userId: number): string;
    endSession(request: FastifyRequest, reply: FastifyReply): void;
  }
  interface FastifyContextConfig {
    /** Routes a user who must change their password may still use. */
    beforePasswordChange?: boolean;
  }
}

/** The signed-in user; only call it in handlers behind requireUser. */
export function authOf(request: FastifyRequest): Auth {
  if (!request.auth) throw unauthorized();
  return request.auth;
}

export default fp(async (app) => {
  const { store, secureCookies } = app.services;
  app.decorateRequest('auth', null);

  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: secureCookies };

  function loadAuth(request: FastifyRequest): Auth | null {
    const sid = request.cookies[SESSION_COOKIE];
    if (!sid || sid.length > 200) return null;
    return store.sessions.findActive(hashToken(sid), app.nowIso()) ?? null;
  }

  app.decorate('requireUser', async (request: FastifyRequest) => {
    const auth = loadAuth(request);
    if (!auth) throw unauthorized('Sign in first; your session has ended or was signed out');
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, auth.session.csrfToken)) {
        throw new HttpError(403, 'ERR_CSRF', 'The security token is missing or stale; reload the page and try again');
      }
    }
    if (auth.user.mustChangePassword && !request.routeOptions.config.beforePasswordChange) {
      throw forbidden('Choose a new password first');
    }
    request.auth = auth;
  });

  app.decorate('requireAdmin', async function (this: unknown, request: FastifyRequest, reply: FastifyReply) {
    await app.requireUser(request, reply);
    if (!request.auth!.user.isAdmin) throw forbidden('Only an admin can do this');
  });

  app.decorate('startSession', (reply: FastifyReply, userId: number) => {
    const sid = generateToken();
    const csrfToken = generateToken();
    const now = app.services.now();
    const expires = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
    store.sessions.create({ idHash: hashToken(sid), userId, csrfToken, createdAt: now.toISOString(), expiresAt: expires.toISOString() });
    reply.setCookie(SESSION_COOKIE, sid, { ...cookieOptions, expires });
    return csrfToken;
  });

  app.decorate('endSession', (request: FastifyRequest, reply: FastifyReply) => {
    const sid = request.cookies[SESSION_COOKIE];
    if (sid) store.sessions.revoke(hashToken(sid), app.nowIso());
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
  });
}, { name: 'auth', dependencies: ['services', '@fastify/cookie'] });
