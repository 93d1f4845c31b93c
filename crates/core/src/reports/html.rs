//! A provenance report as one self-contained HTML page (no script, no outside file): the
//! figures first, then the verification, each document's AI-touched spans with their
//! histories, the reviews, the disclosures and the assets.

use greenlight_domain::ledger::keys::short;
use greenlight_domain::provenance::{DocumentReport, ProvenanceReport, SpanHistory};
use std::fmt::Write;

/// Text made safe inside HTML elements and quoted attributes.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A time as people read it in a report: `2026-12-01 15:20 UTC`.
pub(crate) fn when(ms: i64) -> String {
    // Times come from the record, which a client wrote: keep them within years 1970–9999,
    // which the format can show.
    const LAST: i64 = 253_402_300_799_000;
    let t = std::time::UNIX_EPOCH + std::time::Duration::from_millis(ms.clamp(0, LAST) as u64);
    let s = humantime::format_rfc3339_seconds(t).to_string();
    format!("{} {} UTC", &s[..10], &s[11..16])
}

pub(crate) fn percent(share: f64) -> String {
    format!("{:.1} %", share * 100.0)
}

/// What a span's history says, as (label, value) lines, shared with the PDF.
pub(crate) fn history_lines(h: &SpanHistory) -> Vec<(&'static str, String)> {
    let mut lines = vec![
        ("Instruction", h.instruction.clone()),
        (
            "Model",
            format!(
                "{} — {} ({})",
                h.provider_name,
                h.model,
                if h.local {
                    "on this computer"
                } else {
                    "remote: the passage left the computer"
                }
            ),
        ),
        (
            "Template",
            format!("{} v{}", h.template_id, h.template_version),
        ),
        ("Prompt hash", h.prompt_hash.clone()),
        (
            "Asked by",
            format!("{}, {}", h.requested_by_name, when(h.requested_at)),
        ),
    ];
    if let (Some(by), Some(at)) = (&h.accepted_by_name, h.accepted_at) {
        let how = if h.edited_before_accepting {
            match h.edit_distance {
                Some(d) => format!("edited before accepting ({:.0} % changed)", d * 100.0),
                None => "edited before accepting".to_owned(),
            }
        } else {
            "as the model wrote it".to_owned()
        };
        lines.push(("Accepted", format!("by {by}, {}, {how}", when(at))));
    }
    let later = h.chars_accepted - h.chars_now;
    lines.push((
        "Since",
        if later > 0 {
            format!(
                "{} of {} characters changed or cut by people afterwards",
                later, h.chars_accepted
            )
        } else {
            format!("all {} characters as accepted", h.chars_accepted)
        },
    ));
    if let Some(p) = &h.policy {
        lines.push((
            "Policy then",
            format!(
                "AI {}{}{}, {} protected name(s)",
                if p.ai_enabled { "on" } else { "off" },
                if p.local_only {
                    ", local models only"
                } else {
                    ""
                },
                if p.allowed_providers.is_empty() {
                    String::new()
                } else {
                    format!(", providers: {}", p.allowed_providers.join(", "))
                },
                p.protected_name_count
            ),
        ));
    }
    lines
}

fn document(out: &mut String, d: &DocumentReport) {
    let _ = write!(
        out,
        "<section class=\"doc\"><h2>{}</h2><p class=\"meta\">Revision {} of {} · {} words, {} touched by a model ({}) · {}</p>",
        esc(&d.title),
        esc(d.revision_id.as_str()),
        when(d.revision_at),
        d.total_words,
        d.ai_words,
        percent(d.ai_share),
        if d.sent_remote { "text was sent to a remote provider" } else { "no text left this computer" }
    );
    if d.spans.is_empty() {
        out.push_str("<p>No words of this revision came from a model.</p></section>");
        return;
    }
    out.push_str("<ol class=\"spans\">");
    for h in &d.histories {
        let _ = write!(out, "<li><div class=\"words\">");
        for s in d
            .spans
            .iter()
            .filter(|s| s.suggestion_id == h.suggestion_id)
        {
            let _ = write!(
                out,
                "<blockquote>{}</blockquote><p class=\"where\">characters {}–{}{}</p>",
                esc(&s.text),
                s.start,
                s.end,
                if s.edited {
                    " · edited before accepting"
                } else {
                    ""
                }
            );
        }
        out.push_str("</div><dl>");
        for (label, value) in history_lines(h) {
            let _ = write!(out, "<dt>{label}</dt><dd>{}</dd>", esc(&value));
        }
        out.push_str("</dl></li>");
    }
    out.push_str("</ol></section>");
}

