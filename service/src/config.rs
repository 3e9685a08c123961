//! Configuration from the environment. `STORE` picks the datastore: `dynamodb` (the default)
//! or `postgres`. For DynamoDB, region, credentials and endpoints are not read here: the AWS
//! SDK reads its own standard variables, so the ECS task role and a local test server both work
//! unchanged. For PostgreSQL, the service reads libpq's standard variables (`PGHOST`, `PGPORT`,
//! `PGDATABASE`, `PGUSER`, `PGPASSWORD`, `PGSSLMODE`, `PGSSLROOTCERT`), with a default
//! `PGSSLMODE` that verifies the server (see [`SslMode`]), and `PGPASSWORD_SECRET_ARN`, the
//! Secrets Manager secret the credentials are re-read from when the server refuses them (see
//! [`crate::store::credentials`]).

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

/// Connections the PostgreSQL pool holds at most, unless `PG_POOL_MAX` says otherwise. Each
/// task holds this many at most, so tasks × this stays well under Aurora's `max_connections`
/// (hundreds even at the smallest capacity); five keep one task's requests from queueing
/// behind each other at the load one task serves.
pub const DEFAULT_PG_POOL_MAX: usize = 5;
/// The port PostgreSQL listens on unless `PGPORT` says otherwise (libpq's default).
pub const DEFAULT_PG_PORT: u16 = 5432;

pub struct Config {
    /// `STORE`, and that store's own settings.
    pub store: StoreConfig,
    /// 0 asks the OS for a free port (tests read the chosen one from the `listening` log line).
    pub port: u16,
    /// `REQUEST_TIMEOUT_MS`: a request still unanswered after this gets a 408.
    pub request_timeout: Duration,
    /// `MAX_CONNECTIONS`: connections served at once.
    pub max_connections: usize,
    /// `TABLE_CHECK_INTERVAL_SECONDS`: how often `/health`'s view of the table is refreshed.
    pub table_check_interval: Duration,
    /// `SHUTDOWN_DELAY_SECONDS`: how long to keep serving after SIGTERM before draining.
    pub shutdown_delay: Duration,
}

/// The datastore, from `STORE`.
pub enum StoreConfig {
    /// `STORE=dynamodb` (the default): the table `TABLE_NAME`.
    Dynamodb {
        table_name: String,
        /// `CONSISTENT_READS`: strongly consistent GetItem (twice the read cost) instead of the
        /// default eventually consistent one.
        consistent_reads: bool,
    },
    /// `STORE=postgres`: the `pets` table of `PGDATABASE`.
    Postgres(PgConfig),
}

/// Where and how to reach PostgreSQL: libpq's variables, as libpq reads them. Not `Debug`:
/// it holds the password.
pub struct PgConfig {
    /// `PGHOST`: a host name or address; several, comma-separated, are tried in order.
    pub hosts: Vec<String>,
    /// `PGPORT`, default 5432.
    pub port: u16,
    /// `PGDATABASE`, default the user's name (as libpq).
    pub dbname: String,
    /// `PGUSER`; required unless `PGPASSWORD_SECRET_ARN` is set.
    pub user: Option<String>,
    /// `PGPASSWORD`; none for a server that asks for none.
    pub password: Option<String>,
    /// `PGPASSWORD_SECRET_ARN`: the secret holding `username` and `password` as JSON.
    pub password_secret: Option<SecretArn>,
    /// `PGSSLMODE`.
    pub ssl_mode: SslMode,
    /// `PGSSLROOTCERT`: a PEM file of the CAs to trust for `verify-ca` and `verify-full`, or
    /// `system`; unset, the system's bundle (in the image, the one it ships).
    pub ssl_root_cert: Option<String>,
    /// `PG_POOL_MAX`: connections the pool holds at most.
    pub pool_max: usize,
}

/// A Secrets Manager secret's ARN, `arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecretArn {
    pub arn: String,
    /// The secret's region, where it must be read, whatever `AWS_REGION` says.
    pub region: String,
}

impl SecretArn {
    pub fn parse(arn: &str) -> Result<SecretArn, String> {
        let parts: Vec<&str> = arn.splitn(7, ':').collect();
        match parts.as_slice() {
            ["arn", partition, "secretsmanager", region, account, "secret", name]
                if !partition.is_empty()
                    && !region.is_empty()
                    && !account.is_empty()
                    && !name.is_empty() =>
            {
                Ok(SecretArn {
                    arn: arn.to_string(),
                    region: region.to_string(),
                })
            }
            _ => Err(format!(
                "PGPASSWORD_SECRET_ARN {arn:?} is not a Secrets Manager secret's ARN \
                 (arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME)"
            )),
        }
    }
}

