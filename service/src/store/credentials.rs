//! The PostgreSQL user and password each new connection logs in with, and, with
//! `PGPASSWORD_SECRET_ARN`, their re-reading from Secrets Manager.
//!
//! In the stack, ECS injects `PGUSER` and `PGPASSWORD` from the RDS-managed secret when a task
//! starts, and never again; RDS rotates that secret (every 7 days by default). Connections
//! already open keep working after a rotation, but every new one is refused (SQLSTATE 28P01).
//! So when the server refuses the credentials, the pool (see [`super::postgres`]) asks for
//! them again: the secret is read, and if it holds other credentials they serve every
//! connection opened from then on, and the refused one is tried once more with them.
//!
//! Re-reads are rate-limited: one at a time, and none within [`MIN_REREAD_INTERVAL`] of the
//! last, so a password that is wrong for good costs one GetSecretValue per interval, however
//! many requests meet it. A re-read runs in a task of its own, so a request that gives up
//! (its timeout) does not cut it short.

use super::source_chain;
use crate::config::{PgConfig, SecretArn};
use crate::log;
use aws_sdk_secretsmanager::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_secretsmanager::operation::get_secret_value::GetSecretValueError;
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant};

/// The shortest time between two reads of the secret.
pub const MIN_REREAD_INTERVAL: Duration = Duration::from_secs(5);

/// One user and password. Not `Debug`: it holds the password.
pub struct Login {
    pub user: String,
    pub password: Option<String>,
}

/// The credentials in force, and which generation they are: each change of them is a new one,
/// so a connection refused with generation N asks for a re-read only if N is still current.
#[derive(Clone)]
pub struct Current {
    pub login: Arc<Login>,
    pub generation: u64,
}

/// The credentials new connections use, shared by the pool's manager.
pub struct Credentials {
    current: RwLock<Option<Current>>,
    secret: Option<Secret>,
}

/// The secret, and the state that rate-limits reading it.
struct Secret {
    arn: String,
    client: aws_sdk_secretsmanager::Client,
    /// Held for the whole of a re-read, so at most one is in flight; holds when the last one
    /// started.
    last_read: tokio::sync::Mutex<Option<Instant>>,
    /// Why the last read failed, for the error of a connection that has no credentials at all.
    last_error: Mutex<Option<String>>,
}

/// Why the secret is read.
#[derive(Clone, Copy)]
pub enum Reason {
    /// At start, without `PGPASSWORD`.
    Start,
    /// The server refused the credentials in force.
    Refused,
    /// No credentials yet: the read at start failed.
    Missing,
}

impl Reason {
    fn name(self) -> &'static str {
        match self {
            Reason::Start => "start",
            Reason::Refused => "password refused",
            Reason::Missing => "no credentials yet",
        }
    }
}

impl Credentials {
    /// `PGUSER` and `PGPASSWORD`, as given. With a secret and no `PGPASSWORD`, the secret is
    /// read now; if that fails, the error is logged, the service starts without credentials,
    /// and the first connection tries again (the table check then reports it).
    pub async fn from_config(pg: &PgConfig) -> Arc<Credentials> {
        let given = match (&pg.user, &pg.password, &pg.password_secret) {
            (Some(user), password, None) | (Some(user), password @ Some(_), Some(_)) => {
                Some(Current {
                    login: Arc::new(Login {
                        user: user.clone(),
                        password: password.clone(),
                    }),
                    generation: 0,
                })
            }
            _ => None,
        };
        let secret = match &pg.password_secret {
            Some(arn) => Some(Secret::new(arn).await),
            None => None,
        };
        let credentials = Arc::new(Credentials {
            current: RwLock::new(given),
            secret,
        });
        if credentials.current().is_none() {
            credentials.reread(None, Reason::Start).await;
        }
        credentials
    }

    /// The credentials in force; none before the secret could be read.
    pub fn current(&self) -> Option<Current> {
        // The lock guards a plain value that a panic cannot leave half-written.
        self.current
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Why there are no credentials, for the error of a connection that cannot be opened.
    pub fn missing(&self) -> String {
        match &self.secret {
            Some(secret) => {
                let why = secret
                    .last_error
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .clone()
                    .unwrap_or_else(|| "it has not been read yet".into());
                format!("no database credentials: {why}")
            }
            None => "no database credentials".into(),
        }
    }

    /// Read the secret again after the server refused the credentials of generation `seen`
    /// (none: there were none). Credentials to try instead, if there are any: the secret's, if
    /// they differ from the ones refused, or those another connection's re-read put in force
    /// meanwhile. None without a secret, when the last read was too recent, when the read
    /// failed (logged), or when the secret still holds the refused credentials.
    pub async fn reread(self: &Arc<Self>, seen: Option<u64>, reason: Reason) -> Option<Current> {
        self.secret.as_ref()?;
        let this = self.clone();
        // A task of its own: the caller may be dropped by its timeout mid-read, and a read cut
        // short would still count against the rate limit.
        tokio::spawn(async move { this.reread_now(seen, reason).await })
            .await
            .unwrap_or(None)
    }

    async fn reread_now(&self, seen: Option<u64>, reason: Reason) -> Option<Current> {
        let secret = self.secret.as_ref()?;
        let mut last_read = secret.last_read.lock().await;
        // Another connection's re-read may have replaced them while this one waited its turn.
        let current = self.current();
        if let Some(current) = &current {
            if Some(current.generation) != seen {
                return Some(current.clone());
            }
        }
        if last_read.is_some_and(|at| at.elapsed() < MIN_REREAD_INTERVAL) {
            return None;
        }
        *last_read = Some(Instant::now());
        let login = match secret.read().await {
            Ok(login) => {
                *secret
                    .last_error
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner) = None;
                login
            }
            Err(error) => {
                log::event(
                    "error",
                    "database credentials unreadable",
                    &[
                        ("secret", secret.arn.clone().into()),
                        ("reason", reason.name().into()),
                        ("error", error.clone().into()),
                    ],
                );
                *secret
                    .last_error
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner) = Some(error);
                return None;
            }
        };
        if let Some(current) = &current {
            if current.login.user == login.user && current.login.password == login.password {
                // Rotated in the database but not yet in the secret, or wrong in both: the
                // connection fails as it did, and the next re-read waits its interval.
                log::event(
                    "warn",
                    "database credentials unchanged",
                    &[
                        ("secret", secret.arn.clone().into()),
                        ("user", login.user.clone().into()),
                        ("reason", reason.name().into()),
                    ],
                );
                return None;
            }
        }
        let next = Current {
            generation: current.map_or(0, |c| c.generation + 1),
            login: Arc::new(login),
        };
        log::event(
            "info",
            "database credentials refreshed",
            &[
                ("secret", secret.arn.clone().into()),
                ("user", next.login.user.clone().into()),
                ("reason", reason.name().into()),
                ("generation", next.generation.into()),
            ],
        );
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = Some(next.clone());
        Some(next)
    }
}

