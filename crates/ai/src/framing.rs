//! Byte stream → frames: Server-Sent Events (OpenAI, Anthropic) and NDJSON (Ollama).
//!
//! Chunks may split anywhere, including inside a UTF-8 character or a `\r\n` pair: bytes are
//! buffered until a whole line is present and only whole lines are decoded. A line longer than
//! [`MAX_LINE_BYTES`], or an SSE event whose `data:` lines join to more than
//! [`MAX_EVENT_BYTES`], is a malformed reply (a hostile or broken server cannot grow memory).

use crate::error::AiError;

pub const MAX_LINE_BYTES: usize = 4 * 1024 * 1024;
/// The most bytes one SSE event's joined `data:` lines may have.
pub const MAX_EVENT_BYTES: usize = 4 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frame {
    /// One SSE event: its `event:` field (empty when absent) and joined `data:` lines.
    Sse { event: String, data: String },
    /// One NDJSON line (never empty).
    Line(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    Sse,
    Ndjson,
}

/// Splits bytes into lines, then lines into frames.
#[derive(Debug)]
pub struct Decoder {
    framing: Framing,
    buf: Vec<u8>,
    /// A `\r` ended the previous line; a `\n` at the start of the next chunk belongs to it.
    after_cr: bool,
    event: String,
    data: Vec<String>,
    /// Length of `data` once joined.
    data_bytes: usize,
}

impl Decoder {
    pub fn new(framing: Framing) -> Self {
        Self {
            framing,
            buf: Vec::new(),
            after_cr: false,
            event: String::new(),
            data: Vec::new(),
            data_bytes: 0,
        }
    }

    /// Feeds a chunk, returning the frames completed by it.
    pub fn push(&mut self, chunk: &[u8]) -> Result<Vec<Frame>, AiError> {
        let mut frames = Vec::new();
        for &b in chunk {
            if self.after_cr {
                self.after_cr = false;
                if b == b'\n' {
                    continue;
                }
            }
            match b {
                b'\n' | b'\r' => {
                    self.after_cr = b == b'\r';
                    let line = std::mem::take(&mut self.buf);
                    self.line(line, &mut frames)?;
                }
                _ => {
                    if self.buf.len() >= MAX_LINE_BYTES {
                        return Err(AiError::MalformedReply {
                            detail: format!("a line longer than {MAX_LINE_BYTES} bytes"),
                        });
                    }
                    self.buf.push(b);
                }
            }
        }
        Ok(frames)
    }

    /// The body ended: returns what a lenient reader would still take (a last line without
    /// its newline; an SSE event without its blank line). The caller decides whether a
    /// missing end marker makes the reply truncated.
    pub fn finish(&mut self) -> Result<Vec<Frame>, AiError> {
        let mut frames = Vec::new();
        if !self.buf.is_empty() {
            let line = std::mem::take(&mut self.buf);
            self.line(line, &mut frames)?;
        }
        if self.framing == Framing::Sse {
            self.dispatch(&mut frames);
        }
        Ok(frames)
    }

    fn line(&mut self, bytes: Vec<u8>, frames: &mut Vec<Frame>) -> Result<(), AiError> {
        let line = String::from_utf8(bytes).map_err(|_| AiError::MalformedReply {
            detail: "the reply is not valid UTF-8".into(),
        })?;
        match self.framing {
            Framing::Ndjson => {
                if !line.trim().is_empty() {
                    frames.push(Frame::Line(line));
                }
            }
            Framing::Sse => {
                if line.is_empty() {
                    self.dispatch(frames);
                    return Ok(());
                }
                if line.starts_with(':') {
                    return Ok(()); // comment / keep-alive
                }
                let (field, value) = match line.split_once(':') {
                    Some((f, v)) => (f, v.strip_prefix(' ').unwrap_or(v)),
                    None => (line.as_str(), ""),
                };
                match field {
                    "event" => self.event = value.to_owned(),
                    "data" => {
                        let joined = self.data_bytes + usize::from(!self.data.is_empty());
                        self.data_bytes = joined.saturating_add(value.len());
                        if self.data_bytes > MAX_EVENT_BYTES {
                            return Err(AiError::MalformedReply {
                                detail: format!("an event longer than {MAX_EVENT_BYTES} bytes"),
                            });
                        }
                        self.data.push(value.to_owned());
                    }
                    _ => {} // id, retry and unknown fields do not matter here
                }
            }
        }
        Ok(())
    }

    fn dispatch(&mut self, frames: &mut Vec<Frame>) {
        let event = std::mem::take(&mut self.event);
        self.data_bytes = 0;
        if self.data.is_empty() {
            return;
        }
        let data = std::mem::take(&mut self.data).join("\n");
        frames.push(Frame::Sse { event, data });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(framing: Framing, input: &[u8], step: usize) -> Vec<Frame> {
        let mut d = Decoder::new(framing);
        let mut out = Vec::new();
        for chunk in input.chunks(step) {
            out.extend(d.push(chunk).unwrap_or_default());
        }
        out.extend(d.finish().unwrap_or_default());
        out
    }

    #[test]
    fn sse_any_split_gives_same_frames() {
        let input = "event: a\r\ndata: caf\u{e9} \u{1f3ac}\r\n\r\n: ping\n\ndata: x\ndata: y\n\n"
            .as_bytes();
        let whole = all(Framing::Sse, input, input.len());
        assert_eq!(
            whole,
            vec![
                Frame::Sse {
                    event: "a".into(),
                    data: "caf\u{e9} \u{1f3ac}".into()
                },
                Frame::Sse {
                    event: String::new(),
                    data: "x\ny".into()
                },
            ]
        );
        for step in 1..input.len() {
            assert_eq!(all(Framing::Sse, input, step), whole, "step {step}");
        }
    }

    #[test]
    fn ndjson_lines_and_last_line_without_newline() {
        let f = all(Framing::Ndjson, b"{\"a\":1}\n\n{\"b\":2}", 3);
        assert_eq!(
            f,
            vec![
                Frame::Line("{\"a\":1}".into()),
                Frame::Line("{\"b\":2}".into())
            ]
        );
    }

    #[test]
    fn an_event_of_many_short_data_lines_is_capped() {
        let mut d = Decoder::new(Framing::Sse);
        let line = format!("data: {}\n", "x".repeat(1000));
        let mut result = Ok(Vec::new());
        // Each line is far below the line cap; together they pass the event cap.
        for _ in 0..(MAX_EVENT_BYTES / 1000 + 2) {
            result = d.push(line.as_bytes());
            if result.is_err() {
                break;
            }
        }
        assert!(
            matches!(&result, Err(AiError::MalformedReply { detail }) if detail.contains("event")),
            "{result:?}"
        );
        // Lines of a dispatched event do not count towards the next one.
        let mut d = Decoder::new(Framing::Sse);
        let event = format!("data: {}\n\n", "x".repeat(1000));
        for _ in 0..(2 * MAX_EVENT_BYTES / 1000) {
            assert!(d.push(event.as_bytes()).is_ok());
        }
    }

    #[test]
    fn invalid_utf8_is_malformed() {
        let mut d = Decoder::new(Framing::Sse);
        assert!(matches!(
            d.push(b"data: \xff\n"),
            Err(AiError::MalformedReply { .. })
        ));
    }
}
