//! How the service behaves when its datastore misbehaves, when clients hold connections, and
//! when ECS stops it. The tests that do not depend on DynamoDB's protocol run over both stores
//! (`dynamodb::NAME` and `postgres::NAME`); PostgreSQL's own failures are in `postgres.rs`. A
//! stand-in DynamoDB (a real HTTP server speaking the DynamoDB JSON protocol) plays throttling,
//! slow and silent endpoints that moto cannot; a proxy in front of moto plays an answer that
//! comes too late.

mod common;

use axum::body::Bytes;
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use common::*;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use std::net::SocketAddr;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// For each test body named, a `#[tokio::test]` in `mod dynamodb` and one in `mod postgres`.
macro_rules! on_both_stores {
    ($($name:ident),* $(,)?) => {
        mod dynamodb {
            $(
                #[tokio::test(flavor = "multi_thread")]
                async fn $name() {
                    super::$name(super::Kind::Dynamodb).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread")]
                async fn $name() {
                    super::$name(super::Kind::Postgres).await
                }
            )*
        }
    };
}

on_both_stores!(
    an_unreachable_endpoint_is_503_not_a_hang,
    a_silent_endpoint_is_503_within_the_timeout,
    idle_connections_at_the_limit_do_not_starve_health,
    after_sigterm_new_connections_are_served_until_the_delay_ends,
);

/// The service over `kind`'s datastore, pointed at `addr` instead of the real server.
async fn start_against(kind: Kind, addr: SocketAddr) -> Service {
    let store = Datastore::fresh(kind).await;
    let endpoint = format!("http://{addr}");
    let port = addr.port().to_string();
    match kind {
        Kind::Dynamodb => store.start_with(&[("AWS_ENDPOINT_URL_DYNAMODB", endpoint.as_str())]),
        Kind::Postgres => store.start_with(&[("PGHOST", "127.0.0.1"), ("PGPORT", port.as_str())]),
    }
}

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

async fn an_unreachable_endpoint_is_503_not_a_hang(kind: Kind) {
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let svc = start_against(kind, closed).await;
    let start = Instant::now();
    let answer = get(&svc.url("/petstore/pets/1")).await;
    assert_eq!(answer.status, 503);
    assert!(start.elapsed() < BOUNDED, "took {:?}", start.elapsed());
}

async fn a_silent_endpoint_is_503_within_the_timeout(kind: Kind) {
    // Accepts connections and never answers.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((sock, _)) = listener.accept().await {
            held.push(sock);
        }
    });
    let svc = start_against(kind, addr).await;
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
    // The drain is under test here; the delay before it has its own test below.
    let mut svc = Service::start_with(
        "pets",
        &format!("http://{addr}"),
        &[("SHUTDOWN_DELAY_SECONDS", "0")],
    );
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

