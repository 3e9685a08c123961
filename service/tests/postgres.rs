//! PostgreSQL's own failures: the server stopping under the service and coming back, a table
//! locked past the operation timeout, tasks starting together on an empty database, a wrong
//! password, and TLS (refused by a server without it; a certificate checked against the CA and
//! the host name). The shared server comes from `scripts/with-postgres`; the tests that stop a
//! server or need one with TLS run one of their own, from the same binaries
//! (`PETSTORE_TEST_POSTGRES_BIN`).

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The service's whole budget for one call (3.5 s), plus scheduling slack.
const BOUNDED: Duration = Duration::from_millis(3500 + 1500);

/// A PostgreSQL cluster of the test's own, in a temporary directory, deleted on drop.
struct OwnServer {
    dir: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
    /// Run its commands as `postgres`: PostgreSQL refuses to run as root.
    as_postgres: bool,
}

const PASSWORD: &str = "own-server-password";

impl OwnServer {
    /// initdb and start; with `tls`, a certificate and its key (PEM) for `ssl = on`.
    fn start(tls: Option<(&str, &str)>) -> OwnServer {
        let bin = PathBuf::from(
            std::env::var("PETSTORE_TEST_POSTGRES_BIN").unwrap_or_else(|_| {
                panic!(
                    "PETSTORE_TEST_POSTGRES_BIN is not set: run under scripts/with-postgres, which \
                     finds PostgreSQL's initdb and pg_ctl"
                )
            }),
        );
        let as_postgres = Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
        let dir = tempfile::Builder::new()
            .prefix("petstore-pg-")
            .tempdir()
            .expect("a temporary directory");
        let data = dir.path().join("data");
        std::fs::write(dir.path().join("pwfile"), format!("{PASSWORD}\n")).unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let server = OwnServer {
            dir,
            bin,
            port,
            as_postgres,
        };
        if as_postgres {
            // The cluster's owner must reach and own its directory.
            run(Command::new("chmod").arg("755").arg(server.dir.path()));
            run(Command::new("chown")
                .args(["-R", "postgres"])
                .arg(server.dir.path()));
        }
        run(server
            .command("initdb")
            .arg("-D")
            .arg(&data)
            .args(["-U", "postgres", "--auth=scram-sha-256", "-N"])
            .arg(format!(
                "--pwfile={}",
                server.dir.path().join("pwfile").display()
            )));
        if let Some((cert, key)) = tls {
            std::fs::write(data.join("server.crt"), cert).unwrap();
            std::fs::write(data.join("server.key"), key).unwrap();
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(
                data.join("server.key"),
                std::fs::Permissions::from_mode(0o600),
            )
            .unwrap();
            let conf = data.join("postgresql.conf");
            let mut text = std::fs::read_to_string(&conf).unwrap();
            text.push_str("\nssl = on\n");
            std::fs::write(&conf, text).unwrap();
            if as_postgres {
                run(Command::new("chown").args(["-R", "postgres"]).arg(&data));
            }
        }
        server.up();
        server
    }

    fn command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        if self.as_postgres {
            let mut cmd = Command::new("runuser");
            cmd.args(["-u", "postgres", "--"]).arg(path);
            cmd
        } else {
            Command::new(path)
        }
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Start it (again), on the same port.
    fn up(&self) {
        run(self
            .command("pg_ctl")
            .arg("-D")
            .arg(self.data())
            .arg("-l")
            .arg(self.dir.path().join("server.log"))
            .args(["-w", "-t", "30", "-o"])
            .arg(format!(
                "-h 127.0.0.1 -p {} -k {} -c fsync=off",
                self.port,
                self.data().display()
            ))
            .arg("start"));
    }

    /// Stop it as an orderly shutdown does: sessions are ended, new ones refused.
    fn down(&self) {
        run(self
            .command("pg_ctl")
            .arg("-D")
            .arg(self.data())
            .args(["-m", "fast", "-w", "stop"]));
    }

    fn server(&self) -> PgServer {
        PgServer {
            host: "127.0.0.1".into(),
            port: self.port,
            user: "postgres".into(),
            password: PASSWORD.into(),
        }
    }

    /// The service over the `postgres` database, with `extra` on top.
    fn start_service(&self, extra: &[(&str, &str)]) -> Service {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_petstore"));
        cmd.env_clear().env("PORT", "0");
        cmd.envs(self.server().env("postgres"));
        cmd.envs(extra.iter().copied());
        Service::spawn(cmd)
    }
}

impl Drop for OwnServer {
    fn drop(&mut self) {
        let _ = self
            .command("pg_ctl")
            .arg("-D")
            .arg(self.data())
            .args(["-m", "immediate", "-w", "stop"])
            .output();
    }
}

