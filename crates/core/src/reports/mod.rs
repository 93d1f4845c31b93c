//! Provenance reports of a document or a whole project (`greenlight report`, the legal
//! view's Export): the figures, every AI-touched span with its history, the reviews and
//! their decisions, the disclosures, the assets' credentials, and the ledger's verification
//! with each chain's signed head. One [`ProvenanceReport`] is built; it is written as JSON
//! (described by `docs/provenance-report.schema.json`), as a self-contained HTML page
//! ([`html`]), or as a PDF laid out for reading ([`pdf`]).

pub mod html;
pub mod pdf;

use crate::app::Greenlight;
use crate::{now_ms, Result};
use greenlight_domain::actor::Actor;
use greenlight_domain::disclosure::Disclosure;
use greenlight_domain::events::payloads::ReportExported;
use greenlight_domain::events::EventBody;
use greenlight_domain::ids::DocumentId;
use greenlight_domain::permission::Action;
use greenlight_domain::provenance::{
    AssetReport, DocumentReport, ModelUse, ProvenanceReport, ReportScope, ReportSummary,
    ReviewReport, REPORT_FORMAT,
};
use greenlight_domain::workflow::ReviewStatus;
use sha2::{Digest, Sha256};

pub use greenlight_domain::provenance::{ReportFormat, ReportTarget as ReportOf};

/// `report` in `format`.
pub fn render(report: &ProvenanceReport, format: ReportFormat) -> Result<Vec<u8>> {
    Ok(match format {
        ReportFormat::Json => serde_json::to_vec_pretty(report)
            .map_err(|e| crate::error::CoreError::Internal(format!("report JSON: {e}")))?,
        ReportFormat::Html => html::render(report).into_bytes(),
        ReportFormat::Pdf => pdf::render(report),
    })
}

/// A report written to a file.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportWritten {
    pub report: ProvenanceReport,
    pub bytes: usize,
}

/// What a report is about, as its title says it: "“Pilot” in Night Shoot", "the project
/// “Night Shoot”".
pub(crate) fn subject(r: &ProvenanceReport) -> String {
    match r.scope {
        ReportScope::Document => r
            .documents
            .first()
            .map(|d| format!("“{}” in {}", d.title, r.project_title))
            .unwrap_or_else(|| r.project_title.clone()),
        ReportScope::Project => format!("the project “{}”", r.project_title),
    }
}

/// Building reports.
pub struct Reports<'a> {
    pub(crate) app: &'a Greenlight,
}

impl Greenlight {
    pub fn reports(&self) -> Reports<'_> {
        Reports { app: self }
    }
}

