//! The schema-1 global chain: re-linked once into one chain per project, then kept read-only
//! and verified against the `ledger.migrated` event that recorded its head.
//!
//! Only SQLite databases can have one (schema 1 predates team mode); on PostgreSQL both
//! functions do nothing.

use crate::backend::Backend;
use crate::open::Store;
use crate::query::{int0, Statement};
use crate::rows::{self, DbRow, LEGACY_EVENT_COLS};
use crate::tx::Tx;
use crate::Result;
use greenlight_domain::events::payloads::LedgerMigrated;
use greenlight_domain::events::EventBody;
use greenlight_domain::ids::UserId;
use greenlight_domain::ledger::legacy::{LegacyEvent, LEGACY_CHAIN};
use greenlight_domain::ledger::{ChainVerifier, EventDraft, LedgerProblem, VerifyReport};

const MIGRATED_KIND: &str = "ledger.migrated";

/// The schema-1 chain as verified now: its head and whether it is intact.
struct LegacyState {
    events: i64,
    head: Option<(i64, String)>,
    problem: Option<LedgerProblem>,
}

async fn read_legacy(tx: &mut Tx) -> Result<LegacyState> {
    let head = tx
        .optional(
            Statement::new("SELECT seq, hash FROM legacy_ledger_head WHERE id = 1"),
            rows::head,
        )
        .await?;
    let mut verifier = ChainVerifier::new(LEGACY_CHAIN);
    let mut problem = None;
    let mut events = 0;
    let sql = format!("SELECT {LEGACY_EVENT_COLS} FROM legacy_events ORDER BY seq");
    tx.for_each(Statement::new(&sql), rows::legacy_event, |event| {
        events += 1;
        if problem.is_none() {
            if let Err(p) = verifier.push(&event) {
                problem = Some(*p);
            }
        }
        Ok(())
    })
    .await?;
    if problem.is_none() {
        problem = verifier
            .finish(head.as_ref().map(|(s, h)| (*s, h.as_str())))
            .err()
            .map(|p| *p);
    }
    Ok(LegacyState {
        events,
        head,
        problem,
    })
}

async fn legacy_events(tx: &mut Tx) -> Result<Vec<LegacyEvent>> {
    let sql = format!("SELECT {LEGACY_EVENT_COLS} FROM legacy_events ORDER BY seq");
    tx.all(Statement::new(&sql), rows::legacy_event).await
}

fn migrated(r: &dyn DbRow) -> Result<(String, i64)> {
    Ok((r.text("payload")?, r.int("schema_version")?))
}

fn id_seq(r: &dyn DbRow) -> Result<(String, i64)> {
    Ok((r.text("id")?, r.int("seq")?))
}

impl Store {
    /// Re-links a schema-1 database's global chain into one chain per project, once. Each
    /// event keeps its id, time, actor, kind, subject and payload bytes (with schema version
    /// 1); a `ledger.migrated` event by `actor` on the workspace chain records the old chain's
    /// head and whether it verified. Returns that record when a migration happened.
    ///
    /// Must run before anything else appends, so the re-linked events come first in their
    /// chains; it is one transaction, so an interruption leaves the old state.
    pub async fn upgrade_legacy_ledger(
        &self,
        actor: &UserId,
        at: i64,
    ) -> Result<Option<LedgerMigrated>> {
        if self.backend() != Backend::Sqlite {
            return Ok(None);
        }
        let mut tx = self.begin().await?;
        let done = tx
            .one(
                Statement::new("SELECT count(*) AS n FROM events WHERE kind = $1")
                    .text(MIGRATED_KIND),
                "count",
                "",
                int0,
            )
            .await?;
        let pending = tx
            .one(
                Statement::new("SELECT count(*) AS n FROM legacy_events"),
                "count",
                "",
                int0,
            )
            .await?;
        if done > 0 || pending == 0 {
            return Ok(None);
        }
        let state = read_legacy(&mut tx).await?;
        for old in legacy_events(&mut tx).await? {
            tx.insert_unsigned(old.unlinked()).await?;
        }
        let (head_seq, head_hash) = state.head.unwrap_or_default();
        let record = LedgerMigrated {
            legacy_events: state.events,
            legacy_head_seq: head_seq,
            legacy_head_hash: head_hash,
            legacy_intact: state.problem.is_none(),
            legacy_problem: state.problem.map(|p| p.reason),
        };
        tx.append_event(
            EventDraft {
                actor: actor.clone(),
                subject: "ledger:legacy".into(),
                project_id: None,
                body: EventBody::LedgerMigrated(record.clone()),
            },
            at,
        )
        .await?;
        tx.commit().await?;
        Ok(Some(record))
    }
}

/// Checks the schema-1 chain (if this database had one) and that the re-linked copies are
/// faithful: same events, same bytes, and the head recorded by `ledger.migrated`.
pub(super) async fn verify(tx: &mut Tx, report: &mut VerifyReport) -> Result<()> {
    if tx.backend() != Backend::Sqlite {
        return Ok(());
    }
    let state = read_legacy(tx).await?;
    if state.events == 0 && state.head.is_none() {
        return Ok(());
    }
    report.chains_checked += 1;
    report.events_checked += state.events;
    if let Some(p) = state.problem {
        report.add(p);
    }
    let problem = |reason: String| LedgerProblem::at_event(LEGACY_CHAIN, 0, "", reason);
    let attested = tx
        .optional(
            Statement::new("SELECT payload, schema_version FROM events WHERE kind = $1")
                .text(MIGRATED_KIND),
            migrated,
        )
        .await?;
    let Some((payload, version)) = attested else {
        report.add(problem(
            "the earlier record was never moved into per-project chains".into(),
        ));
        return Ok(());
    };
    match greenlight_domain::events::decode(MIGRATED_KIND, version, &payload) {
        Ok(EventBody::LedgerMigrated(m)) => {
            let head = state.head.unwrap_or_default();
            if (m.legacy_head_seq, m.legacy_head_hash.as_str()) != (head.0, head.1.as_str())
                || m.legacy_events != state.events
            {
                report.add(problem(format!(
                    "the earlier record ends at #{} but was recorded as ending at #{} when it was moved: it was changed since",
                    head.0, m.legacy_head_seq
                )));
            }
        }
        _ => report.add(problem("the record of the move cannot be read".into())),
    }
    // Each re-linked copy must carry exactly the original's fields.
    let mismatched = tx
        .all(
            Statement::new(
                "SELECT l.id, l.seq FROM legacy_events l LEFT JOIN events e ON e.id = l.id
                 WHERE e.id IS NULL OR e.schema_version != 1 OR e.at != l.at
                    OR e.actor != l.actor OR e.kind != l.kind OR e.subject != l.subject
                    OR e.payload != l.payload OR e.chain != COALESCE(l.project_id, 'workspace')
                 ORDER BY l.seq LIMIT 10",
            ),
            id_seq,
        )
        .await?;
    for (id, seq) in mismatched {
        report.add(LedgerProblem::at_event(
            LEGACY_CHAIN,
            seq,
            &id,
            "its copy in the project's chain differs from the original, or is missing".into(),
        ));
    }
    Ok(())
}
