//! Summaries of a selection of scenes or the whole script, as a tree (scene → sequence →
//! whole; see `domain::summary_tree`). Each node is one AI run (recorded like any other),
//! cached under a hash of (provider, model, template version, parameters, input text), so
//! bringing a summary up to date after an edit recomputes only the nodes above the changed
//! scenes. Calls run concurrently up to a limit per provider; every sentence cites its scenes
//! and carries flags for what the script does not back.

use crate::app::Greenlight;
use crate::error::CoreError;
use crate::{now_ms, Result};
use greenlight_ai::templates;
use greenlight_ai::CancellationToken;
use greenlight_domain::actor::Actor;
use greenlight_domain::ai::{AiOutcome, AiRunRequest, AiTask};
use greenlight_domain::ids::DocumentId;
use greenlight_domain::permission::Action;
use greenlight_domain::summary_record::{SummaryEvent, SummaryNode, SummaryReport};
use greenlight_domain::summary_tree::{self, NodePlan, SceneText, Scope, SummaryKind};
use greenlight_store::CachedNode;
use std::collections::BTreeSet;
use std::sync::Arc;

/// Concurrent summary calls per provider (shared by every summary using it at once).
pub const CONCURRENCY: usize = 8;
/// Scenes per sequence node.
pub const FANOUT: usize = 8;

/// A summary to compute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRequest {
    pub document: DocumentId,
    pub scope: Scope,
    pub kind: SummaryKind,
    /// A configured provider's id, or `offline`.
    pub provider: String,
}

/// The task, template and recorded parameters of a node: a logline or synopsis node has its
/// own; every node of the tree is a summary.
fn node_task(scope: &str) -> (AiTask, &'static str, &'static str) {
    match SummaryKind::parse(scope) {
        Some(SummaryKind::Logline) => (
            AiTask::Logline,
            "summarize.logline",
            "{\"engine_notes\":\"stripped-3\",\"kind\":\"logline\"}",
        ),
        Some(SummaryKind::Synopsis) => (
            AiTask::Synopsis,
            "summarize.synopsis",
            "{\"engine_notes\":\"stripped-3\",\"kind\":\"synopsis\",\"max_sentences\":8}",
        ),
        _ => (
            AiTask::Summarize,
            "summarize.document",
            "{\"max_sentences\":8,\"engine_notes\":\"stripped-3\"}",
        ),
    }
}

/// Summaries of documents.
pub struct Summaries<'a> {
    pub(crate) app: &'a Greenlight,
}

impl Greenlight {
    pub fn summaries(&self) -> Summaries<'_> {
        Summaries { app: self }
    }
}

/// The scenes of a screenplay's text, each with its own text (heading to the next heading).
pub fn scenes_of(text: &str) -> Vec<SceneText> {
    scene_spans(text).into_iter().map(|(_, s)| s).collect()
}

/// The scenes with where each starts, as a character offset into `text`.
fn scene_spans(text: &str) -> Vec<(usize, SceneText)> {
    let structure = crate::structure::structure_of(text);
    let lines: Vec<&str> = text.lines().collect();
    // The character offset of each line's start (`lines()` splits after each '\n').
    let mut line_starts = vec![0usize];
    line_starts.extend(
        text.chars()
            .enumerate()
            .filter(|(_, c)| *c == '\n')
            .map(|(i, _)| i + 1),
    );
    let starts: Vec<usize> = structure
        .scenes
        .iter()
        .map(|s| s.line.max(0) as usize)
        .collect();
    structure
        .scenes
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let from = starts[i].min(lines.len());
            let to = starts
                .get(i + 1)
                .copied()
                .unwrap_or(lines.len())
                .clamp(from, lines.len());
            let at = line_starts.get(from).copied().unwrap_or_default();
            (
                at,
                SceneText {
                    ordinal: s.ordinal,
                    heading: s.heading.clone(),
                    text: lines[from..to].join("\n"),
                    characters: s.characters.clone(),
                },
            )
        })
        .collect()
}

/// The parts of the scenes that `[start, end)` (characters of `text`) overlaps, each keeping
/// its scene's number, heading and characters, so citations name the right scenes.
fn selected_scenes(text: &str, start: usize, end: usize) -> Result<Vec<SceneText>> {
    let total = text.chars().count();
    if start >= end || end > total {
        return Err(CoreError::Invalid(greenlight_domain::DomainError::Refused {
            field: greenlight_domain::error::fields::SELECTION,
            reason: format!(
                "the selection {start}..{end} is not inside the text ({total} characters); select some text of the script"
            ),
        }));
    }
    let spans = scene_spans(text);
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for (i, (at, scene)) in spans.iter().enumerate() {
        let until = spans.get(i + 1).map_or(total, |(next, _)| *next);
        let (from, to) = (start.max(*at), end.min(until));
        if from < to {
            let part: String = chars[from..to].iter().collect();
            if !part.trim().is_empty() {
                out.push(SceneText {
                    text: part,
                    ..scene.clone()
                });
            }
        }
    }
    if out.is_empty() {
        return Err(CoreError::Invalid(greenlight_domain::DomainError::Refused {
            field: greenlight_domain::error::fields::SELECTION,
            reason: "the selection holds no scene's text (only the title page?); select text of a scene".into(),
        }));
    }
    Ok(out)
}