/// `PGSSLMODE`. Only the modes that cannot fall back to plain text are accepted, and
/// `disable`, which asks for it outright: libpq's `allow` and `prefer` would silently send the
/// password and the pets unencrypted to a server (or anything in between) that declines TLS.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SslMode {
    /// No TLS at all: for a local test server only.
    Disable,
    /// Encrypt, without checking the certificate (as libpq; but see `PGSSLROOTCERT`).
    Require,
    /// Encrypt, and check that a trusted CA signed the certificate.
    VerifyCa,
    /// Encrypt, check the CA, and that the certificate names the host: the default, so a
    /// task that is not told otherwise cannot be talked into a man in the middle.
    VerifyFull,
}

impl SslMode {
    pub fn name(self) -> &'static str {
        match self {
            SslMode::Disable => "disable",
            SslMode::Require => "require",
            SslMode::VerifyCa => "verify-ca",
            SslMode::VerifyFull => "verify-full",
        }
    }
}

impl Config {
    pub fn from_env() -> Result<Config, String> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Config, String> {
        let store = match get("STORE").filter(|v| !v.is_empty()).as_deref() {
            None | Some("dynamodb") => dynamodb_config(&get)?,
            Some("postgres") => StoreConfig::Postgres(postgres_config(&get)?),
            Some(other) => return Err(format!("STORE {other:?} is neither dynamodb nor postgres")),
        };
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
            store,
            port,
            request_timeout,
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

/// `STORE=dynamodb`: `TABLE_NAME` and `CONSISTENT_READS`.
fn dynamodb_config(get: &impl Fn(&str) -> Option<String>) -> Result<StoreConfig, String> {
    // Checked first: with it set, STORE=postgres was most likely meant, and TABLE_NAME's
    // absence would be the wrong thing to report.
    if get("PGPASSWORD_SECRET_ARN").is_some_and(|v| !v.is_empty()) {
        return Err(
            "PGPASSWORD_SECRET_ARN is set but STORE is dynamodb: it names the PostgreSQL \
             credentials' secret, which only STORE=postgres reads"
                .into(),
        );
    }
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
    // Eventually consistent by default: a pet is written once and never changed, so such a
    // read is never stale; it can only miss a pet stored within the last second or so, at
    // half the cost of a strongly consistent read.
    let consistent_reads = match get("CONSISTENT_READS").filter(|v| !v.is_empty()) {
        None => false,
        Some(v) if v.eq_ignore_ascii_case("true") => true,
        Some(v) if v.eq_ignore_ascii_case("false") => false,
        Some(v) => return Err(format!("CONSISTENT_READS {v:?} is neither true nor false")),
    };
    Ok(StoreConfig::Dynamodb {
        table_name,
        consistent_reads,
    })
}

/// `STORE=postgres`: libpq's variables, and `PG_POOL_MAX`.
fn postgres_config(get: &impl Fn(&str) -> Option<String>) -> Result<PgConfig, String> {
    let set = |name: &str| get(name).filter(|v| !v.is_empty());
    // libpq would fall back to a local socket, which a container does not have: say so at once.
    let hosts: Vec<String> = set("PGHOST")
        .ok_or("PGHOST is not set: set it to the PostgreSQL (Aurora cluster) endpoint")?
        .split(',')
        .map(|h| h.trim().to_string())
        .collect();
    if hosts.iter().any(String::is_empty) {
        return Err("PGHOST has an empty host name".into());
    }
    let port = match set("PGPORT") {
        None => DEFAULT_PG_PORT,
        Some(p) => p
            .parse::<u16>()
            .ok()
            .filter(|p| *p != 0)
            .ok_or_else(|| format!("PGPORT {p:?} is not a port number (1-65535)"))?,
    };
    let password_secret = set("PGPASSWORD_SECRET_ARN")
        .map(|arn| SecretArn::parse(&arn))
        .transpose()?;
    // libpq would use the OS user's name, which means nothing in a container. With a secret,
    // its `username` serves.
    let user = set("PGUSER");
    if user.is_none() && password_secret.is_none() {
        return Err(
            "PGUSER is not set: set it to the database user (or set PGPASSWORD_SECRET_ARN)".into(),
        );
    }
    // libpq's default, the user's name, is not known before the secret is read.
    let dbname = set("PGDATABASE").or_else(|| user.clone()).ok_or(
        "PGDATABASE is not set: set it to the database (with PGUSER unset, it has no default)",
    )?;
    let ssl_mode = match set("PGSSLMODE").as_deref() {
        None | Some("verify-full") => SslMode::VerifyFull,
        Some("verify-ca") => SslMode::VerifyCa,
        Some("require") => SslMode::Require,
        Some("disable") => SslMode::Disable,
        Some(m @ ("allow" | "prefer")) => {
            return Err(format!(
                "PGSSLMODE {m:?} may fall back to an unencrypted connection: use verify-full, verify-ca or require (or disable, for a local test server)"
            ))
        }
        Some(m) => {
            return Err(format!(
                "PGSSLMODE {m:?} is not one of verify-full, verify-ca, require and disable"
            ))
        }
    };
    let pool_max = number(
        get,
        "PG_POOL_MAX",
        DEFAULT_PG_POOL_MAX as u64,
        1..=100,
        "a number of connections",
    )? as usize;
    Ok(PgConfig {
        hosts,
        port,
        dbname,
        user,
        password: set("PGPASSWORD"),
        password_secret,
        ssl_mode,
        ssl_root_cert: set("PGSSLROOTCERT"),
        pool_max,
    })
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

    fn consistent_reads(c: &Config) -> bool {
        match &c.store {
            StoreConfig::Dynamodb {
                consistent_reads, ..
            } => *consistent_reads,
            StoreConfig::Postgres(_) => panic!("not DynamoDB"),
        }
    }

    #[test]
    fn reads_are_eventually_consistent_unless_asked() {
        let c = Config::from_lookup(lookup(&[("TABLE_NAME", "pets")])).unwrap();
        assert!(!consistent_reads(&c));
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
            assert_eq!(consistent_reads(&c), want, "{value:?}");
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

    fn postgres(pairs: &[(&str, &str)]) -> Result<PgConfig, String> {
        let mut all = vec![("STORE", "postgres")];
        all.extend_from_slice(pairs);
        match Config::from_lookup(lookup(&all))?.store {
            StoreConfig::Postgres(pg) => Ok(pg),
            StoreConfig::Dynamodb { .. } => panic!("not PostgreSQL"),
        }
    }

    #[test]
    fn the_store_is_dynamodb_unless_asked_and_nothing_else() {
        let c = Config::from_lookup(lookup(&[("TABLE_NAME", "pets")])).unwrap();
        assert!(matches!(c.store, StoreConfig::Dynamodb { .. }));
        let c =
            Config::from_lookup(lookup(&[("STORE", "dynamodb"), ("TABLE_NAME", "pets")])).unwrap();
        assert!(matches!(c.store, StoreConfig::Dynamodb { .. }));
        for bad in ["mysql", "Postgres", "dynamo"] {
            let err = Config::from_lookup(lookup(&[("STORE", bad), ("TABLE_NAME", "pets")]))
                .err()
                .unwrap_or_else(|| panic!("{bad:?} was accepted"));
            assert!(err.contains("STORE"), "{err}");
        }
    }

    #[test]
    fn postgres_reads_libpq_variables_and_verifies_by_default() {
        // No TABLE_NAME: that is DynamoDB's.
        let pg = postgres(&[("PGHOST", "db.example"), ("PGUSER", "petstore")]).unwrap();
        assert_eq!(pg.hosts, ["db.example"]);
        assert_eq!(pg.port, DEFAULT_PG_PORT);
        assert_eq!(pg.dbname, "petstore");
        assert_eq!(pg.user.as_deref(), Some("petstore"));
        assert_eq!(pg.password, None);
        assert_eq!(pg.password_secret, None);
        assert_eq!(pg.ssl_mode, SslMode::VerifyFull);
        assert_eq!(pg.ssl_root_cert, None);
        assert_eq!(pg.pool_max, DEFAULT_PG_POOL_MAX);
        let pg = postgres(&[
            ("PGHOST", "a, b"),
            ("PGPORT", "6432"),
            ("PGDATABASE", "pets"),
            ("PGUSER", "u"),
            ("PGPASSWORD", "p"),
            ("PGSSLMODE", "require"),
            ("PGSSLROOTCERT", "/ca.pem"),
            ("PG_POOL_MAX", "2"),
        ])
        .unwrap();
        assert_eq!(pg.hosts, ["a", "b"]);
        assert_eq!(pg.port, 6432);
        assert_eq!(pg.dbname, "pets");
        assert_eq!(pg.password.as_deref(), Some("p"));
        assert_eq!(pg.ssl_mode, SslMode::Require);
        assert_eq!(pg.ssl_root_cert.as_deref(), Some("/ca.pem"));
        assert_eq!(pg.pool_max, 2);
        for (mode, want) in [
            ("disable", SslMode::Disable),
            ("verify-ca", SslMode::VerifyCa),
            ("verify-full", SslMode::VerifyFull),
        ] {
            let pg = postgres(&[("PGHOST", "h"), ("PGUSER", "u"), ("PGSSLMODE", mode)]).unwrap();
            assert_eq!(pg.ssl_mode, want);
            assert_eq!(pg.ssl_mode.name(), mode);
        }
    }

    #[test]
    fn postgres_refuses_what_cannot_work_or_may_go_unencrypted() {
        for (pairs, name) in [
            (vec![("PGUSER", "u")], "PGHOST"),
            (vec![("PGHOST", "h")], "PGUSER"),
            (
                vec![("PGHOST", "h"), ("PGPASSWORD_SECRET_ARN", SECRET)],
                "PGDATABASE",
            ),
            (
                vec![
                    ("PGHOST", "h"),
                    ("PGUSER", "u"),
                    ("PGPASSWORD_SECRET_ARN", "rds!cluster-1234"),
                ],
                "PGPASSWORD_SECRET_ARN",
            ),
            (
                vec![
                    ("PGHOST", "h"),
                    ("PGUSER", "u"),
                    (
                        "PGPASSWORD_SECRET_ARN",
                        "arn:aws:ssm:us-east-1:1:parameter/p",
                    ),
                ],
                "PGPASSWORD_SECRET_ARN",
            ),
            (vec![("PGHOST", "a,,b"), ("PGUSER", "u")], "PGHOST"),
            (
                vec![("PGHOST", "h"), ("PGUSER", "u"), ("PGPORT", "0")],
                "PGPORT",
            ),
            (
                vec![("PGHOST", "h"), ("PGUSER", "u"), ("PGSSLMODE", "prefer")],
                "PGSSLMODE",
            ),
            (
                vec![("PGHOST", "h"), ("PGUSER", "u"), ("PGSSLMODE", "allow")],
                "PGSSLMODE",
            ),
            (
                vec![("PGHOST", "h"), ("PGUSER", "u"), ("PGSSLMODE", "on")],
                "PGSSLMODE",
            ),
            (
                vec![("PGHOST", "h"), ("PGUSER", "u"), ("PG_POOL_MAX", "0")],
                "PG_POOL_MAX",
            ),
            (
                vec![("PGHOST", "h"), ("PGUSER", "u"), ("PG_POOL_MAX", "101")],
                "PG_POOL_MAX",
            ),
        ] {
            let err = postgres(&pairs)
                .err()
                .unwrap_or_else(|| panic!("{pairs:?} was accepted"));
            assert!(err.contains(name), "{pairs:?}: {err}");
        }
    }

    const SECRET: &str =
        "arn:aws:secretsmanager:eu-west-1:210987654321:secret:rds!cluster-1a2b-AbCdEf";

    #[test]
    fn the_password_secret_is_postgres_only_and_stands_in_for_pguser() {
        let pg = postgres(&[
            ("PGHOST", "h"),
            ("PGDATABASE", "pets"),
            ("PGPASSWORD_SECRET_ARN", SECRET),
        ])
        .unwrap();
        assert_eq!(pg.user, None);
        assert_eq!(pg.dbname, "pets");
        let secret = pg.password_secret.unwrap();
        assert_eq!(secret.arn, SECRET);
        assert_eq!(secret.region, "eu-west-1");
        // As ECS injects them: the user and password from the secret, and the secret itself.
        let pg = postgres(&[
            ("PGHOST", "h"),
            ("PGUSER", "u"),
            ("PGPASSWORD", "p"),
            ("PGPASSWORD_SECRET_ARN", SECRET),
        ])
        .unwrap();
        assert_eq!(pg.user.as_deref(), Some("u"));
        assert_eq!(pg.dbname, "u");
        assert!(pg.password_secret.is_some());
        // Over DynamoDB it is a mistake, reported before TABLE_NAME.
        for pairs in [
            vec![("PGPASSWORD_SECRET_ARN", SECRET)],
            vec![("TABLE_NAME", "pets"), ("PGPASSWORD_SECRET_ARN", SECRET)],
            vec![
                ("STORE", "dynamodb"),
                ("TABLE_NAME", "pets"),
                ("PGPASSWORD_SECRET_ARN", SECRET),
            ],
        ] {
            let err = Config::from_lookup(lookup(&pairs))
                .err()
                .unwrap_or_else(|| panic!("{pairs:?} was accepted"));
            assert!(err.contains("PGPASSWORD_SECRET_ARN"), "{err}");
        }
        // Empty is unset, as for every other variable.
        assert!(Config::from_lookup(lookup(&[
            ("TABLE_NAME", "pets"),
            ("PGPASSWORD_SECRET_ARN", "")
        ]))
        .is_ok());
    }
}
