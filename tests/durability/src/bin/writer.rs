//! A writer process for the durability harness: saves revisions of its own document forever,
//! recording each acknowledged commit (after `save` returned) in its ack file. It is meant to
//! be killed with SIGKILL at any moment.

use greenlight_core::{CoreError, Greenlight, OpenConfig};
use greenlight_durability::{child, record_ack};
use std::process::ExitCode;

fn main() -> ExitCode {
    child::main("durability-writer", write_forever)
}

async fn write_forever(data: String, acks: String, id: String) -> Result<(), CoreError> {
    let app = Greenlight::open(OpenConfig::new(&data)).await?;
    let me = app.profiles().local_actor().await?;
    let mut ack_file = child::ack_file(&acks)?;
    let title = format!("writer-{id}");
    let doc = child::own_document(&app, &me, &title, String::new).await?;
    let mut parent = doc.head_revision_id;
    let filler = "The cup is blue in every shot. ".repeat(40);
    let mut n: u64 = 0;
    loop {
        n += 1;
        let text = format!("{title} revision {n} ({})\n{filler}", std::process::id());
        let rev = app
            .revisions()
            .save(&me, &doc.id, parent.as_ref(), text, None)
            .await?;
        record_ack(&mut ack_file, &rev.meta.id, &rev.meta.content_hash)
            .map_err(|e| child::ack_error(&acks, e))?;
        parent = Some(rev.meta.id);
    }
}
