//! `petstore healthcheck`: the ECS container health check. The image has no shell and no
//! curl, so the binary probes its own `/health` over loopback.

use http_body_util::Empty;
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use std::process::ExitCode;
use std::time::Duration;

/// Well inside the container health check's own timeout (5 s in the rendered task).
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

pub fn run() -> ExitCode {
    let port = match crate::config::port_from_env() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("petstore healthcheck: {e}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("petstore healthcheck: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(probe(port)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("petstore healthcheck: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn probe(port: u16) -> Result<(), String> {
    let url = format!("http://127.0.0.1:{port}/health");
    let uri: hyper::Uri = url.parse().map_err(|e| format!("bad URL {url}: {e}"))?;
    let client: Client<_, Empty<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    let answer = tokio::time::timeout(PROBE_TIMEOUT, client.get(uri))
        .await
        .map_err(|_| format!("{url} did not answer within {PROBE_TIMEOUT:?}"))?
        .map_err(|e| format!("{url}: {e}"))?;
    if answer.status() == hyper::StatusCode::OK {
        Ok(())
    } else {
        Err(format!("{url} answered {}", answer.status()))
    }
}
