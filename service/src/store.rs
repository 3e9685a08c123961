//! Where the pets are kept: a DynamoDB table ([`dynamodb`], the default) or a PostgreSQL table
//! ([`postgres`], for Aurora Serverless v2), chosen by `STORE`. Both answer in the same terms
//! ([`StoreError`]), so the API behaves the same over either, and both bound every call by
//! [`OPERATION_TIMEOUT`].

pub mod credentials;
pub mod dynamodb;
pub mod postgres;

use crate::config::StoreConfig;
use crate::pets::Pet;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::BehaviorVersion;
use aws_smithy_http_client::tls;
use std::time::Duration;

/// Longest a new connection to the datastore may take to open.
pub const CONNECT_TIMEOUT: Duration = Duration::from_millis(1000);
/// Longest one store call may take, waiting for a pooled connection, retries and backoff
/// included: past it the request gets a 503 rather than waiting on.
pub const OPERATION_TIMEOUT: Duration = Duration::from_millis(3500);

/// Longest one attempt of an AWS SDK call may take; the SDK retries within
/// [`OPERATION_TIMEOUT`].
pub const ATTEMPT_TIMEOUT: Duration = Duration::from_millis(1500);
/// Attempts of one AWS SDK call at most, the first included.
const MAX_ATTEMPTS: u32 = 3;

/// The AWS SDK's configuration from the environment (region, credentials, endpoints: the
/// SDK's own variables), with the HTTPS client on rustls and ring, and every call bounded as
/// the service's store calls are. DynamoDB uses it, and Secrets Manager when
/// `PGPASSWORD_SECRET_ARN` is set. `region`, when given, is used as it is, and the SDK's
/// search for one (which may ask the EC2 instance metadata service) is skipped.
pub(crate) async fn aws_sdk_config(region: Option<String>) -> aws_config::SdkConfig {
    let http = aws_smithy_http_client::Builder::new()
        .tls_provider(tls::Provider::Rustls(
            tls::rustls_provider::CryptoMode::Ring,
        ))
        .build_https();
    let mut loader = aws_config::defaults(BehaviorVersion::latest());
    if let Some(region) = region {
        loader = loader.region(aws_config::Region::new(region));
    }
    loader
        .http_client(http)
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(CONNECT_TIMEOUT)
                .operation_attempt_timeout(ATTEMPT_TIMEOUT)
                .operation_timeout(OPERATION_TIMEOUT)
                .build(),
        )
        .retry_config(
            RetryConfig::standard()
                .with_max_attempts(MAX_ATTEMPTS)
                .with_initial_backoff(Duration::from_millis(50))
                .with_max_backoff(Duration::from_millis(500)),
        )
        .load()
        .await
}

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
            StoreConfig::Postgres(pg) => postgres::Store::connect(pg).await.map(Store::Postgres),
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
