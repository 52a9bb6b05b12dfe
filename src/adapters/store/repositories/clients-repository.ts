import type { Database } from 'better-sqlite3';

export interface Client {
  id: number;
  name: string;
  industry: string | null;
  size: string | null;
  country: string | null;
  isDemo: boolean;
  /** An executive's anonymous self-assessment (migration 002): invisible to consultants. */
  isSelfAssessment: boolean;
  createdAt: string;
}
export type MemberRole = 'owner' | 'member';
export interface ClientMember {
  userId: number;
  name: string;
  email: string;
  role: MemberRole;
}
export interface ClientFields {
  name: string;
  industry?: string | null;
  size?: string | null;
  country?: string | null;
}

interface ClientRow { id: number; name: string; industry: string | null; size: string | null; country: string | null; is_demo: number; kind: 'client' | 'self-assessment'; created_at: string }
const toClient = (r: ClientRow): Client => ({ id: r.id, name: r.name, industry: r.industry, size: r.size, country: r.country, isDemo: r.is_demo === 1, isSelfAssessment: r.kind === 'self-assessment', createdAt: r.created_at });

export function createClientsRepository(db: Database) {
  const byId = db.prepare<[number], ClientRow>('SELECT * FROM clients WHERE id = ?');
  // Self-assessments hang off clients of their own that no consultant, not even an admin, sees.
  const all = db.prepare<[], ClientRow>("SELECT * FROM clients WHERE kind = 'client' ORDER BY lower(name), id");
  const forUser = db.prepare<[number], ClientRow>('SELECT c.* FROM clients c JOIN client_members m ON m.client_id = c.id WHERE m.user_id = ? ORDER BY lower(c.name), c.id');
  const insert = db.prepare('INSERT INTO clients (name, industry, size, country, is_demo, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const update = db.prepare('UPDATE clients SET name = ?, industry = ?, size = ?, country = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM clients WHERE id = ?');
  const members = db.prepare<[number], { user_id: number; name: string; email: string; role: MemberRole }>(
    'SELECT m.user_id, u.name, u.email, m.role FROM client_members m JOIN users u ON u.id = m.user_id WHERE m.client_id = ? ORDER BY m.role DESC, lower(u.name)');
  const roleOf = db.prepare<[number, number], { role: MemberRole }>('SELECT role FROM client_members WHERE client_id = ? AND user_id = ?');
  const upsertMember = db.prepare('INSERT INTO client_members (client_id, user_id, role) VALUES (?, ?, ?) ON CONFLICT (client_id, user_id) DO UPDATE SET role = excluded.role');
  const removeMember = db.prepare('DELETE FROM client_members WHERE client_id = ? AND user_id = ?');
  const ownerCount = db.prepare<[number], { n: number }>("SELECT count(*) AS n FROM client_members WHERE client_id = ? AND role = 'owner'");

  return {
    find: (id: number) => { const r = byId.get(id); return r ? toClient(r) : undefined; },
    /** Admins see every client; everyone else the clients they own or were added to. */
    listVisible: (userId: number, isAdmin: boolean) => (isAdmin ? all.all() : forUser.all(userId)).map(toClient),
    /** A client always starts with an owner, in the same transaction, so it is never orphaned. */
    create: db.transaction((c: ClientFields & { isDemo?: boolean; createdAt: string }, ownerId: number): number => {
      const id = Number(insert.run(c.name, c.industry ?? null, c.size ?? null, c.country ?? null, c.isDemo ? 1 : 0, c.createdAt).lastInsertRowid);
      upsertMember.run(id, ownerId, 'owner');
      return id;
    }),
    update: (id: number, c: ClientFields) => void update.run(c.name, c.industry ?? null, c.size ?? null, c.country ?? null, id),
    remove: (id: number) => void remove.run(id),
    members: (clientId: number): ClientMember[] => members.all(clientId).map((m) => ({ userId: m.user_id, name: m.name, email: m.email, role: m.role })),
    roleOf: (clientId: number, userId: number): MemberRole | undefined => roleOf.get(clientId, userId)?.role,
    setMember: (clientId: number, userId: number, role: MemberRole) => void upsertMember.run(clientId, userId, role),
    removeMember: (clientId: number, userId: number) => void removeMember.run(clientId, userId),
    ownerCount: (clientId: number) => ownerCount.get(clientId)!.n,
  };
}
export type ClientsRepository = ReturnType<typeof createClientsRepository>;
