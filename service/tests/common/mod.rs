//! Shared test plumbing: the DynamoDB-compatible server, the PostgreSQL server, a fresh
//! datastore of either kind per test, the service as a real process, and a real HTTP client.
#![allow(dead_code)]

use aws_sdk_dynamodb::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, KeySchemaElement, KeyType, ScalarAttributeType,
};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The endpoint of moto's server, started by `scripts/with-moto` (which `scripts/test` uses).
pub fn moto() -> String {
    std::env::var("PETSTORE_TEST_DYNAMODB").unwrap_or_else(|_| {
        panic!(
            "PETSTORE_TEST_DYNAMODB is not set: these tests need moto's DynamoDB server. \
             Run them with scripts/test, or `scripts/with-moto cargo test -p petstore`"
        )
    })
}

/// The PostgreSQL server started by `scripts/with-postgres` (which `scripts/test` uses), as
/// `postgres://USER:PASSWORD@HOST:PORT`.
pub fn postgres_url() -> String {
    std::env::var("PETSTORE_TEST_POSTGRES").unwrap_or_else(|_| {
        panic!(
            "PETSTORE_TEST_POSTGRES is not set: these tests need a PostgreSQL server. \
             Run them with scripts/test, or `scripts/with-postgres cargo test -p petstore`"
        )
    })
}

/// Where to reach the test server, parsed from [`postgres_url`].
pub struct PgServer {
    pub host: String,
    pub port: u16,
    pub user: String,
    pub password: String,
}

pub fn postgres() -> PgServer {
    let url = postgres_url();
    let rest = url
        .strip_prefix("postgres://")
        .expect("PETSTORE_TEST_POSTGRES starts with postgres://");
    let (auth, addr) = rest.rsplit_once('@').expect("USER:PASSWORD@HOST:PORT");
    let (user, password) = auth.split_once(':').unwrap_or((auth, ""));
    let (host, port) = addr.rsplit_once(':').expect("HOST:PORT");
    PgServer {
        host: host.to_string(),
        port: port.parse().expect("a port"),
        user: user.to_string(),
        password: password.to_string(),
    }
}

