//! Who works on a project and the roles they hold. On a team server the database itself
//! enforces membership and roles: a login sees and changes only its projects, and only admins
//! add or remove members or change roles.

use crate::error::CmdResult;
use crate::ipc::{command, MemberInfo, PersonInfo};
use crate::state::AppState;
use greenlight_domain::ids::{ProjectId, UserId};
use greenlight_domain::workflow::Role;
use tauri::State;

command! {
    pub async fn member_list(
        #[tauri] state: State<'_, AppState>,
        project_id: ProjectId,
    ) -> CmdResult<Vec<MemberInfo>> {
        let members = state.app()?.members().list(&project_id).await?;
        Ok(members.into_iter().map(MemberInfo::from).collect())
    }
}

command! {
    /// Adds a person, named by login (team server) or id, to the project; resolves with the
    /// members now.
    pub async fn member_add(
        #[tauri] state: State<'_, AppState>,
        project_id: ProjectId,
        person: String,
    ) -> CmdResult<Vec<MemberInfo>> {
        let app = state.app()?;
        let who = app.members().find_person(person.trim()).await?;
        app.members().add(&state.actor()?, &project_id, &who.id).await?;
        member_list(state, project_id).await
    }
}

command! {
    /// Removes a person from the project (the last member cannot leave); resolves with the
    /// members now.
    pub async fn member_remove(
        #[tauri] state: State<'_, AppState>,
        project_id: ProjectId,
        person_id: UserId,
    ) -> CmdResult<Vec<MemberInfo>> {
        state
            .app()?
            .members()
            .remove(&state.actor()?, &project_id, &person_id)
            .await?;
        member_list(state, project_id).await
    }
}

command! {
    /// Sets the roles a member holds (an admin's call, on a team server; the last admin keeps
    /// the role); resolves with the members now.
    pub async fn member_set_roles(
        #[tauri] state: State<'_, AppState>,
        project_id: ProjectId,
        person_id: UserId,
        roles: Vec<Role>,
    ) -> CmdResult<Vec<MemberInfo>> {
        state
            .app()?
            .members()
            .set_roles(&state.actor()?, &project_id, &person_id, &roles)
            .await?;
        member_list(state, project_id).await
    }
}

command! {
    /// Everyone this database knows (on a team server: the team), to add as members.
    pub async fn people_list(#[tauri] state: State<'_, AppState>) -> CmdResult<Vec<PersonInfo>> {
        let people = state.app()?.members().people().await?;
        Ok(people.into_iter().map(PersonInfo::from).collect())
    }
}
