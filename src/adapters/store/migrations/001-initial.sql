-- 001: accounts, sessions, clients, assessments, respondents and their answers.
-- Timestamps are ISO-8601 UTC strings written by the application's clock (tests inject one).

CREATE TABLE users (
  id                   INTEGER PRIMARY KEY,
  email                TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name                 TEXT NOT NULL,
  password_hash        TEXT NOT NULL,
  is_admin             INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
  disabled_at          TEXT,
  created_at           TEXT NOT NULL
);

-- The cookie carries a random 256-bit id; only its sha256 is stored, so a leaked database
-- does not hand out live sessions.
CREATE TABLE sessions (
  id_hash    TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE clients (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  industry   TEXT,
  size       TEXT,
  country    TEXT,
  is_demo    INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  created_at TEXT NOT NULL
);

-- Who may see a client: its owners and members (admins see every client without a row here).
CREATE TABLE client_members (
  client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role      TEXT NOT NULL CHECK (role IN ('owner', 'member')),
  PRIMARY KEY (client_id, user_id)
) WITHOUT ROWID;
CREATE INDEX client_members_user ON client_members(user_id);

CREATE TABLE assessments (
  id                     INTEGER PRIMARY KEY,
  client_id              INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  title                  TEXT NOT NULL,
  questionnaire_id       TEXT NOT NULL,
  questionnaire_version  TEXT NOT NULL,
  locale                 TEXT NOT NULL CHECK (locale IN ('en', 'zh-CN')),
  due_date               TEXT,
  status                 TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  closed_at              TEXT,
  -- A follow-up names the assessment it repeats, so the two can be compared later.
  previous_assessment_id INTEGER REFERENCES assessments(id) ON DELETE SET NULL,
  created_by             INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at             TEXT NOT NULL,
  -- Bumped by every write that changes results, so a polling dashboard can skip unchanged data.
  revision               INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX assessments_client ON assessments(client_id);

-- A respondent either holds an invitation link (token_hash) or was imported from a file.
CREATE TABLE respondents (
  id            INTEGER PRIMARY KEY,
  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
  key           TEXT NOT NULL,
  role          TEXT NOT NULL,
  name          TEXT,
  source        TEXT NOT NULL CHECK (source IN ('invitation', 'import')),
  token_hash    TEXT UNIQUE,
  expires_at    TEXT,
  revoked_at    TEXT,
  locale        TEXT CHECK (locale IN ('en', 'zh-CN')),
  opened_at     TEXT,
  submitted_at  TEXT,
  created_at    TEXT NOT NULL,
  UNIQUE (assessment_id, key)
);

CREATE TABLE answers (
  respondent_id INTEGER NOT NULL REFERENCES respondents(id) ON DELETE CASCADE,
  question_id   TEXT NOT NULL,
  value_json    TEXT NOT NULL,
  support       TEXT CHECK (support IN ('claimed', 'documented', 'demonstrated')),
  comment       TEXT,
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (respondent_id, question_id)
) WITHOUT ROWID;

-- The room's agreed answer per question (workshop mode, or imported from an answers file).
CREATE TABLE consensus (
  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
  question_id   TEXT NOT NULL,
  value_json    TEXT NOT NULL,
  dissent       TEXT,
  updated_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (assessment_id, question_id)
) WITHOUT ROWID;
