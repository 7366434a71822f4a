import Foundation
import SQLKit

/// Numbered schema changes, applied in order at start, each in its own transaction.
/// A migration, once released, is never edited: a change is a new number.
enum Migrations {
    static let all: [(version: Int, name: String, statements: [String])] = [
        (1, "plans, actions and measures", [
            """
            CREATE TABLE organisations (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE inspections (
                id INTEGER PRIMARY KEY,
                organisation_id INTEGER NOT NULL REFERENCES organisations(id),
                kind TEXT NOT NULL,
                start_date TEXT NOT NULL,
                published_date TEXT,
                judgements TEXT NOT NULL,
                recommendations TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE plans (
                id INTEGER PRIMARY KEY,
                organisation_id INTEGER NOT NULL REFERENCES organisations(id),
                title TEXT NOT NULL,
                kind TEXT NOT NULL,
                inspection_id INTEGER REFERENCES inspections(id),
                period_start TEXT,
                period_end TEXT,
                update_cycle TEXT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1
            )
            """,
            "CREATE INDEX plans_organisation ON plans(organisation_id)",
            """
            CREATE TABLE themes (
                id INTEGER PRIMARY KEY,
                organisation_id INTEGER NOT NULL REFERENCES organisations(id),
                plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                ref TEXT NOT NULL,
                title TEXT NOT NULL
            )
            """,
            "CREATE INDEX themes_plan ON themes(plan_id)",
            """
            CREATE TABLE areas (
                id INTEGER PRIMARY KEY,
                organisation_id INTEGER NOT NULL REFERENCES organisations(id),
                plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
                theme_id INTEGER NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                ref TEXT NOT NULL,
                title TEXT NOT NULL,
                recommendation_number INTEGER,
                improvement_lead TEXT NOT NULL,
                core_focus TEXT NOT NULL,
                issues TEXT NOT NULL,
                objectives TEXT NOT NULL,
                why_it_matters TEXT NOT NULL,
                what_good_looks_like TEXT NOT NULL
            )
            """,
            "CREATE INDEX areas_plan ON areas(plan_id)",
            """
            CREATE TABLE actions (
                id INTEGER PRIMARY KEY,
                organisation_id INTEGER NOT NULL REFERENCES organisations(id),
                plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
                area_id INTEGER NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                ref TEXT NOT NULL,
                title TEXT NOT NULL,
                outcome TEXT NOT NULL,
                leads TEXT NOT NULL,
                start_date TEXT,
                due_date TEXT,
                reprogrammings TEXT NOT NULL,
                status TEXT NOT NULL,
                percent_complete INTEGER NOT NULL CHECK (percent_complete BETWEEN 0 AND 100),
                completed_on TEXT,
                evidence TEXT NOT NULL,
                difference TEXT,
                rating_override TEXT,
                version INTEGER NOT NULL DEFAULT 1
            )
            """,
            "CREATE INDEX actions_plan ON actions(plan_id, position)",
            """
            CREATE TABLE milestones (
                id INTEGER PRIMARY KEY,
                organisation_id INTEGER NOT NULL REFERENCES organisations(id),
                action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                title TEXT NOT NULL,
                due_date TEXT,
                completed_on TEXT
            )
            """,
            "CREATE INDEX milestones_action ON milestones(action_id, position)",
            """
            CREATE TABLE progress_updates (
                id INTEGER PRIMARY KEY,
                organisation_id INTEGER NOT NULL REFERENCES organisations(id),
                action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
                date TEXT NOT NULL,
                author TEXT NOT NULL,
                text TEXT NOT NULL,
                percent_complete INTEGER,
                status TEXT,
                recorded_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX progress_updates_action ON progress_updates(action_id, date, id)",
            """
            CREATE TABLE measures (
                id INTEGER PRIMARY KEY,
                organisation_id INTEGER NOT NULL REFERENCES organisations(id),
                code TEXT NOT NULL,
                title TEXT NOT NULL,
                definition TEXT NOT NULL,
                numerator_text TEXT NOT NULL,
                denominator_text TEXT NOT NULL,
                unit TEXT NOT NULL,
                polarity TEXT NOT NULL,
                band_low REAL,
                band_high REAL,
                frequency TEXT NOT NULL,
                source TEXT NOT NULL,
                decimals INTEGER NOT NULL,
                owner TEXT NOT NULL,
                targets TEXT NOT NULL,
                follows_trajectory INTEGER NOT NULL,
                baseline TEXT,
                period_targets TEXT NOT NULL,
                tolerance REAL,
                benchmarks TEXT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1,
                UNIQUE (organisation_id, code)
            )
            """,
            """
            CREATE TABLE measure_values (
                id INTEGER PRIMARY KEY,
                organisation_id INTEGER NOT NULL REFERENCES organisations(id),
                measure_id INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
                period TEXT NOT NULL,
                period_end TEXT NOT NULL,
                value REAL NOT NULL,
                numerator REAL,
                denominator REAL,
                as_at TEXT NOT NULL,
                note TEXT NOT NULL,
                computed_from TEXT,
                UNIQUE (measure_id, period)
            )
            """,
            """
            CREATE TABLE action_measures (
                organisation_id INTEGER NOT NULL REFERENCES organisations(id),
                action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
                measure_id INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
                PRIMARY KEY (action_id, measure_id)
            )
            """,
            "CREATE INDEX action_measures_measure ON action_measures(measure_id)",
        ]),
        (2, "areas carry a version for optimistic editing", [
            "ALTER TABLE areas ADD COLUMN version INTEGER NOT NULL DEFAULT 1",
        ]),
        (3, "people, memberships, sessions, API tokens and password resets", [
            // One account per email, whatever its case (stored in lower case too).
            """
            CREATE TABLE people (
                id INTEGER PRIMARY KEY,
                email TEXT NOT NULL UNIQUE COLLATE NOCASE,
                name TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                disabled INTEGER NOT NULL DEFAULT 0,
                failed_attempts INTEGER NOT NULL DEFAULT 0,
                locked_until TEXT,
                created_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE memberships (
                person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
                organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
                role TEXT NOT NULL,
                PRIMARY KEY (person_id, organisation_id)
            )
            """,
            "CREATE INDEX memberships_organisation ON memberships(organisation_id)",
            // Only the SHA-256 of the cookie's token is stored: a copy of the table signs no one in.
            """
            CREATE TABLE sessions (
                id TEXT PRIMARY KEY,
                person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
                organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
                created_at TEXT NOT NULL,
                last_seen_at TEXT NOT NULL,
                csrf_token TEXT NOT NULL
            )
            """,
            "CREATE INDEX sessions_person ON sessions(person_id)",
            """
            CREATE TABLE api_tokens (
                id INTEGER PRIMARY KEY,
                prefix TEXT NOT NULL,
                hash TEXT NOT NULL UNIQUE,
                person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
                organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
                role TEXT NOT NULL,
                created_at TEXT NOT NULL,
                revoked_at TEXT
            )
            """,
            """
            CREATE TABLE password_resets (
                hash TEXT PRIMARY KEY,
                person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
                expires_at TEXT NOT NULL,
                used_at TEXT
            )
            """,
        ]),
        (4, "boards, meetings, action points and work programmes", [
            // Members, agenda, attendance, minutes and updates are small lists read whole: JSON columns.
            """
            CREATE TABLE boards (
                id INTEGER PRIMARY KEY,
                organisation_id INTEGER NOT NULL REFERENCES organisations(id),
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                chair_member_id INTEGER,
                vice_chair_member_id INTEGER,
                members TEXT NOT NULL,
                terms_of_reference TEXT NOT NULL,
                meeting_frequency TEXT NOT NULL,
                minute_prefix TEXT NOT NULL,
                minute_first_number INTEGER NOT NULL,
                version INTEGER NOT NULL DEFAULT 1
            )
            """,
            "CREATE INDEX boards_organisation ON boards(organisation_id)",
            """
            CREATE TABLE meetings (
                id INTEGER PRIMARY KEY,
                organisation_id INTEGER NOT NULL REFERENCES organisations(id),
                board_id INTEGER NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
                date TEXT NOT NULL,
                time TEXT,
                venue TEXT NOT NULL,
                status TEXT NOT NULL,
                agenda TEXT NOT NULL,
                attendance TEXT NOT NULL,
                minutes_status TEXT NOT NULL,
                minutes_amendments TEXT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1
            )
            """,
            "CREATE INDEX meetings_board ON meetings(board_id, date)",
            """
            CREATE TABLE action_points (
                id INTEGER PRIMARY KEY,
                organisation_id INTEGER NOT NULL REFERENCES organisations(id),
                board_id INTEGER NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
                raised_at_meeting_id INTEGER NOT NULL REFERENCES meetings(id),
                raised_at_item INTEGER NOT NULL,
                text TEXT NOT NULL,
                owner TEXT NOT NULL,
                due_date TEXT,
                due_meeting_id INTEGER REFERENCES meetings(id),
                status TEXT NOT NULL,
                updates TEXT NOT NULL,
                plan_action_id INTEGER REFERENCES actions(id) ON DELETE SET NULL,
                version INTEGER NOT NULL DEFAULT 1
            )
            """,
            "CREATE INDEX action_points_board ON action_points(board_id)",
            """
            CREATE TABLE work_programme_items (
                id INTEGER PRIMARY KEY,
                organisation_id INTEGER NOT NULL REFERENCES organisations(id),
                board_id INTEGER NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
                title TEXT NOT NULL,
                presenter TEXT NOT NULL,
                purpose TEXT NOT NULL,
                placement TEXT NOT NULL,
                papers TEXT NOT NULL,
                notes TEXT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1
            )
            """,
            "CREATE INDEX work_programme_items_board ON work_programme_items(board_id)",
        ]),
        (5, "the audit trail: append-only and hash-chained", [
            """
            CREATE TABLE audit_log (
                id INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                organisation_id INTEGER REFERENCES organisations(id),
                actor TEXT NOT NULL,
                source TEXT,
                entity TEXT NOT NULL,
                entity_id TEXT NOT NULL,
                change TEXT NOT NULL,
                before TEXT,
                after TEXT,
                previous_hash TEXT NOT NULL,
                hash TEXT NOT NULL
            )
            """,
            "CREATE INDEX audit_log_entity ON audit_log(organisation_id, entity, entity_id)",
            // Append-only inside the database too: an edit or delete through SQL is refused
            // (a tamperer with the file can drop the triggers, which the hash chain then shows).
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END",
            "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END",
        ]),
        (6, "analysis runs, their child-level drill-down and its retention", [
            // The aggregates (results, data-quality report) are JSON: they are read whole, for
            // one run or for the trend across runs, and outlive the drill-down.
            """
            CREATE TABLE analysis_runs (
                id INTEGER PRIMARY KEY,
                organisation_id INTEGER NOT NULL REFERENCES organisations(id),
                ran_by TEXT NOT NULL,
                ran_at TEXT NOT NULL,
                as_at TEXT NOT NULL,
                period TEXT NOT NULL,
                convention TEXT NOT NULL,
                file_names TEXT NOT NULL,
                results TEXT NOT NULL,
                data_quality TEXT NOT NULL,
                child_level_deleted_at TEXT
            )
            """,
            "CREATE INDEX analysis_runs_organisation ON analysis_runs(organisation_id)",
            """
            CREATE TABLE analysis_drill_down (
                id INTEGER PRIMARY KEY,
                run_id INTEGER NOT NULL REFERENCES analysis_runs(id) ON DELETE CASCADE,
                measure TEXT NOT NULL,
                child_id TEXT NOT NULL,
                team TEXT,
                worker TEXT,
                start_date TEXT,
                end_date TEXT,
                days_taken INTEGER,
                out_of_timescale INTEGER NOT NULL,
                status TEXT NOT NULL
            )
            """,
            "CREATE INDEX analysis_drill_down_run ON analysis_drill_down(run_id, measure)",
            """
            CREATE TABLE analysis_retention (
                organisation_id INTEGER PRIMARY KEY REFERENCES organisations(id),
                days INTEGER NOT NULL
            )
            """,
        ]),
        (7, "calendar feed links", [
            // One secret feed address per person and organisation; only its SHA-256 is kept.
            """
            CREATE TABLE calendar_feed_links (
                person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
                organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
                hash TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL,
                PRIMARY KEY (person_id, organisation_id)
            )
            """,
        ]),
        (8, "accessibility statements and privacy notices", [
            // One row per organisation and kind, written when an administrator first saves it;
            // until then the pages show the default text.
            """
            CREATE TABLE notices (
                organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                text TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                updated_by TEXT NOT NULL,
                version INTEGER NOT NULL,
                PRIMARY KEY (organisation_id, kind)
            )
            """,
        ]),
        (9, "plan files held between an import's preview and its confirmation", [
            // Deleted on confirmation, and an hour after upload by the next upload.
            """
            CREATE TABLE import_uploads (
                id INTEGER PRIMARY KEY,
                organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
                person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
                file_name TEXT NOT NULL,
                bytes BLOB NOT NULL,
                column_mapping TEXT NOT NULL,
                created_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX import_uploads_created_at ON import_uploads(created_at)",
        ]),
        (10, "import uploads named by random ids", [
            // Held uploads are at most an hour old, so they are dropped rather than renumbered:
            // ids were row numbers, which SQLite may give again once the highest is deleted.
            "DROP TABLE import_uploads",
            """
            CREATE TABLE import_uploads (
                id TEXT PRIMARY KEY NOT NULL,
                organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
                person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
                file_name TEXT NOT NULL,
                bytes BLOB NOT NULL,
                column_mapping TEXT NOT NULL,
                created_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX import_uploads_created_at ON import_uploads(created_at)",
        ]),
        (11, "invitations to join an organisation", [
            // Only the SHA-256 of an invitation link's token is stored, like a reset link's.
            """
            CREATE TABLE invitations (
                id INTEGER PRIMARY KEY,
                organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
                email TEXT NOT NULL,
                name TEXT NOT NULL,
                role TEXT NOT NULL,
                hash TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                accepted_at TEXT
            )
            """,
            "CREATE INDEX invitations_organisation ON invitations(organisation_id)",
            "CREATE INDEX invitations_email ON invitations(email)",
        ]),
        (12, "progress updates name their author's role", [
            // Nullable: updates written before the author came from the sign-in have no role.
            "ALTER TABLE progress_updates ADD COLUMN author_role TEXT",
        ]),
        (13, "corrections of measure values, with what they were and why", [
            // Values are evidence a board relies on: a correction keeps the value it replaced.
            // `before` and `after` are MeasureValue JSON.
            """
            CREATE TABLE measure_value_corrections (
                id INTEGER PRIMARY KEY,
                organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
                measure_id INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
                period TEXT NOT NULL,
                before TEXT NOT NULL,
                after TEXT NOT NULL,
                reason TEXT NOT NULL,
                corrected_by TEXT NOT NULL,
                corrected_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX measure_value_corrections_measure ON measure_value_corrections(measure_id)",
        ]),
        (14, "themes carry a version for optimistic editing", [
            "ALTER TABLE themes ADD COLUMN version INTEGER NOT NULL DEFAULT 1",
        ]),
        (15, "why, by whom and when a meeting was cancelled", [
            // JSON (MeetingCancellation); null while the meeting is not cancelled, and for
            // meetings cancelled before the reason was asked for.
            "ALTER TABLE meetings ADD COLUMN cancellation TEXT",
        ]),
        (17, "analysis runs keep the latest date in their records", [
            // Nullable: runs from before it was kept show no as-at warning.
            "ALTER TABLE analysis_runs ADD COLUMN latest_recorded_day TEXT",
        ]),
        (18, "a person's job title, shown beside their name on what they record", [
            // Nullable: most accounts have no title, and then only the name is shown.
            "ALTER TABLE people ADD COLUMN job_title TEXT",
        ]),
        (19, "the audit page filters by who made a change and when", [
            // Newest first within an organisation, and by actor: a page of the trail is read
            // with LIMIT/OFFSET and counted without scanning the whole log.
            "CREATE INDEX audit_log_organisation_newest ON audit_log(organisation_id, id)",
            "CREATE INDEX audit_log_actor ON audit_log(organisation_id, actor, id)",
            "CREATE INDEX audit_log_at ON audit_log(organisation_id, at)",
        ]),
        (20, "single sign-on: providers, external identities and pending sign-ins", [
            // One provider per organisation. `secret_source` names a file or an environment
            // variable (`file:…`, `env:…`): the client secret itself is never stored.
            """
            CREATE TABLE sso_providers (
                id INTEGER PRIMARY KEY,
                organisation_id INTEGER NOT NULL UNIQUE REFERENCES organisations(id) ON DELETE CASCADE,
                slug TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                issuer TEXT NOT NULL,
                client_id TEXT NOT NULL,
                secret_source TEXT NOT NULL,
                scopes TEXT NOT NULL,
                key_claim TEXT NOT NULL,
                group_claim TEXT NOT NULL,
                mappings TEXT NOT NULL,
                just_in_time INTEGER NOT NULL,
                allow_local_accounts INTEGER NOT NULL,
                sso_required INTEGER NOT NULL,
                break_glass TEXT NOT NULL,
                created_at TEXT NOT NULL
            )
            """,
            // A person's account at a provider. The same subject may be linked in several
            // organisations (a partner agency's officer on a council's board).
            """
            CREATE TABLE external_identities (
                issuer TEXT NOT NULL,
                subject TEXT NOT NULL,
                organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
                person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
                created_at TEXT NOT NULL,
                last_sign_in_at TEXT,
                PRIMARY KEY (issuer, subject, organisation_id)
            )
            """,
            "CREATE INDEX external_identities_person ON external_identities(person_id)",
            // Only the SHA-256 of `state` is kept; `used_at` makes each usable once.
            """
            CREATE TABLE sso_pending_sign_ins (
                state_hash TEXT PRIMARY KEY,
                provider_id INTEGER NOT NULL REFERENCES sso_providers(id) ON DELETE CASCADE,
                nonce TEXT NOT NULL,
                code_verifier TEXT NOT NULL,
                next TEXT,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                used_at TEXT
            )
            """,
        ]),
        (21, "how and when each person last signed in", [
            // Nullable: nobody has signed in since the column was added.
            "ALTER TABLE people ADD COLUMN last_sign_in_at TEXT",
            "ALTER TABLE people ADD COLUMN last_sign_in_method TEXT",
        ]),
        (23, "sessions record how they were started; pending sign-ins found by expiry", [
            // 'password' or 'sso'; sessions from before were all started with a password.
            "ALTER TABLE sessions ADD COLUMN sign_in_method TEXT NOT NULL DEFAULT 'password'",
            // Null for a password session, and once the provider is removed (the method still says 'sso').
            "ALTER TABLE sessions ADD COLUMN sso_provider_id INTEGER REFERENCES sso_providers(id) ON DELETE SET NULL",
            // Every new sign-in clears the expired ones first.
            "CREATE INDEX sso_pending_sign_ins_expires ON sso_pending_sign_ins(expires_at)",
        ]),
        (27, "background jobs run on one server at a time", [
            // Timestamps are ISO 8601 text in UTC with the same number of digits, so they compare as text.
            "CREATE TABLE job_leases (job TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at TEXT NOT NULL)",
        ]),
        (28, "an action's reference is unique in its plan, a minute number in its board", [
            // The reference as the plan compares it (ActionEditRules.refKey), written by the store:
            // the same rule on every database, where lower() and trim() differ between them.
            "ALTER TABLE actions ADD COLUMN ref_key TEXT",
            // Minutes live in the meeting's agenda (JSON); each number a board uses is also a row here.
            """
            CREATE TABLE minute_numbers (
                board_id INTEGER NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
                number INTEGER NOT NULL,
                meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE
            )
            """,
            // Then UniqueRulesMigration fills both, resolving the repeats it finds, and creates
            // the unique indexes (actions_plan_ref, minute_numbers_board): see that file.
        ]),
        (29, "sign-in attempts per client address, shared by every server", [
            // An attempt counts against its address from its admission until it succeeds (then
            // deleted) or its window passes (then deleted by the next admission). `at` is ISO 8601
            // text in UTC with the same number of digits, so it compares as text.
            "CREATE TABLE sign_in_attempts (id INTEGER PRIMARY KEY, address TEXT NOT NULL, at TEXT NOT NULL)",
            "CREATE INDEX sign_in_attempts_address ON sign_in_attempts(address, at)",
            "CREATE INDEX sign_in_attempts_at ON sign_in_attempts(at)",
        ]),
    ]

    static func run(on db: any SQLDatabase) async throws {
        let flavour = SQLFlavour(db)
        let begin: SQLQueryString = flavour == .postgres ? "BEGIN" : "BEGIN IMMEDIATE"
        try await db.raw(SQLQueryString(PostgresSchema.translated("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)", flavour: flavour))).run()
        let applied = Set(try await db.raw("SELECT version FROM schema_migrations").all().map { try $0.decode(column: "version", as: Int.self) })
        for migration in all where !applied.contains(migration.version) {
            try await db.raw(begin).run()
            do {
                // Another connection (a second process opening the same file) may have applied it
                // while this one waited for the lock: check again inside the transaction.
                if try await db.raw("SELECT version FROM schema_migrations WHERE version = \(bind: migration.version)").first() != nil {
                    try await db.raw("COMMIT").run()
                    continue
                }
                for statement in PostgresSchema.statements(of: migration.version, written: migration.statements, flavour: flavour) {
                    try await db.raw(SQLQueryString(statement)).run()
                }
                try await afterStatements(of: migration.version, on: db)
                try await db.raw("INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Timestamp.now()))").run()
                try await db.raw("COMMIT").run()
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    static var latestVersion: Int { all.map(\.version).max() ?? 0 }
}

enum Timestamp {
    static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    static func now() -> String { string(from: .now) }
    static func string(from date: Date) -> String { style.format(date) }
    static func date(from text: String) -> Date? { try? style.parse(text) }
}
