//! The pet service's contract over real HTTP, the same tests over each datastore: moto's
//! DynamoDB-compatible server (`PETSTORE_TEST_DYNAMODB`) and a real PostgreSQL server
//! (`PETSTORE_TEST_POSTGRES`). Each test body takes the [`Kind`] of datastore; `contract_tests!`
//! runs it as `dynamodb::NAME` and `postgres::NAME`, each over a fresh table or database.

mod common;

use common::*;
use std::process::Command;
use std::time::Duration;

/// For each test body named, a `#[tokio::test]` in `mod dynamodb` and one in `mod postgres`.
macro_rules! contract_tests {
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

contract_tests!(
    a_pet_is_stored_and_read_back,
    a_second_post_for_an_id_is_a_conflict_and_changes_nothing,
    concurrent_posts_for_one_id_give_one_201_and_one_409,
    bad_input_gets_a_json_error_with_the_right_status,
    health_reports_the_table_and_the_healthcheck_command_uses_it,
    every_request_is_one_json_log_line,
    oversized_heads_get_a_json_error,
    a_request_hyper_refuses_is_logged,
    a_declared_oversize_body_is_refused_before_it_is_sent,
    a_body_that_never_arrives_gets_408_in_time,
    a_stalled_stdout_neither_blocks_requests_nor_the_stop,
);

async fn a_pet_is_stored_and_read_back(kind: Kind) {
    let store = Datastore::fresh(kind).await;
    let svc = store.start();

    let missing = get(&svc.url("/petstore/pets/1")).await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json()["error"], "pet_not_found");

    let created = post_json(&svc.url("/petstore/pets/1"), r#"{"name": "Spot"}"#).await;
    assert_eq!(created.status, 201, "{:?}", created.body);
    let pet = created.json();
    assert_eq!(pet["petId"], "1");
    assert_eq!(pet["name"], "Spot");
    assert!(pet["createdAt"].as_str().is_some_and(|t| t.ends_with('Z')));
    assert_eq!(created.headers["location"], "/petstore/pets/1");

    let read = get(&svc.url("/petstore/pets/1")).await;
    assert_eq!(read.status, 200);
    assert_eq!(read.json(), pet);
    assert!(read.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));

    // The pet is in the table under the contract's key, as the datastore's own client sees it.
    assert_eq!(store.stored_name("1").await.as_deref(), Some("Spot"));
}

