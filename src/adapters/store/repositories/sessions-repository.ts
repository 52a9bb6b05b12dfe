import type { Database } from 'better-sqlite3';
import { toUser, type UserWithHash } from './users-repository.ts';

export interface SessionRecord {
  idHash: string;
  userId: number;
  csrfToken: string;
  expiresAt: string;
}

export function createSessionsRepository(db: Database) {
  const insert = db.prepare('INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)');
  // One read per authenticated request: the session, its user, and whether either is no longer valid.
  const active = db.prepare<[string, string], Record<string, unknown>>(`
    SELECT s.id_hash AS s_id_hash, s.csrf_token AS s_csrf_token, s.expires_at AS s_expires_at, u.*
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND u.disabled_at IS NULL`);
  const revoke = db.prepare('UPDATE sessions SET revoked_at = ? WHERE id_hash = ? AND revoked_at IS NULL');
  const revokeUser = db.prepare('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND id_hash != ? AND revoked_at IS NULL');
  const purge = db.prepare('DELETE FROM sessions WHERE expires_at <= ? OR revoked_at IS NOT NULL AND revoked_at <= ?');
  return {
    create: (s: SessionRecord & { createdAt: string }) => void insert.run(s.idHash, s.userId, s.csrfToken, s.createdAt, s.expiresAt),
    findActive(idHash: string, now: string): { session: SessionRecord; user: UserWithHash } | undefined {
      const r = active.get(idHash, now);
      if (!r) return undefined;
      const user = toUser(r as never);
      return { user, session: { idHash: r.s_id_hash as string, userId: user.id, csrfToken: r.s_csrf_token as string, expiresAt: r.s_expires_at as string } };
    },
    revoke: (idHash: string, at: string) => void revoke.run(at, idHash),
    /** Ends every session of a user, except (optionally) the one making the request. */
    revokeAllForUser: (userId: number, at: string, exceptIdHash = '') => revokeUser.run(at, userId, exceptIdHash).changes,
    purge: (now: string, revokedBefore: string) => purge.run(now, revokedBefore).changes,
  };
}
export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
