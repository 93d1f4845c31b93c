//! Who works on a project, and the roles they hold. On a team server the database enforces
//! membership and roles (row-level security): a login sees and changes only its projects, and
//! only admins add or remove members or change roles. On one machine the local person is
//! every project's member and holds every role.

use crate::app::{event, Greenlight};
use crate::error::CoreError;
use crate::{now_ms, Result};
use greenlight_domain::actor::Actor;
use greenlight_domain::events::payloads::{MemberRoles, Membership};
use greenlight_domain::events::EventBody;
use greenlight_domain::ids::{ProjectId, UserId};
use greenlight_domain::ledger::EventDraft;
use greenlight_domain::permission::Action;
use greenlight_domain::project::Project;
use greenlight_domain::workflow::Role;
pub use greenlight_store::{Member, Person};

/// Project membership.
pub struct Members<'a> {
    pub(crate) app: &'a Greenlight,
}

impl Greenlight {
    /// Project membership and the people of this database.
    pub fn members(&self) -> Members<'_> {
        Members { app: self }
    }
}

impl Members<'_> {
    /// Everyone this database knows (on a team server: the team).
    pub async fn people(&self) -> Result<Vec<Person>> {
        Ok(self.app.store.people().await?)
    }

    /// A person named by id or (team mode) by login.
    pub async fn find_person(&self, id_or_login: &str) -> Result<Person> {
        if let Some(p) = self.app.store.person_by_login(id_or_login).await? {
            return Ok(p);
        }
        let people = self.app.store.people().await?;
        people
            .into_iter()
            .find(|p| p.id.as_str() == id_or_login)
            .ok_or_else(|| CoreError::NotFound {
                what: "person",
                id: id_or_login.to_owned(),
            })
    }

    /// A project's members with their roles (on one machine: every role).
    pub async fn list(&self, project: &ProjectId) -> Result<Vec<Member>> {
        // Reading the project first turns "not a member" into a clear not-found.
        self.app.store.get_project(project).await?;
        let mut members = self.app.store.members(project).await?;
        if !self.app.is_team() {
            for m in &mut members {
                m.roles = Role::ALL.to_vec();
            }
        }
        Ok(members)
    }

    /// `actor` (an admin) adds `person` to `project` as a writer (roles are changed with
    /// [`Members::set_roles`]); recorded on the project's chain.
    pub async fn add(&self, actor: &Actor, project: &ProjectId, person: &UserId) -> Result<Member> {
        let now = now_ms();
        let mut tx = self.app.store.begin().await?;
        let p = tx.project(project).await?;
        self.app
            .require_in(&mut tx, actor, &p.id, Action::ManageMembers)
            .await?;
        let who = tx.person(person).await?;
        if tx.add_member(&p.id, &who.id, &actor.id, now).await? {
            tx.grant_role(&p.id, &who.id, Role::Writer, &actor.id, now)
                .await?;
            tx.append_event(
                on_chain(
                    actor,
                    &p,
                    EventBody::MemberAdded(Membership {
                        person_id: who.id.clone(),
                        name: who.name.clone(),
                    }),
                ),
                now,
            )
            .await?;
        }
        tx.commit().await?;
        self.listed(project, &who.id).await
    }

    /// `actor` (an admin) removes `person` from `project`. The last member cannot leave: a
    /// project nobody may open would be lost to everyone; nor can the last admin.
    pub async fn remove(&self, actor: &Actor, project: &ProjectId, person: &UserId) -> Result<()> {
        let now = now_ms();
        let mut tx = self.app.store.begin().await?;
        let p = tx.project(project).await?;
        self.app
            .require_in(&mut tx, actor, &p.id, Action::ManageMembers)
            .await?;
        let who = tx.person(person).await?;
        let held = tx.roles_of(&p.id, &who.id).await?;
        if held.contains(&Role::Admin) && tx.role_count(&p.id, Role::Admin).await? <= 1 {
            return Err(CoreError::Conflict(format!(
                "{} is the last admin of “{}”; make someone else admin first",
                who.name, p.title
            )));
        }
        if tx.member_count(&p.id).await? <= 1 {
            return Err(CoreError::Conflict(format!(
                "{} is the last member of “{}”; add someone else first",
                who.name, p.title
            )));
        }
        // Recorded first: on a team server, someone who removes themselves may no longer
        // write to the project's chain afterwards.
        tx.append_event(
            on_chain(
                actor,
                &p,
                EventBody::MemberRemoved(Membership {
                    person_id: who.id.clone(),
                    name: who.name.clone(),
                }),
            ),
            now,
        )
        .await?;
        tx.remove_member(&p.id, &who.id).await?;
        tx.commit().await?;
        Ok(())
    }

    /// `actor` (an admin) sets the roles `person` (a member) holds in `project`; recorded on
    /// the project's chain. The last admin keeps the role.
    pub async fn set_roles(
        &self,
        actor: &Actor,
        project: &ProjectId,
        person: &UserId,
        roles: &[Role],
    ) -> Result<Member> {
        if !self.app.is_team() {
            return Err(CoreError::Conflict(
                "on this computer its one person holds every role; roles are given on a team server (move the project there first)".into(),
            ));
        }
        let now = now_ms();
        let mut tx = self.app.store.begin().await?;
        let p = tx.project(project).await?;
        self.app
            .require_in(&mut tx, actor, &p.id, Action::ManageRoles)
            .await?;
        let who = tx.person(person).await?;
        let held = tx.roles_of(&p.id, &who.id).await?;
        // Roles belong to members (the database refuses others); say so first.
        self.listed(project, &who.id).await?;
        if held.contains(&Role::Admin)
            && !roles.contains(&Role::Admin)
            && tx.role_count(&p.id, Role::Admin).await? <= 1
        {
            return Err(CoreError::Conflict(format!(
                "{} is the last admin of “{}”; make someone else admin first",
                who.name, p.title
            )));
        }
        for role in Role::ALL {
            match (held.contains(&role), roles.contains(&role)) {
                (false, true) => {
                    tx.grant_role(&p.id, &who.id, role, &actor.id, now).await?;
                }
                (true, false) => {
                    tx.revoke_role(&p.id, &who.id, role).await?;
                }
                _ => {}
            }
        }
        let now_held: Vec<String> = Role::ALL
            .into_iter()
            .filter(|r| roles.contains(r))
            .map(|r| r.as_str().to_owned())
            .collect();
        tx.append_event(
            on_chain(
                actor,
                &p,
                EventBody::MemberRolesSet(MemberRoles {
                    person_id: who.id.clone(),
                    name: who.name.clone(),
                    roles: now_held,
                }),
            ),
            now,
        )
        .await?;
        tx.commit().await?;
        self.listed(project, &who.id).await
    }

    /// `person` as a member of `project`, with their roles.
    async fn listed(&self, project: &ProjectId, person: &UserId) -> Result<Member> {
        self.list(project)
            .await?
            .into_iter()
            .find(|m| &m.person.id == person)
            .ok_or_else(|| CoreError::NotFound {
                what: "member",
                id: person.to_string(),
            })
    }
}

/// A change of membership, recorded on the project's chain by the member who made it.
fn on_chain(actor: &Actor, p: &Project, body: EventBody) -> EventDraft {
    event(actor, format!("project:{}", p.id), Some(&p.id), body)
}
