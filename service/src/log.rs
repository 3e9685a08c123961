//! One JSON object per line on stdout, which the awslogs driver ships to CloudWatch. `level`
//! is `error` for 5xx answers and failures, so a metric filter on `$.level = "error"` counts
//! them.

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use serde_json::{Map, Value};
use std::io::Write;
use std::time::Instant;

/// Headers that carry the caller's request id: API Gateway's, mapped onto the integration
/// request by the stack, then the common conventions.
const REQUEST_ID_HEADERS: &[&str] = &["x-request-id", "apigw-requestid", "x-amzn-requestid"];

/// Write one log line. A closed or full stdout must never take the service down, so write
/// errors are ignored.
pub fn event(level: &str, msg: &str, fields: &[(&str, Value)]) {
    let mut line = Map::new();
    line.insert("time".into(), now_rfc3339().into());
    line.insert("level".into(), level.into());
    line.insert("msg".into(), msg.into());
    for (k, v) in fields {
        line.insert((*k).into(), v.clone());
    }
    let mut out = std::io::stdout().lock();
    let _ = serde_json::to_writer(&mut out, &Value::Object(line));
    let _ = out.write_all(b"\n");
    let _ = out.flush();
}

pub fn now_rfc3339() -> String {
    humantime::format_rfc3339_millis(std::time::SystemTime::now()).to_string()
}

/// Middleware: log method, route, status, latency and request id of every request.
pub async fn requests(req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().to_string();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string());
    let path = req.uri().path().to_string();
    let request_id = REQUEST_ID_HEADERS
        .iter()
        .find_map(|h| req.headers().get(*h))
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let trace_id = req
        .headers()
        .get("x-amzn-trace-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let response = next.run(req).await;
    let status = response.status();
    let mut fields: Vec<(&str, Value)> = vec![
        ("method", method.into()),
        ("route", route.map(Value::from).unwrap_or(Value::Null)),
        ("path", path.into()),
        ("status", status.as_u16().into()),
        (
            "latency_ms",
            ((start.elapsed().as_secs_f64() * 1000.0 * 1000.0).round() / 1000.0).into(),
        ),
    ];
    if let Some(id) = request_id {
        fields.push(("request_id", id.into()));
    }
    if let Some(id) = trace_id {
        fields.push(("trace_id", id.into()));
    }
    if let Some(cause) = response.extensions().get::<FailureCause>() {
        fields.push(("error", cause.0.clone().into()));
    }
    let level = if status.is_server_error() {
        "error"
    } else {
        "info"
    };
    event(level, "request", &fields);
    response
}

/// Why a request failed, attached to the response for the log line (never sent to clients).
#[derive(Clone)]
pub struct FailureCause(pub String);
