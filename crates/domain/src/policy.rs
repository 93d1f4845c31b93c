//! A project's AI policy (principle 4): whether AI may run at all, which providers, whether
//! text may leave the machine, and which names must never leave it.
//!
//! Pure rules, no I/O. `core` calls [`AiPolicy::check`] before every request, sends the
//! [`redact`]ed text, and restores names in the answer with [`StreamRestorer`] as it streams.
//!
//! Redaction invariants (property-tested below):
//! - `restore(redact(x, names).0, &redactions) == x` whenever `x` contains no placeholder text;
//! - the redacted text contains no protected name as a whole word outside placeholders.
//!
//! Each distinct spelling of a name gets its own placeholder (`Odile` → `[[NAME_1]]`,
//! `ODILE` → `[[NAME_1_2]]`), so restoring gives back exactly what was written, and the shared
//! number tells the model both are one person.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AiPolicy {
    pub ai_enabled: bool,
    /// Provider ids allowed; empty means every configured provider.
    pub allowed_providers: Vec<String>,
    /// Text may only go to providers running on this machine.
    pub local_only: bool,
    /// Names replaced by placeholders before text leaves the machine.
    pub protected_names: Vec<String>,
    /// Longest prompt, in characters; 0 means no limit.
    #[ts(type = "number")]
    pub max_request_chars: usize,
}

impl Default for AiPolicy {
    fn default() -> Self {
        Self {
            ai_enabled: true,
            allowed_providers: Vec::new(),
            local_only: false,
            protected_names: Vec::new(),
            max_request_chars: 0,
        }
    }
}

/// Which rule a request broke; the message names the rule in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[serde(rename_all = "camelCase", tag = "rule")]
pub enum PolicyViolation {
    #[error("AI is turned off for this project.")]
    AiDisabled,
    #[error("This project does not allow the provider '{provider_name}'.")]
    ProviderNotAllowed { provider_name: String },
    #[error("This project allows local models only; '{provider_name}' is remote.")]
    RemoteNotAllowed { provider_name: String },
    #[error("The request has {chars} characters; this project allows at most {max}.")]
    TooLong {
        #[ts(type = "number")]
        chars: usize,
        #[ts(type = "number")]
        max: usize,
    },
}

impl AiPolicy {
    /// Whether a request of `request_chars` may go to this provider.
    pub fn check(
        &self,
        provider_id: &str,
        provider_name: &str,
        is_local: bool,
        request_chars: usize,
    ) -> Result<(), PolicyViolation> {
        let provider_name = provider_name.to_owned();
        if !self.ai_enabled {
            return Err(PolicyViolation::AiDisabled);
        }
        if !self.allowed_providers.is_empty()
            && !self.allowed_providers.iter().any(|p| p == provider_id)
        {
            return Err(PolicyViolation::ProviderNotAllowed { provider_name });
        }
        if self.local_only && !is_local {
            return Err(PolicyViolation::RemoteNotAllowed { provider_name });
        }
        if self.max_request_chars > 0 && request_chars > self.max_request_chars {
            return Err(PolicyViolation::TooLong {
                chars: request_chars,
                max: self.max_request_chars,
            });
        }
        Ok(())
    }
}

/// One placeholder and the exact text it stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Redaction {
    pub placeholder: String,
    pub original: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Redactions {
    pub entries: Vec<Redaction>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether two letters are the same once lower-cased and stripped of the combining marks some
/// lower-casings add (`İ` lower-cases to `i` + U+0307, so it reads as the `i` of a name). Errs
/// on the side of redacting: a name must not slip out because of a dotted capital.
fn same_letter(a: char, b: char) -> bool {
    let fold = |c: char| -> String { c.to_lowercase().filter(|x| x.is_alphanumeric()).collect() };
    let (fa, fb) = (fold(a), fold(b));
    !fa.is_empty() && fa == fb
}

/// Length in bytes of `name` matched case-insensitively at the start of `text`; whitespace in
/// the name matches any run of whitespace (names wrap across lines in scripts).
fn match_name(text: &str, name: &str) -> Option<usize> {
    let mut t = text.char_indices().peekable();
    let mut n = name.chars().peekable();
    while let Some(nc) = n.next() {
        if nc.is_whitespace() {
            while n.peek().is_some_and(|c| c.is_whitespace()) {
                n.next();
            }
            if !t.next().is_some_and(|(_, c)| c.is_whitespace()) {
                return None;
            }
            while t.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                t.next();
            }
            continue;
        }
        let (_, tc) = t.next()?;
        if tc != nc && !tc.to_lowercase().eq(nc.to_lowercase()) && !same_letter(tc, nc) {
            return None;
        }
    }
    Some(t.peek().map_or(text.len(), |(i, _)| *i))
}

