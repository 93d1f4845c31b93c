//! A provider labelled "runs on this computer" must not send text through an HTTP proxy named
//! in the environment; a remote provider still honours it.
//!
//! Proxy variables are process-wide and reqwest reads them once per process, so the test runs
//! its provider calls in a child process (this same test binary, re-run with the variables
//! set on the child's command line only). The parent owns the recording proxy and checks
//! what reached it; nothing in this process ever changes its own environment.

mod support;

use greenlight_ai::{list_models, Outcome, ProviderKind};
use std::process::Command;
use support::server::{Reply, TestServer};
use support::*;

const TEST: &str = "local_providers_bypass_the_proxy_from_the_environment";
/// Set on the child only: run the provider calls instead of the parent's checks.
const CHILD: &str = "GREENLIGHT_TEST_PROXY_CHILD";
/// A name that never resolves: only a proxy can carry a request to it.
const REMOTE_BASE: &str = "http://greenlight-remote.invalid/v1";

#[test]
fn local_providers_bypass_the_proxy_from_the_environment() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    if std::env::var_os(CHILD).is_some() {
        runtime.block_on(child());
    } else {
        runtime.block_on(parent());
    }
}

async fn parent() {
    let sse = Reply::sse(&fixture("openai_stream.sse"));
    let proxy = TestServer::start(vec![sse; 6]).await;
    let exe = std::env::current_exe().expect("test binary");
    let url = proxy.url();
    let output = tokio::task::spawn_blocking(move || {
        let mut cmd = Command::new(exe);
        cmd.args([TEST, "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD, "1");
        for var in ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy"] {
            cmd.env(var, &url);
        }
        for var in ["ALL_PROXY", "all_proxy"] {
            cmd.env(var, &url);
        }
        for var in ["NO_PROXY", "no_proxy", "REQUEST_METHOD"] {
            cmd.env_remove(var);
        }
        cmd.output()
    })
    .await
    .expect("join")
    .expect("child test process");
    assert!(
        output.status.success(),
        "child failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let seen: Vec<String> = proxy
        .requests
        .lock()
        .map(|r| {
            r.iter()
                .map(|r| format!("{} {}", r.method, r.path))
                .collect()
        })
        .unwrap_or_default();
    // The remote provider went through the proxy (so the variables were in force); nothing
    // for the local one did.
    assert_eq!(
        seen,
        vec![format!("POST {REMOTE_BASE}/chat/completions")],
        "requests the proxy saw"
    );
}

async fn child() {
    let local = TestServer::start(vec![
        Reply::sse(&fixture("openai_stream.sse")),
        Reply::body(200, "application/json", &fixture("openai_models.json")),
    ])
    .await;
    let cfg = config(ProviderKind::OpenAiCompatible, &local.url());
    assert!(cfg.is_local());
    let events = run(cfg.clone()).await;
    assert!(
        matches!(outcome(&events), Outcome::Done { .. }),
        "{events:?}"
    );
    assert_eq!(text(&events), EXPECTED);
    let models = list_models(&cfg).await.expect("local model list");
    assert!(models.contains(&"gpt-4o-mini".to_owned()), "{models:?}");
    assert_eq!(
        local.request_count(),
        2,
        "the local server answered directly"
    );

    let mut remote = config(ProviderKind::OpenAiCompatible, "");
    remote.base_url = REMOTE_BASE.into();
    assert!(!remote.is_local());
    let events = run(remote).await;
    assert!(
        matches!(outcome(&events), Outcome::Done { .. }),
        "the remote provider goes through the proxy: {events:?}"
    );
}
