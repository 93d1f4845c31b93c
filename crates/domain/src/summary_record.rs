//! A computed summary as the app shows it and the CLI prints it, and the progress of one
//! being computed. How the tree is planned, cached and checked is in [`crate::summary_tree`].

use crate::ids::RevisionId;
use crate::summary_tree::{Flag, Sentence};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One node of a summary: a scene, a sequence of scenes, or the whole selection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SummaryNode {
    /// `scene:N`, `scenes:A-B` or `all`.
    pub scope: String,
    pub scenes: Vec<i64>,
    pub text: String,
    /// The scenes its sentences cite.
    pub citations: Vec<i64>,
    pub flags: Vec<Flag>,
    pub sentences: Vec<Sentence>,
    /// Taken from the cache (no call made).
    pub reused: bool,
    /// Not computed: the summary was cancelled first (its text is empty).
    pub missing: bool,
}

/// A summary of one revision, root last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SummaryReport {
    /// The revision summarized: when the document's newest is another, it is out of date.
    pub revision_id: RevisionId,
    pub nodes: Vec<SummaryNode>,
    pub calls_made: usize,
    pub nodes_reused: usize,
    /// Cancelled before every node was computed; the finished ones are kept (and cached).
    pub cancelled: bool,
}

impl SummaryReport {
    /// The node for the whole selection, when it was computed.
    pub fn root(&self) -> Option<&SummaryNode> {
        self.nodes.last().filter(|n| !n.missing)
    }
}

/// Progress of a summary being computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "type")]
pub enum SummaryEvent {
    /// Computing began: `summary_id` cancels it (with the same call that cancels an AI
    /// run); `scopes` are the nodes to compute, children before parents.
    #[serde(rename_all = "camelCase")]
    Started {
        summary_id: String,
        scopes: Vec<String>,
    },
    /// A node is done, from the cache (`reused`) or from a call.
    #[serde(rename_all = "camelCase")]
    Node {
        scope: String,
        reused: bool,
        done: usize,
        total: usize,
    },
}
