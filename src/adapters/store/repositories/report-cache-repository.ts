import type { Database } from 'better-sqlite3';

/** Rendered PDFs by cache key. Bounded: old versions of an assessment's reports are dropped as new ones arrive. */
export function createReportCacheRepository(db: Database, maxEntries = 500) {
  const get = db.prepare<[string], { pdf: Buffer }>('SELECT pdf FROM report_cache WHERE cache_key = ?');
  const touch = db.prepare('UPDATE report_cache SET last_used_at = ? WHERE cache_key = ?');
  const put = db.prepare(`INSERT INTO report_cache (cache_key, assessment_id, input_hash, pdf, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (cache_key) DO UPDATE SET pdf = excluded.pdf, last_used_at = excluded.last_used_at`);
  // A PDF of answers that have since changed will never be asked for again.
  const dropStale = db.prepare('DELETE FROM report_cache WHERE assessment_id = ? AND input_hash != ?');
  const trim = db.prepare(`DELETE FROM report_cache WHERE cache_key IN (
    SELECT cache_key FROM report_cache ORDER BY last_used_at DESC LIMIT -1 OFFSET ?)`);
  const count = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM report_cache WHERE assessment_id = ?');
  return {
    get(key: string, at: string): Buffer | undefined {
      const row = get.get(key);
      if (row) touch.run(at, key);
      return row?.pdf;
    },
    put: db.transaction((e: { key: string; assessmentId: number; inputHash: string; pdf: Buffer; at: string }) => {
      dropStale.run(e.assessmentId, e.inputHash);
      put.run(e.key, e.assessmentId, e.inputHash, e.pdf, e.at, e.at);
      trim.run(maxEntries);
    }),
    countFor: (assessmentId: number) => count.get(assessmentId)!.n,
  };
}
export type ReportCacheRepository = ReturnType<typeof createReportCacheRepository>;