impl Reports<'_> {
    /// Builds the report of `of`, writes it to `path` in `format` (atomically), and records
    /// the export (what it covered, its format, the SHA-256 of its bytes) on the project's
    /// chain.
    pub async fn export(
        &self,
        actor: &Actor,
        of: &ReportOf,
        format: ReportFormat,
        path: &std::path::Path,
    ) -> Result<ReportWritten> {
        let report = self.build(actor, of).await?;
        let bytes = render(&report, format)?;
        crate::files::write_atomically(path, &bytes)?;
        let (scope, target) = match of {
            ReportOf::Document { document_id } => ("document", document_id.to_string()),
            ReportOf::Project { project_id } => ("project", project_id.to_string()),
        };
        let mut tx = self.app.store.begin().await?;
        tx.append_event(
            crate::app::event(
                actor,
                format!("{scope}:{target}"),
                Some(&report.project_id),
                EventBody::ReportExported(ReportExported {
                    scope: scope.to_owned(),
                    target,
                    format: format.extension().to_owned(),
                    sha256: hex::encode(Sha256::digest(&bytes)),
                    bytes: bytes.len() as i64,
                }),
            ),
            now_ms(),
        )
        .await?;
        tx.commit().await?;
        Ok(ReportWritten {
            bytes: bytes.len(),
            report,
        })
    }

    /// The report of `of`, as `actor` (who must be allowed to export provenance).
    pub async fn build(&self, actor: &Actor, of: &ReportOf) -> Result<ProvenanceReport> {
        let store = &self.app.store;
        let project_id = match of {
            ReportOf::Project { project_id: p } => p.clone(),
            ReportOf::Document { document_id: d } => {
                store
                    .get_document(d)
                    .await
                    .map_err(|e| self.app.not_shared(e, "document"))?
                    .project_id
            }
        };
        let project = store
            .get_project(&project_id)
            .await
            .map_err(|e| self.app.not_shared(e, "project"))?;
        self.app
            .require(actor, &project.id, Action::ExportProvenance)
            .await?;
        let documents: Vec<DocumentId> = match of {
            ReportOf::Document { document_id: d } => vec![d.clone()],
            ReportOf::Project { project_id: p } => store
                .list_documents(p)
                .await?
                .into_iter()
                .filter(|d| d.document.head_revision_id.is_some())
                .map(|d| d.document.id)
                .collect(),
        };
        let mut docs = Vec::new();
        for d in &documents {
            let view = self.app.provenance().document(actor, d).await?;
            docs.push(DocumentReport::of(&view));
        }
        let mut reviews = Vec::new();
        let listed = match of {
            ReportOf::Document { document_id: d } => {
                self.app.reviews().of_document(actor, d).await?
            }
            ReportOf::Project { project_id: p } => self.app.reviews().of_project(actor, p).await?,
        };
        for r in listed {
            let decisions = self.app.reviews().decisions(&r.id).await?;
            reviews.push(ReviewReport {
                review_id: r.id.to_string(),
                title: r.title.clone(),
                status: r.state.status.as_str().to_owned(),
                round: r.state.round,
                workflow: r.workflow.name.clone(),
                requested_by_name: r.requested_by_name.clone(),
                requested_at: r.requested_at,
                decisions,
            });
        }
        let disclosures: Vec<_> = self
            .app
            .disclosures()
            .of_project(actor, &project.id)
            .await?
            .into_iter()
            .filter(|d| match (of, &d.disclosure) {
                (ReportOf::Project { .. }, _) => true,
                (
                    ReportOf::Document { document_id: doc },
                    Disclosure::MaterialProvided { document_id, .. },
                ) => document_id.as_ref().is_none_or(|x| x == doc),
                (ReportOf::Document { .. }, Disclosure::ElectedUse { .. }) => true,
                (ReportOf::Document { .. }, Disclosure::PerformerConsent { .. }) => false,
            })
            .collect();
        let assets: Vec<AssetReport> = match of {
            ReportOf::Document { .. } => Vec::new(),
            ReportOf::Project { project_id: p } => self
                .app
                .assets()
                .list(p)
                .await?
                .into_iter()
                .map(|a| {
                    let c = a.latest.credentials.as_ref();
                    AssetReport {
                        asset_id: a.asset.id.to_string(),
                        name: a.asset.name.clone(),
                        version: a.latest.version,
                        media_type: a.latest.media_type.clone(),
                        hash: a.latest.hash.clone(),
                        imported_by_name: a.latest.imported_by_name.clone(),
                        imported_at: a.latest.imported_at,
                        credentials: c.map(|c| c.validity),
                        claim_generator: c.and_then(|c| c.claim_generator.clone()),
                        ai_generated: c.is_some_and(|c| c.ai_generated),
                    }
                })
                .collect(),
        };
        let mut verification = self.app.ledger().verify().await?;
        // What vouches for this report: its project's chain and the workspace's (another
        // project's findings, or even its title, are not this report's to tell).
        let ours = |chain: &str| chain == project.id.as_str() || chain == "workspace";
        verification.heads.retain(|h| ours(&h.chain));
        verification.problems.retain(|p| ours(&p.chain));
        verification.ok = verification.problems.is_empty();
        let summary = summarize(&docs, &reviews, disclosures.len(), &assets);
        Ok(ProvenanceReport {
            format: REPORT_FORMAT.to_owned(),
            generated_at: now_ms(),
            generated_by: actor.name.clone(),
            generator: format!("Greenlight {}", env!("CARGO_PKG_VERSION")),
            scope: match of {
                ReportOf::Document { .. } => ReportScope::Document,
                ReportOf::Project { .. } => ReportScope::Project,
            },
            project_id: project.id.clone(),
            project_title: project.title.clone(),
            summary,
            documents: docs,
            reviews,
            disclosures,
            assets,
            verification,
        })
    }
}

fn summarize(
    docs: &[DocumentReport],
    reviews: &[ReviewReport],
    disclosures: usize,
    assets: &[AssetReport],
) -> ReportSummary {
    let total_words: i64 = docs.iter().map(|d| d.total_words).sum();
    let ai_words: i64 = docs.iter().map(|d| d.ai_words).sum();
    ReportSummary {
        documents: docs.len() as i64,
        total_words,
        ai_words,
        ai_share: if total_words == 0 {
            0.0
        } else {
            ai_words as f64 / total_words as f64
        },
        ai_spans: docs.iter().map(|d| d.spans.len() as i64).sum(),
        sent_remote: docs.iter().any(|d| d.sent_remote),
        models: ModelUse::tally(docs.iter().flat_map(|d| &d.models).map(|m| {
            (
                m.provider_name.clone(),
                m.model.clone(),
                m.local,
                m.requests,
            )
        })),
        reviews: reviews.len() as i64,
        locked_reviews: reviews
            .iter()
            .filter(|r| r.status == ReviewStatus::Locked.as_str())
            .count() as i64,
        disclosures: disclosures as i64,
        assets: assets.len() as i64,
        ai_generated_assets: assets.iter().filter(|a| a.ai_generated).count() as i64,
    }
}
