//! Configuration from the environment. Region, credentials and endpoints are not read here:
//! the AWS SDK reads its own standard variables, so the ECS task role and a local test server
//! both work unchanged.

use std::time::Duration;

/// The port the stack's task definition and security groups use unless the profile says
/// otherwise (`service.container_port`, which petgen also passes as `PORT`).
pub const DEFAULT_PORT: u16 = 8080;

/// Longest a request may take, body included, unless `REQUEST_TIMEOUT_MS` says otherwise.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

pub struct Config {
    pub table_name: String,
    /// 0 asks the OS for a free port (tests read the chosen one from the `listening` log line).
    pub port: u16,
    /// `REQUEST_TIMEOUT_MS`: a request still unanswered after this gets a 408.
    pub request_timeout: Duration,
}

impl Config {
    pub fn from_env() -> Result<Config, String> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Config, String> {
        let table_name = get("TABLE_NAME").unwrap_or_default();
        if table_name.is_empty() {
            return Err(
                "TABLE_NAME is not set: set it to the DynamoDB table that holds the pets".into(),
            );
        }
        if !is_table_name(&table_name) {
            return Err(format!(
                "TABLE_NAME {table_name:?} is not a DynamoDB table name (3-255 characters of letters, digits, '_', '-' and '.')"
            ));
        }
        let port = match get("PORT").filter(|p| !p.is_empty()) {
            None => DEFAULT_PORT,
            Some(p) => p
                .parse::<u16>()
                .map_err(|_| format!("PORT {p:?} is not a port number (0-65535)"))?,
        };
        let request_timeout = match get("REQUEST_TIMEOUT_MS").filter(|v| !v.is_empty()) {
            None => DEFAULT_REQUEST_TIMEOUT,
            Some(v) => v
                .parse::<u64>()
                .ok()
                .filter(|ms| (100..=600_000).contains(ms))
                .map(Duration::from_millis)
                .ok_or_else(|| format!("REQUEST_TIMEOUT_MS {v:?} is not a number of milliseconds from 100 to 600000"))?,
        };
        Ok(Config {
            table_name,
            port,
            request_timeout,
        })
    }
}

pub fn is_table_name(s: &str) -> bool {
    (3..=255).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// The port `petstore healthcheck` probes: the same `PORT` the service listens on.
pub fn port_from_env() -> Result<u16, String> {
    match std::env::var("PORT").ok().filter(|p| !p.is_empty()) {
        None => Ok(DEFAULT_PORT),
        Some(p) => p
            .parse::<u16>()
            .ok()
            .filter(|p| *p != 0)
            .ok_or_else(|| format!("PORT {p:?} is not a port number (1-65535)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(name, _)| *name == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn table_name_is_required_and_checked() {
        assert!(Config::from_lookup(lookup(&[])).is_err());
        assert!(Config::from_lookup(lookup(&[("TABLE_NAME", "")])).is_err());
        assert!(Config::from_lookup(lookup(&[("TABLE_NAME", "a b")])).is_err());
        let c = Config::from_lookup(lookup(&[("TABLE_NAME", "petstore-dev-pets")])).unwrap();
        assert_eq!(c.port, DEFAULT_PORT);
    }

    #[test]
    fn port_is_parsed() {
        let c = Config::from_lookup(lookup(&[("TABLE_NAME", "pets"), ("PORT", "9000")])).unwrap();
        assert_eq!(c.port, 9000);
        assert!(Config::from_lookup(lookup(&[("TABLE_NAME", "pets"), ("PORT", "http")])).is_err());
        assert!(Config::from_lookup(lookup(&[("TABLE_NAME", "pets"), ("PORT", "70000")])).is_err());
    }
}