fn run(cmd: &mut Command) {
    let out = cmd.output().expect("the command runs");
    assert!(
        out.status.success(),
        "{cmd:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// GET until it answers `status`, at most `limit`; the last answer's status.
async fn until_status(url: &str, status: u16, limit: Duration) -> u16 {
    let start = Instant::now();
    loop {
        let got = get(url).await.status;
        if got == status || start.elapsed() > limit {
            return got;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_server_that_stops_is_503_and_the_service_recovers_when_it_is_back() {
    let pg = OwnServer::start(None);
    let svc = pg.start_service(&[("TABLE_CHECK_INTERVAL_SECONDS", "1")]);
    let url = svc.url("/petstore/pets/rex");
    assert_eq!(post_json(&url, r#"{"name":"Rex"}"#).await.status, 201);

    pg.down();
    for _ in 0..3 {
        let start = Instant::now();
        let answer = get(&url).await;
        assert_eq!(answer.status, 503, "{:?}", answer.body);
        assert_eq!(answer.json()["error"], "datastore_unavailable");
        assert_eq!(answer.headers["retry-after"], "1");
        assert!(start.elapsed() < BOUNDED, "took {:?}", start.elapsed());
    }
    // An outage after the table was reached: a new task would fare no better, so the task
    // stays healthy (as over DynamoDB), and says why in the log.
    assert!(
        svc.logged(Duration::from_secs(5), |l| l["msg"] == "table check failed")
            .await
    );
    assert_eq!(get(&svc.url("/health")).await.status, 200);

    pg.up();
    assert_eq!(until_status(&url, 200, Duration::from_secs(10)).await, 200);
    assert_eq!(get(&url).await.json()["name"], "Rex");
    assert!(
        svc.logged(Duration::from_secs(10), |l| l["msg"]
            == "table check passed")
            .await
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_table_locked_past_the_timeout_is_503_in_time_and_the_pool_waits_no_longer() {
    let store = Datastore::fresh(Kind::Postgres).await;
    // One connection: the second request waits for the pool, not the table.
    let svc = store.start_with(&[("PG_POOL_MAX", "1")]);
    let url = svc.url("/petstore/pets/held");
    assert_eq!(post_json(&url, r#"{"name":"Held"}"#).await.status, 201);

    let mut locker = postgres().connect(&store.name).await;
    let tx = locker.transaction().await.unwrap();
    tx.batch_execute("LOCK TABLE pets IN ACCESS EXCLUSIVE MODE")
        .await
        .unwrap();
    let start = Instant::now();
    let (a, b) = tokio::join!(get(&url), get(&url));
    for answer in [&a, &b] {
        assert_eq!(answer.status, 503, "{:?}", answer.body);
        assert_eq!(answer.json()["error"], "datastore_unavailable");
    }
    assert!(start.elapsed() < BOUNDED, "took {:?}", start.elapsed());
    tx.rollback().await.unwrap();

    assert_eq!(until_status(&url, 200, Duration::from_secs(10)).await, 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn tasks_starting_together_on_an_empty_database_all_come_up() {
    let store = Datastore::fresh(Kind::Postgres).await;
    // Started at once, each runs the migration as it comes up.
    let services: Vec<Service> = std::thread::scope(|scope| {
        let started: Vec<_> = (0..6)
            .map(|_| scope.spawn(|| store.start_with(&[("PG_POOL_MAX", "2")])))
            .collect();
        started
            .into_iter()
            .map(|s| s.join().expect("a service starts"))
            .collect()
    });
    for (i, svc) in services.iter().enumerate() {
        assert!(
            !svc.log().iter().any(|l| l["msg"] == "table check failed"),
            "service {i}: {:?}",
            svc.log()
        );
        assert!(svc.log().iter().any(|l| l["msg"] == "table ready"));
        assert_eq!(get(&svc.url("/health")).await.status, 200, "service {i}");
        let url = svc.url(&format!("/petstore/pets/task-{i}"));
        assert_eq!(post_json(&url, r#"{"name":"Spot"}"#).await.status, 201);
    }
    // One table, seen by all: each reads every other's pet.
    for svc in &services {
        for i in 0..services.len() {
            let url = svc.url(&format!("/petstore/pets/task-{i}"));
            assert_eq!(get(&url).await.status, 200);
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_password_is_unhealthy_and_500_not_503() {
    let store = Datastore::fresh(Kind::Postgres).await;
    let svc = store.start_with(&[("PGPASSWORD", "not-the-password")]);
    let health = get(&svc.url("/health")).await;
    assert_eq!(health.status, 503);
    assert_eq!(health.json()["status"], "unhealthy");
    assert_eq!(health.json()["error"], "table_unreadable");
    assert_eq!(healthcheck(&svc), Some(1));
    let answer = get(&svc.url("/petstore/pets/1")).await;
    assert_eq!(answer.status, 500, "{:?}", answer.body);
    assert_eq!(answer.json()["error"], "internal_error");
    assert!(!answer.headers.contains_key("retry-after"));
    let failed: Vec<_> = svc
        .log()
        .into_iter()
        .filter(|l| l["msg"] == "table check failed")
        .collect();
    assert_eq!(failed.len(), 1, "{:?}", svc.log());
    // SQLSTATE 28P01, invalid_password; the password itself is never logged.
    let error = failed[0]["error"].as_str().unwrap_or_default().to_string();
    assert!(error.contains("28P01"), "{error}");
    assert!(!svc
        .lines
        .lock()
        .unwrap()
        .join("\n")
        .contains("not-the-password"));
}

#[tokio::test(flavor = "multi_thread")]
async fn sslmode_require_against_a_server_without_tls_fails_clearly() {
    let store = Datastore::fresh(Kind::Postgres).await;
    for mode in ["require", "verify-full"] {
        let svc = store.start_with(&[("PGSSLMODE", mode)]);
        let health = get(&svc.url("/health")).await;
        assert_eq!(health.status, 503, "{mode}");
        assert_eq!(health.json()["error"], "table_unreadable", "{mode}");
        let answer = get(&svc.url("/petstore/pets/1")).await;
        assert_eq!(answer.status, 500, "{mode}");
        assert!(
            svc.logged(Duration::from_secs(5), |l| l["msg"] == "table check failed"
                && l["error"]
                    .as_str()
                    .is_some_and(|e| e.contains("server does not support TLS")))
                .await,
            "{mode}: {:?}",
            svc.log()
        );
    }
}

/// A CA called `ca_name`, and a server certificate it signed for `names`; (CA PEM, certificate
/// PEM, key PEM).
fn certificates(ca_name: &str, names: &[&str]) -> (String, String, String) {
    let ca_key = rcgen::KeyPair::generate().unwrap();
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, ca_name);
    let ca = rcgen::CertifiedIssuer::self_signed(ca_params, ca_key).unwrap();
    let key = rcgen::KeyPair::generate().unwrap();
    let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    let cert = rcgen::CertificateParams::new(names)
        .unwrap()
        .signed_by(&key, &ca)
        .unwrap();
    (ca.pem(), cert.pem(), key.serialize_pem())
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn tls_checks_the_ca_and_the_host_name_as_the_mode_asks() {
    // Named `localhost` only: 127.0.0.1 reaches the server but is not its name.
    let (ca, cert, key) = certificates("petstore test CA", &["localhost"]);
    let (other_ca, _, _) = certificates("another CA", &["localhost"]);
    let pg = OwnServer::start(Some((&cert, &key)));
    let files = tempfile::tempdir().unwrap();
    let ca = write(files.path(), "ca.pem", &ca);
    let other_ca = write(files.path(), "other-ca.pem", &other_ca);

    // (PGHOST, PGSSLMODE, PGSSLROOTCERT, served, what the log says when not)
    let cases: [(&str, &str, Option<&str>, bool, &str); 7] = [
        ("localhost", "verify-full", Some(&ca), true, ""),
        ("127.0.0.1", "verify-ca", Some(&ca), true, ""),
        ("127.0.0.1", "require", None, true, ""),
        (
            "127.0.0.1",
            "verify-full",
            Some(&ca),
            false,
            "not valid for name",
        ),
        (
            "localhost",
            "verify-full",
            Some(&other_ca),
            false,
            "UnknownIssuer",
        ),
        (
            "127.0.0.1",
            "verify-ca",
            Some(&other_ca),
            false,
            "UnknownIssuer",
        ),
        // As libpq: require with a root certificate checks the CA.
        (
            "127.0.0.1",
            "require",
            Some(&other_ca),
            false,
            "UnknownIssuer",
        ),
    ];
    for (host, mode, root, served, why) in cases {
        let mut env = vec![("PGHOST", host), ("PGSSLMODE", mode)];
        if let Some(root) = root {
            env.push(("PGSSLROOTCERT", root));
        }
        let svc = pg.start_service(&env);
        let case = format!("{host} {mode} {root:?}");
        let health = get(&svc.url("/health")).await;
        if served {
            assert_eq!(health.status, 200, "{case}: {:?}", svc.log());
            let url = svc.url(&format!("/petstore/pets/{}", mode.replace('-', "_")));
            let created = post_json(&url, r#"{"name":"Spot"}"#).await;
            assert!([201, 409].contains(&created.status), "{case}");
            assert_eq!(get(&url).await.status, 200, "{case}");
        } else {
            assert_eq!(health.status, 503, "{case}");
            assert_eq!(health.json()["error"], "table_unreadable", "{case}");
            let failed = svc
                .log()
                .into_iter()
                .find(|l| l["msg"] == "table check failed")
                .unwrap_or_else(|| panic!("{case}: {:?}", svc.log()));
            let error = failed["error"].as_str().unwrap_or_default();
            assert!(
                error.contains("TLS") && error.contains(why),
                "{case}: {error}"
            );
            assert_eq!(
                get(&svc.url("/petstore/pets/x")).await.status,
                500,
                "{case}"
            );
        }
    }
}
