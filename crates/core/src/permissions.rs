//! Who may do what: every use-case that changes a project asks here first, with the table of
//! `domain::permission`. On a team server a person's roles are read from the database (which
//! enforces the same rules itself, so a modified client gains nothing by skipping this); on
//! one machine the one local person holds every role.

use crate::app::Greenlight;
use crate::error::CoreError;
use crate::Result;
use greenlight_domain::actor::Actor;
use greenlight_domain::ids::ProjectId;
use greenlight_domain::permission::{refusal, Action};
use greenlight_domain::workflow::Role;
use greenlight_store::Tx;

impl Greenlight {
    /// The roles `actor` holds in `project`: every role on one machine.
    pub async fn roles_of(&self, actor: &Actor, project: &ProjectId) -> Result<Vec<Role>> {
        if !self.is_team() {
            return Ok(Role::ALL.to_vec());
        }
        Ok(self.store.roles_of(project, &actor.id).await?)
    }

    /// As [`Greenlight::roles_of`], inside a transaction.
    pub(crate) async fn roles_in(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        project: &ProjectId,
    ) -> Result<Vec<Role>> {
        if !self.is_team() {
            return Ok(Role::ALL.to_vec());
        }
        Ok(tx.roles_of(project, &actor.id).await?)
    }

    /// Refuses `action` in `project` unless `actor` holds a role that may do it.
    pub(crate) async fn require(
        &self,
        actor: &Actor,
        project: &ProjectId,
        action: Action,
    ) -> Result<()> {
        if !self.is_team() {
            return Ok(());
        }
        let roles = self.store.roles_of(project, &actor.id).await?;
        refused(&roles, action)
    }

    /// As [`Greenlight::require`], inside a transaction (the roles read with what it changes).
    pub(crate) async fn require_in(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        project: &ProjectId,
        action: Action,
    ) -> Result<()> {
        if !self.is_team() {
            return Ok(());
        }
        let roles = tx.roles_of(project, &actor.id).await?;
        refused(&roles, action)
    }
}

fn refused(roles: &[Role], action: Action) -> Result<()> {
    match refusal(roles, action) {
        None => Ok(()),
        Some(why) => Err(CoreError::Forbidden(why)),
    }
}
