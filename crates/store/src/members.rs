//! Project membership: who may see and change a project. On a team server the database
//! enforces it (row-level security); on one machine the one local person is every project's
//! member.

use crate::error::StoreError;
use crate::open::Store;
use crate::query::Statement;
use crate::rows::DbRow;
use crate::tx::Tx;
use crate::Result;
use greenlight_domain::ids::{ProjectId, UserId};
use greenlight_domain::workflow::Role;

/// A person as the team knows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: UserId,
    pub name: String,
    pub email: String,
    /// Their database login on a team server; `None` on one machine, or for an author who
    /// came in with a moved project.
    pub login: Option<String>,
}

/// A member of a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub person: Person,
    pub added_by: UserId,
    pub added_at: i64,
    /// The roles they hold, in `Role::ALL` order.
    pub roles: Vec<Role>,
}

fn person(r: &dyn DbRow) -> Result<Person> {
    Ok(Person {
        id: UserId(r.text("id")?),
        name: r.text("name")?,
        email: r.text("email")?,
        login: r.opt_text("login")?,
    })
}

fn member(r: &dyn DbRow) -> Result<Member> {
    Ok(Member {
        person: person(r)?,
        added_by: UserId(r.text("added_by")?),
        added_at: r.int("added_at")?,
        roles: Vec::new(),
    })
}

fn role_row(r: &dyn DbRow) -> Result<(UserId, Role)> {
    let name = r.text("role")?;
    let role = Role::parse(&name)
        .ok_or_else(|| StoreError::InvalidData(format!("unknown role {name}")))?;
    Ok((UserId(r.text("person_id")?), role))
}

fn roles_statement<'a>(project: &'a ProjectId, person: Option<&'a UserId>) -> Statement<'a> {
    match person {
        None => Statement::new("SELECT person_id, role FROM member_roles WHERE project_id = $1")
            .text(project.as_str()),
        Some(p) => Statement::new(
            "SELECT person_id, role FROM member_roles WHERE project_id = $1 AND person_id = $2",
        )
        .text(project.as_str())
        .text(p.as_str()),
    }
}

fn sorted(mut roles: Vec<Role>) -> Vec<Role> {
    roles.sort();
    roles.dedup();
    roles
}

impl Store {
    /// Everyone this database knows, by name.
    pub async fn people(&self) -> Result<Vec<Person>> {
        self.all(
            Statement::new("SELECT id, name, email, login FROM profiles ORDER BY name, id"),
            person,
        )
        .await
    }

    /// The person with this login (team mode), if mapped.
    pub async fn person_by_login(&self, login: &str) -> Result<Option<Person>> {
        self.optional(
            Statement::new("SELECT id, name, email, login FROM profiles WHERE login = $1")
                .text(login),
            person,
        )
        .await
    }

    /// A project's members with their roles, in the order they joined.
    pub async fn members(&self, project: &ProjectId) -> Result<Vec<Member>> {
        let mut members = self
            .all(
                Statement::new(
                    "SELECT u.id, u.name, u.email, u.login, m.added_by, m.added_at
                     FROM project_members m JOIN profiles u ON u.id = m.person_id
                     WHERE m.project_id = $1 ORDER BY m.added_at, u.id",
                )
                .text(project.as_str()),
                member,
            )
            .await?;
        let roles = self.all(roles_statement(project, None), role_row).await?;
        for m in &mut members {
            m.roles = sorted(
                roles
                    .iter()
                    .filter(|(who, _)| *who == m.person.id)
                    .map(|(_, r)| *r)
                    .collect(),
            );
        }
        Ok(members)
    }

    /// The roles `person` holds in `project` (none when not a member).
    pub async fn roles_of(&self, project: &ProjectId, person: &UserId) -> Result<Vec<Role>> {
        let rows = self
            .all(roles_statement(project, Some(person)), role_row)
            .await?;
        Ok(sorted(rows.into_iter().map(|(_, r)| r).collect()))
    }
}

