//! The local person using the app; the author of every revision made on this machine.

use crate::error::{fields, DomainError};
use crate::ids::UserId;
use crate::limits::MAX_NAME_CHARS;
use crate::text::clean_label;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    pub id: UserId,
    pub name: String,
    pub created_at: i64,
}

/// Validates a person's display name.
pub fn clean_profile_name(name: &str) -> Result<String, DomainError> {
    clean_label(fields::NAME, name, MAX_NAME_CHARS)
}
