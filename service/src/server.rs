//! The HTTP/1.1 server: a bounded number of connections, bounded time to send headers (which
//! also closes idle keep-alive connections), and a graceful stop that finishes the requests in
//! flight within a drain limit.
//!
//! When every connection slot is taken, the connection that has been idle the longest is
//! closed to make room for the new one. Otherwise idle connections (a client's pool, or a
//! flood of connections that never send anything) would hold every slot until the header
//! timeout, and a fresh `/health` probe would wait in the listen backlog behind them.
//! Shedding needs no reserved capacity and no knowledge of which path a new connection will
//! ask for; it only closes connections that are between requests, or that have not finished
//! their first request's headers, so no answer is ever cut off. When every slot is busy with
//! a request, the new connection waits for one, as before: those end within the request
//! timeout.
//!
//! HTTP/1.1 only: API Gateway's VPC link (and an ALB) speak HTTP/1.1 to the tasks, so another
//! protocol would only be untested surface.

use crate::log;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify, OwnedSemaphorePermit, Semaphore, TryAcquireError};

/// Time a client gets to send a request's headers, including the wait for the next request
/// on a kept-alive connection. Longer than an ALB's default 60 s idle timeout, so the load
/// balancer, not the task, closes idle connections (a race there would be a 502).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(65);

/// While a new connection waits for a slot, another idle connection is asked to close this
/// often (the first one asked may have been finishing an answer to a slow reader).
const SHED_RETRY: Duration = Duration::from_millis(100);

/// At most one "connection limit reached" line this often.
const SHED_WARNING_EVERY: Duration = Duration::from_secs(60);

/// Serve `app` on `listener`, at most `max_connections` at once, until `stop` turns true; then
/// close idle connections and give the requests in flight at most `drain_limit`.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    max_connections: usize,
    mut stop: watch::Receiver<bool>,
    drain_limit: Duration,
) {
    let slots = Arc::new(Semaphore::new(max_connections));
    let conns = Arc::new(Registry::default());
    let mut next_id: u64 = 0;
    let mut last_warning: Option<Instant> = None;
    loop {
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
        let permit = match slots.clone().try_acquire_owned() {
            Ok(permit) => permit,
            Err(TryAcquireError::Closed) => break,
            Err(TryAcquireError::NoPermits) => {
                if last_warning.is_none_or(|t| t.elapsed() >= SHED_WARNING_EVERY) {
                    log::event(
                        "warn",
                        "connection limit reached; closing idle connections to make room",
                        &[("max_connections", max_connections.into())],
                    );
                    last_warning = Some(Instant::now());
                }
                match make_room(&slots, &conns, &mut stop).await {
                    Some(permit) => permit,
                    None => break,
                }
            }
        };
        // Answers are small and written in one piece: send them at once instead of letting
        // Nagle's algorithm hold them back for the client's ACK.
        let _ = stream.set_nodelay(true);
        next_id += 1;
        let id = next_id;
        let conn = conns.add(id);
        let service = {
            let conn = conn.clone();
            let app = TowerToHyperService::new(app.clone());
            hyper::service::service_fn(move |req: hyper::Request<Incoming>| {
                let active = Active::begin(conn.clone());
                let answer = hyper::service::Service::call(&app, req);
                async move {
                    let answer = answer.await;
                    drop(active);
                    answer
                }
            })
        };
        let connection = http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_TIMEOUT)
            .keep_alive(true)
            .serve_connection(TokioIo::new(stream), service);
        // Leaves the registry and frees the slot however the task ends, a panic included.
        let registered = Registered {
            conns: conns.clone(),
            id,
            _permit: permit,
        };
        tokio::spawn(async move {
            let _registered = registered;
            let mut connection = std::pin::pin!(connection);
            let result = loop {
                tokio::select! {
                    // The connection first: a request already waiting in the socket is read
                    // and reaches the service before a close is looked at, so it is answered.
                    biased;
                    result = connection.as_mut() => break result,
                    _ = conn.close.notified() => {
                        // No request has reached the service, so there is no answer to
                        // finish; hyper would wait for the headers until HEADER_TIMEOUT.
                        // (The service is called from within the connection's poll, on this
                        // task, so the count cannot change under us.)
                        if conn.requests.load(Ordering::SeqCst) == 0 {
                            break Ok(());
                        }
                        // Closes at once between requests, else once the answer is written.
                        connection.as_mut().graceful_shutdown();
                    }
                }
            };
            if let Err(e) = result {
                log::refused(&e);
            }
        });
    }
    // No new connections from here; kept-alive ones close after their current request, and
    // ones that never finished a request's headers close at once.
    drop(listener);
    conns.close_all();
    let all = u32::try_from(max_connections).unwrap_or(u32::MAX);
    tokio::select! {
        // Every slot back: every connection has closed.
        _ = slots.acquire_many(all) => {}
        _ = tokio::time::sleep(drain_limit) => {
            log::event("warn", "drain limit reached; exiting with requests in flight", &[]);
        }
    }
}

