import Foundation

/// The store's schema, one migration per change, forward only: a store made by an older Ferry is
/// upgraded on open. Each migration is SQL whose SHA-256 is recorded when it runs
/// (``StoreMigrations/check(_:)``), so a migration edited after it ran, or a store written by a
/// newer Ferry, is refused by name instead of half-working.
enum StoreMigrations {
    /// One change of the schema: its name (the order is the list's) and its SQL.
    struct Migration {
        let name: String
        let sql: String
    }

    /// Every migration, oldest first. Never edit one that has shipped: add a new one.
    static let all: [Migration] = [
        Migration(
            name: "v1",
            sql: """
                CREATE TABLE bundle (
                    name TEXT NOT NULL, version TEXT NOT NULL, digest TEXT NOT NULL UNIQUE,
                    plugin TEXT NOT NULL, plugin_version TEXT NOT NULL, target TEXT NOT NULL,
                    signer TEXT, parent_run TEXT, data_fingerprint TEXT NOT NULL, path TEXT NOT NULL,
                    registered_at TEXT NOT NULL, registered_by TEXT NOT NULL,
                    stage TEXT NOT NULL CHECK (stage IN ('staging', 'production', 'archived')),
                    stage_changed_at TEXT NOT NULL, stage_changed_by TEXT NOT NULL,
                    PRIMARY KEY (name, version));
                CREATE TABLE stage_change (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, version TEXT NOT NULL,
                    from_stage TEXT, to_stage TEXT NOT NULL, changed_at TEXT NOT NULL, changed_by TEXT NOT NULL,
                    FOREIGN KEY (name, version) REFERENCES bundle (name, version));
                CREATE TABLE alias (
                    name TEXT NOT NULL, alias TEXT NOT NULL, version TEXT NOT NULL, set_at TEXT NOT NULL, set_by TEXT NOT NULL,
                    PRIMARY KEY (name, alias), FOREIGN KEY (name, version) REFERENCES bundle (name, version));
                CREATE TABLE run (
                    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, plugin TEXT NOT NULL, plugin_version TEXT NOT NULL,
                    target TEXT NOT NULL, seed INTEGER NOT NULL, parameters TEXT NOT NULL, metrics TEXT NOT NULL,
                    data_fingerprint TEXT NOT NULL, bundle_digest TEXT);
                CREATE TABLE batch (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, model TEXT NOT NULL, version TEXT NOT NULL, as_of TEXT NOT NULL,
                    created_at TEXT NOT NULL, rows INTEGER NOT NULL, UNIQUE (model, version, as_of));
                CREATE TABLE prediction (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, model TEXT NOT NULL, version TEXT NOT NULL, variant TEXT,
                    caller TEXT, instrument TEXT NOT NULL, as_of TEXT NOT NULL, value REAL, source TEXT NOT NULL,
                    batch_id INTEGER REFERENCES batch (id), created_at TEXT NOT NULL);
                CREATE INDEX prediction_by_model ON prediction (model, as_of);
                CREATE TABLE outcome (
                    instrument TEXT NOT NULL, as_of TEXT NOT NULL, value REAL NOT NULL, recorded_at TEXT NOT NULL,
                    PRIMARY KEY (instrument, as_of));
                """),
        Migration(
            name: "v2-tokens",
            sql: """
                CREATE TABLE token (
                    id TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE,
                    role TEXT NOT NULL CHECK (role IN ('read', 'predict', 'admin')), name TEXT NOT NULL,
                    created_at TEXT NOT NULL, created_by TEXT NOT NULL);
                """),
        // Outcomes are kept per target (`next_return`, `next_direction`, ...): two models of one
        // instrument may predict different things. Rows from v1 had none and keep an empty one.
        Migration(
            name: "v3-outcome-target",
            sql: """
                CREATE TABLE outcome_by_target (
                    instrument TEXT NOT NULL, as_of TEXT NOT NULL, target TEXT NOT NULL, value REAL NOT NULL,
                    recorded_at TEXT NOT NULL, PRIMARY KEY (instrument, as_of, target));
                INSERT INTO outcome_by_target SELECT instrument, as_of, '', value, recorded_at FROM outcome;
                DROP TABLE outcome;
                ALTER TABLE outcome_by_target RENAME TO outcome;
                """),
        // Where a bundle was pulled from (an OCI reference pinned to its manifest digest); null
        // for bundles added from a file.
        Migration(name: "v4-bundle-source", sql: "ALTER TABLE bundle ADD COLUMN source TEXT"),
        // What monitoring grades do (issue 23): a policy per model, pauses per alias, every grade
        // of a version, and every action taken or forced, with the report behind it.
        Migration(
            name: "v5-status-policy",
            sql: """
                CREATE TABLE model_policy (
                    name TEXT PRIMARY KEY, on_red TEXT NOT NULL CHECK (on_red IN ('rollback', 'pause', 'none')),
                    on_yellow TEXT NOT NULL CHECK (on_yellow IN ('shadow', 'none')), webhook TEXT,
                    log_line INTEGER NOT NULL, set_at TEXT NOT NULL, set_by TEXT NOT NULL);
                CREATE TABLE model_pause (
                    name TEXT NOT NULL, alias TEXT NOT NULL, reason TEXT NOT NULL, status TEXT NOT NULL,
                    set_at TEXT NOT NULL, set_by TEXT NOT NULL, PRIMARY KEY (name, alias));
                CREATE TABLE model_grade (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, version TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('green', 'yellow', 'red')), deciding_metric TEXT,
                    pairs INTEGER NOT NULL, graded_at TEXT NOT NULL, FOREIGN KEY (name, version) REFERENCES bundle (name, version));
                CREATE INDEX model_grade_by_version ON model_grade (name, version, id);
                CREATE TABLE policy_action (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, alias TEXT NOT NULL, kind TEXT NOT NULL,
                    status TEXT NOT NULL, from_version TEXT, to_version TEXT, reason TEXT NOT NULL, report TEXT,
                    at TEXT NOT NULL, by TEXT NOT NULL);
                """),
        // The stream consumer's deliveries (issue 19): which stream entry each logged prediction
        // answered, unique, so an entry redelivered after a crash is never logged twice.
        Migration(
            name: "v6-stream-delivery",
            sql: """
                CREATE TABLE stream_delivery (
                    stream TEXT NOT NULL, entry_id TEXT NOT NULL, prediction_id INTEGER NOT NULL REFERENCES prediction (id),
                    PRIMARY KEY (stream, entry_id));
                """),
        // The audit trail (issue 21): every registry change, who, when, why, before and after, each
        // record's hash chaining it to the one before (`Store+Audit`).
        Migration(
            name: "v7-audit",
            sql: """
                CREATE TABLE audit (
                    id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, subject TEXT NOT NULL,
                    previous TEXT, value TEXT, reason TEXT, hash TEXT NOT NULL);
                CREATE INDEX audit_by_subject ON audit (subject, id);
                """),
        // Settings of the store itself (issue 21), such as whether it takes only signed bundles;
        // every change is in the audit trail.
        Migration(
            name: "v8-store-setting",
            sql: """
                CREATE TABLE store_setting (
                    name TEXT PRIMARY KEY, value TEXT NOT NULL, set_at TEXT NOT NULL, set_by TEXT NOT NULL);
                """),
    ]

    /// The names of every migration, oldest first.
    static var names: [String] { all.map(\.name) }
}

extension StoreMigrations.Migration {
    /// The migration's SQL in `dialect`: as written (SQLite's) or with PostgreSQL's column types:
    /// 64-bit integers, identity keys, doubles, and text compared byte by byte (`COLLATE "C"`, as
    /// SQLite compares it), so both backends sort and match alike.
    func sql(for dialect: SQLDialect) -> String {
        switch dialect {
        case .sqlite:
            return sql
        case .postgres:
            return
                sql
                .replacingOccurrences(of: "INTEGER PRIMARY KEY AUTOINCREMENT", with: "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
                .replacingOccurrences(of: "INTEGER", with: "BIGINT")
                .replacingOccurrences(of: " REAL", with: " DOUBLE PRECISION")
                .replacingOccurrences(of: " TEXT", with: " TEXT COLLATE \"C\"")
        }
    }

    /// ``sql(for:)`` one statement at a time (no statement here has a `;` inside).
    func statements(for dialect: SQLDialect) -> [String] {
        sql(for: dialect).split(separator: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }
}
