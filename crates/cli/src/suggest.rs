//! `greenlight vary`, `greenlight suggest …` and `greenlight doc attribution`: takes of a
//! model on a passage, the decisions on them, and which characters of a revision a model
//! wrote. The `--json` fields are named as issue 10 names them (snake_case), so scripts can
//! rely on them; fields beyond those are additions, never renames.

use crate::render::Out;
use crate::Session;
use clap::{ArgGroup, Args, Subcommand};
use greenlight_core::domain::ai::AiRunEvent;
use greenlight_core::domain::error::fields;
use greenlight_core::domain::ids::{DocumentId, RevisionId, SuggestionId};
use greenlight_core::domain::limits::MAX_DOCUMENT_BYTES;
use greenlight_core::domain::suggestion::RejectReason;
use greenlight_core::domain::suggestion_record::{
    AttributionReport, FailedTake, SpanOrigin, Suggestion, VaryRequest,
};
use greenlight_core::domain::DomainError;
use greenlight_core::CoreError;
use serde::Serialize;
use std::path::PathBuf;

#[derive(Args)]
#[command(group(ArgGroup::new("passage").required(true).args(["range", "find"])))]
pub struct VaryArgs {
    /// The document's id
    document: String,
    /// The passage: characters START..END of the newest revision (Unicode scalar values,
    /// end exclusive)
    #[arg(long, value_name = "START..END", value_parser = parse_range)]
    range: Option<(usize, usize)>,
    /// The passage: the first occurrence of TEXT in the newest revision
    #[arg(long, value_name = "TEXT")]
    find: Option<String>,
    /// What to do with the passage ("tighten", "make it colder", "translate to Spanish")
    #[arg(long)]
    instruction: String,
    /// How many takes (1 to 5), each its own request
    #[arg(long, default_value_t = 3)]
    n: usize,
    /// Provider id [default: the first configured provider; the offline engine cannot write
    /// variations]
    #[arg(long, value_name = "ID")]
    provider: Option<String>,
}

#[derive(Subcommand)]
pub enum SuggestCmd {
    /// A document's suggestions, oldest first, with their state and hunks
    List { document: String },
    /// Accept a suggestion: whole, only some hunks, or the text of a file (the take as you
    /// edited it). Saves one new revision
    Accept {
        id: String,
        /// Only these hunks (numbered from 1, as `list` and `vary` show them)
        #[arg(long, value_delimiter = ',', value_name = "N,N…")]
        hunks: Option<Vec<usize>>,
        /// Accept this file's text (UTF-8) instead of the take; `-` reads stdin
        #[arg(long, value_name = "F")]
        text_file: Option<PathBuf>,
    },
    /// Reject a suggestion with a reason (`other` needs a note)
    Reject {
        id: String,
        /// off-tone, inaccurate, too-long, not-my-voice or other
        #[arg(long, value_parser = parse_reason)]
        reason: RejectReason,
        #[arg(long)]
        note: Option<String>,
    },
    /// Undo an acceptance: one new revision puts the passage back
    Undo { id: String },
}

fn parse_range(s: &str) -> Result<(usize, usize), String> {
    let bad = || format!("'{s}' is not a range; write it as START..END (character offsets)");
    let (a, b) = s.split_once("..").ok_or_else(bad)?;
    let a = a.trim().parse().map_err(|_| bad())?;
    let b = b.trim().parse().map_err(|_| bad())?;
    Ok((a, b))
}

fn parse_reason(s: &str) -> Result<RejectReason, String> {
    RejectReason::parse(s).ok_or_else(|| {
        format!("'{s}' is not a reason; use off-tone, inaccurate, too-long, not-my-voice or other")
    })
}

#[derive(Serialize)]
struct HunkOut<'a> {
    n: usize,
    removed: &'a str,
    inserted: &'a str,
}

#[derive(Serialize)]
struct SuggestionOut<'a> {
    id: &'a str,
    text: &'a str,
    status: &'static str,
    /// The provider's id (what `--provider` takes).
    provider: &'a str,
    model: &'a str,
    hunks: Vec<HunkOut<'a>>,
    provider_name: &'a str,
    local: bool,
    document: &'a str,
    passage: &'a str,
    start: i64,
    end: i64,
    instruction: &'a str,
    reason: Option<&'static str>,
    note: Option<&'a str>,
    edited: Option<bool>,
    edit_distance: Option<f64>,
    /// The revision the latest decision wrote (an acceptance, or its undoing).
    revision: Option<&'a str>,
}

