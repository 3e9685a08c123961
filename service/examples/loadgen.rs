//! A bounded load generator for the pet service benchmark (`bench/service.sh`).
//!
//! ```text
//! loadgen http   URL     REQUESTS CONCURRENCY [get|post]   # through the service
//! loadgen direct ENDPOINT REQUESTS CONCURRENCY TABLE [get|put] # the same call, straight to DynamoDB
//! loadgen direct-pg URL N C [get|put]                     # the same call, straight to PostgreSQL
//! loadgen fake-dynamodb                                   # a DynamoDB stand-in that answers at once
//! ```
//!
//! Each measuring mode sends exactly REQUESTS requests from CONCURRENCY workers and prints one
//! JSON line: p50, p99 and max latency in milliseconds, and throughput. Comparing `http`
//! with `direct` against the same endpoint separates the service's own cost from the
//! datastore's.

use aws_sdk_dynamodb::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_dynamodb::types::AttributeValue;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn usage() -> ! {
    eprintln!("usage: loadgen http URL N C [get|post] | direct ENDPOINT N C TABLE [get|put] | direct-pg URL N C [get|put] | fake-dynamodb");
    std::process::exit(2)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let num = |i: usize| -> usize {
        args.get(i)
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| usage())
    };
    match args.first().map(String::as_str) {
        Some("http") => {
            let url = args.get(1).cloned().unwrap_or_else(|| usage());
            let post = args.get(4).map(String::as_str) == Some("post");
            let mut connector = hyper_util::client::legacy::connect::HttpConnector::new();
            connector.set_nodelay(true);
            let client: Client<_, Full<Bytes>> =
                Client::builder(TokioExecutor::new()).build(connector);
            let counter = Arc::new(AtomicUsize::new(0));
            run(num(2), num(3), move |i| {
                let client = client.clone();
                let url = url.clone();
                let counter = counter.clone();
                async move {
                    let req = if post {
                        // A fresh id per request, so every POST is a real conditional put.
                        let id = counter.fetch_add(1, Ordering::Relaxed);
                        hyper::Request::post(format!(
                            "{url}/petstore/pets/bench-{}-{id}",
                            std::process::id()
                        ))
                        .header("content-type", "application/json")
                        .body(Full::new(Bytes::from_static(br#"{"name":"Bench"}"#)))
                    } else {
                        hyper::Request::get(format!("{url}/petstore/pets/bench-{}", i % 100))
                            .body(Full::new(Bytes::new()))
                    }
                    .expect("request");
                    let resp = client.request(req).await.expect("answered");
                    let status = resp.status().as_u16();
                    let _ = resp.into_body().collect().await;
                    assert!(status < 500, "status {status}");
                }
            })
            .await;
        }
        Some("direct") => {
            let endpoint = args.get(1).cloned().unwrap_or_else(|| usage());
            let table = args.get(4).cloned().unwrap_or_else(|| usage());
            let put = args.get(5).map(String::as_str) == Some("put");
            let http = aws_smithy_http_client::Builder::new()
                .tls_provider(aws_smithy_http_client::tls::Provider::Rustls(
                    aws_smithy_http_client::tls::rustls_provider::CryptoMode::Ring,
                ))
                .build_https();
            let conf = aws_sdk_dynamodb::Config::builder()
                .behavior_version(BehaviorVersion::latest())
                .region(Region::new("us-east-1"))
                .endpoint_url(endpoint)
                .credentials_provider(Credentials::new("testing", "testing", None, None, "bench"))
                .http_client(http)
                .build();
            let sdk = aws_sdk_dynamodb::Client::from_conf(conf);
            let counter = Arc::new(AtomicUsize::new(0));
            run(num(2), num(3), move |i| {
                let sdk = sdk.clone();
                let table = table.clone();
                let counter = counter.clone();
                async move {
                    if put {
                        let id = counter.fetch_add(1, Ordering::Relaxed);
                        sdk.put_item()
                            .table_name(&table)
                            .item(
                                "petId",
                                AttributeValue::S(format!("direct-{}-{id}", std::process::id())),
                            )
                            .item("name", AttributeValue::S("Bench".into()))
                            .condition_expression("attribute_not_exists(#id)")
                            .expression_attribute_names("#id", "petId")
                            .send()
                            .await
                            .expect("put_item");
                    } else {
                        sdk.get_item()
                            .table_name(&table)
                            .key("petId", AttributeValue::S(format!("bench-{}", i % 100)))
                            // The read the service makes by default (CONSISTENT_READS unset).
                            .consistent_read(false)
                            .send()
                            .await
                            .expect("get_item");
                    }
                }
            })
            .await;
        }
        Some("direct-pg") => {
            // URL: postgres://USER:PASSWORD@HOST:PORT/DATABASE, a database the service has
            // created its table in. One connection, as the service's pool lends one per call.
            let url = args.get(1).cloned().unwrap_or_else(|| usage());
            let put = args.get(4).map(String::as_str) == Some("put");
            let (client, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
                .await
                .expect("connect to PostgreSQL");
            tokio::spawn(connection);
            // The statements the service prepares (service/src/store/postgres.rs).
            let select = client
                .prepare(
                    "SELECT name, to_char(\"createdAt\" AT TIME ZONE 'UTC', \
                     'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') FROM pets WHERE \"petId\" = $1",
                )
                .await
                .expect("prepare SELECT");
            let insert = client
                .prepare(
                    "INSERT INTO pets (\"petId\", name, \"createdAt\") \
                     VALUES ($1, $2, $3::text::timestamptz) ON CONFLICT (\"petId\") DO NOTHING",
                )
                .await
                .expect("prepare INSERT");
            let client = Arc::new(client);
            let counter = Arc::new(AtomicUsize::new(0));
            run(num(2), num(3), move |i| {
                let client = client.clone();
                let (select, insert) = (select.clone(), insert.clone());
                let counter = counter.clone();
                async move {
                    if put {
                        let id = counter.fetch_add(1, Ordering::Relaxed);
                        let pet_id = format!("direct-{}-{id}", std::process::id());
                        client
                            .execute(&insert, &[&pet_id, &"Bench", &"2026-01-01T00:00:00.000Z"])
                            .await
                            .expect("INSERT");
                    } else {
                        let pet_id = format!("bench-{}", i % 100);
                        client.query_opt(&select, &[&pet_id]).await.expect("SELECT");
                    }
                }
            })
            .await;
        }
        Some("fake-dynamodb") => fake_dynamodb().await,
        _ => usage(),
    }
}

/// Send `n` requests from `c` workers; print the latency distribution as JSON.
async fn run<F, Fut>(n: usize, c: usize, call: F)
where
    F: Fn(usize) -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..c.max(1) {
        let next = next.clone();
        let call = call.clone();
        workers.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    break;
                }
                let t = Instant::now();
                call(i).await;
                lat.push(t.elapsed());
            }
            lat
        }));
    }
    let mut all: Vec<Duration> = Vec::with_capacity(n);
    for w in workers {
        all.extend(w.await.expect("worker"));
    }
    let wall = start.elapsed();
    all.sort();
    let pct = |p: f64| {
        let idx = ((all.len() as f64 * p).ceil() as usize).clamp(1, all.len()) - 1;
        all[idx].as_secs_f64() * 1000.0
    };
    println!(
        "{}",
        serde_json::json!({
            "requests": all.len(),
            "concurrency": c,
            "p50_ms": (pct(0.50) * 1000.0).round() / 1000.0,
            "p99_ms": (pct(0.99) * 1000.0).round() / 1000.0,
            "max_ms": (pct(1.0) * 1000.0).round() / 1000.0,
            "throughput_rps": (all.len() as f64 / wall.as_secs_f64()).round(),
        })
    );
}

/// Answers every DynamoDB call at once: GetItem with a pet, PutItem with `{}`. Prints its
/// address, then serves until killed.
async fn fake_dynamodb() {
    let app = axum::Router::new().fallback(|headers: axum::http::HeaderMap| async move {
        let target = headers
            .get("x-amz-target")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let body = if target.ends_with("GetItem") {
            r#"{"Item":{"petId":{"S":"bench"},"name":{"S":"Bench"},"createdAt":{"S":"2026-01-01T00:00:00.000Z"}}}"#
        } else {
            "{}"
        };
        ([("content-type", "application/x-amz-json-1.0")], body)
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    println!("http://{}", listener.local_addr().expect("addr"));
    axum::serve(listener, app).await.expect("serve");
}
