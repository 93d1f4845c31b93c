//! Live updates on a team server: PostgreSQL `LISTEN/NOTIFY`. Every appended event is
//! announced on the `greenlight_events` channel (a trigger of the schema) with only its chain
//! and position; what changed is read back under row-level security, so a login learns
//! nothing about projects it is not a member of beyond that something happened.

use crate::backend::Pool;
use crate::error::StoreError;
use crate::open::Store;
use crate::Result;
use sqlx::postgres::PgListener;

/// The channel the schema's trigger notifies.
const CHANNEL: &str = "greenlight_events";

/// One appended event, as announced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// `workspace` or a project id.
    pub chain: String,
    pub seq: i64,
}

/// A subscription to the announcements of one database.
pub struct Listener {
    inner: PgListener,
    path: String,
}

impl std::fmt::Debug for Listener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Listener")
            .field("path", &self.path)
            .finish()
    }
}

impl Store {
    /// Subscribes to the announcements of every appended event; `None` on the embedded
    /// database, which has no other writers to announce.
    pub async fn listener(&self) -> Result<Option<Listener>> {
        let Pool::Postgres(pool) = &self.pool else {
            return Ok(None);
        };
        let mut inner = PgListener::connect_with(pool)
            .await
            .map_err(|e| self.err(e))?;
        inner.listen(CHANNEL).await.map_err(|e| self.err(e))?;
        Ok(Some(Listener {
            inner,
            path: self.path.clone(),
        }))
    }

    /// A round trip to the database: whether it answers now.
    pub async fn ping(&self) -> Result<()> {
        crate::backend::on_pool!(&self.pool, p => {
            sqlx::query("SELECT 1").execute(p).await.map_err(|e| self.err(e))?;
        });
        Ok(())
    }
}

impl Listener {
    /// The next announcement. `Ok(None)`: the connection was lost (announcements may have been
    /// missed; the next call reconnects). `Err`: reconnecting failed.
    pub async fn next(&mut self) -> Result<Option<Notice>> {
        match self.inner.try_recv().await {
            Ok(Some(n)) => Ok(Some(parse(n.payload()))),
            Ok(None) => Ok(None),
            Err(e) => Err(StoreError::classify(e, &self.path)),
        }
    }
}

fn parse(payload: &str) -> Notice {
    let (chain, seq) = payload.rsplit_once(' ').unwrap_or((payload, "0"));
    Notice {
        chain: chain.to_owned(),
        seq: seq.parse().unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn announcements_name_the_chain_and_position() {
        assert_eq!(
            super::parse("01abc 7"),
            super::Notice {
                chain: "01abc".into(),
                seq: 7
            }
        );
        assert_eq!(super::parse("odd").seq, 0);
    }
}
