//! Types that exist only at the IPC boundary.

use crate::error::IpcError;
use greenlight_core::members::{Member, Person};
use greenlight_domain::asset::ImportedAsset;
use greenlight_domain::document::ImportOutcome;
use greenlight_domain::ids::UserId;
use greenlight_domain::profile::Profile;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub profile: Option<Profile>,
    /// Set when the database could not be opened; the UI shows it and what to do.
    pub startup_error: Option<IpcError>,
}

/// What importing several files did: each file imported, or refused with why.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportBatch {
    pub imported: Vec<ImportOutcome>,
    pub refused: Vec<RefusedFile>,
}

/// What importing several files as assets did: each version stored, or the file refused with
/// why.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssetImportBatch {
    pub imported: Vec<ImportedAsset>,
    pub refused: Vec<RefusedFile>,
}

/// A file that was not imported, and why (the message names the file).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RefusedFile {
    pub file_name: String,
    pub error: IpcError,
}

/// A person of this database (on a team server: someone with a login).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonInfo {
    pub id: UserId,
    pub name: String,
    pub email: String,
    /// Their database login on a team server.
    pub login: Option<String>,
}

impl From<Person> for PersonInfo {
    fn from(p: Person) -> Self {
        Self {
            id: p.id,
            name: p.name,
            email: p.email,
            login: p.login,
        }
    }
}

/// A member of a project, since when, and the roles they hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberInfo {
    pub person: PersonInfo,
    pub added_at: i64,
    pub roles: Vec<greenlight_domain::workflow::Role>,
}

impl From<Member> for MemberInfo {
    fn from(m: Member) -> Self {
        Self {
            person: m.person.into(),
            added_at: m.added_at,
            roles: m.roles,
        }
    }
}

/// One event of one take's run, while variations stream.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TakeEvent {
    /// The take's number, from 1.
    pub take: usize,
    pub event: greenlight_domain::ai::AiRunEvent,
}

/// A review with every decision on record and what changed since its last approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewDetail {
    pub review: greenlight_domain::workflow::ReviewInfo,
    pub decisions: Vec<greenlight_domain::workflow::ReviewDecisionRecord>,
    /// The word diff from the last approved revision to the one under review; null before any
    /// approval or when they are the same.
    pub changes_since_approval: Option<greenlight_domain::diff::WordDiff>,
}
