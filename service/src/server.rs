//! The HTTP/1.1 server: a bounded number of connections, bounded time to send headers (which
//! also closes idle keep-alive connections), and a graceful stop on SIGTERM that finishes the
//! requests in flight within a drain limit.
//!
//! HTTP/1.1 only: API Gateway's VPC link (and an ALB) speak HTTP/1.1 to the tasks, so another
//! protocol would only be untested surface.

use crate::log;
use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};

/// Connections served at once; the next one waits in the listen backlog.
pub const MAX_CONNECTIONS: usize = 2048;
/// Time a client gets to send a request's headers, including the wait for the next request
/// on a kept-alive connection. Longer than an ALB's default 60 s idle timeout, so the load
/// balancer, not the task, closes idle connections (a race there would be a 502).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(65);

/// Serve `app` on `listener` until `stop` turns true, then drain for at most `drain_limit`.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    mut stop: watch::Receiver<bool>,
    drain_limit: Duration,
) {
    let graceful = GracefulShutdown::new();
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let permit = tokio::select! {
            p = slots.clone().acquire_owned() => match p {
                Ok(p) => p,
                Err(_) => break,
            },
            _ = stop.wait_for(|s| *s) => break,
        };
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = stop.wait_for(|s| *s) => break,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(e) => {
                // Out of file descriptors and the like: back off instead of spinning.
                log::event("error", "accept failed", &[("error", e.to_string().into())]);
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        // Answers are small and written in one piece: send them at once instead of letting
        // Nagle's algorithm hold them back for the client's ACK.
        let _ = stream.set_nodelay(true);
        let connection = http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_TIMEOUT)
            .keep_alive(true)
            .serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
            drop(permit);
        });
    }
    // No new connections from here; kept-alive ones close after their current request.
    drop(listener);
    tokio::select! {
        _ = graceful.shutdown() => {}
        _ = tokio::time::sleep(drain_limit) => {
            log::event("warn", "drain limit reached; exiting with requests in flight", &[]);
        }
    }
}
