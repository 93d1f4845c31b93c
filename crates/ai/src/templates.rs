//! Versioned prompt templates, stored as data in `crates/ai/templates/*.toml`.
//!
//! Invariants: a template's text never changes without its `version` going up (the version is
//! recorded with every suggestion and is part of summary cache keys); rendering fills
//! `{{name}}` placeholders in one pass, so a value that itself contains `{{…}}` is inserted
//! literally and never expanded; a placeholder without a value, or a value without a
//! placeholder, is an error rather than a silently odd prompt.

use crate::request::{ChatRequest, Message, TemplateRef};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::sync::OnceLock;

const SOURCES: &[(&str, &str)] = &[
    (
        "summarize_scene.toml",
        include_str!("../templates/summarize_scene.toml"),
    ),
    (
        "summarize_sequence.toml",
        include_str!("../templates/summarize_sequence.toml"),
    ),
    (
        "summarize_script.toml",
        include_str!("../templates/summarize_script.toml"),
    ),
    (
        "summarize_document.toml",
        include_str!("../templates/summarize_document.toml"),
    ),
    (
        "summarize_logline.toml",
        include_str!("../templates/summarize_logline.toml"),
    ),
    (
        "summarize_synopsis.toml",
        include_str!("../templates/summarize_synopsis.toml"),
    ),
    (
        "variation.toml",
        include_str!("../templates/variation.toml"),
    ),
];

/// Parameter values longer than this are recorded as a hash, not verbatim.
const RECORD_VERBATIM_CHARS: usize = 200;

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Template {
    pub id: String,
    pub version: u32,
    pub description: String,
    pub system: String,
    pub user: String,
    pub max_tokens: u32,
    pub temperature: Option<f32>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("no prompt template '{0}'")]
    Unknown(String),
    #[error("template file {file} is invalid: {detail}")]
    Invalid { file: &'static str, detail: String },
    #[error("template '{id}' needs a value for '{name}'")]
    MissingParam { id: String, name: String },
    #[error("template '{id}' has no placeholder '{name}'")]
    UnknownParam { id: String, name: String },
}

fn registry() -> &'static Result<Vec<Template>, TemplateError> {
    static REGISTRY: OnceLock<Result<Vec<Template>, TemplateError>> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        SOURCES
            .iter()
            .map(|(file, text)| {
                toml::from_str::<Template>(text).map_err(|e| TemplateError::Invalid {
                    file,
                    detail: e.to_string(),
                })
            })
            .collect()
    })
}

/// Every template shipped with this build.
pub fn all() -> Result<&'static [Template], TemplateError> {
    registry().as_ref().map(Vec::as_slice).map_err(Clone::clone)
}

pub fn get(id: &str) -> Result<&'static Template, TemplateError> {
    all()?
        .iter()
        .find(|t| t.id == id)
        .ok_or_else(|| TemplateError::Unknown(id.to_owned()))
}

impl Template {
    pub fn reference(&self) -> TemplateRef {
        TemplateRef {
            id: self.id.clone(),
            version: self.version,
        }
    }

    /// The placeholder names used by the system and user texts.
    pub fn placeholders(&self) -> Vec<String> {
        let mut names = Vec::new();
        for text in [&self.system, &self.user] {
            let mut rest = text.as_str();
            while let Some(i) = rest.find("{{") {
                let after = &rest[i + 2..];
                let Some(j) = after.find("}}") else { break };
                let name = after[..j].trim().to_owned();
                if !names.contains(&name) {
                    names.push(name);
                }
                rest = &after[j + 2..];
            }
        }
        names
    }

    /// Builds a request. `source` is the text the prompt is about (used by the offline engine).
    pub fn render(
        &self,
        params: &[(&str, &str)],
        source: Option<&str>,
    ) -> Result<ChatRequest, TemplateError> {
        let names = self.placeholders();
        for (name, _) in params {
            if !names.iter().any(|n| n == name) {
                return Err(TemplateError::UnknownParam {
                    id: self.id.clone(),
                    name: (*name).to_owned(),
                });
            }
        }
        let values: BTreeMap<&str, &str> = params.iter().copied().collect();
        let fill = |text: &str| self.fill(text, &values);
        Ok(ChatRequest {
            system: Some(fill(&self.system)?),
            messages: vec![Message::user(fill(&self.user)?)],
            max_tokens: self.max_tokens,
            temperature: self.temperature,
            template: self.reference(),
            params: values
                .iter()
                .map(|(k, v)| ((*k).to_owned(), recorded(v)))
                .collect(),
            source: source.map(str::to_owned),
        })
    }

    fn fill(&self, text: &str, values: &BTreeMap<&str, &str>) -> Result<String, TemplateError> {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(i) = rest.find("{{") {
            out.push_str(&rest[..i]);
            let after = &rest[i + 2..];
            let Some(j) = after.find("}}") else {
                out.push_str(&rest[i..]);
                return Ok(out);
            };
            let name = after[..j].trim();
            let value = values
                .get(name)
                .ok_or_else(|| TemplateError::MissingParam {
                    id: self.id.clone(),
                    name: name.to_owned(),
                })?;
            out.push_str(value);
            rest = &after[j + 2..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

/// Short values verbatim; long ones (the passage itself) as `sha256:<hex> (<n> chars)`.
fn recorded(value: &str) -> String {
    let n = value.chars().count();
    if n <= RECORD_VERBATIM_CHARS {
        return value.to_owned();
    }
    format!(
        "sha256:{} ({n} chars)",
        hex::encode(Sha256::digest(value.as_bytes()))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_parses_and_ids_are_unique() {
        let all = all().map_err(|e| e.to_string());
        assert!(all.is_ok(), "{all:?}");
        let all = all.unwrap_or_default();
        assert_eq!(all.len(), SOURCES.len());
        let mut ids: Vec<_> = all.iter().map(|t| &t.id).collect();
        ids.dedup();
        assert_eq!(ids.len(), all.len());
    }

    #[test]
    fn renders_records_and_rejects_bad_params() -> Result<(), TemplateError> {
        let t = get("rewrite.variation")?;
        let passage = "INT. ROOM - DAY\n\n{{instruction}} stays literal. ".repeat(10);
        let req = t.render(&[("instruction", "tighten"), ("text", &passage)], None)?;
        let user = &req.messages[0].content;
        assert!(user.starts_with("Instruction: tighten"));
        assert!(user.contains("{{instruction}} stays literal"));
        assert_eq!(
            req.template,
            TemplateRef {
                id: "rewrite.variation".into(),
                version: 1
            }
        );
        assert_eq!(req.params["instruction"], "tighten");
        assert!(req.params["text"].starts_with("sha256:"));
        assert_eq!(req.prompt_sha256().len(), 64);
        assert!(matches!(
            t.render(&[("instruction", "x")], None),
            Err(TemplateError::MissingParam { .. })
        ));
        assert!(matches!(
            t.render(&[("nope", "x")], None),
            Err(TemplateError::UnknownParam { .. })
        ));
        Ok(())
    }
}
