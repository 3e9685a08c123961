//! `petstore`: the pet service behind the petstore stack's API.
//!
//! `GET /petstore/pets/{petId}` reads a pet, `POST /petstore/pets/{petId}` stores a new one,
//! `GET /health` reports the last background check of the table (see [`health`]) without
//! waiting on the datastore. Everything else is a JSON 404 or 405. The pets are kept in
//! DynamoDB or in PostgreSQL (`STORE`, see [`store`]), with the same answers over either.
//! Configuration comes from the environment (see [`config`]); `petstore healthcheck` probes
//! `/health` for the ECS container health check, in an image that has no shell and no curl.

mod app;
mod config;
mod contract;
mod health;
mod healthcheck;
mod log;
mod pets;
mod server;
mod store;

use std::process::ExitCode;
use std::time::Duration;

const USAGE: &str = "usage: petstore [serve | healthcheck | --version]

  serve        run the HTTP service (the default)
  healthcheck  GET http://127.0.0.1:$PORT/health; exit 0 when it answers 200

environment:
  STORE        where the pets are kept: dynamodb (the default) or postgres
  PORT         the port to listen on (default 8080)
  REQUEST_TIMEOUT_MS  answer 408 to a request not done in this time (default 10000)
  MAX_CONNECTIONS     connections served at once (default 2048); when all are taken,
                      the one idle the longest is closed for the next
  TABLE_CHECK_INTERVAL_SECONDS  how often /health re-reads the table (default 10)
  SHUTDOWN_DELAY_SECONDS  keep serving this long after SIGTERM, /health answering 503,
                      before draining (default 5, at most 20; delay and drain end
                      within ECS's 30 s stop timeout)

STORE=dynamodb:
  TABLE_NAME   the DynamoDB table holding the pets (required)
  CONSISTENT_READS    true: strongly consistent reads, at twice the read cost
                      (default false: a pet never changes once stored)
  AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, credentials: the AWS SDK's own

STORE=postgres (the table `pets` in PGDATABASE, created at start if missing):
  PGHOST       the server (required); several, comma-separated, are tried in order
  PGPORT       its port (default 5432)
  PGDATABASE   the database (default: PGUSER)
  PGUSER, PGPASSWORD  the credentials (PGUSER required unless PGPASSWORD_SECRET_ARN is set)
  PGPASSWORD_SECRET_ARN  the ARN of a Secrets Manager secret holding them as JSON with
               the keys username and password (RDS's managed master password):
               read at start when PGPASSWORD is unset, and again when the server
               refuses them (after RDS rotates the secret), at most once per 5 s; new
               connections then use the secret's. Needs secretsmanager:GetSecretValue
               (and kms:Decrypt under a customer-managed key). STORE=postgres only
  PGSSLMODE    verify-full (the default): TLS, the CA and the host name checked;
               verify-ca: TLS, the CA checked; require: TLS, nothing checked (checks the
               CA as verify-ca when PGSSLROOTCERT is set); disable: no TLS (local tests)
  PGSSLROOTCERT  a PEM file of the CAs to trust (default: the system's bundle)
  PG_POOL_MAX  connections held at most (default 5)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None | Some("serve") if args.len() <= 1 => serve(),
        Some("healthcheck") if args.len() == 1 => healthcheck::run(),
        Some("--version" | "-V") => {
            println!("petstore {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some("--help" | "-h") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("petstore: unexpected arguments {args:?}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn serve() -> ExitCode {
    let config = match config::Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("petstore: {e}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("petstore: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let code = match runtime.block_on(run(config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Config(e)) => {
            eprintln!("petstore: {e}");
            ExitCode::from(2)
        }
        Err(Failure::Runtime(e)) => {
            log::event("error", "stopped", &[("error", e.as_str().into())]);
            eprintln!("petstore: {e}");
            ExitCode::FAILURE
        }
    };
    // Blocking work still running (an SDK's DNS lookup against a broken resolver) must not
    // hold the exit past ECS's stop timeout, and the log must go out first.
    runtime.shutdown_timeout(Duration::from_millis(200));
    log::flush(Duration::from_secs(1));
    code
}

/// Why the service stopped.
enum Failure {
    /// The environment is wrong: exit 2, like any other configuration error.
    Config(String),
    Runtime(String),
}

async fn run(config: config::Config) -> Result<(), Failure> {
    // Listen for SIGTERM before anything else, so a stop during start-up is a clean exit.
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let signal = tokio::spawn(shutdown_signal());
    let store = store::Store::connect(&config.store)
        .await
        .map_err(Failure::Config)?;
    // Before listening, so the first `/health` already knows whether the table can be read.
    let health = health::Health::default();
    health::check_table(&store, &health).await;
    let listener = tokio::net::TcpListener::bind(("0.0.0.0", config.port))
        .await
        .map_err(|e| Failure::Runtime(format!("cannot listen on port {}: {e}", config.port)))?;
    let addr = listener
        .local_addr()
        .map_err(|e| Failure::Runtime(format!("cannot read the listening address: {e}")))?;
    let mut fields = vec![
        ("addr", addr.to_string().into()),
        ("table", store.table().into()),
        ("max_connections", config.max_connections.into()),
    ];
    match &config.store {
        config::StoreConfig::Dynamodb {
            consistent_reads, ..
        } => {
            fields.push(("store", "dynamodb".into()));
            fields.push(("consistent_reads", (*consistent_reads).into()));
        }
        config::StoreConfig::Postgres(pg) => {
            fields.push(("store", "postgres".into()));
            fields.push(("database", pg.dbname.clone().into()));
            fields.push(("sslmode", pg.ssl_mode.name().into()));
            fields.push(("pool_max", pg.pool_max.into()));
            fields.push((
                "password_secret",
                pg.password_secret
                    .as_ref()
                    .map(|s| s.arn.clone().into())
                    .unwrap_or(serde_json::Value::Null),
            ));
        }
    }
    log::event("info", "listening", &fields);
    tokio::spawn(health::watch_table(
        store.clone(),
        health.clone(),
        config.table_check_interval,
    ));
    let server = tokio::spawn(server::serve(
        listener,
        app::router(store, health.clone(), config.request_timeout),
        config.max_connections,
        stop_rx,
        config.drain_limit(),
    ));
    let name = signal.await.unwrap_or("SIGTERM");
    health.set_stopping();
    // ECS deregisters the task from Cloud Map (or the load balancer) as it sends SIGTERM, but
    // callers may still hold its address for a few seconds: keep serving them meanwhile, with
    // `/health` saying the task is going. A Ctrl-C has no such callers.
    if name == "SIGTERM" && !config.shutdown_delay.is_zero() {
        log::event(
            "info",
            "stopping",
            &[
                ("signal", name.into()),
                ("delay_s", config.shutdown_delay.as_secs().into()),
            ],
        );
        tokio::time::sleep(config.shutdown_delay).await;
    }
    log::event("info", "draining", &[("signal", name.into())]);
    let _ = stop_tx.send(true);
    let _ = server.await;
    log::event("info", "stopped", &[]);
    Ok(())
}

/// Wait for SIGTERM (ECS stopping the task) or SIGINT (Ctrl-C); returns its name.
async fn shutdown_signal() -> &'static str {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = match signal(SignalKind::terminate()) {
        Ok(s) => s,
        Err(_) => {
            let _ = tokio::signal::ctrl_c().await;
            return "SIGINT";
        }
    };
    tokio::select! {
        _ = term.recv() => "SIGTERM",
        _ = tokio::signal::ctrl_c() => "SIGINT",
    }
}
