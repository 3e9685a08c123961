//! `petstore`: the pet service behind the petstore stack's API.
//!
//! `GET /petstore/pets/{petId}` reads a pet, `POST /petstore/pets/{petId}` stores a new one,
//! `GET /health` answers without touching DynamoDB. Everything else is a JSON 404 or 405.
//! Configuration comes from the environment (see [`config`]); `petstore healthcheck` probes
//! `/health` for the ECS container health check, in an image that has no shell and no curl.

mod app;
mod config;
mod contract;
mod healthcheck;
mod log;
mod pets;
mod store;

use std::process::ExitCode;
use std::time::Duration;

/// ECS sends SIGTERM, then SIGKILL after `stopTimeout` (30 s by default). In-flight requests
/// get this long to finish, which leaves a margin inside the default.
const DRAIN_LIMIT: Duration = Duration::from_secs(20);

const USAGE: &str = "usage: petstore [serve | healthcheck | --version]

  serve        run the HTTP service (the default)
  healthcheck  GET http://127.0.0.1:$PORT/health; exit 0 when it answers 200

environment:
  TABLE_NAME   the DynamoDB table holding the pets (required)
  PORT         the port to listen on (default 8080)
  AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, credentials: the AWS SDK's own";

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
    match runtime.block_on(run(config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            log::event("error", "stopped", &[("error", e.as_str().into())]);
            eprintln!("petstore: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(config: config::Config) -> Result<(), String> {
    let store = store::Store::connect(&config.table_name).await?;
    let listener = tokio::net::TcpListener::bind(("0.0.0.0", config.port))
        .await
        .map_err(|e| format!("cannot listen on port {}: {e}", config.port))?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("cannot read the listening address: {e}"))?;
    log::event(
        "info",
        "listening",
        &[
            ("addr", addr.to_string().into()),
            ("table", config.table_name.clone().into()),
        ],
    );

    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        let signal = shutdown_signal().await;
        log::event("info", "draining", &[("signal", signal.into())]);
        let _ = stop_tx.send(true);
    });
    let mut graceful = stop_rx.clone();
    let mut deadline = stop_rx;
    // Answers are small and written in one piece: send them at once instead of letting
    // Nagle's algorithm hold them back for the client's ACK.
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        let _ = tcp.set_nodelay(true);
    });
    let server = axum::serve(listener, app::router(store)).with_graceful_shutdown(async move {
        let _ = graceful.wait_for(|stop| *stop).await;
    });
    tokio::select! {
        result = server => result.map_err(|e| format!("server failed: {e}"))?,
        _ = async move {
            let _ = deadline.wait_for(|stop| *stop).await;
            tokio::time::sleep(DRAIN_LIMIT).await;
        } => {
            log::event("warn", "drain limit reached; exiting with requests in flight", &[]);
        }
    }
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