/// Replaces protected names (case-insensitive, whole words, longest name first) by placeholders.
pub fn redact(text: &str, names: &[String]) -> (String, Redactions) {
    let mut names: Vec<&str> = names
        .iter()
        .map(|n| n.trim())
        .filter(|n| n.chars().any(is_word_char))
        .collect();
    names.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    names.dedup_by(|a, b| a.to_lowercase() == b.to_lowercase());

    let mut out = String::with_capacity(text.len());
    let mut redactions = Redactions::default();
    // Per name: its number (in order of first appearance) and how many spellings it has.
    let mut numbers: Vec<Option<(usize, usize)>> = vec![None; names.len()];
    let mut next_number = 1;
    let mut prev: Option<char> = None;
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let at_word_start = !prev.is_some_and(is_word_char);
        let found = at_word_start
            .then(|| {
                names.iter().enumerate().find_map(|(k, name)| {
                    let len = match_name(rest, name)?;
                    let next = rest[len..].chars().next();
                    (!next.is_some_and(is_word_char)).then_some((k, len))
                })
            })
            .flatten();
        if let Some((k, len)) = found {
            let original = &rest[..len];
            let placeholder = match redactions.entries.iter().find(|e| e.original == original) {
                Some(e) => e.placeholder.clone(),
                None => {
                    let (number, spellings) = numbers[k].get_or_insert_with(|| {
                        next_number += 1;
                        (next_number - 1, 0)
                    });
                    *spellings += 1;
                    let p = match *spellings {
                        1 => format!("[[NAME_{number}]]"),
                        v => format!("[[NAME_{number}_{v}]]"),
                    };
                    redactions.entries.push(Redaction {
                        placeholder: p.clone(),
                        original: original.to_owned(),
                    });
                    p
                }
            };
            out.push_str(&placeholder);
            prev = original.chars().last();
            i += len;
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        out.push(c);
        prev = Some(c);
        i += c.len_utf8();
    }
    (out, redactions)
}

