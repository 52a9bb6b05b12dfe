import type { Database } from 'better-sqlite3';

export interface ShareLinkRecord {
  id: number;
  assessmentId: number;
  label: string | null;
  includeComments: boolean;
  expiresAt: string;
  revokedAt: string | null;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: string;
  downloads: number;
  lastDownloadAt: string | null;
}
export interface ShareDownload {
  id: number;
  linkId: number;
  label: string | null;
  variant: 'full' | 'brief';
  locale: 'en' | 'zh-CN';
  fromCache: boolean;
  downloadedAt: string;
}

interface Row {
  id: number; assessment_id: number; label: string | null; include_comments: number; expires_at: string; revoked_at: string | null;
  created_by: number | null; created_by_name: string | null; created_at: string; downloads: number; last_download_at: string | null;
}
const toRecord = (r: Row): ShareLinkRecord => ({
  id: r.id, assessmentId: r.assessment_id, label: r.label, includeComments: r.include_comments === 1, expiresAt: r.expires_at, revokedAt: r.revoked_at,
  createdBy: r.created_by, createdByName: r.created_by_name, createdAt: r.created_at, downloads: r.downloads, lastDownloadAt: r.last_download_at,
});

/** Sponsor share links and the record of what was downloaded through them. */
export function createShareLinksRepository(db: Database) {
  const select = `SELECT l.*, u.name AS created_by_name,
      (SELECT count(*) FROM share_downloads d WHERE d.share_link_id = l.id) AS downloads,
      (SELECT max(downloaded_at) FROM share_downloads d WHERE d.share_link_id = l.id) AS last_download_at
    FROM share_links l LEFT JOIN users u ON u.id = l.created_by`;
  const byId = db.prepare<[number], Row>(`${select} WHERE l.id = ?`);
  const byToken = db.prepare<[string], Row>(`${select} WHERE l.token_hash = ?`);
  const forAssessment = db.prepare<[number], Row>(`${select} WHERE l.assessment_id = ? ORDER BY l.created_at DESC, l.id DESC`);
  const insert = db.prepare(`INSERT INTO share_links (assessment_id, token_hash, label, include_comments, expires_at, created_by, created_at)
    VALUES (@assessmentId, @tokenHash, @label, @includeComments, @expiresAt, @createdBy, @createdAt)`);
  // Revoking forgets the token hash: the link can never work again, whatever happens to the row.
  const revoke = db.prepare('UPDATE share_links SET revoked_at = ?, token_hash = NULL WHERE id = ? AND revoked_at IS NULL');
  const recordDownload = db.prepare('INSERT INTO share_downloads (share_link_id, variant, locale, from_cache, downloaded_at) VALUES (?, ?, ?, ?, ?)');
  const downloads = db.prepare<[number], { id: number; share_link_id: number; label: string | null; variant: 'full' | 'brief'; locale: 'en' | 'zh-CN'; from_cache: number; downloaded_at: string }>(`
    SELECT d.*, l.label FROM share_downloads d JOIN share_links l ON l.id = d.share_link_id
    WHERE l.assessment_id = ? ORDER BY d.downloaded_at DESC, d.id DESC LIMIT 200`);

  return {
    find: (id: number) => { const r = byId.get(id); return r ? toRecord(r) : undefined; },
    findByTokenHash: (hash: string) => { const r = byToken.get(hash); return r ? toRecord(r) : undefined; },
    listForAssessment: (assessmentId: number) => forAssessment.all(assessmentId).map(toRecord),
    create(l: { assessmentId: number; tokenHash: string; label: string | null; includeComments: boolean; expiresAt: string; createdBy: number; createdAt: string }): number {
      return Number(insert.run({ ...l, includeComments: l.includeComments ? 1 : 0 }).lastInsertRowid);
    },
    revoke: (id: number, at: string) => revoke.run(at, id).changes > 0,
    recordDownload: (linkId: number, d: { variant: 'full' | 'brief'; locale: 'en' | 'zh-CN'; fromCache: boolean; at: string }) =>
      void recordDownload.run(linkId, d.variant, d.locale, d.fromCache ? 1 : 0, d.at),
    /** The latest downloads through any link of the assessment, newest first. */
    downloads: (assessmentId: number): ShareDownload[] => downloads.all(assessmentId).map((d) => ({
      id: d.id, linkId: d.share_link_id, label: d.label, variant: d.variant, locale: d.locale, fromCache: d.from_cache === 1, downloadedAt: d.downloaded_at,
    })),
  };
}
export type ShareLinksRepository = ReturnType<typeof createShareLinksRepository>;
