//! Who works on a project. On a team server the database enforces membership (row-level
//! security): a login sees and changes only its projects, and only members add or remove
//! members. On one machine the local person is every project's member.

use crate::app::{event, Greenlight};
use crate::error::CoreError;
use crate::{now_ms, Result};
use greenlight_domain::actor::Actor;
use greenlight_domain::events::payloads::Membership;
use greenlight_domain::events::EventBody;
use greenlight_domain::ids::{ProjectId, UserId};
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

    pub async fn list(&self, project: &ProjectId) -> Result<Vec<Member>> {
        // Reading the project first turns "not a member" into a clear not-found.
        self.app.store.get_project(project).await?;
        Ok(self.app.store.members(project).await?)
    }

    /// `actor` (a member) adds `person` to `project`; recorded on the project's chain.
    pub async fn add(&self, actor: &Actor, project: &ProjectId, person: &UserId) -> Result<Member> {
        let now = now_ms();
        let mut tx = self.app.store.begin().await?;
        let p = tx.project(project).await?;
        let who = tx.person(person).await?;
        if tx.add_member(&p.id, &who.id, &actor.id, now).await? {
            tx.append_event(
                event(
                    actor,
                    format!("project:{}", p.id),
                    Some(&p.id),
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
        self.list(project)
            .await?
            .into_iter()
            .find(|m| m.person.id == who.id)
            .ok_or_else(|| CoreError::Internal("the new member is not listed".into()))
    }

    /// `actor` (a member) removes `person` from `project`. The last member cannot leave: a
    /// project nobody may open would be lost to everyone.
    pub async fn remove(&self, actor: &Actor, project: &ProjectId, person: &UserId) -> Result<()> {
        let now = now_ms();
        let mut tx = self.app.store.begin().await?;
        let p = tx.project(project).await?;
        let who = tx.person(person).await?;
        if tx.member_count(&p.id).await? <= 1 {
            return Err(CoreError::Conflict(format!(
                "{} is the last member of “{}”; add someone else first",
                who.name, p.title
            )));
        }
        // Recorded first: on a team server, someone who removes themselves may no longer
        // write to the project's chain afterwards.
        tx.append_event(
            event(
                actor,
                format!("project:{}", p.id),
                Some(&p.id),
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
}
