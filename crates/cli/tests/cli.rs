//! The real `greenlight` binary against a real database in a temporary folder.

use std::path::Path;
use std::process::{Command, Output};

fn gl(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_greenlight"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .output()
        .expect("run greenlight")
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = gl(dir, args);
    assert!(
        out.status.success(),
        "greenlight {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(dir, &all)).expect("json")
}

#[test]
fn import_history_diff_export_verify() {
    let data = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("tmp");
    let d = data.path();

    let p = json(d, &["project", "create", "Night Shoot", "--kind", "short"]);
    let pid = p["id"].as_str().expect("id").to_owned();
    let list = json(d, &["project", "list"]);
    assert_eq!(list[0]["project"]["title"], "Night Shoot");

    let src = files.path().join("scene.fountain");
    std::fs::write(&src, "INT. STAGE - NIGHT\n\nMaya checks the cup.\n").expect("write");
    let doc = json(
        d,
        &[
            "doc",
            "import",
            src.to_str().expect("path"),
            "--project",
            &pid,
        ],
    );
    let doc = &doc["document"];
    assert_eq!(doc["kind"], "screenplay");
    let did = doc["id"].as_str().expect("id").to_owned();

    let exported = ok(d, &["doc", "export", &did]);
    assert_eq!(exported, "INT. STAGE - NIGHT\n\nMaya checks the cup.\n");
    let out = files.path().join("out.fountain");
    ok(
        d,
        &["doc", "export", &did, "--out", out.to_str().expect("path")],
    );
    assert_eq!(std::fs::read_to_string(&out).expect("read"), exported);

    let history = json(d, &["doc", "history", &did]);
    assert_eq!(history.as_array().expect("array").len(), 1);

    let text = ok(d, &["verify"]);
    assert!(text.starts_with("intact: "), "{text}");
}

#[test]
fn errors_are_clear_and_exit_nonzero() {
    let data = tempfile::tempdir().expect("tmp");
    let out = gl(data.path(), &["project", "create", "   "]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Project title cannot be empty"), "{err}");

    let out = gl(data.path(), &["doc", "history", "no-such-doc"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("document not found"));

    let out = gl(data.path(), &["project", "create", "X", "--kind", "movie"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("movie"));
}

#[test]
fn diff_marks_words() {
    let data = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("tmp");
    let d = data.path();
    let p = json(d, &["project", "create", "Diffs"]);
    let pid = p["id"].as_str().expect("id").to_owned();
    let a = files.path().join("a.txt");
    std::fs::write(&a, "the blue cup").expect("write");
    let b = files.path().join("b.txt");
    std::fs::write(&b, "the red cup").expect("write");
    let da = json(
        d,
        &["doc", "import", a.to_str().expect("p"), "--project", &pid],
    );
    let db = json(
        d,
        &["doc", "import", b.to_str().expect("p"), "--project", &pid],
    );
    let text = ok(
        d,
        &[
            "doc",
            "diff",
            da["document"]["headRevisionId"].as_str().expect("rev"),
            db["document"]["headRevisionId"].as_str().expect("rev"),
        ],
    );
    assert_eq!(text.trim_end(), "the [-blue-]{+red+} cup");
}

#[test]
fn scenes_and_characters_of_a_file_or_document() {
    let data = tempfile::tempdir().expect("tmp");
    let d = data.path();
    let sample = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../core/sample/the-night-shoot.fountain"
    );
    let scenes = json(d, &["doc", "scenes", sample]);
    let scenes = scenes.as_array().expect("array");
    assert_eq!(scenes.len(), 4);
    assert_eq!(scenes[0]["heading"], "INT. SOUNDSTAGE 4 - NIGHT");
    let chars = json(d, &["doc", "characters", sample]);
    let names: Vec<&str> = chars
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    for who in ["MAYA", "DANNY", "THEO"] {
        assert!(names.contains(&who), "{who} missing from {names:?}");
    }
    // Nothing was imported by inspecting a file.
    assert!(json(d, &["project", "list"])
        .as_array()
        .expect("a")
        .is_empty());

    let p = json(d, &["project", "create", "Shoot"]);
    let pid = p["id"].as_str().expect("id").to_owned();
    let imported = json(d, &["doc", "import", sample, "--project", &pid]);
    let did = imported["document"]["id"].as_str().expect("id").to_owned();
    let by_doc = json(d, &["doc", "scenes", &did]);
    assert_eq!(by_doc.as_array().expect("a").len(), 4);
    let fdx = ok(d, &["doc", "export", &did, "--format", "fdx"]);
    assert!(
        fdx.contains("<FinalDraft") && fdx.contains("SOUNDSTAGE"),
        "{fdx}"
    );
}

#[test]
fn a_file_converts_to_pdf_without_importing() {
    let data = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("tmp");
    let d = data.path();
    let sample = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../core/sample/the-night-shoot.fountain"
    );
    let pdf = files.path().join("night.pdf");
    ok(
        d,
        &["doc", "export", sample, "--out", pdf.to_str().expect("p")],
    );
    let bytes = std::fs::read(&pdf).expect("pdf written");
    assert!(bytes.starts_with(b"%PDF-"));
    let fdx = ok(d, &["doc", "export", sample, "--format", "fdx"]);
    assert!(fdx.contains("<FinalDraft"));
    assert!(json(d, &["project", "list"])
        .as_array()
        .expect("a")
        .is_empty());
}

#[test]
fn ask_streams_an_offline_summary_and_providers_are_listed() {
    let data = tempfile::tempdir().expect("tmp");
    let d = data.path();
    let p = json(d, &["project", "create", "Ask"]);
    let pid = p["id"].as_str().expect("id").to_owned();
    let text = "INT. DINER - NIGHT\n\nJune waits for Abel. The coffee is cold.\n";
    let answer = ok(d, &["ask", "--project", &pid, "--text", text]);
    assert!(answer.contains("June waits for Abel."), "{answer}");
    assert!(
        answer.contains("No AI model wrote"),
        "the offline engine labels itself: {answer}"
    );

    let added = json(
        d,
        &[
            "providers",
            "add",
            "Local Ollama",
            "--kind",
            "ollama",
            "--url",
            "http://127.0.0.1:9",
            "--model",
            "llama3.1",
        ],
    );
    assert_eq!(added[0]["local"], true);
    let listed = json(d, &["providers", "list"]);
    let names: Vec<&str> = listed
        .as_array()
        .expect("a")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(names, ["Offline engine (extractive)", "Local Ollama"]);

    // Nothing listens on port 9: the test fails with a clear, classified message.
    let id = added[0]["id"].as_str().expect("id").to_owned();
    let out = gl(d, &["providers", "test", &id]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("Local Ollama"), "{said}");
}

#[test]
fn keys_can_live_in_an_explicit_secrets_file_and_the_person_is_told_where() {
    let data = tempfile::tempdir().expect("tmp");
    let keys = data.path().join("keys");
    let out = Command::new(env!("CARGO_BIN_EXE_greenlight"))
        .arg("--data-dir")
        .arg(data.path())
        .arg("--secrets-file")
        .arg(&keys)
        .args([
            "providers",
            "add",
            "Studio OpenAI",
            "--kind",
            "openai_compatible",
            "--model",
            "gpt-4o-mini",
        ])
        .env("GREENLIGHT_API_KEY", "sk-file-test-123456")
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let told = String::from_utf8_lossy(&out.stderr);
    assert!(
        told.contains(&format!("the file {}", keys.display())),
        "{told}"
    );
    // The key is in the file (private), never in the database.
    let stored = std::fs::read_to_string(&keys).expect("keys");
    assert!(stored.contains("sk-file-test-123456"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&keys).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let db = std::fs::read(data.path().join("greenlight.db")).expect("db");
    assert!(!db.windows(19).any(|w| w == b"sk-file-test-123456"));
    // Listing through the same file sees the key as set.
    let list = Command::new(env!("CARGO_BIN_EXE_greenlight"))
        .arg("--data-dir")
        .arg(data.path())
        .arg("--json")
        .args(["providers", "list"])
        .env("GREENLIGHT_SECRETS_FILE", &keys)
        .output()
        .expect("run");
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).expect("json");
    assert_eq!(list[1]["keySet"], true, "{list}");
}

#[test]
fn verify_names_the_chain_and_event_that_broke() {
    let data = tempfile::tempdir().expect("tmp");
    let d = data.path();
    let p = json(d, &["project", "create", "Night Shoot"]);
    let pid = p["id"].as_str().expect("id").to_owned();
    json(d, &["project", "create", "Other"]);
    let report = json(d, &["verify"]);
    assert_eq!(report["ok"], true);
    assert_eq!(report["chainsChecked"], 3, "{report}");
    // Tamper with the first project's chain through SQLite directly.
    let db = d.join("greenlight.db");
    let conn = std::process::Command::new("python3")
        .arg("-c")
        .arg(format!(
            "import sqlite3; c = sqlite3.connect('{}'); c.execute('DROP TRIGGER events_append_only_update'); c.execute(\"UPDATE events SET payload = replace(payload, 'Night', 'Day') WHERE chain = '{pid}'\"); c.commit()",
            db.display()
        ))
        .status()
        .expect("python3");
    assert!(conn.success());
    let out = gl(d, &["verify"]);
    assert!(!out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        // (Event #1 of each chain registers the signing key; #2 created the project.)
        text.contains("BROKEN: project “Night Shoot”") && text.contains("event #2"),
        "{text}"
    );
}

#[test]
fn on_this_computer_the_one_person_holds_every_role() {
    let data = tempfile::tempdir().expect("tmp");
    let d = data.path();
    let pid = json(d, &["project", "create", "Pilot"])["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let members = json(d, &["project", "members", &pid]);
    let me = &members[0];
    assert_eq!(
        me["roles"],
        serde_json::json!(["writer", "producer", "legal_reviewer", "admin"])
    );
    let person = me["personId"].as_str().expect("person");
    // `greenlight members …` is the same as `greenlight project members|add-member|…`.
    assert_eq!(json(d, &["members", "list", &pid]), members);
    let out = gl(d, &["members", "add", &pid, "nobody-here"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("person not found"));
    let out = gl(d, &["members", "remove", &pid, person]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("last admin") || err.contains("last member"),
        "{err}"
    );
    let out = gl(d, &["members", "roles", &pid, person, "--set", "producer"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds every role"));
    let out = gl(
        d,
        &["project", "set-roles", &pid, person, "--roles", "writer"],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("holds every role"), "{err}");
    let out = gl(
        d,
        &["project", "set-roles", &pid, person, "--roles", "director"],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("'director' is not a role"), "{err}");
}

#[test]
fn workflow_templates_are_listed_set_and_removed() {
    let data = tempfile::tempdir().expect("tmp");
    let d = data.path();
    let pid = json(d, &["project", "create", "Pilot"])["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let default = json(d, &["workflow", "list", &pid]);
    assert_eq!(default.as_array().map(Vec::len), Some(1));
    // Edit the default: legal may also be cleared by an admin, in a new template.
    let mut t = default[0].clone();
    t["name"] = "Festival cut".into();
    t["stages"][2]["roles"] = serde_json::json!(["legal_reviewer", "admin"]);
    let file = d.join("festival.json");
    std::fs::write(&file, t.to_string()).expect("write");
    let after = json(d, &["workflow", "set", &pid, file.to_str().expect("path")]);
    assert_eq!(
        after.as_array().map(Vec::len),
        Some(1),
        "the project's own replaces the default"
    );
    assert_eq!(after[0], t);
    let text = ok(d, &["workflow", "list", &pid]);
    assert!(
        text.contains("Festival cut") && text.contains("legal reviewer or admin"),
        "{text}"
    );
    // A template that is not one, and a circle, are refused with the reason.
    std::fs::write(&file, "{\"name\": 3}").expect("write");
    let out = gl(d, &["workflow", "set", &pid, file.to_str().expect("path")]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a workflow template"));
    t["stages"][0]["after"] = serde_json::json!([t["stages"][2]["name"].clone()]);
    std::fs::write(&file, t.to_string()).expect("write");
    let out = gl(d, &["workflow", "set", &pid, file.to_str().expect("path")]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("waits for"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let back = json(d, &["workflow", "remove", &pid, "Festival cut"]);
    assert_eq!(back, default);
}

#[test]
fn a_review_is_requested_decided_through_a_new_round_and_listed() {
    let data = tempfile::tempdir().expect("tmp");
    let d = data.path();
    let pid = json(d, &["project", "create", "Pilot"])["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let script = d.join("pilot.fountain");
    std::fs::write(&script, "INT. KITCHEN - NIGHT\n\nAnna pours coffee.\n").expect("write");
    let path = script.to_str().expect("path");
    let did = json(d, &["doc", "import", path, "--project", &pid])["document"]["id"]
        .as_str()
        .expect("doc id")
        .to_owned();
    let r = json(d, &["review", "request", &did, "--due", "3d"]);
    let rid = r["id"].as_str().expect("review id").to_owned();
    assert_eq!(r["state"]["round"], 1);
    assert_eq!(r["waitingForMe"], serde_json::json!(["draft"]));
    assert!(r["dueAt"].as_i64().is_some());
    let inbox = json(d, &["review", "list", "--waiting-for-me"]);
    assert_eq!(inbox.as_array().map(Vec::len), Some(1));
    json(d, &["review", "decide", &rid, "approve"]);
    json(
        d,
        &["review", "decide", &rid, "approve", "--comment", "Good."],
    );
    let after = json(
        d,
        &[
            "review",
            "decide",
            &rid,
            "request-changes",
            "--comment",
            "Rename the café.",
        ],
    );
    assert_eq!(after["state"]["status"], "changes_requested");
    // A new revision starts round 2; show names the words changed since the last approval.
    std::fs::write(&script, "INT. KITCHEN - NIGHT\n\nAnna pours tea.\n").expect("write");
    ok(d, &["doc", "save", &did, path]);
    let shown = json(d, &["review", "show", &rid]);
    assert_eq!(shown["review"]["state"]["round"], 2);
    assert_eq!(shown["decisions"].as_array().map(Vec::len), Some(3));
    assert_eq!(shown["decisions"][2]["comment"], "Rename the café.");
    assert_eq!(shown["changesSinceApproval"]["wordsInserted"], 1);
    for _ in 0..3 {
        json(d, &["review", "decide", &rid, "approve"]);
    }
    let text = ok(d, &["review", "list", "--project", &pid]);
    assert!(text.contains("locked"), "{text}");
    // Deciding a locked review, an unknown verdict and a bad due time are refused clearly.
    let out = gl(d, &["review", "decide", &rid, "reject"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(err.contains("locked") || err.contains("nothing"), "{err}");
    assert!(!gl(d, &["review", "decide", &rid, "maybe"]).status.success());
    let out = gl(d, &["review", "request", &did, "--due", "someday"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("neither a time"));
}

#[test]
fn assets_are_imported_with_versions_and_listed() {
    let data = tempfile::tempdir().expect("tmp");
    let files = tempfile::tempdir().expect("files");
    let d = data.path();
    let pid = json(d, &["project", "create", "Pilot"])["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let pdf = files.path().join("treatment.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n").expect("write");
    let path = pdf.to_str().expect("path");
    let first = json(d, &["asset", "import", path, "--project", &pid]);
    assert_eq!(first["asset"]["kind"], "pdf");
    assert_eq!(first["version"]["version"], 1);
    assert_eq!(first["version"]["mediaType"], "application/pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n2 0 obj\n<<>>\nendobj\n%%EOF\n").expect("write");
    let text = ok(d, &["asset", "import", path, "--project", &pid]);
    assert!(
        text.contains("new version of PDF “treatment.pdf” v2"),
        "{text}"
    );
    let list = json(d, &["asset", "list", &pid]);
    assert_eq!(list[0]["versionCount"], 2);
    assert_eq!(list[0]["latest"]["version"], 2);
    let text = ok(d, &["asset", "list", &pid]);
    assert!(text.contains("PDF “treatment.pdf” (2 versions)"), "{text}");
    // A lie and a path are refused, with what was wrong.
    let fake = files.path().join("still.png");
    std::fs::write(&fake, b"%PDF-1.4\n%%EOF\n").expect("write");
    let out = gl(
        d,
        &[
            "asset",
            "import",
            fake.to_str().expect("path"),
            "--project",
            &pid,
        ],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("says .png but it is really a PDF document"),
        "{err}"
    );
    let out = gl(
        d,
        &[
            "asset",
            "import",
            path,
            "--project",
            &pid,
            "--name",
            "../../etc/passwd",
        ],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("looks like a path"));
    assert_eq!(
        json(d, &["asset", "list", &pid]).as_array().map(Vec::len),
        Some(1)
    );
}

#[test]
fn comments_are_added_on_passages_and_pages_replied_to_carried_and_resolved() {
    let data = tempfile::tempdir().expect("tmp");
    let d = data.path();
    let pid = json(d, &["project", "create", "Pilot"])["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let script = d.join("pilot.fountain");
    let text = "INT. KITCHEN - NIGHT\n\nAnna pours coffee.\n";
    std::fs::write(&script, text).expect("write");
    let path = script.to_str().expect("path");
    let did = json(d, &["doc", "import", path, "--project", &pid])["document"]["id"]
        .as_str()
        .expect("doc id")
        .to_owned();
    let start = text.find("pours").expect("pours");
    let span = format!("{start}-{}", start + "pours coffee".len());
    let c = json(
        d,
        &[
            "comment",
            "add",
            &did,
            "--span",
            &span,
            "--text",
            "Tea, surely?",
        ],
    );
    assert_eq!(c["quote"], "pours coffee");
    let cid = c["id"].as_str().expect("comment id").to_owned();
    json(
        d,
        &[
            "comment",
            "add",
            &did,
            "--reply-to",
            &cid,
            "--text",
            "Agreed.",
        ],
    );
    // A line above: the passage moves with its words.
    std::fs::write(&script, format!("FADE IN:\n\n{text}")).expect("write");
    ok(d, &["doc", "save", &did, path]);
    let list = json(d, &["comment", "list", &did]);
    assert_eq!(list.as_array().map(Vec::len), Some(2));
    assert_eq!(list[0]["spanNow"][0], start + "FADE IN:\n\n".len());
    assert_eq!(list[1]["threadId"], cid.as_str());
    let done = json(d, &["comment", "resolve", &cid]);
    assert!(done["resolved"].is_object());
    let shown = ok(d, &["comment", "list", &did]);
    assert!(
        shown.contains("[resolved]") && shown.contains("↳"),
        "{shown}"
    );
    // A page of a PDF asset; a region of a PDF is refused with the reason.
    let pdf = d.join("notes.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n").expect("write");
    let aid = json(
        d,
        &[
            "asset",
            "import",
            pdf.to_str().expect("p"),
            "--project",
            &pid,
        ],
    )["asset"]["id"]
        .as_str()
        .expect("asset id")
        .to_owned();
    let on_page = json(
        d,
        &[
            "comment",
            "add",
            &aid,
            "--page",
            "2",
            "--text",
            "Typo here.",
        ],
    );
    assert_eq!(on_page["anchor"]["kind"], "page");
    let out = gl(
        d,
        &[
            "comment",
            "add",
            &aid,
            "--region",
            "0.1,0.1,0.2,0.2",
            "--text",
            "x",
        ],
    );
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("does not fit"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = gl(d, &["comment", "add", "nothing-here", "--text", "x"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("not found"));
}
