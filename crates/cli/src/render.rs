//! Printing results as text for people or JSON for scripts.

use greenlight_core::domain::ai::{AiRunRecord, ConnectionReport, ProviderInfo, ProviderKindName};
use greenlight_core::domain::diff::{DiffOpKind, WordDiff};
use greenlight_core::domain::document::{DocumentSummary, ImportOutcome};
use greenlight_core::domain::ledger::VerifyReport;
use greenlight_core::domain::project::{Project, ProjectSummary};
use greenlight_core::domain::revision::RevisionMeta;
use greenlight_core::domain::structure::{ExportFormat, ScriptStructure};
use greenlight_core::members::Member;
use serde::Serialize;
use std::path::Path;

pub struct Out {
    pub json: bool,
}

impl Out {
    pub(crate) fn json<T: Serialize>(&self, value: &T) -> bool {
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
                utc(r.created_at),
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
        if r.ok {
            println!(
                "intact: {} events in {} chains ({} signatures, {} revisions checked)",
                r.events_checked, r.chains_checked, r.signatures_checked, r.revisions_checked
            );
            if r.unsigned_events > 0 {
                println!(
                    "{} events were written before signatures began: hash-chained, not signed",
                    r.unsigned_events
                );
            }
            if let Some(n) = r.against_checked {
                println!("the {n} chain heads of the earlier report are still on their chains");
            }
            return;
        }
        for p in &r.problems {
            let at = match (p.seq, &p.event_id, &p.revision_id) {
                (_, _, Some(rev)) => format!("revision {rev}"),
                (Some(seq), Some(id), _) => format!("event #{seq} ({id})"),
                (Some(seq), None, _) => format!("event #{seq}"),
                (None, Some(id), _) => format!("event {id}"),
                (None, None, None) => "its start".to_owned(),
            };
            println!(
                "BROKEN: {} [chain {}] at {at}: {}",
                p.chain_name, p.chain, p.reason
            );
        }
        println!(
            "{} problem(s); {} events in {} chains and {} revisions were checked",
            r.problems.len(),
            r.events_checked,
            r.chains_checked,
            r.revisions_checked
        );
    }

    pub fn credentials(&self, c: &greenlight_core::domain::asset::ContentCredentials) {
        if self.json(c) {
            return;
        }
        println!(
            "{:?} credentials by {}{}",
            c.validity,
            c.claim_generator.as_deref().unwrap_or("an unnamed tool"),
            c.signer
                .as_deref()
                .map(|s| format!(", signed by {s}"))
                .unwrap_or_default()
        );
        for a in &c.actions {
            println!(
                "  {} {}",
                a.action,
                a.digital_source_type
                    .as_deref()
                    .and_then(|d| d.rsplit('/').next())
                    .unwrap_or("")
            );
        }
        if let Some(p) = &c.problem {
            println!("  problem: {p}");
        }
        for code in &c.status_codes {
            println!("  status: {code}");
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

/// Unix milliseconds as `YYYY-MM-DD HH:MM:SS UTC` (civil-from-days; no time zone database).
pub fn utc(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

impl Out {
    pub fn members(&self, list: &[Member]) {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Shown<'a> {
            person_id: &'a str,
            name: &'a str,
            email: &'a str,
            login: Option<&'a str>,
            added_by: &'a str,
            added_at: i64,
            roles: Vec<&'static str>,
        }
        let shown: Vec<Shown> = list
            .iter()
            .map(|m| Shown {
                person_id: m.person.id.as_str(),
                name: &m.person.name,
                email: &m.person.email,
                login: m.person.login.as_deref(),
                added_by: m.added_by.as_str(),
                added_at: m.added_at,
                roles: m.roles.iter().map(|r| r.as_str()).collect(),
            })
            .collect();
        if self.json(&shown) {
            return;
        }
        for m in list {
            let login = m
                .person
                .login
                .as_deref()
                .map(|l| format!(" ({l})"))
                .unwrap_or_default();
            let roles: Vec<&str> = m.roles.iter().map(|r| r.label()).collect();
            println!(
                "{}  {}{}  [{}]",
                m.person.id,
                m.person.name,
                login,
                roles.join(", ")
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::utc;

    #[test]
    fn formats_unix_millis_as_utc() {
        assert_eq!(utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(utc(951_782_400_000), "2000-02-29 00:00:00 UTC");
        assert_eq!(utc(1_795_687_584_458), "2026-11-26 10:06:24 UTC");
    }
}
