//! Who may do what in a project: one table of (role × action), read by core for every
//! use-case (and mirrored by the database's checks in team mode). A person holding several
//! roles may do what any of them may. On a single machine the one local person holds every
//! role.
//!
//! The table follows the people Greenlight is for (DESIGN.md): writers change script text and
//! ask models for help; producers request and decide reviews; legal reviewers check provenance
//! and record disclosures but never change script text; admins look after members, roles, the
//! AI policy and workflows. Deciding a review stage is not here: the stage names its roles
//! (`crate::workflow`).

use crate::workflow::role::either;
use crate::workflow::Role;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Something a member asks to do in a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Create or import a document.
    CreateDocument,
    /// Save a revision of a document's text, including accepting or undoing a suggestion.
    ChangeText,
    /// Ask a model for variations or summaries.
    AskAi,
    /// Request a review of a revision or an asset version.
    RequestReview,
    /// Comment on a revision, an asset or a review.
    Comment,
    /// Import an asset (image, video, audio, PDF).
    ImportAsset,
    /// Record a disclosure of AI use.
    RecordDisclosure,
    /// Export a provenance report.
    ExportProvenance,
    /// Add or remove members.
    ManageMembers,
    /// Give or take roles.
    ManageRoles,
    /// Change the project's AI policy.
    SetAiPolicy,
    /// Edit the project's workflow templates.
    EditWorkflows,
}

impl Action {
    pub const ALL: [Action; 12] = [
        Self::CreateDocument,
        Self::ChangeText,
        Self::AskAi,
        Self::RequestReview,
        Self::Comment,
        Self::ImportAsset,
        Self::RecordDisclosure,
        Self::ExportProvenance,
        Self::ManageMembers,
        Self::ManageRoles,
        Self::SetAiPolicy,
        Self::EditWorkflows,
    ];

    /// The roles that may do it.
    pub fn roles(self) -> &'static [Role] {
        use Role::*;
        match self {
            Self::CreateDocument | Self::ChangeText | Self::AskAi => &[Writer],
            Self::RequestReview => &[Writer, Producer],
            Self::Comment => &[Writer, Producer, LegalReviewer, Admin],
            Self::ImportAsset => &[Writer, Producer],
            Self::RecordDisclosure => &[LegalReviewer],
            Self::ExportProvenance => &[Producer, LegalReviewer, Admin],
            Self::ManageMembers | Self::ManageRoles | Self::SetAiPolicy | Self::EditWorkflows => {
                &[Admin]
            }
        }
    }

    /// What it is, for a refusal ("… may not change the AI policy").
    pub fn describe(self) -> &'static str {
        match self {
            Self::CreateDocument => "create or import documents",
            Self::ChangeText => "change script text",
            Self::AskAi => "ask a model for variations or summaries",
            Self::RequestReview => "request reviews",
            Self::Comment => "comment",
            Self::ImportAsset => "import assets",
            Self::RecordDisclosure => "record disclosures",
            Self::ExportProvenance => "export provenance reports",
            Self::ManageMembers => "add or remove members",
            Self::ManageRoles => "give or take roles",
            Self::SetAiPolicy => "change the AI policy",
            Self::EditWorkflows => "edit workflows",
        }
    }
}

/// Whether someone holding `roles` may do `action`.
pub fn allowed(roles: &[Role], action: Action) -> bool {
    action.roles().iter().any(|r| roles.contains(r))
}

/// Why someone holding `roles` may not do `action`, naming the roles that may; `None` when
/// they may.
pub fn refusal(roles: &[Role], action: Action) -> Option<String> {
    if allowed(roles, action) {
        return None;
    }
    let held = if roles.is_empty() {
        "no role in this project".to_owned()
    } else {
        roles
            .iter()
            .map(|r| r.label())
            .collect::<Vec<_>>()
            .join(" and ")
    };
    Some(format!(
        "as {held} you may not {}; ask an admin of the project for the role ({})",
        action.describe(),
        either(action.roles())
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action::*;
    use Role::*;

    /// The whole matrix, written out: a change to who may do what changes this table.
    const MATRIX: [(Action, [bool; 4]); 12] = [
        //                  writer producer legal  admin
        (CreateDocument, [true, false, false, false]),
        (ChangeText, [true, false, false, false]),
        (AskAi, [true, false, false, false]),
        (RequestReview, [true, true, false, false]),
        (Comment, [true, true, true, true]),
        (ImportAsset, [true, true, false, false]),
        (RecordDisclosure, [false, false, true, false]),
        (ExportProvenance, [false, true, true, true]),
        (ManageMembers, [false, false, false, true]),
        (ManageRoles, [false, false, false, true]),
        (SetAiPolicy, [false, false, false, true]),
        (EditWorkflows, [false, false, false, true]),
    ];

    #[test]
    fn every_role_and_action_pair_is_as_the_matrix_says() {
        assert_eq!(
            MATRIX.len(),
            Action::ALL.len(),
            "every action is in the matrix"
        );
        for (action, row) in MATRIX {
            for (role, expected) in Role::ALL.into_iter().zip(row) {
                assert_eq!(allowed(&[role], action), expected, "{role:?} × {action:?}");
                assert_eq!(refusal(&[role], action).is_none(), expected);
            }
        }
    }

    #[test]
    fn several_roles_may_what_any_of_them_may_and_none_may_nothing() {
        for action in Action::ALL {
            assert!(
                allowed(&Role::ALL, action),
                "every role together: {action:?}"
            );
            assert!(!allowed(&[], action));
        }
        assert!(allowed(&[LegalReviewer, Writer], ChangeText));
        assert!(!allowed(&[LegalReviewer, Producer], ChangeText));
    }

    #[test]
    fn a_refusal_names_what_and_who_may() {
        let why = refusal(&[LegalReviewer], ChangeText).expect("refused");
        assert!(why.contains("legal reviewer"), "{why}");
        assert!(why.contains("change script text"), "{why}");
        assert!(why.contains("writer"), "{why}");
        let none = refusal(&[], SetAiPolicy).expect("refused");
        assert!(none.contains("no role"), "{none}");
    }
}
