//! The roles a project member holds. A person may hold several; a workflow stage names the
//! roles whose holders decide it.

use serde::{Deserialize, Serialize};
use std::fmt;
use ts_rs::TS;

/// What a member may do in a project's reviews. Permissions of use-cases are checked in core
/// (and on PostgreSQL by the database); here a role only says who may decide a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Writer,
    Producer,
    LegalReviewer,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Self::Writer,
        Self::Producer,
        Self::LegalReviewer,
        Self::Admin,
    ];

    /// The name as serde writes it (`legal_reviewer`), for the CLI and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Writer => "writer",
            Self::Producer => "producer",
            Self::LegalReviewer => "legal_reviewer",
            Self::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The name as messages say it to people ("legal reviewer").
    pub fn label(self) -> &'static str {
        match self {
            Self::Writer => "writer",
            Self::Producer => "producer",
            Self::LegalReviewer => "legal reviewer",
            Self::Admin => "admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Roles as a message lists them: "producer or legal reviewer".
pub(crate) fn either(roles: &[Role]) -> String {
    let labels: Vec<&str> = roles.iter().map(|r| r.label()).collect();
    labels.join(" or ")
}