impl Summaries<'_> {
    /// Summarizes `scope` of the document's newest revision with `provider`, reusing every
    /// cached node whose inputs did not change. `on_event` hears when it starts (with the id
    /// that cancels it through [`crate::ai::Ai::cancel`]) and after each node. Cancelled, it
    /// returns the nodes that finished, the others marked missing.
    pub async fn summarize(
        &self,
        actor: &Actor,
        request: &SummaryRequest,
        on_event: impl Fn(SummaryEvent) + Send + Sync + 'static,
    ) -> Result<SummaryReport> {
        let summary_id = format!("summary-{}", uuid::Uuid::now_v7());
        let cancel = CancellationToken::new();
        self.app.runs.insert(&summary_id, cancel.clone());
        let out = self
            .compute(actor, request, &summary_id, cancel, on_event)
            .await;
        self.app.runs.remove(&summary_id);
        out
    }

    async fn compute(
        &self,
        actor: &Actor,
        request: &SummaryRequest,
        summary_id: &str,
        cancel: CancellationToken,
        on_event: impl Fn(SummaryEvent) + Send + Sync + 'static,
    ) -> Result<SummaryReport> {
        let app = self.app;
        let SummaryRequest {
            document,
            scope,
            kind,
            provider,
        } = request;
        let doc = app.documents().get(document).await?;
        app.require(actor, &doc.project_id, Action::AskAi).await?;
        let head = doc
            .head_revision_id
            .as_ref()
            .ok_or_else(|| CoreError::Conflict(format!("“{}” has no text yet", doc.title)))?;
        let text = app.store.get_revision(head).await?.text;
        let scenes = match scope {
            Scope::Chars(a, b) => selected_scenes(&text, *a, *b)?,
            _ => scenes_of(&text),
        };
        let plan = kind.extend(summary_tree::plan(&scenes, *scope, FANOUT).map_err(|e| {
            CoreError::Invalid(greenlight_domain::DomainError::Refused {
                field: greenlight_domain::error::fields::TEXT,
                reason: e.to_string(),
            })
        })?);
        let config = app.providers().config_keyless(provider).await?;
        let on_event = Arc::new(on_event);
        on_event(SummaryEvent::Started {
            summary_id: summary_id.to_owned(),
            scopes: plan.iter().map(|p| p.scope.clone()).collect(),
        });
        let progress = {
            let on_event = on_event.clone();
            move |texts: &[Option<(String, bool)>], scope: &str, reused: bool| {
                on_event(SummaryEvent::Node {
                    scope: scope.to_owned(),
                    reused,
                    done: texts.iter().flatten().count(),
                    total: texts.len(),
                })
            }
        };
        let limit = app.runs.limit(&config.id, CONCURRENCY);
        let total = plan.len();
        let mut texts: Vec<Option<(String, bool)>> = vec![None; total];
        let mut calls = 0;
        // Level by level: a node's input is its children's summaries, so all of a level's
        // nodes can run at once (up to the limit).
        let mut pending: Vec<usize> = (0..total).collect();
        let mut cancelled = false;
        while !pending.is_empty() && !cancelled {
            let (ready, rest): (Vec<usize>, Vec<usize>) = pending
                .into_iter()
                .partition(|i| plan[*i].children.iter().all(|c| texts[*c].is_some()));
            pending = rest;
            let mut tasks = Vec::new();
            for i in ready {
                let input = node_input(&plan[i], &scenes, &texts);
                let (task, template_id, params) = node_task(&plan[i].scope);
                let template =
                    templates::get(template_id).map_err(|e| CoreError::Internal(e.to_string()))?;
                let key = summary_tree::cache_key(
                    &config.id,
                    &config.model,
                    i64::from(template.version),
                    params,
                    &input,
                );
                if let Some(hit) = app.store.summary_node(&key).await? {
                    texts[i] = Some((hit.text, true));
                    progress(&texts, &plan[i].scope, true);
                    continue;
                }
                let (app, actor, limit, cancel) =
                    (app.clone(), actor.clone(), limit.clone(), cancel.clone());
                let req = AiRunRequest {
                    project_id: doc.project_id.clone(),
                    document_id: Some(doc.id.clone()),
                    provider_id: provider.to_owned(),
                    task,
                    instruction: String::new(),
                    text: Some(input),
                };
                let (scope_label, project, document) = (
                    plan[i].scope.clone(),
                    doc.project_id.clone(),
                    doc.id.clone(),
                );
                // A scene's summary cites the scene, so the levels above can keep citing it.
                let leaf = plan[i]
                    .children
                    .is_empty()
                    .then(|| plan[i].scenes.first().copied())
                    .flatten();
                tasks.push(tokio::spawn(async move {
                    let _permit = tokio::select! {
                        permit = limit.acquire() => permit.map_err(|e| CoreError::Internal(e.to_string()))?,
                        () = cancel.cancelled() => return Ok(None),
                    };
                    if cancel.is_cancelled() {
                        return Ok(None);
                    }
                    let run = app.ai().prepare_run(&actor, req).await?;
                    // Cancelling the summary cancels the call in flight (recorded as cancelled).
                    let run_id = run.id().to_owned();
                    let watcher = {
                        let (app, cancel) = (app.clone(), cancel.clone());
                        tokio::spawn(async move {
                            cancel.cancelled().await;
                            app.ai().cancel(&run_id);
                        })
                    };
                    let record = run.execute(|_| {}).await;
                    watcher.abort();
                    let record = record?;
                    if record.outcome == Some(AiOutcome::Cancelled) {
                        return Ok(None);
                    }
                    if record.outcome != Some(AiOutcome::Done) || record.output.trim().is_empty() {
                        return Err(CoreError::Ai(format!(
                            "summarizing {scope_label} failed: {}",
                            record
                                .message
                                .unwrap_or_else(|| "the provider returned nothing".into())
                        )));
                    }
                    let text = cite_leaf(&without_engine_notes(&record.output), leaf);
                    app.store
                        .put_summary_node(&CachedNode {
                            cache_key: key,
                            project_id: project,
                            document_id: document,
                            scope: scope_label,
                            text: text.clone(),
                            run_id: record.id.clone(),
                            created_at: now_ms(),
                        })
                        .await?;
                    Ok::<_, CoreError>(Some((i, text)))
                }));
            }
            for t in tasks {
                let done = t
                    .await
                    .map_err(|e| CoreError::Internal(format!("summary task: {e}")))??;
                match done {
                    Some((i, out)) => {
                        calls += 1;
                        texts[i] = Some((out, false));
                        progress(&texts, &plan[i].scope, false);
                    }
                    None => cancelled = true,
                }
            }
            cancelled |= cancel.is_cancelled();
        }
        let nodes: Vec<SummaryNode> = plan
            .iter()
            .zip(texts)
            .map(|(p, t)| {
                let missing = t.is_none();
                let (text, reused) = t.unwrap_or_default();
                let sentences = summary_tree::sentences(&text, &scenes, &p.scenes);
                let citations: BTreeSet<i64> =
                    sentences.iter().flat_map(|s| s.citations.clone()).collect();
                SummaryNode {
                    scope: p.scope.clone(),
                    scenes: p.scenes.clone(),
                    citations: citations.into_iter().collect(),
                    flags: sentences.iter().flat_map(|s| s.flags.clone()).collect(),
                    sentences,
                    text,
                    reused,
                    missing,
                }
            })
            .collect();
        let nodes_reused = nodes.iter().filter(|n| n.reused).count();
        Ok(SummaryReport {
            revision_id: head.clone(),
            nodes,
            calls_made: calls,
            nodes_reused,
            cancelled,
        })
    }
}

