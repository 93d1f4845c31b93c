//! The sample project seeded on the app's first run, so a newcomer sees real work at once.
//! The screenplay is original to this project.

use crate::app::Greenlight;
use crate::Result;
use greenlight_domain::actor::Actor;
use greenlight_domain::document::{DocumentFormat, DocumentKind, NewDocument};
use greenlight_domain::project::{NewProject, ProjectKind};

const SAMPLE_SEEDED_KEY: &str = "sample_seeded";
/// The final draft of the sample screenplay.
pub const SAMPLE_SCREENPLAY: &str = include_str!("../sample/the-night-shoot.fountain");

/// An earlier draft, so the sample has a history and a diff to look at from the start.
fn first_draft() -> String {
    SAMPLE_SCREENPLAY
        .replace(
            "Everybody watches the cup. They just don't know they're watching it.",
            "Everybody watches the cup.",
        )
        .replace(
            "Twenty takes for the truth. The cup was just how we found it.",
            "Twenty takes for the cup.",
        )
        .replace("She walks off into the sunrise.", "She walks away.")
}

/// Seeds the sample as `actor`, once per database.
pub(crate) async fn seed_once(app: &Greenlight, actor: &Actor) -> Result<()> {
    if app.store.get_setting(SAMPLE_SEEDED_KEY).await?.is_some() {
        return Ok(());
    }
    let project = app
        .projects()
        .create(actor, NewProject {
            title: "The Night Shoot (sample)".into(),
            logline: "On the last night of a shoot, a script supervisor proves that everybody watches the coffee cup.".into(),
            kind: ProjectKind::Short,
        })
        .await?;
    let doc = app
        .documents()
        .create(
            actor,
            NewDocument {
                project_id: project.id.clone(),
                title: "The Night Shoot".into(),
                kind: DocumentKind::Screenplay,
                format: DocumentFormat::Fountain,
                text: first_draft(),
            },
        )
        .await?;
    app.revisions()
        .save(
            actor,
            &doc.id,
            doc.head_revision_id.as_ref(),
            SAMPLE_SCREENPLAY.to_owned(),
            None,
        )
        .await?;
    app.documents()
        .create(actor, NewDocument {
            project_id: project.id,
            title: "Production notes".into(),
            kind: DocumentKind::Notes,
            format: DocumentFormat::Markdown,
            text: "# Production notes\n\n- Continuity: the coffee cup is **blue** in every shot of scene 3.\n- Stage 4 is ours until 6 a.m.\n- Next: the clock on the wall, page 41.\n".into(),
        })
        .await?;
    let mut tx = app.store.begin().await?;
    tx.set_setting(SAMPLE_SEEDED_KEY, "1").await?;
    tx.commit().await?;
    Ok(())
}
