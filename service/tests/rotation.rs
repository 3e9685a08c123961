//! `PGPASSWORD_SECRET_ARN`: the database password rotated under a running service, as RDS
//! rotates its managed master password, against the real PostgreSQL server of
//! `scripts/with-postgres` and the Secrets Manager of moto's server (`scripts/with-moto`).
//! Each test has a role and a database of its own, and a secret of its own.

mod common;

use common::*;
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

/// The service's shortest time between two reads of the secret
/// (`store::credentials::MIN_REREAD_INTERVAL`).
const MIN_REREAD_INTERVAL: Duration = Duration::from_secs(5);

fn secrets() -> aws_sdk_secretsmanager::Client {
    let http = aws_smithy_http_client::Builder::new()
        .tls_provider(aws_smithy_http_client::tls::Provider::Rustls(
            aws_smithy_http_client::tls::rustls_provider::CryptoMode::Ring,
        ))
        .build_https();
    let config = aws_sdk_secretsmanager::Config::builder()
        .behavior_version(aws_sdk_secretsmanager::config::BehaviorVersion::latest())
        .region(aws_sdk_secretsmanager::config::Region::new("us-east-1"))
        .endpoint_url(moto())
        .credentials_provider(aws_sdk_secretsmanager::config::Credentials::new(
            "testing", "testing", None, None, "tests",
        ))
        .http_client(http)
        .build();
    aws_sdk_secretsmanager::Client::from_conf(config)
}

fn login_json(user: &str, password: &str) -> String {
    serde_json::json!({ "username": user, "password": password }).to_string()
}

static ROLES: AtomicU32 = AtomicU32::new(0);

/// A login role of the test's own with `password`, owning a fresh database of the same name,
/// and a secret in moto holding the role's name and `password` as RDS writes them.
struct Rotating {
    role: String,
    secret_arn: String,
}

impl Rotating {
    async fn new(password: &str) -> Rotating {
        let role = format!(
            "rot_{}_{}",
            std::process::id(),
            ROLES.fetch_add(1, Ordering::SeqCst)
        );
        let admin = postgres().connect("postgres").await;
        admin
            .batch_execute(&format!("CREATE ROLE {role} LOGIN PASSWORD '{password}'"))
            .await
            .expect("CREATE ROLE");
        admin
            .batch_execute(&format!("CREATE DATABASE {role} OWNER {role}"))
            .await
            .expect("CREATE DATABASE");
        let secret_arn = secrets()
            .create_secret()
            .name(format!("rds!{role}"))
            .secret_string(login_json(&role, password))
            .send()
            .await
            .expect("moto creates the secret")
            .arn
            .expect("the secret's ARN");
        Rotating { role, secret_arn }
    }

    /// The service over the role's database, reading the secret, with `extra` on top (an
    /// empty value unsets a variable).
    fn start(&self, extra: &[(&str, &str)]) -> Service {
        Service::spawn(self.command(extra))
    }

    fn command(&self, extra: &[(&str, &str)]) -> Command {
        let pg = postgres();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_petstore"));
        cmd.env_clear().envs([
            ("PORT", "0"),
            ("STORE", "postgres"),
            ("PGHOST", pg.host.as_str()),
            ("PGPORT", &pg.port.to_string()),
            ("PGDATABASE", &self.role),
            ("PGSSLMODE", "disable"),
            ("PGPASSWORD_SECRET_ARN", &self.secret_arn),
            // One connection: the test knows which one the server cuts.
            ("PG_POOL_MAX", "1"),
            // Only the requests open connections; a background check would race them.
            ("TABLE_CHECK_INTERVAL_SECONDS", "3600"),
            ("AWS_ACCESS_KEY_ID", "testing"),
            ("AWS_SECRET_ACCESS_KEY", "testing"),
            ("AWS_EC2_METADATA_DISABLED", "true"),
            ("AWS_ENDPOINT_URL_SECRETS_MANAGER", &moto()),
        ]);
        for (k, v) in extra {
            cmd.env(k, v);
        }
        cmd
    }

    async fn alter_password(&self, password: &str) {
        postgres()
            .connect("postgres")
            .await
            .batch_execute(&format!("ALTER ROLE {} PASSWORD '{password}'", self.role))
            .await
            .expect("ALTER ROLE");
    }

    async fn put_secret(&self, text: &str) {
        secrets()
            .put_secret_value()
            .secret_id(&self.secret_arn)
            .secret_string(text)
            .send()
            .await
            .expect("moto stores the new version");
    }

    /// The role's sessions on the server.
    async fn sessions(&self) -> i64 {
        postgres()
            .connect("postgres")
            .await
            .query_one(
                "SELECT count(*) FROM pg_stat_activity WHERE usename = $1",
                &[&self.role],
            )
            .await
            .expect("pg_stat_activity")
            .get(0)
    }

