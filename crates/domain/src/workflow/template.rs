//! Workflow templates: the stages a review goes through, who decides each, and which stage
//! waits for which. Admins edit templates per project; a review keeps the template it was
//! requested with, so editing a template never changes a review under way.
//!
//! A [`WorkflowTemplate`] is input (from a form, the CLI or the database); a [`Workflow`] is
//! one that passed [`WorkflowTemplate::validate`], and only a `Workflow` drives a review. Its
//! invariants: at least one stage and at most [`MAX_WORKFLOW_STAGES`]; names non-empty and
//! distinct (ignoring case and surrounding spaces); every stage names at least one role;
//! every stage it waits for exists; the waits form no circle, so some stage opens at the
//! start and every stage can open.

use super::role::Role;
use crate::limits::{MAX_NAME_CHARS, MAX_WORKFLOW_STAGES};
use serde::{Deserialize, Serialize};
use thiserror::Error;
use ts_rs::TS;

/// How many of a stage's roles must approve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalRule {
    /// Every role the stage names needs an approval by someone holding it (one person
    /// holding two of the roles covers both).
    All,
    /// One approval by a holder of any of the roles is enough.
    Any,
}

/// One stage of a template, as an admin writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StageTemplate {
    pub name: String,
    /// Who decides the stage; only holders of one of these roles may.
    pub roles: Vec<Role>,
    pub rule: ApprovalRule,
    /// When the stage is due, in milliseconds after it opens; `None` for no due time.
    pub due_after_ms: Option<i64>,
    /// Whether the author of the subject approving it counts (and is allowed at all).
    pub self_approval: bool,
    /// Whether an approval survives a new revision that leaves this stage's scope (the
    /// scenes it approved) untouched. Otherwise any new revision resets it.
    pub scene_scoped: bool,
    /// The stages that must be approved before this one opens; empty opens it at the start.
    /// Stages waiting for the same stages run in parallel.
    pub after: Vec<String>,
}

/// A named list of stages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WorkflowTemplate {
    pub name: String,
    pub stages: Vec<StageTemplate>,
}

/// What is wrong with a template; messages are for the admin editing it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TemplateError {
    #[error("the workflow has no name")]
    NoName,
    #[error("the workflow has no stages; add at least one")]
    NoStages,
    #[error("the workflow has {0} stages; the limit is {MAX_WORKFLOW_STAGES}")]
    TooManyStages(usize),
    #[error("stage {0} has no name")]
    UnnamedStage(usize),
    #[error("the name of stage {0} is too long or contains control characters")]
    BadStageName(usize),
    #[error("two stages are named '{0}'; stage names must differ")]
    DuplicateStage(String),
    #[error("stage '{0}' names no role; say who decides it")]
    NoRoles(String),
    #[error("stage '{stage}' waits for '{missing}', which is not a stage of this workflow")]
    UnknownStage { stage: String, missing: String },
    #[error("stages wait for each other in a circle ({}), so none of them would ever open", .0.join(" waits for "))]
    Cycle(Vec<String>),
    #[error("the due time of stage '{0}' must be a positive number of milliseconds")]
    BadDueTime(String),
}

/// One stage of a validated workflow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    pub name: String,
    /// The template's roles, sorted, each once; never empty.
    pub roles: Vec<Role>,
    pub rule: ApprovalRule,
    pub due_after_ms: Option<i64>,
    pub self_approval: bool,
    pub scene_scoped: bool,
    /// The positions of the stages it waits for, sorted, each once.
    pub after: Vec<usize>,
}

/// A template that keeps the invariants of this module; see [`WorkflowTemplate::validate`].
/// It serializes as its template and deserializing validates it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "WorkflowTemplate", into = "WorkflowTemplate")]
pub struct Workflow {
    template: WorkflowTemplate,
    stages: Vec<Stage>,
    /// Every stage's position, each after the stages it waits for.
    order: Vec<usize>,
}

impl Workflow {
    /// The stages, in the template's order.
    pub fn stages(&self) -> &[Stage] {
        &self.stages
    }

    /// The stages' positions in an order where each comes after the stages it waits for.
    pub fn order(&self) -> &[usize] {
        &self.order
    }

    /// The position of the stage named exactly `name`.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.stages.iter().position(|s| s.name == name)
    }

    pub fn template(&self) -> &WorkflowTemplate {
        &self.template
    }

    pub fn name(&self) -> &str {
        &self.template.name
    }
}

impl TryFrom<WorkflowTemplate> for Workflow {
    type Error = TemplateError;
    fn try_from(t: WorkflowTemplate) -> Result<Self, TemplateError> {
        t.validate()
    }
}

impl From<Workflow> for WorkflowTemplate {
    fn from(w: Workflow) -> Self {
        w.template
    }
}

