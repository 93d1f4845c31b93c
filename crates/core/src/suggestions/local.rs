//! Model servers already running on this computer at their usual ports, so a writer with no
//! model configured can be offered to add one in one step.

use super::Suggestions;
use greenlight_domain::ai::ProviderKindName;
use greenlight_domain::suggestion_record::LocalModelServer;
use std::time::Duration;

/// The usual servers: (name, kind, port, base URL).
const KNOWN: [(&str, ProviderKindName, u16, &str); 3] = [
    (
        "Ollama",
        ProviderKindName::Ollama,
        11434,
        "http://127.0.0.1:11434",
    ),
    (
        "LM Studio",
        ProviderKindName::OpenaiCompatible,
        1234,
        "http://127.0.0.1:1234/v1",
    ),
    (
        "llama.cpp",
        ProviderKindName::OpenaiCompatible,
        8080,
        "http://127.0.0.1:8080/v1",
    ),
];

/// How long a port may take to accept a connection before it counts as closed.
const PROBE: Duration = Duration::from_millis(300);

/// The known servers that accept a connection on this computer (probed concurrently; at
/// most [`PROBE`] in all). Something listening is only a hint: adding it tests it.
pub(crate) async fn model_servers() -> Vec<LocalModelServer> {
    let probes = KNOWN.iter().map(|(name, kind, port, url)| async move {
        let open = matches!(
            tokio::time::timeout(PROBE, tokio::net::TcpStream::connect(("127.0.0.1", *port))).await,
            Ok(Ok(_))
        );
        open.then(|| LocalModelServer {
            name: (*name).to_owned(),
            kind: *kind,
            base_url: (*url).to_owned(),
        })
    });
    futures_util::future::join_all(probes)
        .await
        .into_iter()
        .flatten()
        .collect()
}

impl Suggestions<'_> {
    /// Model servers running on this computer at their usual ports (Ollama 11434, LM Studio
    /// 1234, llama.cpp 8080) that no configured provider points at yet.
    pub async fn local_model_servers(&self) -> crate::Result<Vec<LocalModelServer>> {
        let configured: Vec<String> = self
            .app
            .providers()
            .list()
            .await?
            .into_iter()
            .map(|p| p.base_url.trim_end_matches('/').to_owned())
            .collect();
        Ok(model_servers()
            .await
            .into_iter()
            .filter(|s| {
                !configured
                    .iter()
                    .any(|c| s.base_url.starts_with(c.as_str()) && !c.is_empty())
            })
            .collect())
    }
}
