//! What a feature asks a provider for, and the record kept of it.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Role {
    User,
    Assistant,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    pub role: Role,
    pub content: String,
}

impl Message {
    pub fn user(content: impl Into<String>) -> Self {
        Self {
            role: Role::User,
            content: content.into(),
        }
    }

    pub fn assistant(content: impl Into<String>) -> Self {
        Self {
            role: Role::Assistant,
            content: content.into(),
        }
    }
}

/// Which versioned template produced a prompt.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TemplateRef {
    pub id: String,
    pub version: u32,
}

/// One request to a provider. Build it with [`crate::templates::Template::render`] so the
/// template and parameters are recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChatRequest {
    pub system: Option<String>,
    pub messages: Vec<Message>,
    pub max_tokens: u32,
    pub temperature: Option<f32>,
    pub template: TemplateRef,
    /// Template parameters as recorded (long values are replaced by their hash).
    pub params: BTreeMap<String, String>,
    /// The text the prompt is about, for the offline engine, which follows no instructions
    /// and summarizes this (or the last user message when absent).
    pub source: Option<String>,
}

impl ChatRequest {
    /// Characters of prompt text, for policy limits and Ollama's context size.
    pub fn prompt_chars(&self) -> usize {
        self.system.as_deref().map_or(0, |s| s.chars().count())
            + self
                .messages
                .iter()
                .map(|m| m.content.chars().count())
                .sum::<usize>()
    }

    /// SHA-256 over the exact prompt sent (system and messages, in order, length-prefixed so
    /// no two different prompts share an encoding).
    pub fn prompt_sha256(&self) -> String {
        let mut h = Sha256::new();
        let mut part = |tag: &str, text: &str| {
            h.update(tag.as_bytes());
            h.update((text.len() as u64).to_le_bytes());
            h.update(text.as_bytes());
        };
        if let Some(s) = &self.system {
            part("system", s);
        }
        for m in &self.messages {
            let tag = match m.role {
                Role::User => "user",
                Role::Assistant => "assistant",
            };
            part(tag, &m.content);
        }
        hex::encode(h.finalize())
    }

    /// What is stored with the result.
    pub fn record(&self) -> PromptRecord {
        PromptRecord {
            template: self.template.clone(),
            params: self.params.clone(),
            max_tokens: self.max_tokens,
            temperature: self.temperature,
            prompt_sha256: self.prompt_sha256(),
            prompt_chars: self.prompt_chars(),
        }
    }
}

/// The provenance of a prompt: template, parameters and a hash of the final text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PromptRecord {
    pub template: TemplateRef,
    pub params: BTreeMap<String, String>,
    pub max_tokens: u32,
    pub temperature: Option<f32>,
    pub prompt_sha256: String,
    pub prompt_chars: usize,
}
