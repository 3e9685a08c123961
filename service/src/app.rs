//! Routes, and the JSON answers for every outcome: nothing reaches a client as an empty or
//! plain-text error.

use crate::health::{Health, Verdict};
use crate::log::{self, ErrorCode, FailureCause};
use crate::pets::{check_pet_id, is_json_content_type, parse_new_pet, Pet};
use crate::store::{Store, StoreError};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use std::time::Duration;

/// Largest request body accepted; a pet is a name.
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// Longest path and query accepted. A pet's path is under 100 bytes; hyper's own limit is
/// 64 KiB, where it answers 414 itself, without a body.
pub const MAX_URI_BYTES: usize = 8 * 1024;

/// Most header bytes accepted (names, values and separators): an ALB's own limit for the whole
/// head. hyper refuses only heads of more than about 400 KiB (with a 431 of its own, without a
/// body), so this check, with its JSON answer, is the one clients meet.
pub const MAX_HEADER_BYTES: usize = 64 * 1024;

pub const PETS_ROUTE: &str = "/petstore/pets/{petId}";

/// The routes; every request gets `request_timeout` to finish.
pub fn router(store: Store, health_state: Health, request_timeout: Duration) -> Router {
    Router::new()
        .route(
            "/health",
            get(health)
                .fallback(method_not_allowed)
                .with_state::<Store>(health_state),
        )
        .route(
            PETS_ROUTE,
            get(get_pet).post(create_pet).fallback(method_not_allowed),
        )
        // `/petstore/pets/` is the pets route with an empty id, not an unknown path.
        .route(
            "/petstore/pets/",
            get(empty_pet_id)
                .post(empty_pet_id)
                .fallback(method_not_allowed),
        )
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn_with_state(
            request_timeout,
            bounded,
        ))
        .layer(axum::middleware::from_fn(log::requests))
        .with_state(store)
}

/// Refuse an oversized head, and a body declared too large before reading any of it (no
/// `100 Continue`), and give every request a deadline, so a client that stops sending cannot
/// hold a request open.
async fn bounded(State(timeout): State<Duration>, req: Request, next: Next) -> Response {
    let uri_bytes = req.uri().path_and_query().map_or(0, |p| p.as_str().len());
    if uri_bytes > MAX_URI_BYTES {
        return error(
            StatusCode::URI_TOO_LONG,
            "uri_too_long",
            format!("the path and query must be at most {MAX_URI_BYTES} bytes"),
        );
    }
    let header_bytes: usize = req
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len() + 4)
        .sum();
    if header_bytes > MAX_HEADER_BYTES {
        return error(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "headers_too_large",
            format!("the headers must be at most {MAX_HEADER_BYTES} bytes in all"),
        );
    }
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        return error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            format!("the body must be at most {MAX_BODY_BYTES} bytes"),
        );
    }
    match tokio::time::timeout(timeout, next.run(req)).await {
        Ok(response) => response,
        Err(_) => error(
            StatusCode::REQUEST_TIMEOUT,
            "request_timeout",
            format!("the request took longer than {} ms", timeout.as_millis()),
        ),
    }
}

/// A JSON error answer: `{"error": code, "message": ...}`.
fn error(status: StatusCode, code: &'static str, message: impl Into<String>) -> Response {
    let mut response = (
        status,
        Json(json!({ "error": code, "message": message.into() })),
    )
        .into_response();
    response.extensions_mut().insert(ErrorCode(code));
    response
}

fn store_error(err: StoreError) -> Response {
    let (status, code, public, cause) = match err {
        StoreError::Conflict => {
            return error(
                StatusCode::CONFLICT,
                "pet_exists",
                "a pet with this petId already exists",
            )
        }
        StoreError::Unavailable(cause) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "datastore_unavailable",
            "the pet datastore is unavailable; try again shortly",
            cause,
        ),
        StoreError::Failed(cause) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            "the pet datastore call failed",
            cause,
        ),
    };
    let mut response = error(status, code, public);
    if status == StatusCode::SERVICE_UNAVAILABLE {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
    }
    response.extensions_mut().insert(FailureCause(cause));
    response
}

