//! Final Draft XML export. Plain string building: the format is small and this keeps the
//! escaping rules in one visible place.

use crate::model::{Element, ElementKind, Script, StyledText};
use std::fmt::Write as _;

/// Writes a script as an FDX document (Final Draft 8+ layout).
#[must_use]
pub fn write_fdx(script: &Script) -> String {
    let mut w = Writer {
        out: String::new(),
        new_page: false,
    };
    w.out
        .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\" ?>\n");
    w.out
        .push_str("<FinalDraft DocumentType=\"Script\" Template=\"No\" Version=\"5\">\n");
    w.out.push_str("  <Content>\n");
    w.body(&script.elements);
    w.out.push_str("  </Content>\n");
    if !script.title_page.is_empty() {
        w.out.push_str("  <TitlePage>\n    <Content>\n");
        for field in &script.title_page {
            let centered = matches!(
                field.key.to_lowercase().as_str(),
                "title" | "credit" | "author" | "authors"
            );
            for v in &field.values {
                let align = if centered { "Center" } else { "Left" };
                let _ = write!(
                    w.out,
                    "      <Paragraph Alignment=\"{align}\" Type=\"General\">"
                );
                w.runs(v);
                w.out.push_str("</Paragraph>\n");
            }
        }
        w.out.push_str("    </Content>\n  </TitlePage>\n");
    }
    w.out.push_str("</FinalDraft>\n");
    w.out
}

struct Writer {
    out: String,
    /// A page break is pending for the next paragraph.
    new_page: bool,
}

fn is_part(k: &ElementKind) -> bool {
    matches!(
        k,
        ElementKind::Parenthetical { .. }
            | ElementKind::Dialogue { .. }
            | ElementKind::Lyrics { .. }
    )
}

/// End (exclusive) of the dialogue group starting with the cue at `i`.
fn group_end(els: &[Element], i: usize) -> usize {
    let mut j = i + 1;
    while els.get(j).is_some_and(|e| is_part(&e.kind)) {
        j += 1;
    }
    j
}

impl Writer {
    fn body(&mut self, els: &[Element]) {
        let mut i = 0;
        while let Some(el) = els.get(i) {
            if let ElementKind::Character { dual: false, .. } = el.kind {
                let end = group_end(els, i);
                if let Some(ElementKind::Character { dual: true, .. }) =
                    els.get(end).map(|e| &e.kind)
                {
                    let end2 = group_end(els, end);
                    self.out.push_str("    <Paragraph>\n      <DualDialogue>\n");
                    for e in &els[i..end2] {
                        self.paragraph(&e.kind, "        ");
                    }
                    self.out
                        .push_str("      </DualDialogue>\n    </Paragraph>\n");
                    i = end2;
                    continue;
                }
            }
            self.paragraph(&el.kind, "    ");
            i += 1;
        }
        if self.new_page {
            self.carrier();
        }
    }

    /// An empty Action paragraph that only carries a pending page break.
    fn carrier(&mut self) {
        self.new_page = false;
        self.out
            .push_str("    <Paragraph Type=\"Action\" StartsNewPage=\"Yes\"></Paragraph>\n");
    }

    fn open(&mut self, indent: &str, type_name: &str, extra: &str) {
        let page = if std::mem::take(&mut self.new_page) {
            " StartsNewPage=\"Yes\""
        } else {
            ""
        };
        let _ = write!(
            self.out,
            "{indent}<Paragraph Type=\"{}\"{extra}{page}>",
            escape(type_name, true)
        );
    }

    fn plain(&mut self, indent: &str, type_name: &str, extra: &str, text: &str) {
        self.open(indent, type_name, extra);
        self.runs(&StyledText::plain(text));
        self.out.push_str("</Paragraph>\n");
    }

    fn styled(&mut self, indent: &str, type_name: &str, extra: &str, text: &StyledText) {
        self.open(indent, type_name, extra);
        self.runs(text);
        self.out.push_str("</Paragraph>\n");
    }

    fn paragraph(&mut self, kind: &ElementKind, ind: &str) {
        match kind {
            ElementKind::SceneHeading { text, number, .. } => {
                let extra = number
                    .as_ref()
                    .map(|n| format!(" Number=\"{}\"", escape(n, true)))
                    .unwrap_or_default();
                self.plain(ind, "Scene Heading", &extra, text);
            }
            ElementKind::Action { text } => self.styled(ind, "Action", "", text),
            ElementKind::Centered { text } => {
                self.styled(ind, "Action", " Alignment=\"Center\"", text);
            }
            ElementKind::Character {
                name, extensions, ..
            } => {
                let mut line = name.clone();
                for e in extensions {
                    let _ = write!(line, " ({e})");
                }
                self.plain(ind, "Character", "", &line);
            }
            ElementKind::Parenthetical { text } => {
                self.plain(ind, "Parenthetical", "", &format!("({text})"));
            }
            ElementKind::Dialogue { text } => self.styled(ind, "Dialogue", "", text),
            ElementKind::Lyrics { text } => self.styled(ind, "Lyrics", "", text),
            ElementKind::Transition { text, .. } => self.plain(ind, "Transition", "", text),
            ElementKind::PageBreak => {
                if self.new_page {
                    self.carrier();
                }
                self.new_page = true;
            }
            ElementKind::Section { depth, text } => {
                self.plain(ind, "Section", &format!(" Depth=\"{depth}\""), text);
            }
            ElementKind::Synopsis { text } => self.plain(ind, "Synopsis", "", text),
            ElementKind::Note { text } => self.plain(ind, "Note", "", text),
            ElementKind::Boneyard { text } => self.plain(ind, "Boneyard", "", text),
            ElementKind::Other { type_name, text } => self.styled(ind, type_name, "", text),
        }
    }

    fn runs(&mut self, text: &StyledText) {
        for run in text.runs() {
            let s = run.style;
            let mut tokens = Vec::new();
            if s.note {
                tokens.push("Note");
            }
            if s.bold {
                tokens.push("Bold");
            }
            if s.italic {
                tokens.push("Italic");
            }
            if s.underline {
                tokens.push("Underline");
            }
            if tokens.is_empty() {
                self.out.push_str("<Text>");
            } else {
                let _ = write!(self.out, "<Text Style=\"{}\">", tokens.join("+"));
            }
            self.out.push_str(&escape(&run.text, false));
            self.out.push_str("</Text>");
        }
    }
}

/// XML escaping. Characters XML 1.0 cannot carry at all (most C0 controls) are dropped, so
/// the output is always well-formed.
fn escape(s: &str, attr: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            '\n' if attr => out.push_str("&#10;"),
            '\t' | '\n' => out.push(c),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}