/// A proxy in front of `upstream` (moto) that forwards every call at once but holds back the
/// answer to the first PutItem for `delay`: the put lands, its answer comes too late. Returns
/// its address and the number of PutItems it forwarded.
async fn late_answer_proxy(upstream: String, delay: Duration) -> (SocketAddr, Arc<AtomicUsize>) {
    let puts = Arc::new(AtomicUsize::new(0));
    let counter = puts.clone();
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    let app = axum::Router::new().fallback(move |uri: Uri, headers: HeaderMap, body: Bytes| {
        let client = client.clone();
        let counter = counter.clone();
        let upstream = upstream.clone();
        async move {
            let is_put = headers
                .get("x-amz-target")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|t| t.ends_with("PutItem"));
            let first_put = is_put && counter.fetch_add(1, Ordering::SeqCst) == 0;
            let path = uri.path_and_query().map_or("/", |p| p.as_str());
            let mut req = hyper::Request::post(format!("{upstream}{path}"));
            for (name, value) in &headers {
                if *name != header::HOST && *name != header::CONTENT_LENGTH {
                    req = req.header(name.clone(), value.clone());
                }
            }
            let answer = client
                .request(req.body(Full::new(body)).expect("request"))
                .await
                .expect("moto answers");
            let status = answer.status();
            let answer_headers = answer.headers().clone();
            let bytes = answer
                .into_body()
                .collect()
                .await
                .expect("moto's body")
                .to_bytes();
            if first_put {
                tokio::time::sleep(delay).await;
            }
            let mut out = Response::new(axum::body::Body::from(bytes));
            *out.status_mut() = status;
            for (name, value) in &answer_headers {
                if *name != header::CONTENT_LENGTH
                    && *name != header::TRANSFER_ENCODING
                    && *name != header::CONNECTION
                {
                    out.headers_mut().insert(name.clone(), value.clone());
                }
            }
            out
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (addr, puts)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_put_whose_answer_comes_late_is_201_for_its_creator_and_409_for_others() {
    let table = create_table().await;
    // Longer than the service's 1.5 s per-attempt timeout: the SDK gives up on the first
    // attempt and retries a put that has already landed.
    let (proxy, puts) = late_answer_proxy(moto(), Duration::from_millis(2500)).await;
    let svc = Service::start(&table, &format!("http://{proxy}"));
    let url = svc.url("/petstore/pets/late");

    let created = post_json(&url, r#"{"name":"Late"}"#).await;
    assert_eq!(created.status, 201, "{:?}", created.body);
    assert!(
        puts.load(Ordering::SeqCst) >= 2,
        "the put was not retried, so this test did not exercise the retry"
    );
    let pet = created.json();
    assert_eq!(pet["name"], "Late");
    assert_eq!(get(&url).await.json(), pet);

    // Anyone else's put of the id is still a conflict, the same name included.
    for body in [r#"{"name":"Other"}"#, r#"{"name":"Late"}"#] {
        let again = post_json(&url, body).await;
        assert_eq!(again.status, 409, "{body}");
        assert_eq!(again.json()["error"], "pet_exists");
    }
    assert_eq!(get(&url).await.json(), pet);
}

async fn idle_connections_at_the_limit_do_not_starve_health(kind: Kind) {
    let store = Datastore::fresh(kind).await;
    let svc = store.start_with(&[("MAX_CONNECTIONS", "4")]);
    // Every slot taken by a connection that never sends a byte.
    let mut idle = Vec::new();
    for _ in 0..4 {
        idle.push(tokio::net::TcpStream::connect(svc.addr).await.unwrap());
    }
    for i in 0..3 {
        let answer = tokio::time::timeout(Duration::from_secs(5), get(&svc.url("/health")))
            .await
            .unwrap_or_else(|_| panic!("/health {i} waited behind idle connections"));
        assert_eq!(answer.status, 200);
    }
    // The room came from closing an idle connection.
    let mut closed = false;
    for sock in &mut idle {
        let mut buf = [0u8; 64];
        if let Ok(Ok(0) | Err(_)) =
            tokio::time::timeout(Duration::from_secs(1), sock.read(&mut buf)).await
        {
            closed = true;
            break;
        }
    }
    assert!(closed, "no idle connection was closed");
    assert!(
        svc.logged(Duration::from_secs(10), |l| {
            l["msg"] == "connection limit reached; closing idle connections to make room"
        })
        .await
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_missing_table_is_unhealthy_until_it_exists() {
    let table = fresh_table_name();
    let svc = Service::start_with(&table, &moto(), &[("TABLE_CHECK_INTERVAL_SECONDS", "1")]);
    let health = get(&svc.url("/health")).await;
    assert_eq!(health.status, 503);
    assert_eq!(health.json()["status"], "unhealthy");
    assert_eq!(health.json()["error"], "table_unreadable");
    let failed: Vec<_> = svc
        .log()
        .into_iter()
        .filter(|l| l["msg"] == "table check failed")
        .collect();
    assert_eq!(failed.len(), 1, "{:?}", svc.log());
    assert_eq!(failed[0]["level"], "error");
    assert_eq!(failed[0]["table"], table.as_str());
    assert!(
        failed[0]["error"]
            .as_str()
            .is_some_and(|e| e.contains("ResourceNotFoundException")),
        "{}",
        failed[0]
    );
    // The probe ECS runs fails too, so ECS replaces the task.
    let probe = Command::new(env!("CARGO_BIN_EXE_petstore"))
        .arg("healthcheck")
        .env_clear()
        .env("PORT", svc.addr.port().to_string())
        .output()
        .expect("healthcheck runs");
    assert_eq!(probe.status.code(), Some(1), "{probe:?}");

    create_table_named(&table).await;
    let mut status = 0;
    for _ in 0..100 {
        status = get(&svc.url("/health")).await.status;
        if status == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        status, 200,
        "still unhealthy 10 s after the table was created"
    );
    assert!(
        svc.logged(Duration::from_secs(10), |l| l["msg"]
            == "table check passed"
            && l["table"] == table.as_str())
            .await
    );
}

/// Answers every call with a pet and keeps the JSON bodies it was sent.
async fn recording_stand_in() -> (SocketAddr, Arc<Mutex<Vec<serde_json::Value>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    let app = axum::Router::new().fallback(move |body: Bytes| {
        let sink = sink.clone();
        async move {
            if let Ok(v) = serde_json::from_slice::<serde_json::Value>(&body) {
                sink.lock().unwrap().push(v);
            }
            (
                [("content-type", "application/x-amz-json-1.0")],
                r#"{"Item":{"petId":{"S":"r"},"name":{"S":"Rex"},"createdAt":{"S":"2026-01-01T00:00:00.000Z"}}}"#,
            )
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (addr, seen)
}

#[tokio::test(flavor = "multi_thread")]
async fn reads_are_eventually_consistent_unless_configured() {
    for (setting, strong) in [(None, false), (Some("false"), false), (Some("true"), true)] {
        let (addr, seen) = recording_stand_in().await;
        let env: Vec<(&str, &str)> = setting
            .map(|v| ("CONSISTENT_READS", v))
            .into_iter()
            .collect();
        let svc = Service::start_with("pets", &format!("http://{addr}"), &env);
        let answer = get(&svc.url("/petstore/pets/r")).await;
        assert_eq!(answer.status, 200);
        let reads: Vec<serde_json::Value> = seen
            .lock()
            .unwrap()
            .iter()
            .filter(|b| b["Key"]["petId"]["S"] == "r")
            .cloned()
            .collect();
        assert_eq!(reads.len(), 1, "{setting:?}");
        assert_eq!(
            reads[0]["ConsistentRead"] == true,
            strong,
            "{setting:?}: {}",
            reads[0]
        );
    }
}

async fn after_sigterm_new_connections_are_served_until_the_delay_ends(kind: Kind) {
    let store = Datastore::fresh(kind).await;
    let mut svc = store.start_with(&[("SHUTDOWN_DELAY_SECONDS", "3")]);
    let url = svc.url("/petstore/pets/stay");
    assert_eq!(post_json(&url, r#"{"name":"Stay"}"#).await.status, 201);
    svc.terminate();
    tokio::time::sleep(Duration::from_millis(300)).await;

    // Still reachable, on new connections, while whatever routes here learns the task is going.
    let health = get(&svc.url("/health")).await;
    assert_eq!(health.status, 503);
    assert_eq!(health.json()["status"], "stopping");
    let pet = get(&url).await;
    assert_eq!(pet.status, 200);
    assert_eq!(pet.json()["name"], "Stay");

    let status = svc
        .wait_exit(Duration::from_secs(15))
        .expect("the service exits after the delay and the drain");
    assert_eq!(status.code(), Some(0));
    let log = svc.log();
    let position = |msg: &str| log.iter().position(|l| l["msg"] == msg);
    let (stopping, draining) = (position("stopping"), position("draining"));
    assert!(stopping.is_some() && stopping < draining, "{log:?}");
    assert_eq!(log[stopping.unwrap_or_default()]["delay_s"], 3);
    // A 503 from /health while stopping is expected: not an error line.
    assert!(log
        .iter()
        .filter(|l| l["msg"] == "request" && l["route"] == "/health")
        .all(|l| l["level"] == "info"));
    assert_eq!(log.last().map(|l| l["msg"].clone()), Some("stopped".into()));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_connection_stuck_in_its_headers_does_not_hold_the_stop() {
    let addr = stand_in(Behaviour::Throttle).await;
    let mut svc = Service::start_with(
        "pets",
        &format!("http://{addr}"),
        &[("SHUTDOWN_DELAY_SECONDS", "0")],
    );
    let mut sock = tokio::net::TcpStream::connect(svc.addr).await.unwrap();
    // Half a request head, and then nothing: hyper alone would wait 65 s for the rest.
    sock.write_all(b"GET /health HTTP/1.1\r\nhost: x\r\n")
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    svc.terminate();
    // Far less than the 20 s drain limit, which is what it would otherwise take.
    let status = svc
        .wait_exit(Duration::from_secs(10))
        .expect("the stop did not wait for the unfinished head");
    assert_eq!(status.code(), Some(0));
    assert!(!svc
        .log()
        .iter()
        .any(|l| l["msg"] == "drain limit reached; exiting with requests in flight"));
}

#[tokio::test(flavor = "multi_thread")]
async fn missing_credentials_are_500_not_503() {
    // Were a request to reach this, the answer would be a 503.
    let addr = stand_in(Behaviour::Throttle).await;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_petstore"));
    cmd.env_clear()
        .env("TABLE_NAME", "pets")
        .env("PORT", "0")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", "/nonexistent/petstore-test/config")
        .env(
            "AWS_SHARED_CREDENTIALS_FILE",
            "/nonexistent/petstore-test/credentials",
        )
        .env("AWS_ENDPOINT_URL_DYNAMODB", format!("http://{addr}"));
    let svc = Service::spawn(cmd);
    let answer = get(&svc.url("/petstore/pets/1")).await;
    assert_eq!(answer.status, 500, "{:?}", answer.body);
    assert_eq!(answer.json()["error"], "internal_error");
    assert!(!answer.headers.contains_key("retry-after"));
    let health = get(&svc.url("/health")).await;
    assert_eq!(health.status, 503);
    assert_eq!(health.json()["error"], "table_unreadable");
}
