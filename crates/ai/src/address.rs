//! Where a provider's base URL points, and whether Greenlight may send text there.
//!
//! Rules (issue 8): a remote server must be reached over `https://`; plain `http://` is
//! allowed only for this computer (loopback) and for a server on the studio's own network
//! that the person marked as such. Marking a public address as "our own network" is refused.
//! A marked server counts as local: its text stays on the studio's machines.

use std::net::{Ipv4Addr, Ipv6Addr};

/// What kind of host a base URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostClass {
    /// This computer: `localhost`, 127.0.0.0/8, ::1.
    Loopback,
    /// A private or link-local address (10/8, 172.16/12, 192.168/16, 169.254/16, fc00::/7,
    /// fe80::/10).
    Private,
    /// An address anyone on the internet can reach.
    Public,
    /// A host name: where it resolves is not known here.
    Name,
}

/// Why a base URL is refused. The message says what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    #[error("“{0}” is not a web address; it must start with https:// (or http:// for a server on this computer)")]
    Unparsable(String),
    #[error("“{scheme}://” addresses are not supported; use https://")]
    Scheme { scheme: String },
    #[error("plain http:// would send your text and key to {host} unencrypted; use https://, or, if the server is on your own network, mark it as such")]
    PlainHttpRemote { host: String },
    #[error("{host} is a public internet address, so it cannot be marked as on your own network")]
    PublicMarkedLocal { host: String },
}

fn classify_v4(ip: Ipv4Addr) -> HostClass {
    if ip.is_loopback() {
        HostClass::Loopback
    } else if ip.is_private() || ip.is_link_local() {
        HostClass::Private
    } else {
        HostClass::Public
    }
}

fn classify_v6(ip: Ipv6Addr) -> HostClass {
    if ip.is_loopback() {
        return HostClass::Loopback;
    }
    if let Some(v4) = ip.to_ipv4_mapped() {
        return classify_v4(v4);
    }
    let first = ip.segments()[0];
    if first & 0xfe00 == 0xfc00 || first & 0xffc0 == 0xfe80 {
        HostClass::Private
    } else {
        HostClass::Public
    }
}

/// The scheme, host (as shown) and class of `url`; `None` when it is not a URL with a host.
pub fn host_of(url: &str) -> Option<(String, String, HostClass)> {
    let parsed = url::Url::parse(url).ok()?;
    let class = match parsed.host()? {
        url::Host::Domain(d) => {
            let d = d.trim_end_matches('.').to_ascii_lowercase();
            if d == "localhost" || d.ends_with(".localhost") {
                HostClass::Loopback
            } else {
                HostClass::Name
            }
        }
        url::Host::Ipv4(ip) => classify_v4(ip),
        url::Host::Ipv6(ip) => classify_v6(ip),
    };
    let host = parsed.host_str()?.to_owned();
    Some((parsed.scheme().to_owned(), host, class))
}

/// Checks a base URL against the rules above; `own_network` is the person's mark.
pub fn check_address(url: &str, own_network: bool) -> Result<(), AddressError> {
    let Some((scheme, host, class)) = host_of(url) else {
        return Err(AddressError::Unparsable(url.to_owned()));
    };
    if own_network && class == HostClass::Public {
        return Err(AddressError::PublicMarkedLocal { host });
    }
    match (scheme.as_str(), class) {
        ("https", _) => Ok(()),
        ("http", HostClass::Loopback) => Ok(()),
        ("http", HostClass::Private | HostClass::Name) if own_network => Ok(()),
        ("http", _) => Err(AddressError::PlainHttpRemote { host }),
        _ => Err(AddressError::Scheme { scheme }),
    }
}

/// Whether text sent to `url` stays on this computer or the studio's own network.
pub fn is_local(url: &str, own_network: bool) -> bool {
    match host_of(url) {
        Some((_, _, HostClass::Loopback)) => true,
        Some((_, _, HostClass::Private | HostClass::Name)) => own_network,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_servers_need_https() {
        assert_eq!(check_address("https://api.openai.com/v1", false), Ok(()));
        assert!(matches!(
            check_address("http://api.example.com/v1", false),
            Err(AddressError::PlainHttpRemote { .. })
        ));
        assert!(matches!(
            check_address("http://203.0.113.9:8000", false),
            Err(AddressError::PlainHttpRemote { .. })
        ));
        assert!(matches!(
            check_address("ftp://example.com", false),
            Err(AddressError::Scheme { .. })
        ));
        assert!(matches!(
            check_address("nonsense", false),
            Err(AddressError::Unparsable(_))
        ));
    }

    #[test]
    fn plain_http_is_for_this_computer_and_marked_own_network_servers() {
        assert_eq!(check_address("http://127.0.0.1:11434", false), Ok(()));
        assert_eq!(check_address("http://localhost:1234/v1", false), Ok(()));
        assert_eq!(check_address("http://[::1]:8080", false), Ok(()));
        // A studio's server: only when marked.
        assert!(check_address("http://192.168.1.20:8000/v1", false).is_err());
        assert_eq!(check_address("http://192.168.1.20:8000/v1", true), Ok(()));
        assert_eq!(check_address("http://10.0.0.5", true), Ok(()));
        assert_eq!(check_address("http://[fd00::5]:8000", true), Ok(()));
        assert_eq!(
            check_address("http://gpu-box.studio.lan:8000", true),
            Ok(())
        );
        // A public address cannot be passed off as the studio's.
        assert!(matches!(
            check_address("http://8.8.8.8", true),
            Err(AddressError::PublicMarkedLocal { .. })
        ));
        assert!(matches!(
            check_address("https://8.8.8.8", true),
            Err(AddressError::PublicMarkedLocal { .. })
        ));
    }

    #[test]
    fn locality_follows_the_host_and_the_mark() {
        assert!(is_local("http://127.0.0.2:8080/v1", false));
        assert!(is_local("http://localhost:1234/v1", false));
        assert!(!is_local("http://localhost.evil.com/v1", false));
        assert!(!is_local("http://192.168.1.4:11434", false));
        assert!(is_local("http://192.168.1.4:11434", true));
        assert!(is_local("https://llm.studio.internal", true));
        assert!(!is_local("https://8.8.8.8", true));
        assert!(!is_local("not a url", true));
    }
}