async fn a_second_post_for_an_id_is_a_conflict_and_changes_nothing(kind: Kind) {
    let store = Datastore::fresh(kind).await;
    let svc = store.start();
    let first = post_json(&svc.url("/petstore/pets/rex"), r#"{"name":"Rex"}"#).await;
    assert_eq!(first.status, 201);
    let second = post_json(&svc.url("/petstore/pets/rex"), r#"{"name":"Max"}"#).await;
    assert_eq!(second.status, 409);
    assert_eq!(second.json()["error"], "pet_exists");
    assert_eq!(
        get(&svc.url("/petstore/pets/rex")).await.json()["name"],
        "Rex"
    );
}

async fn concurrent_posts_for_one_id_give_one_201_and_one_409(kind: Kind) {
    let store = Datastore::fresh(kind).await;
    let svc = store.start();
    for i in 0..25 {
        let url = svc.url(&format!("/petstore/pets/race-{i}"));
        let (a, b) = tokio::join!(
            post_json(&url, r#"{"name":"A"}"#),
            post_json(&url, r#"{"name":"B"}"#)
        );
        let mut statuses = [a.status, b.status];
        statuses.sort();
        assert_eq!(statuses, [201, 409], "round {i}");
        let winner = if a.status == 201 { "A" } else { "B" };
        assert_eq!(get(&url).await.json()["name"], winner, "round {i}");
    }
}

/// One bad request and the answer it must get.
struct Case {
    method: &'static str,
    path: String,
    headers: Vec<(&'static str, &'static str)>,
    body: String,
    status: u16,
    code: &'static str,
}

fn case(
    method: &'static str,
    path: String,
    headers: Vec<(&'static str, &'static str)>,
    body: String,
    status: u16,
    code: &'static str,
) -> Case {
    Case {
        method,
        path,
        headers,
        body,
        status,
        code,
    }
}

async fn bad_input_gets_a_json_error_with_the_right_status(kind: Kind) {
    let store = Datastore::fresh(kind).await;
    let svc = store.start();
    let json = [("content-type", "application/json")];
    let long_name = format!(r#"{{"name":"{}"}}"#, "x".repeat(101));
    let huge = format!(r#"{{"name":"{}"}}"#, "x".repeat(17 * 1024));
    let long_id = format!("/petstore/pets/{}", "a".repeat(65));
    #[rustfmt::skip]
    let cases: Vec<Case> = vec![
        case("POST", "/petstore/pets/1".into(), json.to_vec(), "{".into(), 400, "invalid_pet"),
        case("POST", "/petstore/pets/1".into(), json.to_vec(), "[1]".into(), 400, "invalid_pet"),
        case("POST", "/petstore/pets/1".into(), json.to_vec(), "{}".into(), 400, "invalid_pet"),
        case("POST", "/petstore/pets/1".into(), json.to_vec(), r#"{"name":""}"#.into(), 400, "invalid_pet"),
        case("POST", "/petstore/pets/1".into(), json.to_vec(), r#"{"name":42}"#.into(), 400, "invalid_pet"),
        case("POST", "/petstore/pets/1".into(), json.to_vec(), long_name, 400, "invalid_pet"),
        case("POST", "/petstore/pets/1".into(), json.to_vec(), r#"{"name":"Spot","owner":"me"}"#.into(), 400, "invalid_pet"),
        case("POST", long_id.clone(), json.to_vec(), r#"{"name":"Spot"}"#.into(), 400, "invalid_pet_id"),
        case("GET", long_id, vec![], String::new(), 400, "invalid_pet_id"),
        case("GET", "/petstore/pets/a%20b".into(), vec![], String::new(), 400, "invalid_pet_id"),
        case("GET", "/petstore/pets/a.b".into(), vec![], String::new(), 400, "invalid_pet_id"),
        case("GET", "/petstore/pets/".into(), vec![], String::new(), 400, "invalid_pet_id"),
        case("GET", "/petstore/pets/%FF".into(), vec![], String::new(), 400, "invalid_pet_id"),
        case("POST", "/petstore/pets/%C0%AF".into(), json.to_vec(), r#"{"name":"Spot"}"#.into(), 400, "invalid_pet_id"),
        case("DELETE", "/petstore/pets/".into(), vec![], String::new(), 405, "method_not_allowed"),
        case("POST", "/petstore/pets/1".into(), json.to_vec(), r#"{"name":"a","name":"b"}"#.into(), 400, "invalid_pet"),
        case("POST", "/petstore/pets/1".into(), json.to_vec(), "{\"name\":\"\u{200B}\"}".into(), 400, "invalid_pet"),
        case("POST", "/petstore/pets/1".into(), vec![("content-type", "application/json; charset=utf-16")], r#"{"name":"Spot"}"#.into(), 415, "unsupported_media_type"),
        case("POST", "/petstore/pets/1".into(), json.to_vec(), huge, 413, "body_too_large"),
        case("POST", "/petstore/pets/1".into(), vec![("content-type", "text/plain")], r#"{"name":"Spot"}"#.into(), 415, "unsupported_media_type"),
        case("POST", "/petstore/pets/1".into(), vec![], r#"{"name":"Spot"}"#.into(), 415, "unsupported_media_type"),
        case("GET", "/nope".into(), vec![], String::new(), 404, "not_found"),
        case("GET", "/petstore/pets/1/extra".into(), vec![], String::new(), 404, "not_found"),
        case("DELETE", "/petstore/pets/1".into(), vec![], String::new(), 405, "method_not_allowed"),
        case("PUT", "/petstore/pets/1".into(), json.to_vec(), r#"{"name":"Spot"}"#.into(), 405, "method_not_allowed"),
        case("POST", "/health".into(), vec![], String::new(), 405, "method_not_allowed"),
    ];
    for Case {
        method,
        path,
        headers,
        body,
        status,
        code,
    } in cases
    {
        let answer = request(method, &svc.url(&path), &headers, body)
            .await
            .expect("answered");
        assert_eq!(answer.status, status, "{method} {path}");
        let json = answer.json();
        assert_eq!(json["error"], code, "{method} {path}: {json}");
        assert!(json["message"].as_str().is_some_and(|m| !m.is_empty()));
        if status == 405 {
            assert!(answer.headers.contains_key("allow"), "{method} {path}");
        }
    }
    // Nothing was stored by any of them, and the service is still up.
    assert_eq!(get(&svc.url("/petstore/pets/1")).await.status, 404);
}

async fn health_reports_the_table_and_the_healthcheck_command_uses_it(kind: Kind) {
    let store = Datastore::fresh(kind).await;
    let svc = store.start();
    let health = get(&svc.url("/health")).await;
    assert_eq!(health.status, 200);
    assert_eq!(health.json()["status"], "ok");

    assert_eq!(healthcheck(&svc), Some(0));
    drop(svc);

    // Port 1 on loopback: nothing listens, the datastore is unreachable. The service still
    // starts and answers, but is not healthy, and the probe says so.
    let unreachable = match kind {
        Kind::Dynamodb => [("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:1")],
        Kind::Postgres => [("PGPORT", "1")],
    };
    let svc = store.start_with(&unreachable);
    let health = get(&svc.url("/health")).await;
    assert_eq!(health.status, 503);
    assert_eq!(health.json()["error"], "datastore_unavailable");
    assert_eq!(healthcheck(&svc), Some(1));

    drop(svc);
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = free.local_addr().unwrap().port();
    drop(free);
    let probe = Command::new(env!("CARGO_BIN_EXE_petstore"))
        .arg("healthcheck")
        .env_clear()
        .env("PORT", port.to_string())
        .output()
        .expect("healthcheck runs");
    assert_eq!(probe.status.code(), Some(1), "{probe:?}");
    assert!(!probe.stderr.is_empty());
}

async fn every_request_is_one_json_log_line(kind: Kind) {
    let store = Datastore::fresh(kind).await;
    let svc = store.start();
    request(
        "GET",
        &svc.url("/petstore/pets/7"),
        &[("x-request-id", "req-abc")],
        "",
    )
    .await
    .unwrap();
    get(&svc.url("/nope")).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let requests: Vec<_> = svc
        .log()
        .into_iter()
        .filter(|l| l["msg"] == "request")
        .collect();
    assert_eq!(requests.len(), 2, "{requests:?}");
    let first = &requests[0];
    assert_eq!(first["method"], "GET");
    assert_eq!(first["route"], "/petstore/pets/{petId}");
    assert_eq!(first["status"], 404);
    assert_eq!(first["error_code"], "pet_not_found");
    assert_eq!(first["request_id"], "req-abc");
    assert_eq!(first["level"], "info");
    assert!(first["latency_ms"].as_f64().is_some_and(|ms| ms >= 0.0));
    assert!(first["time"].as_str().is_some());
    assert_eq!(requests[1]["route"], serde_json::Value::Null);
    assert_eq!(requests[1]["path"], "/nope");
    assert_eq!(requests[1]["error_code"], "not_found");
}

#[test]
fn a_missing_table_name_is_one_line_and_exit_2() {
    let out = Command::new(env!("CARGO_BIN_EXE_petstore"))
        .env_clear()
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("TABLE_NAME"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn an_unknown_store_is_one_line_and_exit_2() {
    let out = Command::new(env!("CARGO_BIN_EXE_petstore"))
        .env_clear()
        .env("STORE", "mysql")
        .env("TABLE_NAME", "pets")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("STORE \"mysql\""), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn postgres_without_a_host_or_with_a_lax_sslmode_is_exit_2() {
    for (env, name) in [
        (vec![("PGUSER", "petstore")], "PGHOST"),
        (
            vec![("PGHOST", "db"), ("PGUSER", "u"), ("PGSSLMODE", "prefer")],
            "PGSSLMODE",
        ),
        (
            vec![
                ("PGHOST", "db"),
                ("PGUSER", "u"),
                ("PGSSLROOTCERT", "/nonexistent/ca.pem"),
            ],
            "PGSSLROOTCERT",
        ),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_petstore"))
            .env_clear()
            .env("STORE", "postgres")
            .envs(env.iter().copied())
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{env:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
        assert!(stderr.contains(name), "{env:?}: {stderr}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_bad_port_is_exit_2() {
    let out = Command::new(env!("CARGO_BIN_EXE_petstore"))
        .env_clear()
        .env("TABLE_NAME", "pets")
        .env("PORT", "eighty")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("PORT"));
}

#[test]
fn a_bad_consistent_reads_is_exit_2() {
    let out = Command::new(env!("CARGO_BIN_EXE_petstore"))
        .env_clear()
        .env("TABLE_NAME", "pets")
        .env("CONSISTENT_READS", "yes")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("CONSISTENT_READS"), "{stderr}");
    assert!(out.stdout.is_empty());
}

async fn oversized_heads_get_a_json_error(kind: Kind) {
    let store = Datastore::fresh(kind).await;
    let svc = store.start();
    let big = "x".repeat(70 * 1024);
    let answer = request(
        "GET",
        &svc.url("/petstore/pets/1"),
        &[("x-big", big.as_str())],
        "",
    )
    .await
    .expect("answered");
    assert_eq!(answer.status, 431);
    assert_eq!(answer.json()["error"], "headers_too_large");

    let long = format!("/petstore/pets/{}", "a".repeat(9 * 1024));
    let answer = get(&svc.url(&long)).await;
    assert_eq!(answer.status, 414);
    assert_eq!(answer.json()["error"], "uri_too_long");

    // Still serving.
    assert_eq!(get(&svc.url("/health")).await.status, 200);
}

async fn a_request_hyper_refuses_is_logged(kind: Kind) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let store = Datastore::fresh(kind).await;
    let svc = store.start();
    let mut sock = tokio::net::TcpStream::connect(svc.addr).await.unwrap();
    // A header line without a colon: hyper answers 400 itself, before the service sees it.
    sock.write_all(b"GET /health HTTP/1.1\r\nbad header\r\n\r\n")
        .await
        .unwrap();
    let mut buf = vec![0u8; 4096];
    let n = tokio::time::timeout(Duration::from_secs(5), sock.read(&mut buf))
        .await
        .expect("answered")
        .unwrap();
    let head = String::from_utf8_lossy(&buf[..n]);
    assert!(head.starts_with("HTTP/1.1 400"), "{head}");
    let mut logged = Vec::new();
    for _ in 0..50 {
        logged = svc
            .log()
            .into_iter()
            .filter(|l| l["msg"] == "request" && l["status"] == 400)
            .collect();
        if !logged.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(logged.len(), 1, "{:?}", svc.log());
    assert_eq!(logged[0]["error_code"], "bad_request");
    assert_eq!(logged[0]["level"], "info");
}

async fn a_declared_oversize_body_is_refused_before_it_is_sent(kind: Kind) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let store = Datastore::fresh(kind).await;
    let svc = store.start();
    let mut sock = tokio::net::TcpStream::connect(svc.addr).await.unwrap();
    // Headers only, announcing 100 MB and asking to continue: the answer must come at once.
    sock.write_all(b"POST /petstore/pets/1 HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100000000\r\nexpect: 100-continue\r\n\r\n")
        .await
        .unwrap();
    let mut buf = vec![0u8; 4096];
    let n = tokio::time::timeout(Duration::from_secs(5), sock.read(&mut buf))
        .await
        .expect("answered without the body")
        .unwrap();
    let head = String::from_utf8_lossy(&buf[..n]);
    assert!(head.starts_with("HTTP/1.1 413"), "{head}");
    assert!(head.contains("body_too_large"), "{head}");
}

async fn a_body_that_never_arrives_gets_408_in_time(kind: Kind) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let store = Datastore::fresh(kind).await;
    let svc = store.start_with(&[("REQUEST_TIMEOUT_MS", "500")]);
    let mut sock = tokio::net::TcpStream::connect(svc.addr).await.unwrap();
    // Promise 50 bytes, send 15, then nothing.
    sock.write_all(b"POST /petstore/pets/1 HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 50\r\n\r\n{\"name\": \"Sp")
        .await
        .unwrap();
    let mut buf = vec![0u8; 4096];
    let n = tokio::time::timeout(Duration::from_secs(5), sock.read(&mut buf))
        .await
        .expect("the request timed out instead of hanging")
        .unwrap();
    let head = String::from_utf8_lossy(&buf[..n]);
    assert!(head.starts_with("HTTP/1.1 408"), "{head}");
    assert!(head.contains("request_timeout"), "{head}");
}

async fn a_stalled_stdout_neither_blocks_requests_nor_the_stop(kind: Kind) {
    let store = Datastore::fresh(kind).await;
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let port_text = port.to_string();
    // stdout is a pipe nobody reads: it fills after a few hundred lines.
    let mut child = store
        .command(&[
            ("PORT", port_text.as_str()),
            // The stop itself is under test, not the deregistration delay before it.
            ("SHUTDOWN_DELAY_SECONDS", "0"),
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let url = format!("http://127.0.0.1:{port}/health");
    {
        for _ in 0..100 {
            if request("GET", &url, &[], "").await.is_ok() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let long_id = "r".repeat(120);
        for i in 0..3000 {
            let answer = tokio::time::timeout(
                Duration::from_secs(5),
                request("GET", &url, &[("x-request-id", long_id.as_str())], ""),
            )
            .await
            .unwrap_or_else(|_| panic!("request {i} hung"))
            .unwrap();
            assert_eq!(answer.status, 200);
        }
    }
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "SIGTERM was ignored"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert_eq!(status.code(), Some(0));
}
