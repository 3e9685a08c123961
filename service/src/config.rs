//! Configuration from the environment. Region, credentials and endpoints are not read here:
//! the AWS SDK reads its own standard variables, so the ECS task role and a local test server
//! both work unchanged.

use std::time::Duration;

/// The port the stack's task definition and security groups use unless the profile says
/// otherwise (`service.container_port`, which petgen also passes as `PORT`).
pub const DEFAULT_PORT: u16 = 8080;

/// Longest a request may take, body included, unless `REQUEST_TIMEOUT_MS` says otherwise.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// Connections served at once unless `MAX_CONNECTIONS` says otherwise.
pub const DEFAULT_MAX_CONNECTIONS: usize = 2048;

/// How often the table is read to decide what `/health` answers, unless
/// `TABLE_CHECK_INTERVAL_SECONDS` says otherwise. A recovered table is healthy again within
/// this; each check is one eventually consistent GetItem, a negligible cost.
pub const DEFAULT_TABLE_CHECK_INTERVAL: Duration = Duration::from_secs(10);

/// How long the service keeps serving after SIGTERM, with `/health` answering 503, unless
/// `SHUTDOWN_DELAY_SECONDS` says otherwise: Cloud Map (and a caller's cached answer from it)
/// can route to a task for a few seconds after ECS deregisters it.
pub const DEFAULT_SHUTDOWN_DELAY: Duration = Duration::from_secs(5);
/// The longest `SHUTDOWN_DELAY_SECONDS` accepted: it leaves the drain at least 8 s.
pub const MAX_SHUTDOWN_DELAY_SECONDS: u64 = 20;

/// ECS sends SIGTERM, then SIGKILL after the task's `stopTimeout`: 30 s, since the stack's task
/// definition does not set one.
pub const STOP_TIMEOUT: Duration = Duration::from_secs(30);
/// Kept free of the stop timeout for the last log lines and the exit itself.
pub const STOP_MARGIN: Duration = Duration::from_secs(2);
/// In-flight requests get at most this long to finish once the service stops accepting.
pub const DRAIN_LIMIT: Duration = Duration::from_secs(20);

pub struct Config {
    pub table_name: String,
    /// 0 asks the OS for a free port (tests read the chosen one from the `listening` log line).
    pub port: u16,
    /// `REQUEST_TIMEOUT_MS`: a request still unanswered after this gets a 408.
    pub request_timeout: Duration,
    /// `CONSISTENT_READS`: strongly consistent GetItem (twice the read cost) instead of the
    /// default eventually consistent one.
    pub consistent_reads: bool,
    /// `MAX_CONNECTIONS`: connections served at once.
    pub max_connections: usize,
    /// `TABLE_CHECK_INTERVAL_SECONDS`: how often `/health`'s view of the table is refreshed.
    pub table_check_interval: Duration,
    /// `SHUTDOWN_DELAY_SECONDS`: how long to keep serving after SIGTERM before draining.
    pub shutdown_delay: Duration,
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
        let request_timeout = Duration::from_millis(number(
            &get,
            "REQUEST_TIMEOUT_MS",
            DEFAULT_REQUEST_TIMEOUT.as_millis() as u64,
            100..=600_000,
            "a number of milliseconds",
        )?);
        // Eventually consistent by default: a pet is written once and never changed, so such a
        // read is never stale; it can only miss a pet stored within the last second or so, at
        // half the cost of a strongly consistent read.
        let consistent_reads = match get("CONSISTENT_READS").filter(|v| !v.is_empty()) {
            None => false,
            Some(v) if v.eq_ignore_ascii_case("true") => true,
            Some(v) if v.eq_ignore_ascii_case("false") => false,
            Some(v) => return Err(format!("CONSISTENT_READS {v:?} is neither true nor false")),
        };
        let max_connections = number(
            &get,
            "MAX_CONNECTIONS",
            DEFAULT_MAX_CONNECTIONS as u64,
            1..=65_536,
            "a number of connections",
        )? as usize;
        let table_check_interval = Duration::from_secs(number(
            &get,
            "TABLE_CHECK_INTERVAL_SECONDS",
            DEFAULT_TABLE_CHECK_INTERVAL.as_secs(),
            1..=3600,
            "a number of seconds",
        )?);
        let shutdown_delay = Duration::from_secs(number(
            &get,
            "SHUTDOWN_DELAY_SECONDS",
            DEFAULT_SHUTDOWN_DELAY.as_secs(),
            0..=MAX_SHUTDOWN_DELAY_SECONDS,
            "a number of seconds",
        )?);
        Ok(Config {
            table_name,
            port,
            request_timeout,
            consistent_reads,
            max_connections,
            table_check_interval,
            shutdown_delay,
        })
    }

    /// How long in-flight requests get after the shutdown delay: the delay and the drain
    /// together stay inside ECS's stop timeout (5 s + 20 s by default), so SIGKILL never
    /// cuts a drain short.
    pub fn drain_limit(&self) -> Duration {
        DRAIN_LIMIT.min(
            STOP_TIMEOUT
                .saturating_sub(STOP_MARGIN)
                .saturating_sub(self.shutdown_delay),
        )
    }
}