fn out<'a>(s: &'a Suggestion, revision: Option<&'a str>) -> SuggestionOut<'a> {
    let d = s.decision.as_ref();
    SuggestionOut {
        id: s.id.as_str(),
        text: &s.text,
        status: s.state.as_str(),
        provider: &s.provider_id,
        model: &s.model,
        hunks: s
            .hunks
            .iter()
            .map(|h| HunkOut {
                n: h.n,
                removed: &h.removed,
                inserted: &h.inserted,
            })
            .collect(),
        provider_name: &s.provider_name,
        local: s.local,
        document: s.document_id.as_str(),
        passage: &s.passage,
        start: s.anchor_start,
        end: s.anchor_end,
        instruction: &s.instruction,
        reason: d.and_then(|d| d.reason).map(RejectReason::as_str),
        note: d.and_then(|d| d.note.as_deref()),
        edited: d.filter(|_| s.state.is_accepted()).map(|d| d.edited),
        edit_distance: d.and_then(|d| d.edit_distance),
        revision: revision.or_else(|| {
            d.and_then(|d| d.accepted_revision_id.as_ref())
                .map(|r| r.as_str())
        }),
    }
}

#[derive(Serialize)]
struct FailedOut<'a> {
    take: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct ListOut<'a> {
    suggestions: Vec<SuggestionOut<'a>>,
    /// Takes that could not be kept, and why (`vary` only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    failed: Vec<FailedOut<'a>>,
}

fn print_list(o: &Out, list: &[Suggestion], failed: &[FailedTake]) {
    let shown = ListOut {
        suggestions: list.iter().map(|s| out(s, None)).collect(),
        failed: failed
            .iter()
            .map(|f| FailedOut {
                take: f.take,
                message: &f.message,
            })
            .collect(),
    };
    if !o.json(&shown) {
        if list.is_empty() {
            println!("No suggestions.");
        }
        for s in list {
            print_one(s);
        }
    }
    for f in failed {
        eprintln!("take {} was not kept: {}", f.take, f.message);
    }
}

fn print_one(s: &Suggestion) {
    println!(
        "{}  [{}] {} · {} · {}",
        s.id,
        s.state.as_str(),
        s.provider_name,
        s.model,
        if s.local { "local" } else { "remote" }
    );
    for h in &s.hunks {
        println!("  {}: [-{}-] {{+{}+}}", h.n, h.removed, h.inserted);
    }
    if let Some(d) = &s.decision {
        if let Some(r) = d.reason {
            println!(
                "  rejected by {}: {}{}",
                d.by_name,
                r.as_str(),
                d.note
                    .as_deref()
                    .map(|n| format!(" ({n})"))
                    .unwrap_or_default()
            );
        }
        if let Some(dist) = d.edit_distance {
            println!(
                "  accepted by {}{}",
                d.by_name,
                if d.edited {
                    format!(", edited ({:.0} % changed)", dist * 100.0)
                } else {
                    String::new()
                }
            );
        }
    }
}

pub async fn vary(s: &Session, o: &Out, args: VaryArgs) -> Result<(), CoreError> {
    let document = DocumentId(args.document);
    let (start, end) = match (args.range, args.find) {
        (Some(r), _) => r,
        (None, Some(needle)) => find(s, &document, &needle).await?,
        // clap requires one of the two.
        (None, None) => {
            return Err(DomainError::Empty {
                field: fields::PASSAGE,
            }
            .into())
        }
    };
    let json = o.json;
    let outcome = s
        .app
        .suggestions()
        .vary_streaming(
            &s.actor,
            VaryRequest {
                document_id: document,
                start,
                end,
                instruction: args.instruction,
                preset: None,
                takes: args.n,
                provider_id: args.provider,
            },
            |take, event| {
                if let (
                    false,
                    AiRunEvent::Started {
                        provider_name,
                        model,
                        local,
                        ..
                    },
                ) = (json, &event)
                {
                    eprintln!(
                        "take {take}: {provider_name} · {model} · {}",
                        if *local { "local" } else { "remote" }
                    );
                }
            },
        )
        .await?;
    print_list(o, &outcome.suggestions, &outcome.failed);
    Ok(())
}

/// The character offsets of the first occurrence of `needle` in the newest revision.
async fn find(
    s: &Session,
    document: &DocumentId,
    needle: &str,
) -> Result<(usize, usize), CoreError> {
    let doc = s.app.documents().get(document).await?;
    let text = match &doc.head_revision_id {
        Some(r) => s.app.revisions().get(r).await?.text,
        None => String::new(),
    };
    match text.find(needle).filter(|_| !needle.is_empty()) {
        Some(byte) => {
            let start = text[..byte].chars().count();
            Ok((start, start + needle.chars().count()))
        }
        None => Err(CoreError::Invalid(DomainError::Refused {
            field: fields::PASSAGE,
            reason: format!(
                "“{needle}” does not occur in the newest revision of “{}”",
                doc.title
            ),
        })),
    }
}