impl Tx {
    /// Makes `person` a member of `project` (nothing if they already are).
    pub async fn add_member(
        &mut self,
        project: &ProjectId,
        person: &UserId,
        added_by: &UserId,
        at: i64,
    ) -> Result<bool> {
        let added = self
            .exec(
                Statement::new(
                    "INSERT INTO project_members (project_id, person_id, added_by, added_at)
                     VALUES ($1, $2, $3, $4) ON CONFLICT (project_id, person_id) DO NOTHING",
                )
                .text(project.as_str())
                .text(person.as_str())
                .text(added_by.as_str())
                .int(at),
            )
            .await?;
        Ok(added > 0)
    }

    pub async fn remove_member(&mut self, project: &ProjectId, person: &UserId) -> Result<()> {
        let removed = self
            .exec(
                Statement::new(
                    "DELETE FROM project_members WHERE project_id = $1 AND person_id = $2",
                )
                .text(project.as_str())
                .text(person.as_str()),
            )
            .await?;
        if removed == 0 {
            return Err(StoreError::NotFound {
                what: "member",
                id: person.to_string(),
            });
        }
        Ok(())
    }

    /// The roles `person` holds in `project`, inside the transaction.
    pub async fn roles_of(&mut self, project: &ProjectId, person: &UserId) -> Result<Vec<Role>> {
        let rows = self
            .all(roles_statement(project, Some(person)), role_row)
            .await?;
        Ok(sorted(rows.into_iter().map(|(_, r)| r).collect()))
    }

    /// Gives `person` (a member) `role` in `project`; false when they held it already.
    pub async fn grant_role(
        &mut self,
        project: &ProjectId,
        person: &UserId,
        role: Role,
        granted_by: &UserId,
        at: i64,
    ) -> Result<bool> {
        let added = self
            .exec(
                Statement::new(
                    "INSERT INTO member_roles (project_id, person_id, role, granted_by, granted_at)
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (project_id, person_id, role) DO NOTHING",
                )
                .text(project.as_str())
                .text(person.as_str())
                .text(role.as_str())
                .text(granted_by.as_str())
                .int(at),
            )
            .await?;
        Ok(added > 0)
    }

    /// Takes `role` from `person` in `project`; false when they did not hold it.
    pub async fn revoke_role(
        &mut self,
        project: &ProjectId,
        person: &UserId,
        role: Role,
    ) -> Result<bool> {
        let removed = self
            .exec(
                Statement::new(
                    "DELETE FROM member_roles WHERE project_id = $1 AND person_id = $2 AND role = $3",
                )
                .text(project.as_str())
                .text(person.as_str())
                .text(role.as_str()),
            )
            .await?;
        Ok(removed > 0)
    }

    /// How many members of `project` hold `role` (for "not the last admin").
    pub async fn role_count(&mut self, project: &ProjectId, role: Role) -> Result<i64> {
        self.one(
            Statement::new(
                "SELECT count(*) AS n FROM member_roles WHERE project_id = $1 AND role = $2",
            )
            .text(project.as_str())
            .text(role.as_str()),
            "project",
            project.as_str(),
            crate::query::int0,
        )
        .await
    }

    /// How many members `project` has (inside the transaction, for "not the last one").
    pub async fn member_count(&mut self, project: &ProjectId) -> Result<i64> {
        self.one(
            Statement::new("SELECT count(*) AS n FROM project_members WHERE project_id = $1")
                .text(project.as_str()),
            "project",
            project.as_str(),
            crate::query::int0,
        )
        .await
    }

    /// A person by id, inside the transaction.
    pub async fn person(&mut self, id: &UserId) -> Result<Person> {
        self.one(
            Statement::new("SELECT id, name, email, login FROM profiles WHERE id = $1")
                .text(id.as_str()),
            "person",
            id.as_str(),
            person,
        )
        .await
    }
}
