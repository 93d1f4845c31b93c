//! Printing results as text for people or JSON for scripts.

use greenlight_core::domain::ai::{AiRunRecord, ConnectionReport, ProviderInfo, ProviderKindName};
use greenlight_core::domain::diff::{DiffOpKind, WordDiff};
use greenlight_core::domain::document::{DocumentSummary, ImportOutcome};
use greenlight_core::domain::ledger::VerifyReport;
use greenlight_core::domain::project::{Project, ProjectSummary};
use greenlight_core::domain::revision::RevisionMeta;
use greenlight_core::domain::structure::{ExportFormat, ScriptStructure};
use serde::Serialize;
use std::path::Path;

pub struct Out {
    pub json: bool,
}

impl Out {
    fn json<T: Serialize>(&self, value: &T) -> bool {
        if self.json {
            match serde_json::to_string_pretty(value) {
                Ok(s) => println!("{s}"),
                Err(e) => eprintln!("error: cannot encode JSON: {e}"),
            }
        }
        self.json
    }

    pub fn projects(&self, list: &[ProjectSummary]) {
        if self.json(&list) {
            return;
        }
        if list.is_empty() {
            println!("No projects yet. Create one with: greenlight project create \"Title\"");
        }
        for p in list {
            let archived = if p.project.archived {
                " (archived)"
            } else {
                ""
            };
            println!(
                "{}  {}  [{}] {} documents{archived}",
                p.project.id,
                p.project.title,
                p.project.kind.as_str(),
                p.document_count
            );
        }
    }

    pub fn project(&self, p: &Project) {
        if !self.json(p) {
            println!("{}  {}", p.id, p.title);
        }
    }

    pub fn documents(&self, list: &[DocumentSummary]) {
        if self.json(&list) {
            return;
        }
        for d in list {
            println!(
                "{}  {}  [{} · {}] {} words, {} revisions",
                d.document.id,
                d.document.title,
                d.document.kind.as_str(),
                d.document.format.as_str(),
                d.word_count,
                d.revision_count
            );
        }
    }

    pub fn revisions(&self, list: &[RevisionMeta]) {
        if self.json(&list) {
            return;
        }
        for r in list {
            println!(
                "{}  {}  {} words  by {}  sha256:{}",
                r.id,
                r.created_at,
                r.word_count,
                r.author_name,
                r.content_hash.get(..12).unwrap_or(&r.content_hash)
            );
        }
    }

    /// Text mode prints the diff inline: `[-deleted-]` and `{+inserted+}`, as `git diff
    /// --word-diff` does, so it reads in any terminal and pipes cleanly.
    pub fn diff(&self, d: &WordDiff) {
        if self.json(d) {
            return;
        }
        let mut s = String::new();
        for op in &d.ops {
            match op.kind {
                DiffOpKind::Equal => s.push_str(&op.text),
                DiffOpKind::Insert => {
                    s.push_str("{+");
                    s.push_str(&op.text);
                    s.push_str("+}");
                }
                DiffOpKind::Delete => {
                    s.push_str("[-");
                    s.push_str(&op.text);
                    s.push_str("-]");
                }
            }
        }
        println!("{s}");
        eprintln!("+{} -{} words", d.words_inserted, d.words_deleted);
    }

    pub fn verify(&self, r: &VerifyReport) {
        if self.json(r) {
            return;
        }
        match &r.first_broken {
            None => println!(
                "ok: {} events verified, the chain is intact",
                r.events_checked
            ),
            Some(b) => println!(
                "BROKEN at event #{} ({}): {}. {} events before it verified.",
                b.seq, b.event_id, b.reason, r.events_checked
            ),
        }
    }

    pub fn imported(&self, o: &ImportOutcome) {
        if self.json(o) {
            return;
        }
        println!("{}  {}", o.document.id, o.document.title);
        for w in &o.warnings {
            eprintln!("warning: {w}");
        }
    }

    pub fn scenes(&self, s: &ScriptStructure) {
        if self.json(&s.scenes) {
            return;
        }
        for sc in &s.scenes {
            let number = sc.number.as_deref().unwrap_or("");
            println!(
                "{:>4} {:>5}  {}  ({} words, {}/8 pg)  {}",
                sc.ordinal,
                number,
                sc.heading,
                sc.words,
                sc.eighths,
                sc.characters.join(", ")
            );
        }
        eprintln!("{} scenes, about {} pages", s.scenes.len(), s.pages);
    }

    pub fn characters(&self, s: &ScriptStructure) {
        if self.json(&s.characters) {
            return;
        }
        for c in &s.characters {
            println!(
                "{}  {} speeches, {} words, {} scenes",
                c.name,
                c.dialogue_blocks,
                c.words,
                c.scenes.len()
            );
        }
    }

    pub fn providers(&self, list: &[ProviderInfo]) {
        if self.json(&list) {
            return;
        }
        for p in list {
            let key = match (p.kind, p.key_set) {
                (ProviderKindName::Offline | ProviderKindName::Ollama, _) => "",
                (_, true) => "  key set",
                (_, false) => "  no key",
            };
            println!(
                "{}  {}  [{} · {}] {}{key}",
                p.id,
                p.name,
                p.kind.as_str(),
                if p.local { "local" } else { "remote" },
                p.model
            );
        }
    }

    pub fn connection(&self, r: &ConnectionReport) {
        if self.json(r) {
            return;
        }
        println!("{}", r.message);
        for m in &r.models {
            println!("  {m}");
        }
    }

    pub fn run_record(&self, r: &AiRunRecord) {
        if self.json(r) {
            return;
        }
        if let Some(m) = &r.message {
            eprintln!("{m}");
        }
        if r.partial {
            eprintln!("(incomplete: the text above is partial)");
        }
    }

    pub fn exported(&self, path: &Path, format: ExportFormat) {
        if !self.json(&serde_json::json!({ "path": path, "format": format })) {
            println!("exported to {}", path.display());
        }
    }
}
