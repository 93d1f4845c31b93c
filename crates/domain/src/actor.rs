//! Who is acting. Every use-case that changes state takes an [`Actor`]; nothing reads a
//! process-wide "current user". The shell and the CLI build one per session (from the local
//! profile today; from the database login in team mode), and a use-case copies it into the
//! revision's author and the ledger event's actor.

use crate::ids::UserId;

/// The person on whose behalf a call is made. Roles and a signing key join this value when
/// they exist; use-cases receive it whole so that adding them touches no signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub id: UserId,
    /// The display name at the time of the call (recorded on revisions as the author's name).
    pub name: String,
}

impl Actor {
    pub fn new(id: UserId, name: impl Into<String>) -> Self {
        Self {
            id,
            name: name.into(),
        }
    }
}

impl From<&crate::profile::Profile> for Actor {
    fn from(p: &crate::profile::Profile) -> Self {
        Self::new(p.id.clone(), p.name.clone())
    }
}
