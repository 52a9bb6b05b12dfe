// The floor for the autosave benchmark: a bare fastify route doing the same durable SQLite write
// (WAL, synchronous=FULL, one upsert per request) with no validation, auth or logic.
import Fastify from 'fastify';
import Database from 'better-sqlite3';

const [dbPath] = process.argv.slice(2);
const db = new Database(dbPath!);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('CREATE TABLE IF NOT EXISTS answers (token TEXT, question_id TEXT, value_json TEXT, updated_at TEXT, PRIMARY KEY (token, question_id))');
const upsert = db.prepare('INSERT INTO answers VALUES (?, ?, ?, ?) ON CONFLICT (token, question_id) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at');
const app = Fastify({ logger: false });
app.put<{ Params: { token: string; q: string }; Body: { value: unknown } }>('/api/r/:token/answers/:q', async (req) => {
  upsert.run(req.params.token, req.params.q, JSON.stringify(req.body.value), new Date().toISOString());
  return { ok: true };
});
const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.stderr.write(`running at ${address}\n`);
process.on('SIGTERM', () => { void app.close().then(() => { db.close(); process.exit(0); }); });
