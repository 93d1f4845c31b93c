//! Projects: a film, a series, an episode — the unit that holds documents and, later, policy.

use crate::error::{fields, DomainError};
use crate::ids::ProjectId;
use crate::limits::{MAX_LOGLINE_CHARS, MAX_TITLE_CHARS};
use crate::text::{clean_label, clean_paragraph};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProjectKind {
    Feature,
    Series,
    Episode,
    Short,
    Other,
}

impl ProjectKind {
    pub const ALL: [ProjectKind; 5] = [
        Self::Feature,
        Self::Series,
        Self::Episode,
        Self::Short,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Feature => "feature",
            Self::Series => "series",
            Self::Episode => "episode",
            Self::Short => "short",
            Self::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Result<Self, DomainError> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| DomainError::UnknownValue {
                field: fields::PROJECT_KIND,
                value: s.to_owned(),
            })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Project {
    pub id: ProjectId,
    pub title: String,
    pub logline: String,
    pub kind: ProjectKind,
    pub archived: bool,
    /// Unix milliseconds.
    pub created_at: i64,
    pub updated_at: i64,
}

/// What a person fills in to create a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewProject {
    pub title: String,
    pub logline: String,
    pub kind: ProjectKind,
}

impl NewProject {
    /// Validates and normalizes the input (trimmed title, bounded lengths).
    pub fn validate(self) -> Result<Self, DomainError> {
        Ok(Self {
            title: clean_label(fields::PROJECT_TITLE, &self.title, MAX_TITLE_CHARS)?,
            logline: clean_paragraph(fields::LOGLINE, &self.logline, MAX_LOGLINE_CHARS)?,
            kind: self.kind,
        })
    }
}

/// A partial update; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProjectPatch {
    pub title: Option<String>,
    pub logline: Option<String>,
    pub kind: Option<ProjectKind>,
}

impl ProjectPatch {
    /// Applies the patch to `project`, validating each changed field.
    pub fn apply(&self, project: &Project) -> Result<Project, DomainError> {
        let mut next = project.clone();
        if let Some(t) = &self.title {
            next.title = clean_label(fields::PROJECT_TITLE, t, MAX_TITLE_CHARS)?;
        }
        if let Some(l) = &self.logline {
            next.logline = clean_paragraph(fields::LOGLINE, l, MAX_LOGLINE_CHARS)?;
        }
        if let Some(k) = self.kind {
            next.kind = k;
        }
        Ok(next)
    }
}

/// A project as the project list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProjectSummary {
    pub project: Project,
    pub document_count: i64,
    /// Unix milliseconds of the newest event about the project.
    pub last_activity_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_as_strings() {
        for k in ProjectKind::ALL {
            assert_eq!(ProjectKind::parse(k.as_str()), Ok(k));
            let json = serde_json::to_string(&k).expect("serialize");
            assert_eq!(json, format!("\"{}\"", k.as_str()));
        }
        assert!(ProjectKind::parse("movie").is_err());
    }

    #[test]
    fn new_project_is_validated() {
        let ok = NewProject {
            title: "  Night Shoot ".into(),
            logline: "".into(),
            kind: ProjectKind::Short,
        }
        .validate()
        .expect("valid");
        assert_eq!(ok.title, "Night Shoot");
        let empty = NewProject {
            title: " ".into(),
            logline: "".into(),
            kind: ProjectKind::Short,
        };
        assert!(empty.validate().is_err());
    }
}
