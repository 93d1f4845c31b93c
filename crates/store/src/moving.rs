//! Moving a project between databases with its whole history: reading everything of one
//! project ([`ProjectBundle`]), writing it verbatim into another database, and — on the
//! embedded database only — retiring the copy left behind.
//!
//! The copy keeps every id, every revision's text and every event byte for byte, so the
//! project's chain verifies on the destination. On PostgreSQL the copy runs inside an
//! "import" the schema allows only on a project created in the same transaction with an empty
//! chain, and which must end with the mover's `project.moved_in` event (see the schema).

use crate::backend::Backend;
use crate::error::StoreError;
use crate::members::Person;
use crate::open::Store;
use crate::query::Statement;
use crate::rows::{self, DbRow, DOCUMENT_COLS, EVENT_COLS, PROJECT_COLS, REVISION_META_COLS};
use crate::tx::Tx;
use crate::Result;
use greenlight_domain::ai::AiRunRecord;
use greenlight_domain::document::Document;
use greenlight_domain::ids::ProjectId;
use greenlight_domain::ledger::Event;
use greenlight_domain::project::Project;
use greenlight_domain::revision::Revision;

/// Everything of one project.
#[derive(Debug, Clone)]
pub struct ProjectBundle {
    pub project: Project,
    pub documents: Vec<Document>,
    /// Every revision, with its text, parents before children.
    pub revisions: Vec<Revision>,
    /// The project's chain, in order.
    pub events: Vec<Event>,
    /// The stored AI policy (JSON), if one was set.
    pub policy: Option<String>,
    pub ai_runs: Vec<AiRunRecord>,
    /// Everyone who authored a revision or acted on the chain.
    pub people: Vec<Person>,
    /// Every suggestion on the project's documents, oldest first.
    pub suggestions: Vec<greenlight_domain::suggestion_record::Suggestion>,
    /// Every recorded attribution: (revision, document, spans).
    pub attributions: Vec<(
        greenlight_domain::ids::RevisionId,
        greenlight_domain::ids::DocumentId,
        greenlight_domain::attribution::Attribution,
    )>,
    /// The project's approval workflow templates.
    pub workflows: Vec<crate::StoredWorkflow>,
    /// The project's reviews with their decisions.
    pub reviews: Vec<crate::MovedReview>,
    /// The project's comments, oldest first (replies after what they answer).
    pub comments: Vec<crate::StoredComment>,
    /// The project's assets and all their versions (metadata only: their bytes are copied by
    /// core, streamed, as they may be gigabytes).
    pub assets: Vec<greenlight_domain::asset::Asset>,
    pub asset_versions: Vec<greenlight_domain::asset::AssetVersion>,
}

fn revision(r: &dyn DbRow) -> Result<Revision> {
    Ok(Revision {
        meta: rows::revision_meta(r)?,
        text: r.text("text")?,
    })
}

fn policy_json(r: &dyn DbRow) -> Result<String> {
    r.text("policy")
}

fn person(r: &dyn DbRow) -> Result<Person> {
    Ok(Person {
        id: greenlight_domain::ids::UserId(r.text("id")?),
        name: r.text("name")?,
        email: r.text("email")?,
        login: r.opt_text("login")?,
    })
}