/// Puts the original names back.
pub fn restore(text: &str, redactions: &Redactions) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("[[") {
        out.push_str(&rest[..i]);
        let here = &rest[i..];
        match redactions
            .entries
            .iter()
            .find(|e| here.starts_with(e.placeholder.as_str()))
        {
            Some(e) => {
                out.push_str(&e.original);
                rest = &here[e.placeholder.len()..];
            }
            None => {
                out.push_str("[[");
                rest = &here[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Restores names in a streamed answer, where a placeholder may be split across deltas: the
/// tail of a delta that could be the start of a placeholder is held until the next delta.
#[derive(Debug, Clone)]
pub struct StreamRestorer {
    redactions: Redactions,
    pending: String,
}

impl StreamRestorer {
    pub fn new(redactions: Redactions) -> Self {
        Self {
            redactions,
            pending: String::new(),
        }
    }

    /// Text safe to show after this delta.
    pub fn push(&mut self, delta: &str) -> String {
        self.pending.push_str(delta);
        let cut = self.hold_from();
        let ready: String = self.pending.drain(..cut).collect();
        restore(&ready, &self.redactions)
    }

    /// The rest, once the stream has ended (a dangling partial placeholder is shown as is).
    pub fn finish(&mut self) -> String {
        let rest = std::mem::take(&mut self.pending);
        restore(&rest, &self.redactions)
    }

    /// Start of the earliest suffix of `pending` that is a proper prefix of a placeholder.
    fn hold_from(&self) -> usize {
        let p = &self.pending;
        for (i, _) in p.match_indices('[') {
            let tail = &p[i..];
            let could_grow = self
                .redactions
                .entries
                .iter()
                .any(|e| e.placeholder.len() > tail.len() && e.placeholder.starts_with(tail));
            if could_grow {
                return i;
            }
        }
        p.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn check_names_the_rule() {
        let policy = AiPolicy {
            local_only: true,
            allowed_providers: names(&["studio", "ollama"]),
            max_request_chars: 100,
            ..AiPolicy::default()
        };
        let err = policy.check("studio", "Studio OpenAI", false, 10).err();
        assert_eq!(
            err.map(|e| e.to_string()).as_deref(),
            Some("This project allows local models only; 'Studio OpenAI' is remote.")
        );
        assert!(matches!(
            policy.check("other", "Other", true, 10),
            Err(PolicyViolation::ProviderNotAllowed { .. })
        ));
        assert!(matches!(
            policy.check("ollama", "Ollama", true, 101),
            Err(PolicyViolation::TooLong {
                chars: 101,
                max: 100
            })
        ));
        assert_eq!(policy.check("ollama", "Ollama", true, 100), Ok(()));
        let off = AiPolicy {
            ai_enabled: false,
            ..AiPolicy::default()
        };
        assert_eq!(
            off.check("x", "X", true, 1),
            Err(PolicyViolation::AiDisabled)
        );
    }

    #[test]
    fn redacts_whole_words_longest_first_and_restores() {
        let text = "ODILE watches Odile Marchand. Odilette is not Odile's name.\nODILE\nMarchand!";
        let (red, r) = redact(text, &names(&["Odile", "Odile Marchand", "Marchand"]));
        assert_eq!(
            red,
            "[[NAME_1]] watches [[NAME_2]]. Odilette is not [[NAME_1_2]]'s name.\n[[NAME_2_2]]!"
        );
        assert_eq!(restore(&red, &r), text);
    }

    #[test]
    fn streaming_restorer_handles_split_placeholders() {
        let (red, r) = redact("Ask Priya about Odile.", &names(&["Priya", "Odile"]));
        for step in 1..red.len() {
            let mut s = StreamRestorer::new(r.clone());
            let mut out = String::new();
            let bytes: Vec<char> = red.chars().collect();
            for chunk in bytes.chunks(step) {
                out.push_str(&s.push(&chunk.iter().collect::<String>()));
            }
            out.push_str(&s.finish());
            assert_eq!(out, "Ask Priya about Odile.", "step {step}");
        }
        let mut s = StreamRestorer::new(r);
        assert_eq!(s.push("a [[NAM"), "a ");
        assert_eq!(s.push("E_1]] [x]"), "Priya [x]");
        assert_eq!(s.push(" [[NA"), " ");
        assert_eq!(s.finish(), "[[NA");
    }

    #[test]
    fn a_dotted_capital_does_not_hide_a_name() {
        // Found by the property below: "xİ" lower-cases to "xi" + a combining dot.
        let (red, r) = redact("xİ and XI", &["Xi".to_owned()]);
        assert!(!red.contains("xİ") && !red.contains("XI"), "{red}");
        assert_eq!(restore(&red, &r), "xİ and XI");
        // Punctuation never matches other punctuation by folding.
        let (red, _) = redact("a.b", &["a-b".to_owned()]);
        assert_eq!(red, "a.b");
    }

    fn name_strategy() -> impl Strategy<Value = String> {
        "[A-Za-z][a-z]{1,6}( [A-Z][a-z]{1,5})?"
    }

    /// Whole-word, case-insensitive occurrence of `name` (ASCII) in `text`.
    fn occurs(text: &str, name: &str) -> bool {
        let (t, n) = (text.to_lowercase(), name.to_lowercase());
        // Lower-casing can add combining marks (`İ` → `i` + U+0307): they belong to the
        // letter before them, not to a word boundary.
        let mark = |c: &char| ('\u{300}'..='\u{36f}').contains(c);
        t.match_indices(&n).any(|(i, m)| {
            let before = t[..i].chars().rev().find(|c| !mark(c));
            let after = t[i + m.len()..].chars().find(|c| !mark(c));
            !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
        })
    }

    proptest! {
        #[test]
        fn restore_inverts_redact(
            list in proptest::collection::vec(name_strategy(), 0..5),
            words in proptest::collection::vec(prop_oneof![
                name_strategy(), "[a-zA-Z]{1,8}", "[ .,!?'\n-]{1,3}", "é|ß|🎬|İ"
            ], 0..40),
        ) {
            let text: String = words.concat();
            let (red, r) = redact(&text, &list);
            prop_assert_eq!(restore(&red, &r), text.clone());
            let mut outside = red.clone();
            for e in &r.entries {
                outside = outside.replace(&e.placeholder, " ");
            }
            for name in &list {
                prop_assert!(!occurs(&outside, name), "{} still in {}", name, outside);
            }
            let mut s = StreamRestorer::new(r.clone());
            let mut streamed = String::new();
            for (k, c) in red.chars().enumerate() {
                if k % 3 == 0 { streamed.push_str(&s.push("")); }
                streamed.push_str(&s.push(&c.to_string()));
            }
            streamed.push_str(&s.finish());
            prop_assert_eq!(streamed, text);
        }
    }
}