/// Every slot is taken: ask the connection idle the longest to close, and wait for a slot.
/// `None` when the server stops first.
async fn make_room(
    slots: &Arc<Semaphore>,
    conns: &Registry,
    stop: &mut watch::Receiver<bool>,
) -> Option<OwnedSemaphorePermit> {
    loop {
        conns.shed_idlest();
        tokio::select! {
            permit = slots.clone().acquire_owned() => return permit.ok(),
            _ = stop.wait_for(|s| *s) => return None,
            _ = tokio::time::sleep(SHED_RETRY) => {}
        }
    }
}

/// One connection, as the accept loop sees it.
struct Conn {
    /// Requests that reached the service. 0: the client has not finished a request's headers.
    requests: AtomicU64,
    /// Requests being answered now.
    in_flight: AtomicUsize,
    /// When a request last started or ended, in ms since `epoch`: the lowest is idle longest.
    last_active_ms: AtomicU64,
    epoch: Instant,
    /// Already asked to close.
    closing: AtomicBool,
    close: Notify,
}

impl Conn {
    fn touch(&self) {
        let ms = u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last_active_ms.store(ms, Ordering::SeqCst);
    }

    fn ask_to_close(&self) {
        if !self.closing.swap(true, Ordering::SeqCst) {
            // Stored if the connection's task is not waiting right now, so it is not lost.
            self.close.notify_one();
        }
    }
}

/// A connection's place in the registry and its slot, given up when dropped.
struct Registered {
    conns: Arc<Registry>,
    id: u64,
    _permit: OwnedSemaphorePermit,
}

impl Drop for Registered {
    fn drop(&mut self) {
        self.conns.remove(self.id);
    }
}

/// A request being answered on a connection; ends when dropped.
struct Active(Arc<Conn>);

impl Active {
    fn begin(conn: Arc<Conn>) -> Active {
        conn.requests.fetch_add(1, Ordering::SeqCst);
        conn.in_flight.fetch_add(1, Ordering::SeqCst);
        conn.touch();
        Active(conn)
    }
}

impl Drop for Active {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
        self.0.touch();
    }
}

/// The open connections.
struct Registry {
    epoch: Instant,
    conns: Mutex<HashMap<u64, Arc<Conn>>>,
}

impl Default for Registry {
    fn default() -> Registry {
        Registry {
            epoch: Instant::now(),
            conns: Mutex::new(HashMap::new()),
        }
    }
}

impl Registry {
    fn lock(&self) -> MutexGuard<'_, HashMap<u64, Arc<Conn>>> {
        // The map stays consistent whatever panicked while holding it.
        self.conns.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn add(&self, id: u64) -> Arc<Conn> {
        let conn = Arc::new(Conn {
            requests: AtomicU64::new(0),
            in_flight: AtomicUsize::new(0),
            last_active_ms: AtomicU64::new(0),
            epoch: self.epoch,
            closing: AtomicBool::new(false),
            close: Notify::new(),
        });
        conn.touch();
        self.lock().insert(id, conn.clone());
        conn
    }

    fn remove(&self, id: u64) {
        self.lock().remove(&id);
    }

    /// Ask the connection idle the longest, among those not answering a request and not
    /// already closing, to close. Connections are few thousand at most: a scan is cheap, and
    /// happens only when every slot is taken.
    fn shed_idlest(&self) {
        let conns = self.lock();
        let idlest = conns
            .values()
            .filter(|c| {
                !c.closing.load(Ordering::SeqCst) && c.in_flight.load(Ordering::SeqCst) == 0
            })
            .min_by_key(|c| c.last_active_ms.load(Ordering::SeqCst));
        if let Some(conn) = idlest {
            conn.ask_to_close();
        }
    }

    fn close_all(&self) {
        for conn in self.lock().values() {
            conn.ask_to_close();
        }
    }
}
