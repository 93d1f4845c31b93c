//! Final Draft XML import.
//!
//! Hostile input is refused before it can cost anything: the size cap is checked first, the
//! nesting depth is capped while streaming, a DOCTYPE (the only way to declare entities) is
//! an error, and only the five predefined entities and character references are resolved,
//! so no entity is ever expanded. Streaming with a bounded stack keeps memory and time
//! linear in the input and recursion-free.

use super::{paragraph_kind, title_fields, FdxLimits, TitlePara};
use crate::error::{FdxError, FdxWarning};
use crate::model::{Element, ElementKind, Script, Style, StyledText};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// Reads an FDX document with the default limits (20 MB, depth 64).
///
/// # Errors
/// See [`FdxError`]; every variant names the problem and, when it has one, the line.
pub fn read_fdx(bytes: &[u8]) -> Result<(Script, Vec<FdxWarning>), FdxError> {
    read_fdx_with(bytes, &FdxLimits::default())
}

/// Reads an FDX document with explicit limits.
///
/// # Errors
/// See [`FdxError`].
pub fn read_fdx_with(
    bytes: &[u8],
    limits: &FdxLimits,
) -> Result<(Script, Vec<FdxWarning>), FdxError> {
    if bytes.len() > limits.max_bytes {
        return Err(FdxError::TooLarge {
            size: bytes.len(),
            limit: limits.max_bytes,
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(FdxError::Empty);
    }
    if let Some(format) = sniff_binary(bytes) {
        return Err(FdxError::NotXml {
            format: format.to_owned(),
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| FdxError::InvalidUtf8 {
        line: line_at(bytes, e.valid_up_to()),
        offset: e.valid_up_to(),
    })?;
    Importer::new(text, limits.max_depth).run()
}

fn sniff_binary(b: &[u8]) -> Option<&'static str> {
    let known: [(&[u8], &str); 6] = [
        (b"%PDF", "PDF"),
        (b"PK\x03\x04", "ZIP (for example .docx or .fdxt)"),
        (b"\xFF\xFE", "UTF-16 text"),
        (b"\xFE\xFF", "UTF-16 text"),
        (b"{\\rtf", "RTF"),
        (b"\xD0\xCF\x11\xE0", "Microsoft Office (legacy)"),
    ];
    known
        .iter()
        .find(|(magic, _)| b.starts_with(magic))
        .map(|(_, name)| *name)
}

fn line_at(b: &[u8], pos: usize) -> usize {
    b[..pos.min(b.len())]
        .iter()
        .filter(|&&c| c == b'\n')
        .count()
        + 1
}

/// A paragraph being read.
struct Para {
    type_name: Option<String>,
    number: Option<String>,
    centered: bool,
    new_page: bool,
    depth_attr: Option<u8>,
    text: StyledText,
    /// Holds a `<DualDialogue>`: a container, not a paragraph of its own.
    container: bool,
    line: usize,
}

struct Importer<'a> {
    src: &'a str,
    reader: Reader<&'a [u8]>,
    max_depth: usize,
    stack: Vec<String>,
    paras: Vec<Para>,
    text_style: Option<Style>,
    /// Cues seen in the current `<DualDialogue>`, if inside one.
    dual_cues: Option<usize>,
    body: Vec<Element>,
    title: Vec<TitlePara>,
    warnings: Vec<FdxWarning>,
    /// `(byte position, line at that position)` of the last line query.
    line_mark: (usize, usize),
}

impl<'a> Importer<'a> {
    fn new(src: &'a str, max_depth: usize) -> Self {
        let mut reader = Reader::from_str(src);
        reader.config_mut().check_end_names = true;
        Importer {
            src,
            reader,
            max_depth,
            stack: Vec::new(),
            paras: Vec::new(),
            text_style: None,
            dual_cues: None,
            body: Vec::new(),
            title: Vec::new(),
            warnings: Vec::new(),
            line_mark: (0, 1),
        }
    }

    /// Line of the reader's position. Positions only move forward, so newlines are counted
    /// incrementally from the last query: linear over the whole document.
    fn line(&mut self) -> usize {
        let b = self.src.as_bytes();
        let pos = usize::try_from(self.reader.buffer_position())
            .unwrap_or(usize::MAX)
            .min(b.len());
        let (seen, line) = self.line_mark;
        if pos >= seen {
            let newlines = b[seen..pos].iter().filter(|&&c| c == b'\n').count();
            self.line_mark = (pos, line + newlines);
            line + newlines
        } else {
            line_at(b, pos)
        }
    }

    fn malformed(&self, message: impl std::fmt::Display) -> FdxError {
        let pos = usize::try_from(self.reader.error_position()).unwrap_or(usize::MAX);
        FdxError::Malformed {
            line: line_at(self.src.as_bytes(), pos),
            message: message.to_string(),
        }
    }

    fn run(mut self) -> Result<(Script, Vec<FdxWarning>), FdxError> {
        loop {
            let event = match self.reader.read_event() {
                Ok(e) => e,
                Err(e) => return Err(self.malformed(e)),
            };
            match event {
                Event::Start(s) => {
                    self.open(&s)?;
                }
                Event::Empty(s) => {
                    self.open(&s)?;
                    self.close();
                }
                Event::End(_) => self.close(),
                Event::Text(t) => {
                    let s = t.decode().map_err(|e| self.malformed(e))?;
                    self.push_text(&s);
                }
                Event::CData(t) => {
                    let s = t.decode().map_err(|e| self.malformed(e))?;
                    self.push_text(&s);
                }
                Event::GeneralRef(r) => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        Ok(None) => {
                            let name = r.decode().map_err(|e| self.malformed(e))?;
                            match predefined(&name) {
                                Some(c) => c.to_owned(),
                                None => {
                                    return Err(FdxError::UnknownEntity {
                                        line: self.line(),
                                        name: name.into_owned(),
                                    })
                                }
                            }
                        }
                        Err(e) => return Err(self.malformed(e)),
                    };
                    self.push_text(&resolved);
                }
                Event::DocType(_) => return Err(FdxError::Doctype { line: self.line() }),
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
                Event::Eof => break,
            }
        }
        if let Some(inside) = self.stack.last().cloned() {
            return Err(FdxError::UnexpectedEof {
                line: self.line(),
                inside,
            });
        }
        let script = Script {
            title_page: title_fields(&self.title),
            elements: self.body,
        };
        Ok((script, self.warnings))
    }

    fn attr(&self, s: &BytesStart<'_>, name: &str) -> Result<Option<String>, FdxError> {
        match s.try_get_attribute(name) {
            Ok(Some(a)) => match a.unescape_value() {
                Ok(v) => Ok(Some(v.into_owned())),
                Err(e) => Err(self.malformed(e)),
            },
            Ok(None) => Ok(None),
            Err(e) => Err(self.malformed(e)),
        }
    }

    /// Where the element being opened lives: the script body, the title page, or elsewhere
    /// (headers, settings, ... whose paragraphs are not script text).
    fn in_section(&self, name: &str) -> bool {
        self.stack.len() >= 2 && self.stack[0] == "FinalDraft" && self.stack[1] == name
    }

    fn open(&mut self, s: &BytesStart<'_>) -> Result<(), FdxError> {
        let name = String::from_utf8_lossy(s.name().as_ref()).into_owned();
        if self.stack.is_empty() && name != "FinalDraft" {
            return Err(FdxError::NotFinalDraft { root: name });
        }
        if self.stack.len() >= self.max_depth {
            return Err(FdxError::TooDeep {
                line: self.line(),
                limit: self.max_depth,
            });
        }
        let in_script = self.in_section("Content") || self.in_section("TitlePage");
        match name.as_str() {
            "Paragraph" if in_script => {
                let para = Para {
                    type_name: self.attr(s, "Type")?,
                    number: self.attr(s, "Number")?,
                    centered: self.attr(s, "Alignment")?.as_deref() == Some("Center"),
                    new_page: self.attr(s, "StartsNewPage")?.as_deref() == Some("Yes"),
                    depth_attr: self.attr(s, "Depth")?.and_then(|d| d.parse().ok()),
                    text: StyledText::default(),
                    container: false,
                    line: self.line(),
                };
                self.paras.push(para);
            }
            "DualDialogue" if in_script => {
                if let Some(p) = self.paras.last_mut() {
                    p.container = true;
                }
                self.dual_cues = Some(0);
            }
            "Text" if !self.paras.is_empty() => {
                let style = self.attr(s, "Style")?.unwrap_or_default();
                self.text_style = Some(parse_style(&style));
            }
            _ => {}
        }
        self.stack.push(name);
        Ok(())
    }

    fn close(&mut self) {
        let Some(name) = self.stack.pop() else {
            return;
        };
        match name.as_str() {
            "Text" => self.text_style = None,
            "DualDialogue" => self.dual_cues = None,
            "Paragraph" => {
                let in_title = self.in_section("TitlePage");
                let in_body = self.in_section("Content");
                if let Some(p) = self.paras.pop() {
                    if in_title {
                        self.title.push(TitlePara {
                            text: p.text.to_plain(),
                            centered: p.centered,
                        });
                    } else if in_body {
                        self.finish_paragraph(p);
                    }
                }
            }
            _ => {}
        }
    }

    fn push_text(&mut self, s: &str) {
        if let (Some(style), Some(p)) = (self.text_style, self.paras.last_mut()) {
            p.text.push(s, style);
        }
    }

    fn finish_paragraph(&mut self, p: Para) {
        if p.new_page {
            self.body.push(Element::new(ElementKind::PageBreak));
        }
        // A container, an untyped empty paragraph, or the empty carrier paragraph the writer
        // adds for a page break at the very end holds no element.
        let carrier = p.new_page && p.text.is_empty() && p.type_name.as_deref() == Some("Action");
        if p.container || carrier || (p.text.is_empty() && p.type_name.is_none()) {
            return;
        }
        let type_name = p.type_name.unwrap_or_else(|| "General".to_owned());
        let (mut kind, known) =
            paragraph_kind(&type_name, p.text, p.number, p.centered, p.depth_attr);
        if let ElementKind::Character { dual, .. } = &mut kind {
            if let Some(n) = self.dual_cues.as_mut() {
                *n += 1;
                *dual = *n > 1;
            }
        }
        if !known {
            self.warnings.push(FdxWarning::UnknownParagraphType {
                line: p.line,
                type_name,
            });
        }
        self.body.push(Element::new(kind));
    }
}

fn predefined(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => return None,
    })
}

/// `Bold+Italic+Underline` and friends; unknown tokens (AllCaps, Strikeout, ...) are
/// ignored. `Note` marks an inline note written by this crate's exporter.
fn parse_style(s: &str) -> Style {
    let mut style = Style::PLAIN;
    for token in s.split('+') {
        match token.trim() {
            "Bold" => style.bold = true,
            "Italic" => style.italic = true,
            "Underline" => style.underline = true,
            "Note" => style.note = true,
            _ => {}
        }
    }
    if style.note {
        style = Style {
            note: true,
            ..Style::PLAIN
        };
    }
    style
}
