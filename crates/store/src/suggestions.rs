//! Suggestions: a model's takes on passages, their state and their latest decision.
//!
//! What the model wrote and where it came from are written once ([`Tx::insert_suggestion`]);
//! afterwards only the anchor, the state and the decision change ([`Tx::update_suggestion`]).
//! Both backends refuse anything else, and deleting a suggestion, with a trigger.

use crate::backend::Backend;
use crate::error::StoreError;
use crate::open::Store;
use crate::query::Statement;
use crate::rows::DbRow;
use crate::tx::Tx;
use crate::Result;
use greenlight_domain::ids::{DocumentId, ProjectId, RevisionId, SuggestionId, UserId};
use greenlight_domain::suggestion::{RejectReason, SuggestionState};
use greenlight_domain::suggestion_record::{Decision, Suggestion, VariationPreset};
use greenlight_domain::take::Hunk;

const COLS: &str = "s.id, s.project_id, s.document_id, s.base_revision_id, \
    s.anchor_revision_id, s.anchor_start, s.anchor_end, s.passage, s.passage_hash, \
    s.instruction, s.preset, s.provider_id, s.provider_name, s.model, s.local, s.run_id, \
    s.take_text, s.hunks, s.state, s.created_by, s.created_at, s.decided_by, \
    COALESCE(u.name, '') AS decided_by_name, s.decided_at, s.decision_ms, s.reason, s.note, \
    s.edited, s.edit_distance_ppm, s.accepted_revision_id, s.accepted_text, s.hunks_accepted";

const FROM: &str = "FROM suggestions s LEFT JOIN profiles u ON u.id = s.decided_by";

/// Millionths, as the edit distance is stored (exact on both backends, unlike a float).
const PPM: f64 = 1_000_000.0;

fn invalid(what: &str, value: &str) -> StoreError {
    StoreError::InvalidData(format!("stored suggestion {what} “{value}” is not known"))
}

fn state_of(s: &str) -> Result<SuggestionState> {
    use SuggestionState as S;
    [
        S::Pending,
        S::Accepted,
        S::AcceptedWithEdits,
        S::PartlyAccepted,
        S::Rejected,
        S::Stale,
        S::Withdrawn,
    ]
    .into_iter()
    .find(|k| k.as_str() == s)
    .ok_or_else(|| invalid("state", s))
}

fn json<T: serde::de::DeserializeOwned>(what: &str, s: &str) -> Result<T> {
    serde_json::from_str(s).map_err(|e| StoreError::InvalidData(format!("stored {what}: {e}")))
}

fn to_json<T: serde::Serialize>(what: &str, v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| StoreError::InvalidData(format!("{what}: {e}")))
}

fn suggestion(r: &dyn DbRow) -> Result<Suggestion> {
    let preset = match r.opt_text("preset")? {
        Some(p) => Some(VariationPreset::parse(&p).ok_or_else(|| invalid("preset", &p))?),
        None => None,
    };
    let decision = match r.opt_text("decided_by")? {
        None => None,
        Some(by) => Some(Decision {
            by: UserId(by),
            by_name: r.text("decided_by_name")?,
            at: r.opt_int("decided_at")?.unwrap_or_default(),
            ms_to_decide: r.opt_int("decision_ms")?.unwrap_or_default(),
            reason: match r.opt_text("reason")? {
                Some(s) => Some(RejectReason::parse(&s).ok_or_else(|| invalid("reason", &s))?),
                None => None,
            },
            note: r.opt_text("note")?,
            edited: r.flag("edited")?,
            edit_distance: r.opt_int("edit_distance_ppm")?.map(|n| n as f64 / PPM),
            accepted_revision_id: r.opt_text("accepted_revision_id")?.map(RevisionId),
            accepted_text: r.opt_text("accepted_text")?,
            hunks_accepted: match r.opt_text("hunks_accepted")? {
                Some(s) => Some(json("accepted hunks", &s)?),
                None => None,
            },
        }),
    };
    Ok(Suggestion {
        id: SuggestionId(r.text("id")?),
        project_id: ProjectId(r.text("project_id")?),
        document_id: DocumentId(r.text("document_id")?),
        base_revision_id: RevisionId(r.text("base_revision_id")?),
        anchor_revision_id: RevisionId(r.text("anchor_revision_id")?),
        anchor_start: r.int("anchor_start")?,
        anchor_end: r.int("anchor_end")?,
        passage: r.text("passage")?,
        passage_hash: r.text("passage_hash")?,
        instruction: r.text("instruction")?,
        preset,
        provider_id: r.text("provider_id")?,
        provider_name: r.text("provider_name")?,
        model: r.text("model")?,
        local: r.flag("local")?,
        run_id: r.text("run_id")?,
        text: r.text("take_text")?,
        hunks: json::<Vec<Hunk>>("hunks", &r.text("hunks")?)?,
        state: state_of(&r.text("state")?)?,
        created_by: UserId(r.text("created_by")?),
        created_at: r.int("created_at")?,
        decision,
    })
}

impl Store {
    pub async fn get_suggestion(&self, id: &SuggestionId) -> Result<Suggestion> {
        let sql = format!("SELECT {COLS} {FROM} WHERE s.id = $1");
        self.one(
            Statement::new(&sql).text(id.as_str()),
            "suggestion",
            id.as_str(),
            suggestion,
        )
        .await
    }

