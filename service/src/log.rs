//! One JSON object per line on stdout, which the awslogs driver ships to CloudWatch. `level`
//! is `error` for 5xx answers and failures, so a metric filter on `$.level = "error"` counts
//! them.
//!
//! Lines go through a bounded queue to one writer thread. A stdout that stalls (a slow log
//! driver) then costs log lines, counted and reported once it drains, never a blocked
//! request or a stop that hangs.

use axum::extract::{MatchedPath, Request};
use axum::http::Extensions;
use axum::middleware::Next;
use axum::response::Response;
use serde_json::{Map, Value};
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender, TrySendError};
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Lines waiting for the writer thread; more are dropped.
const QUEUE: usize = 4096;
/// Longest request id kept; longer ones are cut (a log event has size limits).
const MAX_REQUEST_ID: usize = 128;

/// Headers that carry the caller's request id: the one the stack maps from API Gateway's own,
/// then common conventions.
const REQUEST_ID_HEADERS: &[&str] = &["x-request-id", "apigw-requestid", "x-amzn-requestid"];

enum Message {
    Line(Vec<u8>),
    /// Write everything queued so far, then answer.
    Flush(SyncSender<()>),
}

static QUEUE_TX: OnceLock<SyncSender<Message>> = OnceLock::new();
static DROPPED: AtomicU64 = AtomicU64::new(0);

fn writer(rx: Receiver<Message>) {
    let mut reported = 0;
    for message in rx {
        let mut out = std::io::stdout().lock();
        match message {
            Message::Line(line) => {
                let dropped = DROPPED.load(Ordering::Relaxed);
                if dropped > reported {
                    let note = serde_json::json!({
                        "time": now_rfc3339(), "level": "warn",
                        "msg": "log lines dropped while stdout was slow", "dropped": dropped - reported,
                    });
                    let _ = writeln!(out, "{note}");
                    reported = dropped;
                }
                // A closed or full stdout must never take the service down.
                let _ = out.write_all(&line);
                let _ = out.flush();
            }
            Message::Flush(done) => {
                let _ = out.flush();
                let _ = done.send(());
            }
        }
    }
}

fn queue() -> &'static SyncSender<Message> {
    QUEUE_TX.get_or_init(|| {
        let (tx, rx) = sync_channel(QUEUE);
        // If the thread cannot start, lines are dropped and counted, never blocking.
        let _ = std::thread::Builder::new()
            .name("log-writer".into())
            .spawn(move || writer(rx));
        tx
    })
}

/// Queue one log line.
pub fn event(level: &str, msg: &str, fields: &[(&str, Value)]) {
    let mut line = Map::new();
    line.insert("time".into(), now_rfc3339().into());
    line.insert("level".into(), level.into());
    line.insert("msg".into(), msg.into());
    for (k, v) in fields {
        line.insert((*k).into(), v.clone());
    }
    let mut bytes = serde_json::to_vec(&Value::Object(line)).unwrap_or_default();
    bytes.push(b'\n');
    if let Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) =
        queue().try_send(Message::Line(bytes))
    {
        DROPPED.fetch_add(1, Ordering::Relaxed);
    }
}

/// Give the writer up to `limit` to write what is queued (before the process exits).
pub fn flush(limit: Duration) {
    let (done_tx, done_rx) = sync_channel(1);
    if queue().try_send(Message::Flush(done_tx)).is_ok() {
        let _ = done_rx.recv_timeout(limit);
    }
}

/// The log line of a request that hyper refused before it reached the service (a malformed
/// request line or header, a head too large): hyper answers those itself, with an empty body,
/// and has no hook to change that, so at least the log shows them.
pub fn refused(err: &hyper::Error) {
    // An HTTP/2 preface gets no answer at all; timeouts and resets are not requests.
    if !err.is_parse() || err.is_parse_version_h2() {
        return;
    }
    let reason = err.to_string();
    let (status, code) = if !err.is_parse_too_large() {
        (400, "bad_request")
    } else if reason.contains("URI") {
        (414, "uri_too_long")
    } else {
        (431, "headers_too_large")
    };
    event(
        "info",
        "request",
        &[
            ("status", status.into()),
            ("error_code", code.into()),
            ("error", reason.into()),
        ],
    );
}

/// Now, RFC 3339 with milliseconds, UTC. A clock outside 1970-9999 is reported as the epoch
/// rather than trusted.
pub fn now_rfc3339() -> String {
    let now = SystemTime::now();
    let sane = now
        .duration_since(UNIX_EPOCH)
        .is_ok_and(|d| d.as_secs() < 253_402_300_800);
    humantime::format_rfc3339_millis(if sane { now } else { UNIX_EPOCH }).to_string()
}