impl Store {
    /// Reads everything of `project` in one consistent snapshot.
    pub async fn project_bundle(&self, project: &ProjectId) -> Result<ProjectBundle> {
        let mut tx = self.begin_read().await?;
        let id = project.as_str();
        let sql = format!("SELECT {PROJECT_COLS} FROM projects p WHERE p.id = $1");
        let project = tx
            .one(Statement::new(&sql).text(id), "project", id, rows::project)
            .await?;
        let sql = format!(
            "SELECT {DOCUMENT_COLS} FROM documents d WHERE d.project_id = $1 ORDER BY d.id"
        );
        let documents = tx
            .all(Statement::new(&sql).text(id), rows::document)
            .await?;
        let sql = format!(
            "SELECT {REVISION_META_COLS}, r.text FROM revisions r
             JOIN documents d ON d.id = r.document_id
             LEFT JOIN profiles u ON u.id = r.author_id
             WHERE d.project_id = $1 ORDER BY r.created_at, r.id"
        );
        let revisions = parents_first(tx.all(Statement::new(&sql).text(id), revision).await?);
        let sql = format!("SELECT {EVENT_COLS} FROM events WHERE chain = $1 ORDER BY seq");
        let events = tx.all(Statement::new(&sql).text(id), rows::event).await?;
        let policy = tx
            .optional(
                Statement::new("SELECT policy FROM project_policies WHERE project_id = $1")
                    .text(id),
                policy_json,
            )
            .await?;
        let ai_runs = tx
            .all(
                Statement::new(&format!(
                    "SELECT {} FROM ai_runs WHERE project_id = $1 ORDER BY started_at, id",
                    crate::ai::RUN_COLS
                ))
                .text(id),
                crate::ai::run,
            )
            .await?;
        let people = tx
            .all(
                Statement::new(
                    "SELECT id, name, email, login FROM profiles WHERE id IN (
                        SELECT r.author_id FROM revisions r JOIN documents d ON d.id = r.document_id
                        WHERE d.project_id = $1
                        UNION SELECT actor FROM events WHERE chain = $1)
                     ORDER BY id",
                )
                .text(id),
                person,
            )
            .await?;
        let suggestions = tx.project_suggestions(&project.id).await?;
        let attributions = tx.project_attributions(&project.id).await?;
        let workflows = tx.workflows(&project.id).await?;
        let reviews = tx.moved_reviews(&project.id).await?;
        let comments = tx.project_comments(&project.id).await?;
        let (assets, asset_versions) = tx.project_assets(&project.id).await?;
        tx.rollback().await?;
        Ok(ProjectBundle {
            project,
            documents,
            revisions,
            events,
            policy,
            ai_runs,
            people,
            suggestions,
            attributions,
            workflows,
            reviews,
            comments,
            assets,
            asset_versions,
        })
    }

    /// Whether this database holds a project with this id (visible to the login or not: on a
    /// team server the id may belong to a project the login is no member of).
    pub async fn project_exists_anywhere(&self, project: &ProjectId) -> Result<bool> {
        let sql = match self.backend() {
            Backend::Sqlite => "SELECT count(*) AS n FROM projects WHERE id = $1",
            // Row-level security hides other teams' projects; their chain heads' ids are not
            // secret, and an id is never reused.
            Backend::Postgres => "SELECT count(*) AS n FROM events WHERE chain = $1",
        };
        let n = self
            .one(
                Statement::new(sql).text(project.as_str()),
                "count",
                "",
                crate::query::int0,
            )
            .await?;
        Ok(n > 0)
    }
}

/// Orders revisions so that each parent comes before its children (ids and times are not
/// trusted to do it: clocks differ between machines).
fn parents_first(mut pending: Vec<Revision>) -> Vec<Revision> {
    let mut done: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut ordered = Vec::with_capacity(pending.len());
    while !pending.is_empty() {
        let before = pending.len();
        let mut rest = Vec::new();
        for r in pending {
            let ready = r
                .meta
                .parent_id
                .as_ref()
                .is_none_or(|p| done.contains(p.as_str()));
            if ready {
                done.insert(r.meta.id.to_string());
                ordered.push(r);
            } else {
                rest.push(r);
            }
        }
        if rest.len() == before {
            // A parent outside the project (should not happen): keep the rest as they are.
            ordered.extend(rest);
            break;
        }
        pending = rest;
    }
    ordered
}

impl Tx {
    /// Starts copying a project's history into this (new) project: revisions and events by
    /// other people are accepted for it until [`Tx::close_import`].
    pub async fn open_import(&mut self, project: &ProjectId) -> Result<()> {
        self.exec(
            Statement::new("INSERT INTO project_imports (project_id) VALUES ($1)")
                .text(project.as_str()),
        )
        .await?;
        Ok(())
    }

