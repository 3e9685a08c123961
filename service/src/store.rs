//! Where the pets are kept: a DynamoDB table ([`dynamodb`], the default) or a PostgreSQL table
//! ([`postgres`], for Aurora Serverless v2), chosen by `STORE`. Both answer in the same terms
//! ([`StoreError`]), so the API behaves the same over either, and both bound every call by
//! [`OPERATION_TIMEOUT`].

pub mod dynamodb;
pub mod postgres;

use crate::config::StoreConfig;
use crate::pets::Pet;
use std::time::Duration;

/// Longest a new connection to the datastore may take to open.
pub const CONNECT_TIMEOUT: Duration = Duration::from_millis(1000);
/// Longest one store call may take, waiting for a pooled connection, retries and backoff
/// included: past it the request gets a 503 rather than waiting on.
pub const OPERATION_TIMEOUT: Duration = Duration::from_millis(3500);

/// Why a store call failed, in the terms the API answers with.
#[derive(Debug)]
pub enum StoreError {
    /// The id is taken: the conditional put, or the insert, found it.
    Conflict,
    /// The datastore is unreachable, slow, throttling, busy or failing: try again later (503).
    Unavailable(String),
    /// Anything else (permissions, missing or wrong credentials, a missing table, a malformed
    /// item, a TLS set-up the server refuses): a fault (500).
    Failed(String),
}

#[derive(Clone)]
pub enum Store {
    Dynamodb(dynamodb::Store),
    Postgres(postgres::Store),
}

impl Store {
    /// Set up the client for the configured store. Opens no connection yet: a datastore out
    /// of reach at start is a health problem (see [`crate::health`]), not a reason to exit.
    /// Fails only when the configuration itself cannot work.
    pub async fn connect(config: &StoreConfig) -> Result<Store, String> {
        match config {
            StoreConfig::Dynamodb {
                table_name,
                consistent_reads,
            } => dynamodb::Store::connect(table_name, *consistent_reads)
                .await
                .map(Store::Dynamodb),
            StoreConfig::Postgres(pg) => postgres::Store::connect(pg).map(Store::Postgres),
        }
    }

    /// The table's name, for the log.
    pub fn table(&self) -> &str {
        match self {
            Store::Dynamodb(s) => s.table(),
            Store::Postgres(s) => s.table(),
        }
    }

    /// Prove that the table can be used: reachable, there, keyed as the contract says and
    /// readable with the service's own credentials.
    pub async fn check_table(&self) -> Result<(), StoreError> {
        match self {
            Store::Dynamodb(s) => s.check_table().await,
            Store::Postgres(s) => s.check_table().await,
        }
    }

    pub async fn get(&self, pet_id: &str) -> Result<Option<Pet>, StoreError> {
        match self {
            Store::Dynamodb(s) => s.get(pet_id).await,
            Store::Postgres(s) => s.get(pet_id).await,
        }
    }

    /// Store a new pet. Never overwrites: an id already taken is [`StoreError::Conflict`].
    pub async fn create(&self, pet: &Pet) -> Result<(), StoreError> {
        match self {
            Store::Dynamodb(s) => s.create(pet).await,
            Store::Postgres(s) => s.create(pet).await,
        }
    }
}

/// The error and its causes on one line, for the log.
pub(crate) fn source_chain(err: &dyn std::error::Error) -> String {
    let mut parts = vec![err.to_string()];
    let mut cause = err.source();
    while let Some(c) = cause {
        let text = c.to_string();
        // Some errors repeat their cause in their own message.
        if parts.last() != Some(&text) {
            parts.push(text);
        }
        cause = c.source();
    }
    parts.join(": ")
}