/// The request's id: the last value of the first header that has one (API Gateway appends
/// its own after anything the client sent), cut to a sane length.
fn request_id(headers: &axum::http::HeaderMap) -> Option<String> {
    REQUEST_ID_HEADERS.iter().find_map(|h| {
        let last = headers.get_all(*h).iter().next_back()?.to_str().ok()?;
        let last = last.rsplit(',').next().unwrap_or(last).trim();
        (!last.is_empty()).then(|| last.chars().take(MAX_REQUEST_ID).collect())
    })
}

/// Why a request failed, attached to the response for the log line (never sent to clients).
#[derive(Clone)]
pub struct FailureCause(pub String);

/// The `error` code of a JSON error answer, attached to the response for the log line, so a
/// 4xx can be told apart from another without the body.
#[derive(Clone, Copy)]
pub struct ErrorCode(pub &'static str);

/// The level of the request's log line when its status alone would mislead: a 503 from
/// `/health` while the task stops is expected, not an error to count.
#[derive(Clone, Copy)]
pub struct Level(pub &'static str);

/// The log line of one request; written when the response is ready, or, if the client goes
/// away first, when the request is dropped.
struct RequestLog {
    start: Instant,
    fields: Vec<(&'static str, Value)>,
    written: bool,
}

impl RequestLog {
    fn write(&mut self, status: u16, response: Option<&Extensions>) {
        self.written = true;
        let mut fields = std::mem::take(&mut self.fields);
        fields.push(("status", status.into()));
        fields.push((
            "latency_ms",
            ((self.start.elapsed().as_secs_f64() * 1e6).round() / 1000.0).into(),
        ));
        if let Some(code) = response.and_then(|r| r.get::<ErrorCode>()) {
            fields.push(("error_code", code.0.into()));
        }
        if let Some(c) = response.and_then(|r| r.get::<FailureCause>()) {
            fields.push(("error", c.0.clone().into()));
        }
        let level = match response.and_then(|r| r.get::<Level>()) {
            Some(level) => level.0,
            None if status >= 500 => "error",
            None => "info",
        };
        let msg = if status == 499 {
            "request aborted"
        } else {
            "request"
        };
        event(level, msg, &fields);
    }
}

impl Drop for RequestLog {
    fn drop(&mut self) {
        if !self.written {
            // The client closed the connection (or the drain limit struck) before the answer.
            // Work already sent to DynamoDB may still complete: the line says it was cut off.
            self.write(499, None);
        }
    }
}

/// Middleware: log method, route, status, latency and request id of every request.
pub async fn requests(req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string());
    let mut fields: Vec<(&'static str, Value)> = vec![
        ("method", req.method().to_string().into()),
        ("route", route.map(Value::from).unwrap_or(Value::Null)),
        (
            "path",
            req.uri()
                .path()
                .chars()
                .take(512)
                .collect::<String>()
                .into(),
        ),
    ];
    if let Some(id) = request_id(req.headers()) {
        fields.push(("request_id", id.into()));
    }
    if let Some(t) = req
        .headers()
        .get("x-amzn-trace-id")
        .and_then(|v| v.to_str().ok())
    {
        fields.push((
            "trace_id",
            t.chars().take(MAX_REQUEST_ID).collect::<String>().into(),
        ));
    }
    let mut line = RequestLog {
        start: Instant::now(),
        fields,
        written: false,
    };
    let response = next.run(req).await;
    line.write(response.status().as_u16(), Some(response.extensions()));
    response
}

#[cfg(test)]
mod tests {
    use axum::http::{HeaderMap, HeaderValue};

    #[test]
    fn the_request_id_is_the_last_value_and_bounded() {
        let mut h = HeaderMap::new();
        assert_eq!(super::request_id(&h), None);
        h.append("x-request-id", HeaderValue::from_static("client-chosen"));
        h.append("x-request-id", HeaderValue::from_static("apigw-id"));
        assert_eq!(super::request_id(&h).as_deref(), Some("apigw-id"));
        let mut h = HeaderMap::new();
        h.insert("x-request-id", HeaderValue::from_static("client, apigw-id"));
        assert_eq!(super::request_id(&h).as_deref(), Some("apigw-id"));
        let long = "x".repeat(1000);
        h.insert("x-request-id", HeaderValue::from_str(&long).unwrap());
        assert_eq!(super::request_id(&h).map(|s| s.len()), Some(128));
    }
}