    pub async fn close_import(&mut self, project: &ProjectId) -> Result<()> {
        let sql = match self.backend() {
            Backend::Sqlite => "UPDATE project_imports SET open = 0 WHERE project_id = $1",
            Backend::Postgres => "UPDATE project_imports SET open = false WHERE project_id = $1",
        };
        self.exec(Statement::new(sql).text(project.as_str()))
            .await?;
        Ok(())
    }

    /// Adds a person known elsewhere (an author of a moved project), without a login here;
    /// nothing if this database knows them already.
    pub async fn import_person(&mut self, p: &Person, at: i64) -> Result<()> {
        self.exec(
            Statement::new(
                "INSERT INTO profiles (id, name, created_at, login, email)
                 VALUES ($1, $2, $3, NULL, $4) ON CONFLICT (id) DO NOTHING",
            )
            .text(p.id.as_str())
            .text(&p.name)
            .int(at)
            .text(&p.email),
        )
        .await?;
        Ok(())
    }

    /// Stores a revision as it was recorded elsewhere (no head check: the documents' heads
    /// are set afterwards).
    pub async fn import_revision(&mut self, r: &Revision) -> Result<()> {
        self.exec(
            Statement::new(
                "INSERT INTO revisions (id, document_id, parent_id, author_id, text, content_hash,
                 word_count, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .text(r.meta.id.as_str())
            .text(r.meta.document_id.as_str())
            .opt_text(r.meta.parent_id.as_ref().map(|p| p.as_str()))
            .text(r.meta.author_id.as_str())
            .text(&r.text)
            .text(&r.meta.content_hash)
            .int(r.meta.word_count)
            .int(r.meta.created_at),
        )
        .await?;
        Ok(())
    }

    /// Appends an event exactly as it was recorded elsewhere: it must continue its chain
    /// (the next seq, linked to the current head), or nothing is written.
    pub async fn import_event(&mut self, e: &Event) -> Result<()> {
        let head = self.lock_head(e.chain.as_str()).await?;
        let (want_seq, want_prev) = match &head {
            Some((seq, hash)) => (seq + 1, hash.as_str()),
            None => (1, greenlight_domain::ledger::GENESIS),
        };
        if e.seq != want_seq || e.prev_hash != want_prev {
            return Err(StoreError::InvalidData(format!(
                "event #{} of the moved chain does not continue it (expected #{want_seq})",
                e.seq
            )));
        }
        self.insert_linked(e).await
    }

    pub async fn set_policy_json(
        &mut self,
        project: &ProjectId,
        json: &str,
        at: i64,
    ) -> Result<()> {
        self.exec(
            Statement::new(
                "INSERT INTO project_policies (project_id, policy, updated_at) VALUES ($1, $2, $3)
                 ON CONFLICT(project_id) DO UPDATE SET policy = excluded.policy,
                   updated_at = excluded.updated_at",
            )
            .text(project.as_str())
            .text(json)
            .int(at),
        )
        .await?;
        Ok(())
    }

    /// Removes a project that was moved to another database from this (embedded) database:
    /// its rows, its chain and its head. Only for the embedded database, which is one
    /// person's; the caller records the removal (with the chain's head) on the workspace
    /// chain in the same transaction. On a team server history is never deleted.
    pub async fn retire_moved_project(&mut self, project: &ProjectId) -> Result<()> {
        if self.backend() != Backend::Sqlite {
            return Err(StoreError::Forbidden(
                "a team server keeps every project's history; it can only be archived".into(),
            ));
        }
        let id = project.as_str();
        // The append-only triggers guard against edits; this removal is the one recorded
        // exception, so they are lifted for this transaction only and put back before commit.
        for sql in SQLITE_GUARDS_OFF {
            self.exec(Statement::new(sql)).await?;
        }
        for sql in [
            "DELETE FROM suggestions WHERE project_id = $1",
            "DELETE FROM revision_attributions WHERE document_id IN (SELECT id FROM documents WHERE project_id = $1)",
            "DELETE FROM ai_runs WHERE project_id = $1",
            "DELETE FROM project_policies WHERE project_id = $1",
            "DELETE FROM project_workflows WHERE project_id = $1",
            "DELETE FROM comments WHERE project_id = $1",
            "DELETE FROM review_decisions WHERE review_id IN (SELECT id FROM reviews WHERE project_id = $1)",
            "DELETE FROM review_open_stages WHERE project_id = $1",
            "DELETE FROM reviews WHERE project_id = $1",
            "DELETE FROM asset_chunks WHERE project_id = $1",
            "DELETE FROM asset_blobs WHERE project_id = $1",
            "DELETE FROM asset_versions WHERE asset_id IN (SELECT id FROM assets WHERE project_id = $1)",
            "DELETE FROM assets WHERE project_id = $1",
            "DELETE FROM summary_nodes WHERE project_id = $1",
            "DELETE FROM project_members WHERE project_id = $1",
            "DELETE FROM project_imports WHERE project_id = $1",
            "DELETE FROM revisions WHERE document_id IN (SELECT id FROM documents WHERE project_id = $1)",
            "DELETE FROM documents WHERE project_id = $1",
            "DELETE FROM events WHERE chain = $1",
            "DELETE FROM ledger_heads WHERE chain = $1",
            "DELETE FROM projects WHERE id = $1",
        ] {
            self.exec(Statement::new(sql).text(id)).await?;
        }
        for sql in SQLITE_GUARDS_ON {
            self.exec(Statement::new(sql)).await?;
        }
        Ok(())
    }
}

const SQLITE_GUARDS_OFF: [&str; 9] = [
    "DROP TRIGGER suggestions_kept",
    "DROP TRIGGER revision_attributions_immutable_update",
    "DROP TRIGGER revision_attributions_immutable_delete",
    "DROP TRIGGER revisions_immutable_update",
    "DROP TRIGGER revisions_immutable_delete",
    "DROP TRIGGER events_append_only_update",
    "DROP TRIGGER events_append_only_delete",
    "DROP TRIGGER asset_versions_immutable_update",
    "DROP TRIGGER asset_versions_immutable_delete",
];

/// The same triggers as the migrations create (0001, 0003, 0006 and 0011).
const SQLITE_GUARDS_ON: [&str; 9] = [
    "CREATE TRIGGER suggestions_kept BEFORE DELETE ON suggestions
     BEGIN SELECT RAISE(ABORT, 'suggestions are kept: reject or withdraw one instead'); END",
    "CREATE TRIGGER revision_attributions_immutable_update BEFORE UPDATE ON revision_attributions
     BEGIN SELECT RAISE(ABORT, 'a revision''s attribution is immutable'); END",
    "CREATE TRIGGER revision_attributions_immutable_delete BEFORE DELETE ON revision_attributions
     BEGIN SELECT RAISE(ABORT, 'a revision''s attribution is immutable'); END",
    "CREATE TRIGGER revisions_immutable_update BEFORE UPDATE ON revisions
     BEGIN SELECT RAISE(ABORT, 'revisions are immutable'); END",
    "CREATE TRIGGER revisions_immutable_delete BEFORE DELETE ON revisions
     BEGIN SELECT RAISE(ABORT, 'revisions are immutable'); END",
    "CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
     BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END",
    "CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
     BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END",
    "CREATE TRIGGER asset_versions_immutable_update BEFORE UPDATE ON asset_versions
     BEGIN SELECT RAISE(ABORT, 'asset versions are immutable: import a new version instead'); END",
    "CREATE TRIGGER asset_versions_immutable_delete BEFORE DELETE ON asset_versions
     BEGIN SELECT RAISE(ABORT, 'asset versions are immutable: import a new version instead'); END",
];
