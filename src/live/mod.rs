//! Talking to the live account and the deployed API, around the terraform handoff: the state
//! bucket `terraform init` needs (`bootstrap`), the checks before a plan (`preflight`), a
//! Cognito access token (`token`, by SRP), and the calls that prove the API keeps the design's
//! promise (`smoke`). Every AWS call goes through the official SDK, which honours
//! `AWS_ENDPOINT_URL` and its per-service variants, so tests point it at a stand-in.

pub mod bootstrap;
pub mod preflight;
pub mod smoke;
pub mod srp;
pub mod token;

use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_sts::config::http::HttpResponse;
use aws_sdk_sts::error::{ProvideErrorMetadata, SdkError};
use aws_smithy_http_client::tls;
use std::time::Duration;

/// Why the AWS client could not start, or could not tell whose credentials it has.
#[derive(Debug, thiserror::Error)]
pub enum AwsError {
    #[error("cannot start the AWS client: {0}")]
    Runtime(#[source] std::io::Error),
    /// `detail` is the SDK's error as [`one_line`] words it.
    #[error("cannot tell whose credentials these are: {detail}")]
    Identity { detail: String },
    #[error("STS named no account for these credentials")]
    NoAccount,
}

/// The SDK's configuration and the runtime its calls run on.
pub struct Aws {
    runtime: tokio::runtime::Runtime,
    pub config: SdkConfig,
}

impl Aws {
    /// Credentials, endpoints and retries from the environment, in `region`. Nothing is
    /// called yet: a missing credential shows at the first call that needs one.
    pub fn connect(region: &str) -> Result<Aws, AwsError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(AwsError::Runtime)?;
        let http = aws_smithy_http_client::Builder::new()
            .tls_provider(tls::Provider::Rustls(
                tls::rustls_provider::CryptoMode::Ring,
            ))
            .build_https();
        let config = runtime.block_on(
            aws_config::defaults(BehaviorVersion::latest())
                .region(Region::new(region.to_string()))
                .http_client(http)
                .timeout_config(
                    TimeoutConfig::builder()
                        .connect_timeout(Duration::from_secs(5))
                        .operation_attempt_timeout(Duration::from_secs(20))
                        .operation_timeout(Duration::from_secs(60))
                        .build(),
                )
                .retry_config(RetryConfig::standard().with_max_attempts(3))
                .load(),
        );
        Ok(Aws { runtime, config })
    }

    /// The configuration, in another region (ACM certificates live in their own).
    pub fn in_region(&self, region: &str) -> SdkConfig {
        self.config
            .to_builder()
            .region(Region::new(region.to_string()))
            .build()
    }

    /// Run one SDK future to completion.
    pub fn run<F: std::future::Future>(&self, f: F) -> F::Output {
        self.runtime.block_on(f)
    }

    /// The account of the caller's credentials (STS GetCallerIdentity).
    pub fn caller_account(&self) -> Result<String, AwsError> {
        let sts = aws_sdk_sts::Client::new(&self.config);
        let who = self
            .run(sts.get_caller_identity().send())
            .map_err(|e| AwsError::Identity {
                detail: one_line(&e),
            })?;
        who.account.ok_or(AwsError::NoAccount)
    }
}

/// An SDK error on one line: the service's code and message, or the chain of causes of a
/// failure to reach it. Never a debug dump.
pub fn one_line<E>(e: &SdkError<E, HttpResponse>) -> String
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    if let SdkError::ServiceError(service) = e {
        let err = service.err();
        return match (err.code(), err.message()) {
            (Some(c), Some(m)) => format!("{c}: {m}"),
            (Some(c), None) => c.to_string(),
            (None, Some(m)) => m.to_string(),
            (None, None) => format!("HTTP {}", service.raw().status().as_u16()),
        };
    }
    let mut parts: Vec<String> = vec![e.to_string()];
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        let text = c.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        cause = c.source();
    }
    let line = parts.join(": ").replace('\n', " ");
    if line.contains("no credentials") || line.contains("credentials provider") {
        return format!(
            "{line} (no AWS credentials: set AWS_PROFILE, or run aws configure or aws sso login)"
        );
    }
    line
}

/// The HTTP status the service answered with, if it answered.
pub fn status<E>(e: &SdkError<E, HttpResponse>) -> Option<u16> {
    e.raw_response().map(|r| r.status().as_u16())
}