pub async fn suggest(s: &Session, o: &Out, cmd: SuggestCmd) -> Result<(), CoreError> {
    let suggestions = s.app.suggestions();
    match cmd {
        SuggestCmd::List { document } => {
            let list = suggestions.list(&DocumentId(document)).await?;
            print_list(o, &list, &[]);
        }
        SuggestCmd::Accept {
            id,
            hunks,
            text_file,
        } => {
            let edited = match text_file {
                Some(path) => Some(read_text(path).await?),
                None => None,
            };
            let applied = suggestions
                .accept(&s.actor, &SuggestionId(id), hunks, edited)
                .await?;
            print_applied(o, &applied.suggestion, &applied.revision.id);
        }
        SuggestCmd::Reject { id, reason, note } => {
            let after = suggestions
                .reject(&s.actor, &SuggestionId(id), reason, note)
                .await?;
            if !o.json(&out(&after, None)) {
                print_one(&after);
            }
        }
        SuggestCmd::Undo { id } => {
            let applied = suggestions.undo(&s.actor, &SuggestionId(id)).await?;
            print_applied(o, &applied.suggestion, &applied.revision.id);
        }
    }
    Ok(())
}

fn print_applied(o: &Out, s: &Suggestion, revision: &RevisionId) {
    if !o.json(&out(s, Some(revision.as_str()))) {
        print_one(s);
        println!("  new revision {revision}");
    }
}

/// Reads the edited take: at most one byte more than a document may hold, UTF-8 only.
pub(crate) async fn read_text(path: PathBuf) -> Result<String, CoreError> {
    tokio::task::spawn_blocking(move || {
        use std::io::Read;
        let limit = MAX_DOCUMENT_BYTES as u64 + 1;
        let mut bytes = Vec::new();
        let stdin = path.as_os_str() == "-";
        let read = if stdin {
            std::io::stdin().lock().take(limit).read_to_end(&mut bytes)
        } else {
            std::fs::File::open(&path).and_then(|f| f.take(limit).read_to_end(&mut bytes))
        };
        let shown = if stdin {
            PathBuf::from("<stdin>")
        } else {
            path
        };
        let text = read.and_then(|_| {
            if bytes.len() as u64 >= limit {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("it is larger than {MAX_DOCUMENT_BYTES} bytes"),
                ));
            }
            String::from_utf8(bytes).map_err(|_| {
                std::io::Error::new(std::io::ErrorKind::InvalidData, "it is not UTF-8 text")
            })
        });
        text.map_err(|source| CoreError::Io {
            action: "Cannot read",
            path: shown,
            source,
        })
    })
    .await
    .map_err(|e| CoreError::Internal(format!("background task: {e}")))?
}

#[derive(Serialize)]
struct SpanOut<'a> {
    start: i64,
    end: i64,
    origin: &'static str,
    suggestion_id: Option<&'a str>,
    edited: bool,
}

#[derive(Serialize)]
struct AttributionOut<'a> {
    revision: &'a str,
    total_words: i64,
    ai_words: i64,
    total_chars: i64,
    ai_chars: i64,
    spans: Vec<SpanOut<'a>>,
}

pub async fn attribution(
    s: &Session,
    o: &Out,
    document: String,
    revision: Option<String>,
) -> Result<(), CoreError> {
    let revision = revision.map(RevisionId);
    let r: AttributionReport = s
        .app
        .suggestions()
        .attribution(&DocumentId(document), revision.as_ref())
        .await?;
    let shown = AttributionOut {
        revision: r.revision_id.as_str(),
        total_words: r.total_words,
        ai_words: r.ai_words,
        total_chars: r.total_chars,
        ai_chars: r.ai_chars,
        spans: r
            .spans
            .iter()
            .map(|sp| SpanOut {
                start: sp.start,
                end: sp.end,
                origin: match sp.origin {
                    SpanOrigin::Ai => "ai",
                    SpanOrigin::Human => "human",
                },
                suggestion_id: sp.suggestion_id.as_ref().map(|i| i.as_str()),
                edited: sp.edited,
            })
            .collect(),
    };
    if o.json(&shown) {
        return Ok(());
    }
    let pct = |n: i64, of: i64| {
        if of == 0 {
            0.0
        } else {
            n as f64 * 100.0 / of as f64
        }
    };
    println!(
        "AI-touched: {} words ({:.1} %) of {}; {} of {} characters (revision {})",
        r.ai_words,
        pct(r.ai_words, r.total_words),
        r.total_words,
        r.ai_chars,
        r.total_chars,
        r.revision_id
    );
    for sp in r.spans.iter().filter(|sp| sp.origin == SpanOrigin::Ai) {
        println!(
            "  {}..{}  suggestion {}{}",
            sp.start,
            sp.end,
            sp.suggestion_id.as_ref().map(|i| i.as_str()).unwrap_or("?"),
            if sp.edited { " (edited)" } else { "" }
        );
    }
    Ok(())
}
