//! The pets table, through the official AWS SDK. Calls are bounded: a short connect and
//! per-attempt timeout, a few retries with backoff, and an overall deadline, so a request never
//! waits on DynamoDB for longer than [`OPERATION_TIMEOUT`].

use crate::contract::TABLE;
use crate::pets::Pet;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::BehaviorVersion;
use aws_sdk_dynamodb::config::http::HttpResponse;
use aws_sdk_dynamodb::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_dynamodb::types::AttributeValue;
use aws_sdk_dynamodb::Client;
use aws_smithy_http_client::tls;
use std::collections::HashMap;
use std::time::Duration;

pub const CONNECT_TIMEOUT: Duration = Duration::from_millis(1000);
pub const ATTEMPT_TIMEOUT: Duration = Duration::from_millis(1500);
pub const OPERATION_TIMEOUT: Duration = Duration::from_millis(3500);
const MAX_ATTEMPTS: u32 = 3;

/// Why a table call failed, in the terms the API answers with.
#[derive(Debug)]
pub enum StoreError {
    /// The conditional put found the id taken.
    Conflict,
    /// DynamoDB is unreachable, slow, throttling or failing: try again later (503).
    Unavailable(String),
    /// Anything else (permissions, a missing table, a malformed item): a fault (500).
    Failed(String),
}

#[derive(Clone)]
pub struct Store {
    client: Client,
    table: String,
}

impl Store {
    /// Configure the SDK from the environment. Fails only when no region can be found.
    pub async fn connect(table: &str) -> Result<Store, String> {
        let http = aws_smithy_http_client::Builder::new()
            .tls_provider(tls::Provider::Rustls(
                tls::rustls_provider::CryptoMode::Ring,
            ))
            .build_https();
        let config = aws_config::defaults(BehaviorVersion::latest())
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
            .await;
        if TABLE.hash_key_type != "S" {
            return Err(format!(
                "contracts/pets-table.json keys the table by type {:?}; this service stores string keys",
                TABLE.hash_key_type
            ));
        }
        if config.region().is_none() {
            return Err(
                "no AWS region: set AWS_REGION (ECS sets it for Fargate tasks)".to_string(),
            );
        }
        Ok(Store {
            client: Client::new(&config),
            table: table.to_string(),
        })
    }

    pub async fn get(&self, pet_id: &str) -> Result<Option<Pet>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(&TABLE.hash_key, AttributeValue::S(pet_id.to_string()))
            .consistent_read(true)
            .send()
            .await
            .map_err(classify)?;
        match out.item {
            None => Ok(None),
            Some(item) => pet_from_item(pet_id, &item).map(Some),
        }
    }

    /// Store a new pet. Never overwrites: the put is conditional on the id being free.
    pub async fn create(&self, pet: &Pet) -> Result<(), StoreError> {
        self.client
            .put_item()
            .table_name(&self.table)
            .item(&TABLE.hash_key, AttributeValue::S(pet.pet_id.clone()))
            .item("name", AttributeValue::S(pet.name.clone()))
            .item("createdAt", AttributeValue::S(pet.created_at.clone()))
            .condition_expression("attribute_not_exists(#id)")
            .expression_attribute_names("#id", &TABLE.hash_key)
            .send()
            .await
            .map(|_| ())
            .map_err(classify)
    }
}

fn pet_from_item(pet_id: &str, item: &HashMap<String, AttributeValue>) -> Result<Pet, StoreError> {
    let text = |key: &str| item.get(key).and_then(|v| v.as_s().ok()).cloned();
    let name = text("name").ok_or_else(|| {
        StoreError::Failed(format!(
            "the item for petId {pet_id:?} has no string \"name\""
        ))
    })?;
    Ok(Pet {
        pet_id: pet_id.to_string(),
        name,
        created_at: text("createdAt").unwrap_or_default(),
    })
}

/// Error codes that mean "DynamoDB cannot serve this right now".
const RETRY_LATER: &[&str] = &[
    "ProvisionedThroughputExceededException",
    "ThrottlingException",
    "RequestLimitExceeded",
    "InternalServerError",
    "ServiceUnavailable",
    "LimitExceededException",
];

fn classify<E>(err: SdkError<E, HttpResponse>) -> StoreError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    match &err {
        SdkError::TimeoutError(_) => {
            StoreError::Unavailable("DynamoDB did not answer in time".into())
        }
        SdkError::DispatchFailure(_) => {
            StoreError::Unavailable(format!("DynamoDB is unreachable: {}", source_chain(&err)))
        }
        SdkError::ResponseError(_) => StoreError::Unavailable(format!(
            "DynamoDB sent an unreadable response: {}",
            source_chain(&err)
        )),
        SdkError::ServiceError(service) => {
            let code = service.err().code().unwrap_or("Unknown");
            let status = service.raw().status().as_u16();
            if code == "ConditionalCheckFailedException" {
                StoreError::Conflict
            } else if RETRY_LATER.contains(&code) {
                StoreError::Unavailable(format!("DynamoDB answered {code}"))
            } else if status >= 500 {
                // A proxy or endpoint in front of DynamoDB that fails answers in its own words.
                StoreError::Unavailable(format!("DynamoDB answered HTTP {status} ({code})"))
            } else {
                StoreError::Failed(format!(
                    "DynamoDB answered {code}: {}",
                    service.err().message().unwrap_or_default()
                ))
            }
        }
        _ => StoreError::Failed(source_chain(&err)),
    }
}

/// The error and its causes on one line, for the log.
fn source_chain(err: &dyn std::error::Error) -> String {
    let mut parts = vec![err.to_string()];
    let mut cause = err.source();
    while let Some(c) = cause {
        parts.push(c.to_string());
        cause = c.source();
    }
    parts.join(": ")
}