/// The summary itself. The offline engine frames its extracts for a person reading one
/// summary on its own (a label, section headings, `[scene N]` tags relative to its input);
/// a tree summarizes summaries, so only its extracted sentences are kept. A model's output is
/// kept as it is.
fn without_engine_notes(output: &str) -> String {
    let label = greenlight_ai::offline::summary::LABEL;
    if !output.trim_start().starts_with(label) {
        return output.trim().to_owned();
    }
    output
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- "))
        .map(|l| {
            let mut line = l.to_owned();
            while let Some(open) = line.rfind(" [") {
                match line[open + 2..].strip_suffix(']') {
                    Some(t) if !t.is_empty() && !t.starts_with('S') => line.truncate(open),
                    _ => break,
                }
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Marks each line of a scene's summary with the scene (`[S3]`) unless it cites already.
fn cite_leaf(text: &str, scene: Option<i64>) -> String {
    let Some(n) = scene else {
        return text.to_owned();
    };
    text.lines()
        .map(|l| {
            if l.trim().is_empty() || l.contains("[S") {
                l.to_owned()
            } else {
                format!("{} [S{n}]", l.trim_end())
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What a node summarizes: its scene's text, or its children's summaries (whose sentences cite
/// their scenes, `[S3]`, so the model can keep citing them).
fn node_input(node: &NodePlan, scenes: &[SceneText], texts: &[Option<(String, bool)>]) -> String {
    if node.children.is_empty() {
        let ordinal = node.scenes.first().copied().unwrap_or_default();
        return scenes
            .iter()
            .find(|s| s.ordinal == ordinal)
            .map(|s| s.text.clone())
            .unwrap_or_default();
    }
    node.children
        .iter()
        .map(|c| {
            texts[*c]
                .as_ref()
                .map(|(t, _)| t.as_str())
                .unwrap_or_default()
                .to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}