    /// End every session of the role, as a failover or a restart does, and wait until the
    /// server has none left.
    async fn cut_sessions(&self) {
        postgres()
            .connect("postgres")
            .await
            .query(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1",
                &[&self.role],
            )
            .await
            .expect("pg_terminate_backend");
        let start = Instant::now();
        while self.sessions().await > 0 {
            assert!(start.elapsed() < Duration::from_secs(10), "sessions linger");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

fn lines_with(svc: &Service, msg: &str) -> Vec<serde_json::Value> {
    svc.log().into_iter().filter(|l| l["msg"] == msg).collect()
}

/// No log line holds any of `passwords`.
fn never_logged(svc: &Service, passwords: &[&str]) {
    let text = svc.lines.lock().expect("lines").join("\n");
    for p in passwords {
        assert!(!text.contains(p), "the log holds a password: {text}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_rotated_password_is_read_from_the_secret_and_new_connections_use_it() {
    let db = Rotating::new("password-a").await;
    // As ECS starts a task: PGUSER and PGPASSWORD from the secret, and the secret's ARN.
    let svc = db.start(&[("PGUSER", &db.role), ("PGPASSWORD", "password-a")]);
    assert_eq!(
        get(&svc.url("/health")).await.status,
        200,
        "{:?}",
        svc.log()
    );
    let before = svc.url("/petstore/pets/before");
    assert_eq!(post_json(&before, r#"{"name":"Rex"}"#).await.status, 201);
    assert_eq!(get(&before).await.status, 200);
    // Given at start: the secret has not been read.
    assert!(lines_with(&svc, "database credentials refreshed").is_empty());

    // RDS's rotation: the role's password and the secret change; the session already open
    // would keep working, so the server cuts it, and the pool must open a new one.
    db.alter_password("password-b").await;
    db.put_secret(&login_json(&db.role, "password-b")).await;
    db.cut_sessions().await;

    // The next request opens a new connection: refused with password A (28P01), the secret
    // is read, and the same connection is opened again with B, within the request. Only if
    // the service has not yet seen its old connection closed does the request use that one
    // and get a 503 (the connection is dropped then); the request after it opens the new
    // one. A 500 (the refused password) never reaches a client.
    let first = get(&before).await;
    let answer = if first.status == 503 {
        assert_eq!(first.json()["error"], "datastore_unavailable");
        get(&before).await
    } else {
        first
    };
    assert_eq!(answer.status, 200, "{:?} {:?}", answer.body, svc.log());
    assert_eq!(answer.json()["name"], "Rex");
    let after = svc.url("/petstore/pets/after");
    assert_eq!(post_json(&after, r#"{"name":"Spot"}"#).await.status, 201);
    assert_eq!(get(&after).await.status, 200);
    assert_eq!(
        Datastore {
            kind: Kind::Postgres,
            name: db.role.clone()
        }
        .stored_name("after")
        .await
        .as_deref(),
        Some("Spot")
    );
    // Logged in again, with password B.
    assert_eq!(db.sessions().await, 1);

    let refreshed = lines_with(&svc, "database credentials refreshed");
    assert_eq!(refreshed.len(), 1, "{:?}", svc.log());
    assert_eq!(refreshed[0]["level"], "info");
    assert_eq!(refreshed[0]["reason"], "password refused");
    assert_eq!(refreshed[0]["user"], db.role.as_str());
    assert_eq!(refreshed[0]["secret"], db.secret_arn.as_str());
    assert!(lines_with(&svc, "database credentials unreadable").is_empty());
    assert!(!svc.log().iter().any(|l| l["status"] == 500));
    never_logged(&svc, &["password-a", "password-b"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stale_password_at_start_or_none_at_all_is_taken_from_the_secret() {
    let db = Rotating::new("password-new").await;

    // A task started with the password of before a rotation: the start check is refused, the
    // secret read, and the check passes within it, so the task comes up healthy.
    let stale = db.start(&[("PGUSER", &db.role), ("PGPASSWORD", "password-old")]);
    assert_eq!(
        get(&stale.url("/health")).await.status,
        200,
        "{:?}",
        stale.log()
    );
    let refreshed = lines_with(&stale, "database credentials refreshed");
    assert_eq!(refreshed.len(), 1, "{:?}", stale.log());
    assert_eq!(refreshed[0]["reason"], "password refused");
    assert!(lines_with(&stale, "table check failed").is_empty());
    let url = stale.url("/petstore/pets/stale");
    assert_eq!(post_json(&url, r#"{"name":"Rex"}"#).await.status, 201);
    never_logged(&stale, &["password-old", "password-new"]);

    // Neither PGUSER nor PGPASSWORD: both are read from the secret at start.
    let none = db.start(&[]);
    assert_eq!(
        get(&none.url("/health")).await.status,
        200,
        "{:?}",
        none.log()
    );
    let refreshed = lines_with(&none, "database credentials refreshed");
    assert_eq!(refreshed.len(), 1, "{:?}", none.log());
    assert_eq!(refreshed[0]["reason"], "start");
    assert_eq!(refreshed[0]["user"], db.role.as_str());
    assert_eq!(get(&none.url("/petstore/pets/stale")).await.status, 200);
    never_logged(&none, &["password-new"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_secret_without_a_password_or_that_cannot_be_read_is_a_clear_error() {
    let db = Rotating::new("password-a").await;
    db.put_secret(&serde_json::json!({ "username": db.role }).to_string())
        .await;
    let missing_arn = db.secret_arn.replace("rds!", "no-such-secret-");
    // (the secret's ARN, what the error says)
    for (arn, says) in [
        (db.secret_arn.as_str(), "its JSON has no \"password\""),
        (missing_arn.as_str(), "ResourceNotFoundException"),
    ] {
        let svc = db.start(&[("PGPASSWORD_SECRET_ARN", arn)]);
        let unreadable = lines_with(&svc, "database credentials unreadable");
        assert_eq!(unreadable.len(), 1, "{arn}: {:?}", svc.log());
        assert_eq!(unreadable[0]["level"], "error");
        assert_eq!(unreadable[0]["reason"], "start");
        let error = unreadable[0]["error"].as_str().unwrap_or_default();
        assert!(error.contains(arn) && error.contains(says), "{error}");
        // No credentials: the table cannot be read, as with a wrong password.
        let health = get(&svc.url("/health")).await;
        assert_eq!(health.status, 503, "{arn}");
        assert_eq!(health.json()["error"], "table_unreadable");
        let failed = lines_with(&svc, "table check failed");
        assert_eq!(failed.len(), 1, "{arn}: {:?}", svc.log());
        let error = failed[0]["error"].as_str().unwrap_or_default();
        assert!(
            error.contains("no database credentials") && error.contains(says),
            "{error}"
        );
        let answer = get(&svc.url("/petstore/pets/1")).await;
        assert_eq!(answer.status, 500, "{arn}");
        never_logged(&svc, &["password-a"]);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_password_wrong_in_the_secret_too_reads_it_once_per_interval() {
    let db = Rotating::new("password-right").await;
    db.put_secret(&login_json(&db.role, "password-wrong")).await;
    let started = Instant::now();
    let svc = db.start(&[("PGUSER", &db.role), ("PGPASSWORD", "password-wrong")]);
    let health = get(&svc.url("/health")).await;
    assert_eq!(health.status, 503);
    assert_eq!(health.json()["error"], "table_unreadable");
    // Every request opens a connection and is refused; the secret is read at the first
    // refusal (the start check) and then not again within the interval.
    for _ in 0..10 {
        let answer = get(&svc.url("/petstore/pets/1")).await;
        assert_eq!(answer.status, 500);
    }
    let reads = lines_with(&svc, "database credentials unchanged").len();
    let allowed =
        1 + (started.elapsed().as_secs_f64() / MIN_REREAD_INTERVAL.as_secs_f64()) as usize;
    assert!(
        (1..=allowed).contains(&reads),
        "{reads} reads in {:?}: {:?}",
        started.elapsed(),
        svc.log()
    );
    let unchanged = &lines_with(&svc, "database credentials unchanged")[0];
    assert_eq!(unchanged["level"], "warn");
    assert_eq!(unchanged["reason"], "password refused");

    // Fixed in the secret: the next read, once the interval has passed, takes it.
    db.put_secret(&login_json(&db.role, "password-right")).await;
    tokio::time::sleep(MIN_REREAD_INTERVAL).await;
    let url = svc.url("/petstore/pets/fixed");
    assert_eq!(post_json(&url, r#"{"name":"Rex"}"#).await.status, 201);
    assert_eq!(
        lines_with(&svc, "database credentials refreshed").len(),
        1,
        "{:?}",
        svc.log()
    );
    never_logged(&svc, &["password-wrong", "password-right"]);
}

#[test]
fn the_secret_with_dynamodb_is_a_configuration_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_petstore"))
        .env_clear()
        .envs([
            ("TABLE_NAME", "pets"),
            ("AWS_REGION", "us-east-1"),
            (
                "PGPASSWORD_SECRET_ARN",
                "arn:aws:secretsmanager:us-east-1:210987654321:secret:rds!x-AbCdEf",
            ),
        ])
        .output()
        .expect("the petstore binary runs");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("PGPASSWORD_SECRET_ARN") && stderr.contains("STORE"),
        "{stderr}"
    );
}