/// An unsigned number from the environment within `range`; `default` when unset or empty.
fn number(
    get: &impl Fn(&str) -> Option<String>,
    name: &str,
    default: u64,
    range: std::ops::RangeInclusive<u64>,
    what: &str,
) -> Result<u64, String> {
    match get(name).filter(|v| !v.is_empty()) {
        None => Ok(default),
        Some(v) => v
            .parse::<u64>()
            .ok()
            .filter(|n| range.contains(n))
            .ok_or_else(|| {
                format!(
                    "{name} {v:?} is not {what} from {} to {}",
                    range.start(),
                    range.end()
                )
            }),
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

    #[test]
    fn reads_are_eventually_consistent_unless_asked() {
        let c = Config::from_lookup(lookup(&[("TABLE_NAME", "pets")])).unwrap();
        assert!(!c.consistent_reads);
        for (value, want) in [
            ("true", true),
            ("TRUE", true),
            ("false", false),
            ("", false),
        ] {
            let c = Config::from_lookup(lookup(&[
                ("TABLE_NAME", "pets"),
                ("CONSISTENT_READS", value),
            ]))
            .unwrap();
            assert_eq!(c.consistent_reads, want, "{value:?}");
        }
        for bad in ["yes", "1", "on", "strong"] {
            let err =
                Config::from_lookup(lookup(&[("TABLE_NAME", "pets"), ("CONSISTENT_READS", bad)]))
                    .err()
                    .unwrap_or_else(|| panic!("{bad:?} was accepted"));
            assert!(err.contains("CONSISTENT_READS"), "{err}");
        }
    }

    #[test]
    fn limits_and_intervals_are_parsed_and_bounded() {
        let c = Config::from_lookup(lookup(&[("TABLE_NAME", "pets")])).unwrap();
        assert_eq!(c.max_connections, DEFAULT_MAX_CONNECTIONS);
        assert_eq!(c.table_check_interval, DEFAULT_TABLE_CHECK_INTERVAL);
        assert_eq!(c.shutdown_delay, DEFAULT_SHUTDOWN_DELAY);
        assert_eq!(c.request_timeout, DEFAULT_REQUEST_TIMEOUT);
        let c = Config::from_lookup(lookup(&[
            ("TABLE_NAME", "pets"),
            ("MAX_CONNECTIONS", "4"),
            ("TABLE_CHECK_INTERVAL_SECONDS", "1"),
            ("SHUTDOWN_DELAY_SECONDS", "0"),
        ]))
        .unwrap();
        assert_eq!(c.max_connections, 4);
        assert_eq!(c.table_check_interval, Duration::from_secs(1));
        assert_eq!(c.shutdown_delay, Duration::ZERO);
        for (name, bad) in [
            ("MAX_CONNECTIONS", "0"),
            ("MAX_CONNECTIONS", "many"),
            ("TABLE_CHECK_INTERVAL_SECONDS", "0"),
            ("SHUTDOWN_DELAY_SECONDS", "21"),
            ("SHUTDOWN_DELAY_SECONDS", "-1"),
            ("REQUEST_TIMEOUT_MS", "99"),
        ] {
            let err = Config::from_lookup(lookup(&[("TABLE_NAME", "pets"), (name, bad)]))
                .err()
                .unwrap_or_else(|| panic!("{name}={bad} was accepted"));
            assert!(err.contains(name), "{err}");
        }
    }

    #[test]
    fn the_delay_and_the_drain_fit_in_the_stop_timeout() {
        for delay in 0..=MAX_SHUTDOWN_DELAY_SECONDS {
            let delay = delay.to_string();
            let c = Config::from_lookup(lookup(&[
                ("TABLE_NAME", "pets"),
                ("SHUTDOWN_DELAY_SECONDS", delay.as_str()),
            ]))
            .unwrap();
            assert!(c.shutdown_delay + c.drain_limit() + STOP_MARGIN <= STOP_TIMEOUT);
            assert!(c.drain_limit() >= Duration::from_secs(8), "{delay}");
        }
        let c = Config::from_lookup(lookup(&[("TABLE_NAME", "pets")])).unwrap();
        assert_eq!(c.drain_limit(), DRAIN_LIMIT);
    }
}