impl PgServer {
    /// The service's environment for database `db` on this server, without TLS.
    pub fn env(&self, db: &str) -> Vec<(String, String)> {
        [
            ("STORE", "postgres"),
            ("PGHOST", self.host.as_str()),
            ("PGPORT", &self.port.to_string()),
            ("PGUSER", self.user.as_str()),
            ("PGPASSWORD", self.password.as_str()),
            ("PGDATABASE", db),
            ("PGSSLMODE", "disable"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    /// A connection to database `db`, as the test's own client.
    pub async fn connect(&self, db: &str) -> tokio_postgres::Client {
        let (client, connection) = tokio_postgres::Config::new()
            .host(&self.host)
            .port(self.port)
            .user(&self.user)
            .password(&self.password)
            .dbname(db)
            .connect(tokio_postgres::NoTls)
            .await
            .expect("the test connects to PostgreSQL");
        tokio::spawn(connection);
        client
    }

    /// A new, empty database no other test uses.
    pub async fn create_database(&self) -> String {
        let name = fresh_table_name().replace('-', "_");
        self.connect("postgres")
            .await
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .await
            .expect("CREATE DATABASE");
        name
    }
}

/// Which datastore the service runs over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Dynamodb,
    Postgres,
}

/// A fresh, empty datastore for one test: a table of its own in moto, or a database of its own
/// in PostgreSQL (where the service creates the table).
pub struct Datastore {
    pub kind: Kind,
    /// The table's name in moto; the database's in PostgreSQL.
    pub name: String,
}

impl Datastore {
    pub async fn fresh(kind: Kind) -> Datastore {
        let name = match kind {
            Kind::Dynamodb => create_table().await,
            Kind::Postgres => postgres().create_database().await,
        };
        Datastore { kind, name }
    }

    /// The service's environment for this datastore.
    pub fn env(&self) -> Vec<(String, String)> {
        match self.kind {
            Kind::Dynamodb => dynamodb_env(&self.name, &moto()),
            Kind::Postgres => postgres().env(&self.name),
        }
    }

    pub fn start(&self) -> Service {
        self.start_with(&[])
    }

    /// [`Datastore::start`], with more environment variables.
    pub fn start_with(&self, extra: &[(&str, &str)]) -> Service {
        Service::spawn(self.command(extra))
    }

    /// The service's command line, not started yet.
    pub fn command(&self, extra: &[(&str, &str)]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_petstore"));
        cmd.env_clear().env("PORT", "0");
        for (k, v) in self.env() {
            cmd.env(k, v);
        }
        for (k, v) in extra {
            cmd.env(k, v);
        }
        cmd
    }

    /// The stored name of pet `id`, read straight from the datastore, under the contract's key.
    pub async fn stored_name(&self, id: &str) -> Option<String> {
        let key = contract()["hash_key"]
            .as_str()
            .expect("hash_key")
            .to_string();
        match self.kind {
            Kind::Dynamodb => sdk(&moto())
                .get_item()
                .table_name(&self.name)
                .key(&key, aws_sdk_dynamodb::types::AttributeValue::S(id.into()))
                .send()
                .await
                .expect("get_item")
                .item
                .map(|item| item["name"].as_s().expect("a string name").clone()),
            Kind::Postgres => postgres()
                .connect(&self.name)
                .await
                .query_opt(
                    &format!("SELECT name FROM pets WHERE \"{key}\" = $1"),
                    &[&id],
                )
                .await
                .expect("SELECT")
                .map(|row| row.get(0)),
        }
    }
}

/// The service's environment for DynamoDB table `table` at `endpoint`.
pub fn dynamodb_env(table: &str, endpoint: &str) -> Vec<(String, String)> {
    [
        ("TABLE_NAME", table),
        ("AWS_REGION", "us-east-1"),
        ("AWS_ACCESS_KEY_ID", "testing"),
        ("AWS_SECRET_ACCESS_KEY", "testing"),
        ("AWS_EC2_METADATA_DISABLED", "true"),
        ("AWS_ENDPOINT_URL_DYNAMODB", endpoint),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// Run `petstore healthcheck` against the service; its exit code.
pub fn healthcheck(svc: &Service) -> Option<i32> {
    Command::new(env!("CARGO_BIN_EXE_petstore"))
        .arg("healthcheck")
        .env_clear()
        .env("PORT", svc.addr.port().to_string())
        .output()
        .expect("healthcheck runs")
        .status
        .code()
}

/// The key schema the stack renders the table with.
pub fn contract() -> serde_json::Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../contracts/pets-table.json"
    ))
    .expect("contracts/pets-table.json");
    serde_json::from_str(&text).expect("the contract parses")
}

pub fn sdk(endpoint: &str) -> aws_sdk_dynamodb::Client {
    let http = aws_smithy_http_client::Builder::new()
        .tls_provider(aws_smithy_http_client::tls::Provider::Rustls(
            aws_smithy_http_client::tls::rustls_provider::CryptoMode::Ring,
        ))
        .build_https();
    let config = aws_sdk_dynamodb::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(endpoint)
        .credentials_provider(Credentials::new("testing", "testing", None, None, "tests"))
        .http_client(http)
        .build();
    aws_sdk_dynamodb::Client::from_conf(config)
}

static TABLES: AtomicU32 = AtomicU32::new(0);

/// A table name no other test uses.
pub fn fresh_table_name() -> String {
    format!(
        "pets-{}-{}",
        std::process::id(),
        TABLES.fetch_add(1, Ordering::SeqCst)
    )
}

/// A fresh table in moto, keyed as the contract says.
pub async fn create_table() -> String {
    let name = fresh_table_name();
    create_table_named(&name).await;
    name
}

/// The table `name` in moto, keyed as the contract says.
pub async fn create_table_named(name: &str) {
    let contract = contract();
    let key = contract["hash_key"].as_str().expect("hash_key").to_string();
    assert_eq!(contract["hash_key_type"], "S");
    sdk(&moto())
        .create_table()
        .table_name(name)
        .billing_mode(BillingMode::PayPerRequest)
        .attribute_definitions(
            AttributeDefinition::builder()
                .attribute_name(&key)
                .attribute_type(ScalarAttributeType::S)
                .build()
                .expect("attribute"),
        )
        .key_schema(
            KeySchemaElement::builder()
                .attribute_name(&key)
                .key_type(KeyType::Hash)
                .build()
                .expect("key"),
        )
        .send()
        .await
        .expect("moto creates the table");
}

/// The service, running as its own process.
pub struct Service {
    pub child: Child,
    pub addr: SocketAddr,
    /// Every line it has written to stdout.
    pub lines: Arc<Mutex<Vec<String>>>,
    /// The reader of its stdout: done once the process has closed it.
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Service {
    /// Start `petstore` against `endpoint` with `table`, on a free port.
    pub fn start(table: &str, endpoint: &str) -> Service {
        Self::start_with(table, endpoint, &[])
    }

    /// [`Service::start`], with more environment variables.
    pub fn start_with(table: &str, endpoint: &str, env: &[(&str, &str)]) -> Service {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_petstore"));
        cmd.env_clear().env("PORT", "0");
        for (k, v) in dynamodb_env(table, endpoint) {
            cmd.env(k, v);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        Self::spawn(cmd)
    }

    pub fn spawn(mut cmd: Command) -> Service {
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the petstore binary starts");
        let stdout = child.stdout.take().expect("stdout");
        let lines = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let sink = lines.clone();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) {
                    if v["msg"] == "listening" {
                        let _ = tx.send(v["addr"].as_str().unwrap_or_default().to_string());
                    }
                }
                sink.lock().expect("lines").push(line);
            }
        });
        let addr = rx
            .recv_timeout(Duration::from_secs(20))
            .expect("the service logs its listening address");
        let port: u16 = addr
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .expect("a port");
        Service {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
            lines,
            reader: Some(reader),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// The parsed JSON log lines so far.
    pub fn log(&self) -> Vec<serde_json::Value> {
        self.lines
            .lock()
            .expect("lines")
            .iter()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect()
    }

    /// Wait up to `limit` for a log line that `matches`; whether one came.
    pub async fn logged(
        &self,
        limit: Duration,
        matches: impl Fn(&serde_json::Value) -> bool,
    ) -> bool {
        let start = Instant::now();
        loop {
            if self.log().iter().any(&matches) {
                return true;
            }
            if start.elapsed() > limit {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Send SIGTERM, as ECS does when it stops a task.
    pub fn terminate(&self) {
        let ok = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill runs")
            .success();
        assert!(ok, "SIGTERM was delivered");
    }

    /// Wait for the process to exit, at most `limit`.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<std::process::ExitStatus> {
        let start = Instant::now();
        while start.elapsed() < limit {
            if let Ok(Some(status)) = self.child.try_wait() {
                // Every line it wrote is read before anyone looks at the log.
                if let Some(reader) = self.reader.take() {
                    let _ = reader.join();
                }
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An answer: status, headers and body.
pub struct Answer {
    pub status: u16,
    pub headers: hyper::HeaderMap,
    pub body: Bytes,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "status {}: body is not JSON ({e}): {:?}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }
}

/// One HTTP request over a fresh client.
pub async fn request(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: impl Into<Bytes>,
) -> Result<Answer, String> {
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    let mut req = hyper::Request::builder().method(method).uri(url);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let req = req
        .body(Full::new(body.into()))
        .map_err(|e| e.to_string())?;
    let resp = client.request(req).await.map_err(|e| format!("{e:?}"))?;
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let body = resp
        .into_body()
        .collect()
        .await
        .map_err(|e| e.to_string())?
        .to_bytes();
    Ok(Answer {
        status,
        headers,
        body,
    })
}

pub async fn get(url: &str) -> Answer {
    request("GET", url, &[], Bytes::new())
        .await
        .expect("GET is answered")
}

pub async fn post_json(url: &str, body: &str) -> Answer {
    request(
        "POST",
        url,
        &[("content-type", "application/json")],
        body.to_string(),
    )
    .await
    .expect("POST is answered")
}