/// 200 while the table's last check passed; 503 with the reason otherwise, and from SIGTERM on.
async fn health(State(health): State<Health>) -> Response {
    match health.verdict() {
        Verdict::Ready => Json(json!({ "status": "ok" })).into_response(),
        Verdict::Stopping => {
            let mut response = unhealthy(
                "stopping",
                "stopping",
                "the service is stopping; send requests to another task",
            );
            response.extensions_mut().insert(log::Level("info"));
            response
        }
        Verdict::Unhealthy(problem) => {
            let mut response = unhealthy("unhealthy", problem.code, problem.message);
            response
                .extensions_mut()
                .insert(FailureCause(problem.cause));
            response
        }
    }
}

/// A 503 from `/health`: the service's error format, with a `status` beside it.
fn unhealthy(status: &str, code: &'static str, message: &str) -> Response {
    let mut response = (
        StatusCode::SERVICE_UNAVAILABLE,
        Json(json!({ "status": status, "error": code, "message": message })),
    )
        .into_response();
    response.extensions_mut().insert(ErrorCode(code));
    response
}

/// The `petId` of the path, checked (bad percent-encoding included); the reason otherwise.
fn pet_id(path: Result<Path<String>, PathRejection>) -> Result<String, String> {
    let Ok(Path(id)) = path else {
        return Err("petId is not valid percent-encoded UTF-8".into());
    };
    check_pet_id(&id)?;
    Ok(id)
}

async fn get_pet(
    State(store): State<Store>,
    path: Result<Path<String>, PathRejection>,
) -> Response {
    let pet_id = match pet_id(path) {
        Ok(id) => id,
        Err(msg) => return error(StatusCode::BAD_REQUEST, "invalid_pet_id", msg),
    };
    match store.get(&pet_id).await {
        Ok(Some(pet)) => Json(pet).into_response(),
        Ok(None) => error(
            StatusCode::NOT_FOUND,
            "pet_not_found",
            format!("no pet with petId {pet_id:?}"),
        ),
        Err(e) => store_error(e),
    }
}

async fn create_pet(
    State(store): State<Store>,
    path: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let pet_id = match pet_id(path) {
        Ok(id) => id,
        Err(msg) => return error(StatusCode::BAD_REQUEST, "invalid_pet_id", msg),
    };
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if !is_json_content_type(content_type) {
        return error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "send the pet as UTF-8 JSON with Content-Type: application/json",
        );
    }
    let body = match body {
        Ok(b) => b,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "body_too_large",
                format!("the body must be at most {MAX_BODY_BYTES} bytes"),
            )
        }
        Err(rejection) => {
            return error(
                StatusCode::BAD_REQUEST,
                "unreadable_body",
                rejection.body_text(),
            )
        }
    };
    let name = match parse_new_pet(&body) {
        Ok(n) => n,
        Err(msg) => return error(StatusCode::BAD_REQUEST, "invalid_pet", msg),
    };
    let pet = Pet {
        pet_id,
        name,
        created_at: log::now_rfc3339(),
    };
    match store.create(&pet).await {
        Ok(()) => {
            let location = format!("/petstore/pets/{}", pet.pet_id);
            let mut response = (StatusCode::CREATED, Json(&pet)).into_response();
            if let Ok(v) = header::HeaderValue::from_str(&location) {
                response.headers_mut().insert(header::LOCATION, v);
            }
            response
        }
        Err(e) => store_error(e),
    }
}

async fn empty_pet_id() -> Response {
    error(
        StatusCode::BAD_REQUEST,
        "invalid_pet_id",
        "petId must be 1-64 characters long",
    )
}

async fn method_not_allowed(method: Method, uri: Uri) -> Response {
    error(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!("{method} is not allowed on {}", uri.path()),
    )
}

async fn not_found(method: Method, uri: Uri) -> Response {
    error(
        StatusCode::NOT_FOUND,
        "not_found",
        format!("no route for {method} {}", uri.path()),
    )
}
