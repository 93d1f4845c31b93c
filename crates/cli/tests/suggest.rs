//! `greenlight vary`, `suggest …` and `doc attribution`: the real binary against a real
//! database in a temporary folder, and a fake model server (OpenAI-compatible streaming, on
//! this computer) that answers each request with the next queued take.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

fn gl(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_greenlight"))
        .arg("--data-dir")
        .arg(dir)
        .arg("--secrets-file")
        .arg(dir.join("keys.json"))
        .args(args)
        .output()
        .expect("run greenlight")
}

fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let out = gl(dir, &all);
    assert!(
        out.status.success(),
        "greenlight {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

fn fails(dir: &Path, args: &[&str]) -> String {
    let out = gl(dir, args);
    assert!(!out.status.success(), "greenlight {args:?} succeeded");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A model server on this computer: each request gets the next take, streamed word by word.
fn fake_model(takes: Arc<Mutex<VecDeque<String>>>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}/v1", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        for sock in listener.incoming().flatten() {
            let takes = takes.clone();
            std::thread::spawn(move || serve(sock, &takes));
        }
    });
    url
}

fn serve(sock: TcpStream, takes: &Mutex<VecDeque<String>>) {
    let mut reader = BufReader::new(sock);
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        if line == "\r\n" {
            break;
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0u8; length];
    if reader.read_exact(&mut body).is_err() {
        return;
    }
    let take = takes
        .lock()
        .map(|mut q| q.pop_front().unwrap_or_default())
        .unwrap_or_default();
    let mut sock = reader.into_inner();
    let mut reply = String::from("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncache-control: no-cache\r\nconnection: close\r\n\r\n");
    for word in take.split_inclusive(' ') {
        let chunk = serde_json::json!({
            "id": "c1", "object": "chat.completion.chunk", "model": "fake",
            "choices": [{"index": 0, "delta": {"content": word}, "finish_reason": null}]
        });
        reply.push_str(&format!("data: {chunk}\n\n"));
    }
    reply.push_str("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"fake\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
    let _ = sock.write_all(reply.as_bytes());
}

const P1: &str = "Odile drinks her coffee. The rain does not stop.";
const P2: &str = "Odile walks home alone. The city wakes up.";

#[test]
fn takes_are_varied_decided_undone_and_attributed_on_the_command_line() {
    let data = tempfile::tempdir().expect("tmp");
    let d = data.path();
    let takes = Arc::new(Mutex::new(VecDeque::new()));
    let url = fake_model(takes.clone());
    let queue = |list: &[&str]| {
        if let Ok(mut q) = takes.lock() {
            q.extend(list.iter().map(|s| s.to_string()));
        }
    };

    let project = json(d, &["project", "create", "Night Shoot"]);
    let pid = project["id"].as_str().expect("id").to_owned();
    let src = d.join("diner.fountain");
    std::fs::write(
        &src,
        format!("INT. DINER - NIGHT\n\n{P1}\n\nEXT. STREET - DAWN\n\n{P2}\n"),
    )
    .expect("write");
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
    let did = doc["document"]["id"].as_str().expect("id").to_owned();
    let added = json(
        d,
        &[
            "providers",
            "add",
            "Fake",
            "--kind",
            "openai_compatible",
            "--url",
            &url,
            "--model",
            "fake-model",
        ],
    );
    let prov = added[0]["id"].as_str().expect("provider id").to_owned();

    // Three takes on the first passage, found by its text.
    queue(&[
        "Odile sips her cold coffee. The rain does not stop.",
        "Odile gulps her coffee. The storm does not stop tonight.",
        "Odile stares at the rain.",
    ]);
    let varied = json(
        d,
        &[
            "vary",
            &did,
            "--find",
            P1,
            "--instruction",
            "tighten",
            "--n",
            "3",
            "--provider",
            &prov,
        ],
    );
    let list = varied["suggestions"].as_array().expect("suggestions");
    assert_eq!(list.len(), 3, "{varied}");
    for s in list {
        for field in ["id", "text", "status", "provider", "model", "hunks"] {
            assert!(s.get(field).is_some(), "{field} missing in {s}");
        }
        assert_eq!(s["status"], "pending");
        assert_eq!(s["provider"], prov.as_str());
        assert_eq!(s["model"], "fake-model");
    }
    let by_text = |needle: &str| {
        list.iter()
            .find(|s| s["text"].as_str().unwrap_or_default().contains(needle))
            .unwrap_or_else(|| panic!("no take with {needle}: {varied}"))
            .clone()
    };
    let (sips, gulps, stares) = (by_text("sips"), by_text("gulps"), by_text("stares"));
    let hunks = gulps["hunks"].as_array().expect("hunks");
    assert_eq!(hunks.len(), 3);
    assert_eq!(hunks[0]["n"], 1);
    assert_eq!(hunks[0]["removed"], "drinks");
    assert_eq!(hunks[0]["inserted"], "gulps");
    let id = |s: &serde_json::Value| s["id"].as_str().expect("id").to_owned();

    // Reject one with a reason, accept two hunks of another.
    let rejected = json(
        d,
        &["suggest", "reject", &id(&stares), "--reason", "off-tone"],
    );
    assert_eq!(rejected["status"], "rejected");
    assert_eq!(rejected["reason"], "off-tone");
    let accepted = json(d, &["suggest", "accept", &id(&gulps), "--hunks", "1,3"]);
    assert_eq!(accepted["status"], "partly_accepted");
    let revision = accepted["revision"].as_str().expect("revision").to_owned();
    let attribution = json(d, &["doc", "attribution", &did]);
    for field in [
        "revision",
        "total_words",
        "ai_words",
        "total_chars",
        "ai_chars",
        "spans",
    ] {
        assert!(attribution.get(field).is_some(), "{field} in {attribution}");
    }
    assert_eq!(attribution["revision"], revision.as_str());
    assert_eq!(attribution["ai_chars"], 18, "“gulps” and “stop tonight.”");
    assert_eq!(attribution["ai_words"], 3);
    let spans = attribution["spans"].as_array().expect("spans");
    let ai: Vec<_> = spans.iter().filter(|s| s["origin"] == "ai").collect();
    assert_eq!(ai.len(), 2);
    assert_eq!(ai[0]["suggestion_id"], id(&gulps).as_str());
    assert_eq!(ai[0]["edited"], false);
    assert!(spans
        .iter()
        .filter(|s| s["origin"] == "human")
        .all(|s| s["suggestion_id"].is_null()));

    // The other take on that passage is stale; undo puts the passage back.
    let err = fails(d, &["suggest", "accept", &id(&sips)]);
    assert!(err.contains("stale"), "{err}");
    let undone = json(d, &["suggest", "undo", &id(&gulps)]);
    assert_eq!(undone["status"], "pending");
    assert_ne!(undone["revision"], revision.as_str());
    let attribution = json(d, &["doc", "attribution", &did]);
    assert_eq!(attribution["ai_chars"], 0);
    // The acceptance's revision keeps its attribution.
    let then = json(d, &["doc", "attribution", &did, "--revision", &revision]);
    assert_eq!(then["ai_chars"], 18);

    // A take on the second passage, accepted after editing it in a file.
    queue(&["Odile walks home alone. The city hums awake."]);
    let varied = json(
        d,
        &[
            "vary",
            &did,
            "--find",
            P2,
            "--instruction",
            "colder",
            "--n",
            "1",
            "--provider",
            &prov,
        ],
    );
    let walk = id(&varied["suggestions"][0]);
    let edited = d.join("edited.txt");
    std::fs::write(&edited, "Odile walks home, alone. The city hums awake.").expect("write");
    let accepted = json(
        d,
        &[
            "suggest",
            "accept",
            &walk,
            "--text-file",
            edited.to_str().expect("path"),
        ],
    );
    assert_eq!(accepted["status"], "accepted_with_edits");
    assert_eq!(accepted["edited"], true);
    let attribution = json(d, &["doc", "attribution", &did]);
    assert_eq!(attribution["ai_chars"], 10);
    assert_eq!(attribution["ai_words"], 2);

    let listed = json(d, &["suggest", "list", &did]);
    let statuses: Vec<&str> = listed["suggestions"]
        .as_array()
        .expect("list")
        .iter()
        .map(|s| s["status"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(statuses.len(), 4);
    assert_eq!(
        statuses.iter().filter(|s| **s == "pending").count(),
        1,
        "{statuses:?}"
    );

    // Bad requests: clear messages, nothing written.
    let err = fails(
        d,
        &[
            "vary",
            &did,
            "--range",
            "5..5",
            "--instruction",
            "x",
            "--provider",
            &prov,
        ],
    );
    assert!(err.contains("selection is empty"), "{err}");
    let err = fails(
        d,
        &[
            "vary",
            &did,
            "--find",
            "nowhere",
            "--instruction",
            "x",
            "--provider",
            &prov,
        ],
    );
    assert!(err.contains("does not occur"), "{err}");
    let err = fails(
        d,
        &[
            "vary",
            &did,
            "--range",
            "0..4",
            "--instruction",
            "x",
            "--provider",
            "offline",
        ],
    );
    assert!(err.contains("cannot write variations"), "{err}");
    let err = fails(d, &["vary", &did, "--instruction", "x"]);
    assert!(err.contains("--range") || err.contains("--find"), "{err}");
    let err = fails(d, &["suggest", "reject", &walk, "--reason", "boring"]);
    assert!(err.contains("not-my-voice"), "{err}");
    let err = fails(d, &["suggest", "accept", &walk, "--hunks", "1"]);
    assert!(err.contains("already decided"), "{err}");

    let out = gl(d, &["verify"]);
    assert!(out.status.success());
}

#[test]
fn a_script_is_summarized_on_the_command_line_and_an_update_reuses_the_unchanged_scenes() {
    let data = tempfile::tempdir().expect("tmp");
    let d = data.path();
    let pid = json(d, &["project", "create", "Night Shoot"])["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let scenes = |third: &str| {
        format!(
            "INT. DINER - NIGHT\n\n{P1}\n\nEXT. STREET - DAWN\n\n{P2}\n\nINT. BUS - DAY\n\n{third}\n"
        )
    };
    let src = d.join("diner.fountain");
    std::fs::write(&src, scenes("Maya sleeps against the window.")).expect("write");
    let did = json(
        d,
        &[
            "doc",
            "import",
            src.to_str().expect("path"),
            "--project",
            &pid,
        ],
    )["document"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let first = json(d, &["summarize", &did]);
    let nodes = first["nodes"].as_array().expect("nodes");
    let scopes: Vec<&str> = nodes
        .iter()
        .map(|n| n["scope"].as_str().expect("scope"))
        .collect();
    assert_eq!(scopes, ["scene:1", "scene:2", "scene:3", "all"]);
    assert_eq!(
        (first["calls_made"].as_u64(), first["nodes_reused"].as_u64()),
        (Some(4), Some(0))
    );
    let root = &nodes[3];
    assert_eq!(root["scenes"], serde_json::json!([1, 2, 3]));
    assert!(!root["text"].as_str().expect("text").is_empty());
    assert!(!root["citations"].as_array().expect("citations").is_empty());
    assert!(root["flags"].is_array() && root["reused"] == false);
    // Scene 3 changes: its node is recomputed, scenes 1 and 2 are reused.
    std::fs::write(&src, scenes("Maya wakes up at the last stop, alone.")).expect("write");
    let out = gl(d, &["doc", "save", &did, src.to_str().expect("path")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let update = json(d, &["summarize", &did]);
    let reused: Vec<bool> = update["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| n["reused"].as_bool().expect("reused"))
        .collect();
    assert_eq!(&reused[..3], [true, true, false]);
    assert_eq!(
        update["nodes_reused"].as_u64(),
        Some(reused.iter().filter(|r| **r).count() as u64)
    );
    // One scene, and a logline written from the cached tree.
    let one = json(d, &["summarize", &did, "--scope", "scene:2"]);
    assert_eq!(one["nodes"][0]["scope"], "scene:2");
    assert_eq!(one["calls_made"], 0, "scene 2's summary is cached");
    let logline = json(d, &["summarize", &did, "--kind", "logline"]);
    let top = logline["nodes"]
        .as_array()
        .and_then(|n| n.last())
        .expect("top");
    assert_eq!(top["scope"], "logline");
    assert_eq!(logline["calls_made"], 1);
    // Bad input is named.
    assert!(fails(d, &["summarize", &did, "--scope", "scene:9"]).contains("scene 9"));
    assert!(fails(d, &["summarize", &did, "--scope", "acts:1"]).contains("is not a scope"));
    assert!(fails(d, &["summarize", &did, "--kind", "tagline"]).contains("not a kind of summary"));
}