impl WorkflowTemplate {
    /// Greenlight's default: the writer's draft, then the producer's approval, then legal
    /// clearance; the review is locked when all three are approved. Self-approval counts only
    /// for the draft (the writer hands in their own work); no approval survives a new
    /// revision.
    pub fn default_template() -> WorkflowTemplate {
        let stage = |name: &str, role: Role, self_approval: bool, after: &[&str]| StageTemplate {
            name: name.into(),
            roles: vec![role],
            rule: ApprovalRule::Any,
            due_after_ms: None,
            self_approval,
            scene_scoped: false,
            after: after.iter().map(|s| (*s).to_owned()).collect(),
        };
        WorkflowTemplate {
            name: "default".into(),
            stages: vec![
                stage("draft", Role::Writer, true, &[]),
                stage("producer", Role::Producer, false, &["draft"]),
                stage("legal", Role::LegalReviewer, false, &["producer"]),
            ],
        }
    }

    /// Checks every invariant of the module and resolves stage names to positions. The first
    /// problem found is reported, in the order the stages are listed.
    pub fn validate(&self) -> Result<Workflow, TemplateError> {
        if self.name.trim().is_empty() {
            return Err(TemplateError::NoName);
        }
        if self.stages.is_empty() {
            return Err(TemplateError::NoStages);
        }
        if self.stages.len() > MAX_WORKFLOW_STAGES {
            return Err(TemplateError::TooManyStages(self.stages.len()));
        }
        let mut keys: Vec<String> = Vec::with_capacity(self.stages.len());
        for (i, s) in self.stages.iter().enumerate() {
            let name = s.name.trim();
            if name.is_empty() {
                return Err(TemplateError::UnnamedStage(i + 1));
            }
            if name.chars().count() > MAX_NAME_CHARS || name.chars().any(char::is_control) {
                return Err(TemplateError::BadStageName(i + 1));
            }
            let key = name.to_lowercase();
            if keys.contains(&key) {
                return Err(TemplateError::DuplicateStage(name.to_owned()));
            }
            keys.push(key);
            if s.roles.is_empty() {
                return Err(TemplateError::NoRoles(name.to_owned()));
            }
            if matches!(s.due_after_ms, Some(ms) if ms <= 0) {
                return Err(TemplateError::BadDueTime(name.to_owned()));
            }
        }
        let mut stages = Vec::with_capacity(self.stages.len());
        for s in &self.stages {
            let mut after = Vec::with_capacity(s.after.len());
            for wanted in &s.after {
                let key = wanted.trim().to_lowercase();
                let Some(at) = keys.iter().position(|k| *k == key) else {
                    return Err(TemplateError::UnknownStage {
                        stage: s.name.trim().to_owned(),
                        missing: wanted.clone(),
                    });
                };
                after.push(at);
            }
            after.sort_unstable();
            after.dedup();
            let mut roles = s.roles.clone();
            roles.sort_unstable();
            roles.dedup();
            stages.push(Stage {
                name: s.name.trim().to_owned(),
                roles,
                rule: s.rule,
                due_after_ms: s.due_after_ms,
                self_approval: s.self_approval,
                scene_scoped: s.scene_scoped,
                after,
            });
        }
        let order = topological_order(&stages)?;
        Ok(Workflow {
            template: self.clone(),
            stages,
            order,
        })
    }
}

/// Kahn's algorithm over "waits for"; on a circle, names one circle found among the stages
/// left over (each of which still waits for another left-over stage).
fn topological_order(stages: &[Stage]) -> Result<Vec<usize>, TemplateError> {
    let n = stages.len();
    let mut waiting: Vec<usize> = stages.iter().map(|s| s.after.len()).collect();
    let mut order: Vec<usize> = (0..n).filter(|i| waiting[*i] == 0).collect();
    let mut next = 0;
    while next < order.len() {
        let done = order[next];
        next += 1;
        for (i, s) in stages.iter().enumerate() {
            if s.after.contains(&done) {
                waiting[i] -= 1;
                if waiting[i] == 0 {
                    order.push(i);
                }
            }
        }
    }
    if order.len() == n {
        return Ok(order);
    }
    let left = |i: usize| !order.contains(&i);
    let mut path: Vec<usize> = Vec::new();
    let mut at = (0..n).find(|i| left(*i));
    while let Some(i) = at {
        if let Some(start) = path.iter().position(|p| *p == i) {
            let mut names: Vec<String> = path[start..]
                .iter()
                .map(|p| stages[*p].name.clone())
                .collect();
            names.push(stages[i].name.clone());
            return Err(TemplateError::Cycle(names));
        }
        path.push(i);
        at = stages[i].after.iter().copied().find(|p| left(*p));
    }
    // Unreachable by the invariant above (a left-over stage always waits for another); say
    // so without panicking.
    Err(TemplateError::Cycle(
        path.iter().map(|p| stages[*p].name.clone()).collect(),
    ))
}