/// The report as an HTML page.
pub fn render(r: &ProvenanceReport) -> String {
    let mut out = String::new();
    let what = super::subject(r);
    let _ = write!(
        out,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Provenance report — {}</title><style>{CSS}</style></head><body><header><p class=\"eyebrow\">Provenance report</p><h1>{}</h1><p class=\"meta\">Made by {} on {} with {} · format {}</p></header>",
        esc(&what),
        esc(&what),
        esc(&r.generated_by),
        when(r.generated_at),
        esc(&r.generator),
        esc(&r.format)
    );
    let s = &r.summary;
    let _ = write!(
        out,
        "<section><h2>Summary</h2><table class=\"figures\"><tr><th>Documents</th><td>{}</td></tr><tr><th>Words touched by a model</th><td>{} of {} ({})</td></tr><tr><th>AI-touched spans</th><td>{}</td></tr><tr><th>Text sent to a remote provider</th><td>{}</td></tr><tr><th>Models</th><td>{}</td></tr><tr><th>Reviews</th><td>{} ({} locked)</td></tr><tr><th>Disclosures</th><td>{}</td></tr><tr><th>Assets</th><td>{} ({} say a model made them)</td></tr></table></section>",
        s.documents,
        s.ai_words,
        s.total_words,
        percent(s.ai_share),
        s.ai_spans,
        if s.sent_remote { "yes" } else { "no" },
        if s.models.is_empty() {
            "none".to_owned()
        } else {
            s.models
                .iter()
                .map(|m| esc(&m.phrase()))
                .collect::<Vec<_>>()
                .join("<br>")
        },
        s.reviews,
        s.locked_reviews,
        s.disclosures,
        s.assets,
        s.ai_generated_assets
    );
    let v = &r.verification;
    let _ = write!(
        out,
        "<section><h2>Verification</h2><p class=\"{}\"><strong>{}</strong> {} events in {} chains, {} signatures and {} revisions checked{}.</p>",
        if v.ok { "ok" } else { "bad" },
        if v.ok { "The record is intact." } else { "The record has been altered." },
        v.events_checked,
        v.chains_checked,
        v.signatures_checked,
        v.revisions_checked,
        if v.unsigned_events > 0 { format!(" ({} events predate signatures)", v.unsigned_events) } else { String::new() }
    );
    if !v.problems.is_empty() {
        out.push_str("<ul class=\"problems\">");
        for p in &v.problems {
            let _ = write!(out, "<li>{}: {}</li>", esc(&p.chain_name), esc(&p.reason));
        }
        out.push_str("</ul>");
    }
    out.push_str(
        "<table class=\"heads\"><tr><th>Chain</th><th>Head</th><th>Signed by key</th></tr>",
    );
    for h in &v.heads {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>#{} <code>{}…</code></td><td><code>{}</code></td></tr>",
            esc(&h.chain_name),
            h.seq,
            esc(short(&h.hash)),
            h.key_id
                .as_deref()
                .map(|k| format!("{}…", esc(short(k))))
                .unwrap_or_else(|| "not signed".into())
        );
    }
    out.push_str("</table></section>");
    for d in &r.documents {
        document(&mut out, d);
    }
    if !r.reviews.is_empty() {
        out.push_str("<section><h2>Reviews</h2>");
        for rv in &r.reviews {
            let _ = write!(
                out,
                "<h3>{} — {} (round {}, {})</h3><p class=\"meta\">Requested by {} on {}</p><ul>",
                esc(&rv.title),
                esc(&rv.status.replace('_', " ")),
                rv.round,
                esc(&rv.workflow),
                esc(&rv.requested_by_name),
                when(rv.requested_at)
            );
            for d in &rv.decisions {
                let _ = write!(
                    out,
                    "<li>{} — {}: {} (round {}, {}){}</li>",
                    esc(&d.stage),
                    esc(&d.by_name),
                    esc(&format!("{:?}", d.verdict)),
                    d.round,
                    when(d.at),
                    d.comment
                        .as_deref()
                        .map(|c| format!(" — “{}”", esc(c)))
                        .unwrap_or_default()
                );
            }
            out.push_str("</ul>");
        }
        out.push_str("</section>");
    }
    out.push_str("<section><h2>Disclosures</h2>");
    if r.disclosures.is_empty() {
        out.push_str("<p>None recorded.</p>");
    } else {
        out.push_str("<ul>");
        for d in &r.disclosures {
            let _ = write!(
                out,
                "<li>{}, {}: {}</li>",
                esc(&d.recorded_by_name),
                when(d.at),
                esc(&d.summary)
            );
        }
        out.push_str("</ul>");
    }
    out.push_str("</section>");
    if !r.assets.is_empty() {
        out.push_str("<section><h2>Assets</h2><table><tr><th>Asset</th><th>Content Credentials</th><th>Made by a model</th></tr>");
        for a in &r.assets {
            let _ = write!(
                out,
                "<tr><td>{} (v{}, {})</td><td>{}</td><td>{}</td></tr>",
                esc(&a.name),
                a.version,
                esc(&a.media_type),
                match (&a.credentials, &a.claim_generator) {
                    (None, _) => "none".to_owned(),
                    (Some(v), g) => format!(
                        "{:?}{}",
                        v,
                        g.as_deref()
                            .map(|g| format!(", by {}", esc(g)))
                            .unwrap_or_default()
                    )
                    .to_lowercase(),
                },
                if a.ai_generated {
                    "yes, say its credentials"
                } else {
                    "not claimed"
                }
            );
        }
        out.push_str("</table></section>");
    }
    out.push_str("</body></html>\n");
    out
}