impl Secret {
    async fn new(arn: &SecretArn) -> Secret {
        // The secret is read in its own region, which its ARN names; AWS_REGION may be unset.
        let sdk = super::aws_sdk_config(Some(arn.region.clone())).await;
        Secret {
            arn: arn.arn.clone(),
            client: aws_sdk_secretsmanager::Client::new(&sdk),
            last_read: tokio::sync::Mutex::new(None),
            last_error: Mutex::new(None),
        }
    }

    /// GetSecretValue, and the `username` and `password` of its JSON.
    async fn read(&self) -> Result<Login, String> {
        let out = self
            .client
            .get_secret_value()
            .secret_id(&self.arn)
            .send()
            .await
            .map_err(|e| format!("cannot read secret {}: {}", self.arn, describe(&e)))?;
        let text = out.secret_string().ok_or_else(|| {
            format!(
                "secret {} holds no SecretString (a binary secret cannot hold the credentials)",
                self.arn
            )
        })?;
        parse_login(text).map_err(|e| format!("secret {}: {e}", self.arn))
    }
}

/// The `username` and `password` of the secret's JSON, as RDS writes it. The errors name the
/// keys, never the values: the secret's text is never logged.
pub fn parse_login(text: &str) -> Result<Login, String> {
    let json: serde_json::Value = serde_json::from_str(text)
        .map_err(|_| "its value is not JSON (an object with \"username\" and \"password\")")?;
    let field = |key: &str| -> Result<String, String> {
        match json.get(key) {
            Some(serde_json::Value::String(s)) if !s.is_empty() => Ok(s.clone()),
            Some(_) => Err(format!("its \"{key}\" is not a non-empty string")),
            None if json.is_object() => Err(format!("its JSON has no \"{key}\"")),
            None => Err("its JSON is not an object with \"username\" and \"password\"".into()),
        }
    };
    Ok(Login {
        user: field("username")?,
        password: Some(field("password")?),
    })
}

/// GetSecretValue's failure in one line: the service's error code and message when it
/// answered (AccessDeniedException names the missing permission), the causes otherwise.
fn describe<R>(err: &SdkError<GetSecretValueError, R>) -> String
where
    R: std::fmt::Debug,
{
    match err {
        SdkError::ServiceError(service) => {
            let e = service.err();
            format!(
                "{}: {}",
                e.code().unwrap_or("unknown error"),
                e.message().unwrap_or_default()
            )
        }
        SdkError::TimeoutError(_) => "Secrets Manager did not answer in time".into(),
        other => source_chain(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secret_holds_username_and_password_as_rds_writes_them() {
        let login = parse_login(r#"{"username":"postgres","password":"p@ss\"word"}"#).unwrap();
        assert_eq!(login.user, "postgres");
        assert_eq!(login.password.as_deref(), Some("p@ss\"word"));
        // Other keys (a secret made by hand may carry host, port, engine) are ignored.
        let login =
            parse_login(r#"{"username":"u","password":"p","engine":"postgres","port":5432}"#)
                .unwrap();
        assert_eq!(login.user, "u");
    }

    #[test]
    fn a_secret_without_them_is_a_clear_error_that_never_shows_the_secret() {
        for (text, says) in [
            (r#"{"username":"u"}"#, "no \"password\""),
            (r#"{"password":"hunter2"}"#, "no \"username\""),
            (r#"{"username":"u","password":""}"#, "\"password\" is not"),
            (
                r#"{"username":"u","password":12345}"#,
                "\"password\" is not",
            ),
            (r#"["u","hunter2"]"#, "not an object"),
            ("hunter2", "not JSON"),
            (r#"{"username":"u","password":"hunter2""#, "not JSON"),
        ] {
            let err = parse_login(text)
                .err()
                .unwrap_or_else(|| panic!("{text} was accepted"));
            assert!(err.contains(says), "{text}: {err}");
            assert!(!err.contains("hunter2") && !err.contains("12345"), "{err}");
        }
    }
}
