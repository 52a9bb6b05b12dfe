import type { Database } from 'better-sqlite3';

export interface User {
  id: number;
  email: string;
  name: string;
  isAdmin: boolean;
  mustChangePassword: boolean;
  disabledAt: string | null;
  createdAt: string;
}
export interface UserWithHash extends User {
  passwordHash: string;
}

interface UserRow {
  id: number;
  email: string;
  name: string;
  password_hash: string;
  is_admin: number;
  must_change_password: number;
  disabled_at: string | null;
  created_at: string;
}

export function toUser(r: UserRow): UserWithHash {
  return {
    id: r.id, email: r.email, name: r.name, passwordHash: r.password_hash, isAdmin: r.is_admin === 1,
    mustChangePassword: r.must_change_password === 1, disabledAt: r.disabled_at, createdAt: r.created_at,
  };
}

/** Strips the hash before a user leaves the store layer for a response. */
export function publicUser(u: UserWithHash | User): User {
  const { passwordHash: _hash, ...rest } = u as UserWithHash;
  return rest;
}

export function createUsersRepository(db: Database) {
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users');
  const byEmail = db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?');
  const byId = db.prepare<[number], UserRow>('SELECT * FROM users WHERE id = ?');
  const all = db.prepare<[], UserRow>('SELECT * FROM users ORDER BY lower(name), id');
  const insert = db.prepare('INSERT INTO users (email, name, password_hash, is_admin, must_change_password, created_at) VALUES (@email, @name, @passwordHash, @isAdmin, @mustChange, @createdAt)');
  const setPassword = db.prepare('UPDATE users SET password_hash = ?, must_change_password = ? WHERE id = ?');
  const setDisabled = db.prepare('UPDATE users SET disabled_at = ? WHERE id = ?');
  return {
    count: () => count.get()!.n,
    findByEmail: (email: string) => { const r = byEmail.get(email); return r ? toUser(r) : undefined; },
    find: (id: number) => { const r = byId.get(id); return r ? toUser(r) : undefined; },
    list: () => all.all().map((r) => publicUser(toUser(r))),
    create(u: { email: string; name: string; passwordHash: string; isAdmin: boolean; mustChangePassword: boolean; createdAt: string }): number {
      return Number(insert.run({ email: u.email, name: u.name, passwordHash: u.passwordHash, isAdmin: u.isAdmin ? 1 : 0, mustChange: u.mustChangePassword ? 1 : 0, createdAt: u.createdAt }).lastInsertRowid);
    },
    setPassword: (id: number, hash: string, mustChange: boolean) => void setPassword.run(hash, mustChange ? 1 : 0, id),
    setDisabled: (id: number, at: string | null) => void setDisabled.run(at, id),
  };
}
export type UsersRepository = ReturnType<typeof createUsersRepository>;
