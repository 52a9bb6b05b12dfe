-- 002: executive self-assessments, sponsor share links and their downloads, the PDF cache,
-- and the status of remediation actions between an assessment and its follow-up.

-- A self-assessment is an anonymous executive's own assessment: it hangs off a client of its own
-- that no consultant sees (not even an admin), and is deleted with it.
ALTER TABLE clients ADD COLUMN kind TEXT NOT NULL DEFAULT 'client' CHECK (kind IN ('client', 'self-assessment'));

-- Read-only links for sponsors. Like invitations, only the sha256 of the token is stored.
CREATE TABLE share_links (
  id               INTEGER PRIMARY KEY,
  assessment_id    INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
  token_hash       TEXT UNIQUE,
  label            TEXT,
  include_comments INTEGER NOT NULL CHECK (include_comments IN (0, 1)),
  expires_at       TEXT NOT NULL,
  revoked_at       TEXT,
  created_by       INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at       TEXT NOT NULL
);
CREATE INDEX share_links_assessment ON share_links(assessment_id);

-- Every PDF served through a share link: when, which link, which report.
CREATE TABLE share_downloads (
  id            INTEGER PRIMARY KEY,
  share_link_id INTEGER NOT NULL REFERENCES share_links(id) ON DELETE CASCADE,
  variant       TEXT NOT NULL CHECK (variant IN ('full', 'brief')),
  locale        TEXT NOT NULL CHECK (locale IN ('en', 'zh-CN')),
  from_cache    INTEGER NOT NULL CHECK (from_cache IN (0, 1)),
  downloaded_at TEXT NOT NULL
);
CREATE INDEX share_downloads_link ON share_downloads(share_link_id);

-- Rendered PDFs, keyed by everything that shapes them (input hash, template version, variant,
-- locale, comments, and for a follow-up the comparison it prints). Answers of the assessment are
-- inside the PDF, so the rows go when the assessment goes.
CREATE TABLE report_cache (
  cache_key     TEXT PRIMARY KEY,
  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
  input_hash    TEXT NOT NULL,
  pdf           BLOB NOT NULL,
  created_at    TEXT NOT NULL,
  last_used_at  TEXT NOT NULL
);
CREATE INDEX report_cache_assessment ON report_cache(assessment_id);

-- What became of each action of an assessment's plan: marked by the consultant before or during
-- the follow-up, and printed in the follow-up's comparison.
CREATE TABLE action_statuses (
  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
  action_id     TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('not-started', 'in-progress', 'done', 'dropped')),
  note          TEXT,
  updated_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (assessment_id, action_id)
) WITHOUT ROWID;

CREATE INDEX assessments_previous ON assessments(previous_assessment_id);