    /// A document's suggestions, oldest first (decided, stale and withdrawn ones included:
    /// they stay visible in the passage's history).
    pub async fn list_suggestions(&self, document: &DocumentId) -> Result<Vec<Suggestion>> {
        let sql =
            format!("SELECT {COLS} {FROM} WHERE s.document_id = $1 ORDER BY s.created_at, s.id");
        self.all(Statement::new(&sql).text(document.as_str()), suggestion)
            .await
    }
}

impl Tx {
    /// Stores a new suggestion, as its creator wrote it.
    pub async fn insert_suggestion(&mut self, s: &Suggestion) -> Result<()> {
        let hunks = to_json("hunks", &s.hunks)?;
        self.exec(
            Statement::new(
                "INSERT INTO suggestions (id, project_id, document_id, base_revision_id,
                 anchor_revision_id, anchor_start, anchor_end, passage, passage_hash,
                 instruction, preset, provider_id, provider_name, model, local, run_id,
                 take_text, hunks, state, created_by, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
                 $16, $17, $18, $19, $20, $21)",
            )
            .text(s.id.as_str())
            .text(s.project_id.as_str())
            .text(s.document_id.as_str())
            .text(s.base_revision_id.as_str())
            .text(s.anchor_revision_id.as_str())
            .int(s.anchor_start)
            .int(s.anchor_end)
            .text(&s.passage)
            .text(&s.passage_hash)
            .text(&s.instruction)
            .opt_text(s.preset.map(VariationPreset::as_str))
            .text(&s.provider_id)
            .text(&s.provider_name)
            .text(&s.model)
            .flag(s.local)
            .text(&s.run_id)
            .text(&s.text)
            .text(&hunks)
            .text(s.state.as_str())
            .text(s.created_by.as_str())
            .int(s.created_at),
        )
        .await?;
        Ok(())
    }

    /// Reads a suggestion inside the transaction, locking it until commit (a decision checks
    /// its state, and nobody decides in between).
    pub async fn suggestion(&mut self, id: &SuggestionId) -> Result<Suggestion> {
        let lock = match self.backend() {
            Backend::Sqlite => "",
            Backend::Postgres => " FOR UPDATE OF s",
        };
        let sql = format!("SELECT {COLS} {FROM} WHERE s.id = $1{lock}");
        self.one(
            Statement::new(&sql).text(id.as_str()),
            "suggestion",
            id.as_str(),
            suggestion,
        )
        .await
    }

    /// The document's pending suggestions, locked (a save moves or stales them).
    pub async fn pending_suggestions(&mut self, document: &DocumentId) -> Result<Vec<Suggestion>> {
        let lock = match self.backend() {
            Backend::Sqlite => "",
            Backend::Postgres => " FOR UPDATE OF s",
        };
        let sql = format!(
            "SELECT {COLS} {FROM} WHERE s.document_id = $1 AND s.state = 'pending'
             ORDER BY s.created_at, s.id{lock}"
        );
        self.all(Statement::new(&sql).text(document.as_str()), suggestion)
            .await
    }

    /// Every suggestion of a project, oldest first (for moving it).
    pub(crate) async fn project_suggestions(
        &mut self,
        project: &ProjectId,
    ) -> Result<Vec<Suggestion>> {
        let sql =
            format!("SELECT {COLS} {FROM} WHERE s.project_id = $1 ORDER BY s.created_at, s.id");
        self.all(Statement::new(&sql).text(project.as_str()), suggestion)
            .await
    }

    /// Stores a suggestion as it was recorded elsewhere (a moved project), decision included.
    pub async fn import_suggestion(&mut self, s: &Suggestion) -> Result<()> {
        self.insert_suggestion(s).await?;
        self.update_suggestion(s).await
    }

    /// Writes what may change of a suggestion: its anchor, its state and its decision.
    pub async fn update_suggestion(&mut self, s: &Suggestion) -> Result<()> {
        let d = s.decision.as_ref();
        let hunks_accepted = match d.and_then(|d| d.hunks_accepted.as_ref()) {
            Some(h) => Some(to_json("accepted hunks", h)?),
            None => None,
        };
        let changed = self
            .exec(
                Statement::new(
                    "UPDATE suggestions SET anchor_revision_id = $2, anchor_start = $3,
                     anchor_end = $4, state = $5, decided_by = $6, decided_at = $7,
                     decision_ms = $8, reason = $9, note = $10, edited = $11,
                     edit_distance_ppm = $12, accepted_revision_id = $13, accepted_text = $14,
                     hunks_accepted = $15 WHERE id = $1",
                )
                .text(s.id.as_str())
                .text(s.anchor_revision_id.as_str())
                .int(s.anchor_start)
                .int(s.anchor_end)
                .text(s.state.as_str())
                .opt_text(d.map(|d| d.by.as_str()))
                .opt_int(d.map(|d| d.at))
                .opt_int(d.map(|d| d.ms_to_decide))
                .opt_text(d.and_then(|d| d.reason).map(RejectReason::as_str))
                .opt_text(d.and_then(|d| d.note.as_deref()))
                .flag(d.is_some_and(|d| d.edited))
                .opt_int(d.and_then(|d| d.edit_distance).map(ppm))
                .opt_text(d.and_then(|d| d.accepted_revision_id.as_ref().map(|r| r.as_str())))
                .opt_text(d.and_then(|d| d.accepted_text.as_deref()))
                .opt_text(hunks_accepted.as_deref()),
            )
            .await?;
        if changed == 0 {
            return Err(StoreError::NotFound {
                what: "suggestion",
                id: s.id.to_string(),
            });
        }
        Ok(())
    }
}

/// An edit distance in millionths (clamped to 0..=1).
fn ppm(d: f64) -> i64 {
    (d.clamp(0.0, 1.0) * PPM).round() as i64
}