const CSS: &str = "body{font:15px/1.5 system-ui,sans-serif;color:#1d2320;max-width:860px;margin:40px auto;padding:0 24px}h1{font:600 2rem/1.2 Georgia,serif;margin:4px 0}h2{font-size:1.2rem;margin-top:2em;border-bottom:1px solid #d9ddd8;padding-bottom:4px}h3{font-size:1rem}.eyebrow{text-transform:uppercase;letter-spacing:.08em;color:#2f6b4f;font-size:.8rem;margin:0}.meta,.where{color:#5d655f;font-size:.9rem}table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid #e6e8e4}.figures th{width:40%;font-weight:500}.ok{color:#2f6b4f}.bad,.problems{color:#a3321f}code{font:12px ui-monospace,monospace;background:#f1f2ef;padding:1px 4px;border-radius:3px}ol.spans{padding-left:1.2em}ol.spans li{margin:1.2em 0}blockquote{margin:0;padding:8px 12px;background:#eef6f1;border-left:3px solid #2f6b4f;white-space:pre-wrap}dl{display:grid;grid-template-columns:9em 1fr;gap:2px 12px;font-size:.9rem}dt{color:#5d655f}dd{margin:0;overflow-wrap:anywhere}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_out_of_range_are_shown_at_the_range_ends() {
        assert_eq!(when(0), "1970-01-01 00:00 UTC");
        assert_eq!(when(i64::MAX), "9999-12-31 23:59 UTC");
        assert_eq!(when(-5), "1970-01-01 00:00 UTC");
        assert_eq!(
            esc("<a href='x'>&\""),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;"
        );
    }
}
