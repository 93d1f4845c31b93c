//! Keys in a file the person chose, for a headless machine with no keyring (a render node, a
//! CI job). Like `~/.pgpass`: one `account<TAB>secret` line each, readable by its owner only,
//! and refused if anyone else can read it. Every message names the file.

use super::Credentials;
use crate::error::CoreError;
use crate::Result;
use greenlight_ai::Secret;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Secrets in a file, read and written whole (a handful of keys).
#[derive(Debug)]
pub struct SecretsFile {
    path: PathBuf,
    /// Serializes read-modify-write within this process.
    lock: Mutex<()>,
}

impl SecretsFile {
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            lock: Mutex::new(()),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn fail(&self, what: &str) -> CoreError {
        CoreError::Keyring(format!("the secrets file {} {what}", self.path.display()))
    }

    fn read(&self) -> Result<BTreeMap<String, String>> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
            Err(e) => return Err(self.fail(&format!("cannot be read ({e})"))),
        };
        self.check_private()?;
        let mut out = BTreeMap::new();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((account, secret)) = line.split_once('\t') else {
                return Err(self.fail(&format!(
                    "has a malformed line {} (expected: account, a tab, the secret)",
                    n + 1
                )));
            };
            out.insert(account.to_owned(), secret.to_owned());
        }
        Ok(out)
    }

    #[cfg(unix)]
    fn check_private(&self) -> Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&self.path)
            .map_err(|e| self.fail(&format!("cannot be read ({e})")))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            return Err(self.fail(&format!(
                "can be read by other users (mode {:o}); run `chmod 600 {}`",
                mode & 0o777,
                self.path.display()
            )));
        }
        Ok(())
    }

    #[cfg(not(unix))]
    fn check_private(&self) -> Result<()> {
        Ok(())
    }

    fn write(&self, all: &BTreeMap<String, String>) -> Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let mut tmp = tempfile::NamedTempFile::new_in(dir)
            .map_err(|e| self.fail(&format!("cannot be written ({e})")))?;
        let mut text = String::from("# Greenlight secrets: account<TAB>secret. Keep private.\n");
        for (account, secret) in all {
            text.push_str(account);
            text.push('\t');
            text.push_str(secret);
            text.push('\n');
        }
        tmp.write_all(text.as_bytes())
            .and_then(|()| tmp.as_file().sync_all())
            .map_err(|e| self.fail(&format!("cannot be written ({e})")))?;
        // NamedTempFile is created with mode 0600 on Unix.
        tmp.persist(&self.path)
            .map_err(|e| self.fail(&format!("cannot be written ({})", e.error)))?;
        Ok(())
    }

    fn locked(&self) -> std::sync::MutexGuard<'_, ()> {
        match self.lock.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        }
    }
}

impl Credentials for SecretsFile {
    fn get(&self, account: &str) -> Result<Option<Secret>> {
        let _guard = self.locked();
        Ok(self.read()?.remove(account).map(Secret::new))
    }

    fn set(&self, account: &str, secret: &Secret) -> Result<()> {
        if account.contains(['\t', '\n']) || secret.expose().contains(['\t', '\n', '\r']) {
            return Err(self.fail("cannot hold a secret with tabs or line breaks"));
        }
        let _guard = self.locked();
        let mut all = self.read()?;
        all.insert(account.to_owned(), secret.expose().to_owned());
        self.write(&all)
    }

    fn delete(&self, account: &str) -> Result<()> {
        let _guard = self.locked();
        let mut all = self.read()?;
        if all.remove(account).is_some() {
            self.write(&all)?;
        }
        Ok(())
    }

    fn describe(&self) -> String {
        format!("the file {}", self.path.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_privately_and_refuses_a_readable_file() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| CoreError::Internal(e.to_string()))?;
        let f = SecretsFile::new(dir.path().join("keys"));
        assert_eq!(f.get("provider:a")?, None);
        f.set("provider:a", &Secret::new("sk-1"))?;
        f.set("provider:b", &Secret::new("sk-2"))?;
        assert_eq!(
            f.get("provider:a")?.map(|s| s.expose().to_owned()),
            Some("sk-1".into())
        );
        f.delete("provider:a")?;
        assert_eq!(f.get("provider:a")?, None);
        assert!(f.get("provider:b")?.is_some());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(f.path())
                .map_err(|e| CoreError::Internal(e.to_string()))?
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
            std::fs::set_permissions(f.path(), std::fs::Permissions::from_mode(0o644))
                .map_err(|e| CoreError::Internal(e.to_string()))?;
            let err = f.get("provider:b").expect_err("world-readable");
            assert!(err.to_string().contains("chmod 600"), "{err}");
        }
        assert!(f.set("x", &Secret::new("a\tb")).is_err());
        Ok(())
    }
}
