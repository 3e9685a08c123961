//! How the service behaves when DynamoDB misbehaves, and when ECS stops it. A stand-in
//! DynamoDB (a real HTTP server speaking the DynamoDB JSON protocol) plays throttling, slow and
//! silent endpoints that moto cannot.

mod common;

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use common::*;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

/// How the stand-in answers.
#[derive(Clone, Copy)]
enum Behaviour {
    /// ProvisionedThroughputExceededException on every call.
    Throttle,
    /// A pet, after this long.
    SlowPet(Duration),
    /// A proxy's 503 with an HTML page.
    HtmlUnavailable,
}

async fn stand_in(behaviour: Behaviour) -> SocketAddr {
    let app = axum::Router::new().fallback(move |headers: HeaderMap| async move {
        let target = headers
            .get("x-amz-target")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let json = |status: StatusCode, body: serde_json::Value| -> Response {
            (
                status,
                [("content-type", "application/x-amz-json-1.0")],
                body.to_string(),
            )
                .into_response()
        };
        match behaviour {
            Behaviour::Throttle => json(
                StatusCode::BAD_REQUEST,
                serde_json::json!({
                    "__type": "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
                    "message": "The level of configured provisioned throughput for the table was exceeded."
                }),
            ),
            Behaviour::HtmlUnavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                [("content-type", "text/html")],
                "<html><body>Service Unavailable</body></html>",
            )
                .into_response(),
            Behaviour::SlowPet(delay) => {
                tokio::time::sleep(delay).await;
                assert!(target.ends_with("GetItem"), "{target}");
                json(
                    StatusCode::OK,
                    serde_json::json!({ "Item": {
                        "petId": { "S": "slow" },
                        "name": { "S": "Sloth" },
                        "createdAt": { "S": "2026-01-01T00:00:00.000Z" }
                    }}),
                )
            }
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    addr
}

/// The service's whole DynamoDB budget, plus scheduling slack.
const BOUNDED: Duration = Duration::from_millis(3500 + 1500);

#[tokio::test(flavor = "multi_thread")]
async fn throttling_is_503_with_a_json_error() {
    let addr = stand_in(Behaviour::Throttle).await;
    let svc = Service::start("pets", &format!("http://{addr}"));
    for answer in [
        get(&svc.url("/petstore/pets/1")).await,
        post_json(&svc.url("/petstore/pets/1"), r#"{"name":"Spot"}"#).await,
    ] {
        assert_eq!(answer.status, 503);
        assert_eq!(answer.json()["error"], "datastore_unavailable");
        assert_eq!(answer.headers["retry-after"], "1");
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let errors: Vec<_> = svc
        .log()
        .into_iter()
        .filter(|l| l["msg"] == "request" && l["level"] == "error")
        .collect();
    assert_eq!(errors.len(), 2);
    assert!(errors[0]["error"]
        .as_str()
        .is_some_and(|e| e.contains("ProvisionedThroughputExceeded")));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unreachable_endpoint_is_503_not_a_hang() {
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let svc = Service::start("pets", &format!("http://{closed}"));
    let start = Instant::now();
    let answer = get(&svc.url("/petstore/pets/1")).await;
    assert_eq!(answer.status, 503);
    assert!(start.elapsed() < BOUNDED, "took {:?}", start.elapsed());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_silent_endpoint_is_503_within_the_timeout() {
    // Accepts connections and never answers.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((sock, _)) = listener.accept().await {
            held.push(sock);
        }
    });
    let svc = Service::start("pets", &format!("http://{addr}"));
    let start = Instant::now();
    let answer = tokio::time::timeout(Duration::from_secs(15), get(&svc.url("/petstore/pets/1")))
        .await
        .expect("the service answers instead of hanging");
    assert_eq!(answer.status, 503);
    assert!(start.elapsed() < BOUNDED, "took {:?}", start.elapsed());
}

#[tokio::test(flavor = "multi_thread")]
async fn sigterm_drains_the_request_in_flight_then_exits_0() {
    let addr = stand_in(Behaviour::SlowPet(Duration::from_millis(1000))).await;
    let mut svc = Service::start("pets", &format!("http://{addr}"));
    let url = svc.url("/petstore/pets/slow");
    let in_flight = tokio::spawn(async move { get(&url).await });
    tokio::time::sleep(Duration::from_millis(300)).await;
    svc.terminate();
    tokio::time::sleep(Duration::from_millis(200)).await;

    // No new connections once draining has begun.
    let late = request("GET", &svc.url("/health"), &[], "").await;
    assert!(late.is_err(), "a new request was accepted after SIGTERM");

    let answer = in_flight.await.expect("the request task");
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json()["name"], "Sloth");
    let status = svc
        .wait_exit(Duration::from_secs(10))
        .expect("the service exits after draining");
    assert_eq!(status.code(), Some(0));
    let log = svc.log();
    assert!(log
        .iter()
        .any(|l| l["msg"] == "draining" && l["signal"] == "SIGTERM"));
    assert_eq!(log.last().map(|l| l["msg"].clone()), Some("stopped".into()));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_proxy_5xx_page_is_503_too() {
    let addr = stand_in(Behaviour::HtmlUnavailable).await;
    let svc = Service::start("pets", &format!("http://{addr}"));
    let answer = get(&svc.url("/petstore/pets/1")).await;
    assert_eq!(answer.status, 503);
    assert_eq!(answer.json()["error"], "datastore_unavailable");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_request_the_client_abandons_is_still_logged() {
    let addr = stand_in(Behaviour::SlowPet(Duration::from_millis(1000))).await;
    let svc = Service::start("pets", &format!("http://{addr}"));
    let url = svc.url("/petstore/pets/slow");
    let _ = tokio::time::timeout(Duration::from_millis(200), get(&url)).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let aborted: Vec<_> = svc
        .log()
        .into_iter()
        .filter(|l| l["msg"] == "request aborted")
        .collect();
    assert_eq!(aborted.len(), 1, "{:?}", svc.log());
    assert_eq!(aborted[0]["status"], 499);
    assert_eq!(aborted[0]["route"], "/petstore/pets/{petId}");
}
