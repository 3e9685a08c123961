//! The pets table in DynamoDB, through the official AWS SDK. Calls are bounded: a short
//! connect and per-attempt timeout, a few retries with backoff, and an overall deadline, so a
//! request never waits on DynamoDB for longer than [`OPERATION_TIMEOUT`].

use super::source_chain;
use super::StoreError;
use crate::contract::TABLE;
use crate::pets::Pet;
use aws_config::retry::ErrorKind;
use aws_sdk_dynamodb::config::http::HttpResponse;
use aws_sdk_dynamodb::error::{ConnectorError, ProvideErrorMetadata, SdkError};
use aws_sdk_dynamodb::operation::put_item::PutItemError;
use aws_sdk_dynamodb::types::{AttributeValue, ReturnValuesOnConditionCheckFailure};
use aws_sdk_dynamodb::Client;
use std::collections::HashMap;

/// The key the table check reads. `#` is outside the petId alphabet, so no pet can have it.
const CHECK_KEY: &str = "#petstore-table-check";

#[derive(Clone)]
pub struct Store {
    client: Client,
    table: String,
    /// Strongly consistent reads (`CONSISTENT_READS=true`); eventually consistent otherwise.
    consistent_reads: bool,
}

impl Store {
    /// Configure the SDK from the environment. Fails only when no region can be found.
    pub async fn connect(table: &str, consistent_reads: bool) -> Result<Store, String> {
        let config = super::aws_sdk_config(None).await;
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
            consistent_reads,
        })
    }

    pub fn table(&self) -> &str {
        &self.table
    }

    /// Read a key no pet can have: proves that the table exists, is keyed as the contract says
    /// and that the task may read it, with the GetItem permission the service already has.
    pub async fn check_table(&self) -> Result<(), StoreError> {
        let result = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(&TABLE.hash_key, AttributeValue::S(CHECK_KEY.to_string()))
            .send()
            .await;
        match result {
            Ok(_) => Ok(()),
            // Throttling proves the table is there and readable. A busy table is no reason for
            // ECS to replace tasks, which would only add load.
            Err(err) if THROTTLED.contains(&error_code(&err).unwrap_or_default()) => Ok(()),
            Err(err) => Err(classify(err)),
        }
    }

    pub async fn get(&self, pet_id: &str) -> Result<Option<Pet>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(&TABLE.hash_key, AttributeValue::S(pet_id.to_string()))
            .consistent_read(self.consistent_reads)
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
        let item = HashMap::from([
            (
                TABLE.hash_key.clone(),
                AttributeValue::S(pet.pet_id.clone()),
            ),
            ("name".to_string(), AttributeValue::S(pet.name.clone())),
            (
                "createdAt".to_string(),
                AttributeValue::S(pet.created_at.clone()),
            ),
            (WRITE_ID.to_string(), AttributeValue::S(write_id())),
        ]);
        let result = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item.clone()))
            .condition_expression("attribute_not_exists(#id)")
            .expression_attribute_names("#id", &TABLE.hash_key)
            // A put can land while its answer comes too late; the SDK then retries it, and the
            // retry fails the condition on this very write. The item DynamoDB hands back tells
            // that apart from a pet someone else stored.
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
            .send()
            .await;
        let err = match result {
            Ok(_) => return Ok(()),
            Err(err) => err,
        };
        if let Some(PutItemError::ConditionalCheckFailedException(failed)) = err.as_service_error()
        {
            // The item holds this put's own write id only if this very put stored it.
            let ours = failed.item().and_then(|i| i.get(WRITE_ID)) == item.get(WRITE_ID);
            return if ours {
                Ok(())
            } else {
                Err(StoreError::Conflict)
            };
        }
        Err(classify(err))
    }
}

/// An attribute each put stores with the pet: unique to that put (this process's random
/// seed and a counter), so a retried put knows the pet it finds as its own.
const WRITE_ID: &str = "writeId";

fn write_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::OnceLock;
    static SEED: OnceLock<u64> = OnceLock::new();
    static NEXT: AtomicU64 = AtomicU64::new(0);
    // RandomState is seeded from the OS's randomness: different in every process.
    let seed = *SEED.get_or_init(|| {
        std::collections::hash_map::RandomState::new()
            .build_hasher()
            .finish()
    });
    format!("{seed:016x}-{:x}", NEXT.fetch_add(1, Ordering::Relaxed))
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

/// Error codes that mean "the table is busy": DynamoDB is there and answering.
const THROTTLED: &[&str] = &[
    "ProvisionedThroughputExceededException",
    "ThrottlingException",
    "RequestLimitExceeded",
];

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
        SdkError::DispatchFailure(failure)
            if failure.is_io()
                || failure.is_timeout()
                || matches!(failure.as_other(), Some(ErrorKind::TransientError))
                || network_cause(&err) =>
        {
            StoreError::Unavailable(format!("DynamoDB is unreachable: {}", source_chain(&err)))
        }
        // Nothing failed on the network: the request could not be signed (no credentials) or
        // sent at all, and will fail the same way every time.
        SdkError::DispatchFailure(_) => StoreError::Failed(format!(
            "the request to DynamoDB could not be sent: {}",
            source_chain(&err)
        )),
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

/// The service's error code, when DynamoDB (or what stands in front of it) answered one.
fn error_code<E: ProvideErrorMetadata>(err: &SdkError<E, HttpResponse>) -> Option<&str> {
    match err {
        SdkError::ServiceError(service) => service.err().code(),
        _ => None,
    }
}

/// Is a network failure among the causes? The credential provider's own calls fail this way
/// when the ECS credentials endpoint cannot be reached for a moment.
fn network_cause(err: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = err.source();
    while let Some(c) = cause {
        if c.downcast_ref::<std::io::Error>().is_some()
            || c.downcast_ref::<ConnectorError>()
                .is_some_and(|e| e.is_io() || e.is_timeout())
        {
            return true;
        }
        cause = c.source();
    }
    false
}
