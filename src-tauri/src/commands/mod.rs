//! Thin IPC commands: typed input, one core call, typed output or [`IpcError`].
//!
//! Each command is declared with [`command!`](crate::ipc::command) and listed once in
//! [`for_each_command!`]; that one list both registers the commands with Tauri ([`handler`])
//! and builds the table the TypeScript `Commands` interface is generated from ([`specs`]).
//!
//! [`IpcError`]: crate::error::IpcError

pub mod ai;
pub mod app;
pub mod assets;
pub mod comments;
pub mod database;
pub mod documents;
pub mod members;
pub mod projects;
pub mod provenance;
pub mod reviews;
pub mod revisions;
pub mod suggestions;
pub mod summaries;

use crate::ipc::CommandSpec;
use ts_rs::Config;

/// Calls `$then!` with every command as `module::name`, in the order of the generated bindings.
/// Adding a command here registers it and puts it in the bindings; a name that was not
/// declared with `command!` fails to compile (it has no `spec`).
macro_rules! for_each_command {
    ($then:ident) => {
        $then! {
            app::app_info,
            app::profile_set_name,
            app::activity_list,
            app::ledger_verify,
            app::keys_show,
            app::keys_rotate,
            provenance::provenance_document,
            provenance::disclosure_record,
            provenance::disclosure_list_project,
            provenance::disclosure_list_mine,
            provenance::report_export,
            app::ui_ready,
            database::database_status,
            database::database_test,
            database::database_set_up_state,
            database::database_set_up,
            database::database_pick_ca,
            database::database_switch,
            database::database_use_local,
            database::database_reconnect,
            projects::project_list,
            projects::project_create,
            projects::project_get,
            projects::project_update,
            projects::project_archive,
            members::member_list,
            members::member_add,
            members::member_remove,
            members::member_set_roles,
            members::people_list,
            documents::document_list,
            documents::document_create,
            documents::document_get,
            documents::document_rename,
            documents::document_import_pick,
            documents::document_import_dropped,
            documents::document_structure,
            revisions::revision_save,
            revisions::revision_merge,
            revisions::revision_list,
            revisions::revision_get,
            revisions::revision_diff,
            revisions::revision_export,
            ai::provider_list,
            ai::provider_save,
            ai::provider_remove,
            ai::provider_test,
            ai::policy_get,
            ai::policy_set,
            ai::ai_run,
            ai::ai_cancel,
            ai::ai_runs,
            suggestions::suggestion_vary,
            suggestions::suggestion_list,
            suggestions::suggestion_accept,
            suggestions::suggestion_reject,
            suggestions::suggestion_undo,
            suggestions::suggestion_reopen,
            suggestions::suggestion_local_servers,
            suggestions::attribution_get,
            summaries::summary_run,
            reviews::review_request,
            reviews::review_decide,
            reviews::review_inbox,
            reviews::review_list_document,
            reviews::review_list_asset,
            reviews::review_list_project,
            reviews::review_detail,
            reviews::workflow_list,
            reviews::workflow_save,
            reviews::workflow_remove,
            comments::comment_add,
            comments::comment_list_document,
            comments::comment_list_asset,
            comments::comment_resolve,
            assets::asset_list,
            assets::asset_get,
            assets::asset_versions,
            assets::asset_import_pick,
            assets::asset_import_dropped,
            assets::asset_media_base,
        }
    };
}

macro_rules! generate_handler_for {
    ($($module:ident :: $name:ident),* $(,)?) => {
        tauri::generate_handler![$($module::$name),*]
    };
}

macro_rules! specs_for {
    ($($module:ident :: $name:ident),* $(,)?) => {
        vec![$($module::$name::spec as fn(&Config) -> CommandSpec),*]
    };
}

/// The invoke handler registering every command.
pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    for_each_command!(generate_handler_for)
}

/// Every command's table entry, in registration order.
pub fn specs(cfg: &Config) -> Vec<CommandSpec> {
    let all: Vec<fn(&Config) -> CommandSpec> = for_each_command!(specs_for);
    all.into_iter().map(|spec| spec(cfg)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_are_unique_snake_case_and_arguments_camel_case() {
        let specs = specs(&Config::new());
        let names: HashSet<_> = specs.iter().map(|s| s.name).collect();
        assert_eq!(names.len(), specs.len(), "a command is listed twice");
        for s in &specs {
            assert!(
                s.name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{}",
                s.name
            );
            for a in &s.args {
                assert!(!a.name.contains('_'), "{}: {}", s.name, a.name);
            }
        }
    }

    #[test]
    fn tauri_parameters_stay_out_of_the_table() {
        let specs = specs(&Config::new());
        let get = |n: &str| specs.iter().find(|s| s.name == n).expect(n);
        let run = get("ai_run");
        let args: Vec<_> = run
            .args
            .iter()
            .map(|a| (a.name.as_str(), a.ts.as_str()))
            .collect();
        assert_eq!(
            args,
            [
                ("request", "AiRunRequest"),
                ("onEvent", "(event: AiRunEvent) => void")
            ]
        );
        assert_eq!(run.result, "string");
        assert!(get("ui_ready").args.is_empty());
        assert_eq!(get("ui_ready").result, "null");
        assert_eq!(get("ai_cancel").args[0].name, "runId");
        assert_eq!(get("ai_cancel").result, "boolean");
        assert_eq!(get("activity_list").args[0].ts, "ProjectId | null");
    }
}
