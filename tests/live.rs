//! The live commands against moto's server (the moto tier; scripts/with-moto runs it):
//! `bootstrap` makes and checks the state bucket, `plan`'s preflight reads the account, the
//! bucket and a certificate, `token` signs in by SRP and answers the MFA challenge, and
//! `smoke` checks the pet service run locally behind a stand-in for the authorizer. The SRP
//! arithmetic is compared with pycognito's on fixed inputs.

mod common;

use base64::Engine;
use common::{petgen, project, tier};
use petgen::live::srp::{Client, Verifier};
use predicates::prelude::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

/// moto's endpoint and the Python that has boto3 and pycognito.
fn moto() -> Option<(String, String)> {
    let endpoint = std::env::var("PETGEN_TEST_MOTO").ok();
    let python = std::env::var("PETGEN_TEST_MOTO_PYTHON").ok();
    if !tier(
        "moto",
        endpoint.is_some() && python.is_some(),
        "PETGEN_TEST_MOTO is not set (run under scripts/with-moto)",
    ) {
        return None;
    }
    Some((endpoint?, python?))
}

/// Run a support script with moto's Python; its stdout as JSON.
fn python(py: &str, script: &str, args: &[&str], stdin: &str) -> serde_json::Value {
    let mut child = Command::new(py)
        .arg(common::repo().join("tests/support").join(script))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("python runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("python ends");
    assert!(out.status.success(), "{script} failed");
    serde_json::from_slice(&out.stdout).expect("the script prints JSON")
}

/// A short run of Python against moto, with dummy keys.
fn boto(py: &str, endpoint: &str, code: &str) -> String {
    let out = Command::new(py)
        .args(["-c", code])
        .env("AWS_ENDPOINT_URL", endpoint)
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_DEFAULT_REGION", "eu-west-1")
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// petgen talking to moto with dummy keys, nothing else from this machine's AWS set-up.
fn live(dir: &Path, endpoint: &str) -> assert_cmd::Command {
    let mut cmd = petgen(dir);
    cmd.env("AWS_ENDPOINT_URL", endpoint)
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", dir.join("no-aws-config"))
        .env(
            "AWS_SHARED_CREDENTIALS_FILE",
            dir.join("no-aws-credentials"),
        )
        .timeout(Duration::from_secs(120));
    cmd
}

/// A bucket name no other test uses.
fn bucket(tag: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("petgen-{tag}-{}-{nanos}", std::process::id())
}

fn s3_profile(bucket: &str) -> String {
    format!(
        "[project]\nregion = \"eu-west-1\"\n[service]\nimage = \"nginx:1.27\"\n[backend]\nkind = \"s3\"\nbucket = \"{bucket}\"\nkey = \"petstore/dev.tfstate\"\nuse_lockfile = true\n"
    )
}

#[test]
fn srp_agrees_with_pycognito_on_fixed_inputs() {
    let Some((_, py)) = moto() else { return };
    let inputs = serde_json::json!([
        {},
        {"small_a_hex": "2", "username": "bob", "password": "correct horse"},
        // moto's shapes: a UUID for the secret block, a short B, a salt with its top bit set.
        {"pool_id": "us-east-1_0123456789abcdef", "username": "carol", "srp_b_hex": "f3c1a0b2d4e5f60718293a4b5c6d7e8f",
         "salt_hex": "ff00ee11dd22cc33bb44aa5599668877", "secret_block_b64": "0f8fad5b-d9cb-469f-a165-70867728950e",
         "timestamp": "Mon Jan 5 09:07:03 UTC 2026"},
        {"salt_hex": "0abc", "user_id_for_srp": "3f1c6b0e-0000-4000-8000-000000000001", "password": "pä$$wörd"},
    ]);
    let vectors = python(&py, "srp_vectors.py", &[], &inputs.to_string());
    let vectors = vectors.as_array().expect("an array");
    assert_eq!(vectors.len(), 4);
    for v in vectors {
        let i = &v["inputs"];
        let s = |k: &str| i[k].as_str().unwrap_or_default().to_string();
        let a = num_bigint::BigUint::parse_bytes(s("small_a_hex").as_bytes(), 16).expect("hex");
        let client = Client::with_secret(&a).expect("a client");
        assert_eq!(
            client.public_hex(),
            v["SRP_A"].as_str().unwrap_or_default(),
            "A for {i}"
        );
        let pool = s("pool_id");
        let verifier = Verifier {
            pool_name: pool.split_once('_').map(|(_, n)| n).unwrap_or_default(),
            user_id: &s("user_id_for_srp"),
            password: &s("password"),
            salt: &s("salt_hex"),
            srp_b: &s("srp_b_hex"),
            secret_block: &s("secret_block_b64"),
            timestamp: &s("timestamp"),
        };
        let key: String = client
            .password_key(&verifier)
            .expect("a key")
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            key,
            v["hkdf_key_hex"].as_str().unwrap_or_default(),
            "key for {i}"
        );
        assert_eq!(
            client.signature(&verifier).expect("a signature"),
            v["PASSWORD_CLAIM_SIGNATURE"].as_str().unwrap_or_default(),
            "signature for {i}"
        );
    }
}

#[test]
fn bootstrap_creates_the_state_bucket_once_and_leaves_others_alone() {
    let Some((endpoint, py)) = moto() else { return };
    let name = bucket("state");
    let p = project(&[("dev.toml", s3_profile(&name).as_bytes())]);
    live(p.path(), &endpoint)
        .args(["bootstrap", "--profile", "dev"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "created s3://{name} in eu-west-1 (account 210987654321): versioned, encrypted (SSE-S3), public access blocked, TLS-only policy"
        )));
    let settings = boto(
        &py,
        &endpoint,
        &format!(
            "import boto3,json; s3=boto3.client('s3'); b='{name}'\n\
             print(json.dumps([s3.get_bucket_versioning(Bucket=b).get('Status'),\n\
               s3.get_public_access_block(Bucket=b)['PublicAccessBlockConfiguration'],\n\
               s3.get_bucket_encryption(Bucket=b)['ServerSideEncryptionConfiguration']['Rules'][0]['ApplyServerSideEncryptionByDefault']['SSEAlgorithm'],\n\
               json.loads(s3.get_bucket_policy(Bucket=b)['Policy'])['Statement'][0]['Condition'],\n\
               s3.get_bucket_location(Bucket=b)['LocationConstraint']]))"
        ),
    );
    assert_eq!(
        settings,
        r#"["Enabled", {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": true}, "AES256", {"Bool": {"aws:SecureTransport": "false"}}, "eu-west-1"]"#
    );
    // Again: nothing to do.
    live(p.path(), &endpoint)
        .args(["bootstrap", "--profile", "dev"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "as bootstrap made it; nothing to do",
        ));

    // Somebody's own bucket: reported, never changed.
    let theirs = bucket("theirs");
    boto(
        &py,
        &endpoint,
        &format!("import boto3; boto3.client('s3').create_bucket(Bucket='{theirs}', CreateBucketConfiguration={{'LocationConstraint': 'eu-west-1'}})"),
    );
    let q = project(&[("dev.toml", s3_profile(&theirs).as_bytes())]);
    live(q.path(), &endpoint)
        .args(["bootstrap", "--profile", "dev"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "was not made by petgen bootstrap; left as it is",
        ))
        .stderr(predicate::str::contains("versioning is not enabled"))
        .stderr(predicate::str::contains(
            "does not deny requests without TLS",
        ));
    let versioning = boto(
        &py,
        &endpoint,
        &format!("import boto3; print(boto3.client('s3').get_bucket_versioning(Bucket='{theirs}').get('Status'))"),
    );
    assert_eq!(
        versioning, "None",
        "bootstrap changed a bucket it did not make"
    );
}

#[test]
fn bootstrap_refuses_example_values_and_says_why_aws_failed_on_one_line() {
    let Some((endpoint, _)) = moto() else { return };
    let p = project(&[(
        "dev.toml",
        s3_profile("acme-123456789012-tfstate").as_bytes(),
    )]);
    live(p.path(), &endpoint)
        .args(["bootstrap", "--profile", "dev"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "profiles/dev.toml:7:10: \"acme-123456789012-tfstate\" names AWS's documented example account 123456789012 (backend.bucket)",
        ));
    // Nothing listens on port 9: one line, no trace.
    let q = project(&[("dev.toml", s3_profile(&bucket("gone")).as_bytes())]);
    let out = live(q.path(), "http://127.0.0.1:9")
        .args(["bootstrap", "--profile", "dev"])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8_lossy(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("error: cannot tell whose credentials these are: dispatch failure"),
        "{err}"
    );
}

/// A stand-in terraform that logs its calls to `dir/calls.log` and answers `output -json`
/// with `outputs`.
fn stand_in_terraform(dir: &Path, outputs: &serde_json::Value) -> std::path::PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).expect("mkdir");
    std::fs::write(dir.join("outputs.json"), outputs.to_string()).expect("outputs");
    let script = format!(
        r##"#!/bin/sh
if [ "$1" = "version" ]; then echo '{{"terraform_version": "1.11.4"}}'; exit 0; fi
if [ "$1" = "show" ]; then echo '{{"format_version":"1.2","resource_changes":[],"values":{{}}}}'; exit 0; fi
if [ "$1" = "output" ]; then cat {outputs}; exit 0; fi
echo "ARGS $*" >> {log}
case "$1" in
  init) mkdir -p .terraform; echo "# lock" > .terraform.lock.hcl ;;
  plan) touch petgen.tfplan ;;
esac
exit 0
"##,
        outputs = dir.join("outputs.json").display(),
        log = dir.join("calls.log").display()
    );
    common::write_executable(&bin.join("terraform"), &script);
    bin
}

fn calls(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("calls.log")).unwrap_or_default()
}

#[test]
fn plan_runs_preflight_before_terraform() {
    let Some((endpoint, py)) = moto() else { return };
    let name = bucket("preflight");
    let p = project(&[("dev.toml", s3_profile(&name).as_bytes())]);
    let bin = stand_in_terraform(p.path(), &serde_json::json!({}));
    let path = format!("{}:/usr/bin:/bin", bin.display());
    live(p.path(), &endpoint)
        .env("PATH", &path)
        .args(["plan", "--profile", "dev"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "preflight: FAIL state bucket s3://{name} does not exist: create it with `petgen bootstrap --profile dev`"
        )));
    assert_eq!(
        calls(p.path()),
        "",
        "terraform ran after a failed preflight"
    );
    live(p.path(), &endpoint)
        .args(["bootstrap", "--profile", "dev"])
        .assert()
        .success();
    live(p.path(), &endpoint)
        .env("PATH", &path)
        .args(["plan", "--profile", "dev"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "preflight: credentials: account 210987654321",
        ))
        .stderr(predicate::str::contains(format!(
            "preflight: state bucket: s3://{name} exists"
        )));
    assert!(calls(p.path()).contains("ARGS plan"), "{}", calls(p.path()));

    // An ALB's certificate: another account's ARN, then an issued one for another name, then
    // the right one.
    let cert = |domain: &str| {
        boto(
            &py,
            &endpoint,
            &format!(
                "import boto3,subprocess,tempfile,os\n\
                 d=tempfile.mkdtemp(); k=os.path.join(d,'k'); c=os.path.join(d,'c')\n\
                 subprocess.run(['openssl','req','-x509','-newkey','rsa:2048','-nodes','-keyout',k,'-out',c,'-days','30','-subj','/CN={domain}','-addext','subjectAltName=DNS:{domain}'],check=True,capture_output=True)\n\
                 print(boto3.client('acm',region_name='eu-west-1').import_certificate(Certificate=open(c,'rb').read(),PrivateKey=open(k,'rb').read())['CertificateArn'])"
            ),
        )
    };
    let alb = |arn: &str| {
        format!(
            "[project]\nregion = \"eu-west-1\"\n[network]\navailability_zones = [\"euw1-az1\", \"euw1-az2\"]\n[service]\nimage = \"nginx:1.27\"\n[api]\nkind = \"alb\"\ndomain_name = \"pets.acme.io\"\ncertificate_arn = \"{arn}\"\n"
        )
    };
    let wrong_name = cert("api.acme.io");
    let right = cert("*.acme.io");
    let other_account = right.replace("210987654321", "111122223333");
    for (arn, expected) in [
        (other_account.as_str(), "preflight: FAIL api.certificate_arn names account 111122223333, and these credentials are account 210987654321".to_string()),
        (wrong_name.as_str(), format!("preflight: FAIL certificate {wrong_name} covers api.acme.io, not pets.acme.io")),
    ] {
        let q = project(&[("alb.toml", alb(arn).as_bytes())]);
        live(q.path(), &endpoint)
            .env("PATH", &path)
            .args(["plan", "--profile", "alb"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(expected));
    }
    let q = project(&[("alb.toml", alb(&right).as_bytes())]);
    live(q.path(), &endpoint)
        .env("PATH", &path)
        .args(["plan", "--profile", "alb"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "preflight: certificate: ISSUED, covers pets.acme.io",
        ));
}

/// The pool, client and users of `tests/support/cognito_user.py`.
fn cognito(py: &str, endpoint: &str) -> (String, String) {
    let made = python(py, "cognito_user.py", &[endpoint], "");
    let s = |k: &str| made[k].as_str().expect("a string").to_string();
    (s("pool_id"), s("client_id"))
}

#[test]
fn token_enrols_an_authenticator_when_the_pool_requires_mfa() {
    let Some((endpoint, py)) = moto() else { return };
    let made = python(&py, "cognito_user.py", &[&endpoint], "");
    let s = |k: &str| made[k].as_str().expect("a string").to_string();
    let dir = tempfile::tempdir().expect("tempdir");
    let out = token_cmd(
        dir.path(),
        &endpoint,
        &s("mfa_pool_id"),
        &s("mfa_client_id"),
        "dave",
    )
    .write_stdin("Passw0rd!\n123456\n")
    .assert()
    .success()
    .get_output()
    .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("dave has no authenticator yet. Add this key to an authenticator app"),
        "{stderr}"
    );
    assert!(
        stderr.contains("otpauth://totp/petstore:dave?secret="),
        "{stderr}"
    );
    assert_eq!(
        claims(String::from_utf8_lossy(&out.stdout).trim())["username"],
        "dave"
    );
}

/// The claims of a JWT, unverified.
fn claims(token: &str) -> serde_json::Value {
    let payload = token.split('.').nth(1).expect("a JWT");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .expect("base64url");
    serde_json::from_slice(&bytes).expect("JSON claims")
}

/// petgen token with no AWS credentials at all: sign-in needs none.
fn token_cmd(
    dir: &Path,
    endpoint: &str,
    pool: &str,
    client: &str,
    user: &str,
) -> assert_cmd::Command {
    let mut cmd = petgen(dir);
    cmd.env("AWS_ENDPOINT_URL", endpoint)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", dir.join("no-aws-config"))
        .env(
            "AWS_SHARED_CREDENTIALS_FILE",
            dir.join("no-aws-credentials"),
        )
        .args([
            "token",
            "--user-pool-id",
            pool,
            "--client-id",
            client,
            "--username",
            user,
        ])
        .timeout(Duration::from_secs(120));
    cmd
}

#[test]
fn token_signs_in_by_srp_and_answers_the_mfa_challenge() {
    let Some((endpoint, py)) = moto() else { return };
    let (pool, client) = cognito(&py, &endpoint);
    let dir = tempfile::tempdir().expect("tempdir");
    // MFA: the code from the flag.
    let out = token_cmd(dir.path(), &endpoint, &pool, &client, "alice")
        .args(["--totp-code", "123456"])
        .write_stdin("Passw0rd!\n")
        .assert()
        .success()
        .get_output()
        .clone();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(stdout.lines().count(), 1, "only the token: {stdout}");
    let token = stdout.trim();
    let c = claims(token);
    assert_eq!(c["token_use"], "access");
    assert_eq!(c["username"], "alice");
    assert_eq!(c["client_id"], client.as_str());
    assert!(!String::from_utf8_lossy(&out.stderr).contains(token));
    // MFA: the code on the line after the password.
    token_cmd(dir.path(), &endpoint, &pool, &client, "alice")
        .write_stdin("Passw0rd!\n654321\n")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("ey"));
    // The pool asks, and nothing answers.
    token_cmd(dir.path(), &endpoint, &pool, &client, "alice")
        .write_stdin("Passw0rd!\n")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "the pool asks for an MFA code: give --totp-code",
        ));
    // No MFA for bob.
    token_cmd(dir.path(), &endpoint, &pool, &client, "bob")
        .write_stdin("Passw0rd!\n")
        .assert()
        .success();
    // Temporary password, unknown user, a bad code: one line each, exit 1, nothing on stdout.
    for (user, stdin, expected) in [
        (
            "carol",
            "Temp0rary!\n",
            "carol still has a temporary password: set a permanent one first",
        ),
        ("nobody", "Passw0rd!\n", "UserNotFoundException"),
    ] {
        let out = token_cmd(dir.path(), &endpoint, &pool, &client, user)
            .write_stdin(stdin)
            .assert()
            .code(1)
            .stdout("")
            .get_output()
            .stderr
            .clone();
        let err = String::from_utf8_lossy(&out);
        assert!(err.contains(expected), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    token_cmd(dir.path(), &endpoint, &pool, &client, "alice")
        .args(["--totp-code", "12345x"])
        .write_stdin("Passw0rd!\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not an authenticator code"));
}

/// A stand-in for the API's JWT authorizer in front of the pet service: POST needs a bearer
/// access token of `client_id`; everything else passes through.
fn authorizer(service: std::net::SocketAddr, client_id: String) -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    std::thread::spawn(move || {
        for conn in listener.incoming().map_while(Result::ok) {
            let client_id = client_id.clone();
            std::thread::spawn(move || {
                let _ = proxy(conn, service, &client_id);
            });
        }
    });
    addr
}

fn proxy(conn: TcpStream, service: std::net::SocketAddr, client_id: &str) -> std::io::Result<()> {
    let mut reader = BufReader::new(conn.try_clone()?);
    let mut head = Vec::new();
    let mut length = 0usize;
    let mut authorized = false;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        if line == "\r\n" {
            break;
        }
        let lower = line.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
        if lower.starts_with("authorization:") {
            let token = line["authorization:".len()..]
                .trim()
                .trim_start_matches("Bearer ")
                .to_string();
            authorized = std::panic::catch_unwind(|| claims(&token))
                .is_ok_and(|c| c["token_use"] == "access" && c["client_id"] == client_id);
        }
        if !lower.starts_with("connection:") {
            head.push(line);
        }
    }
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body)?;
    let mut conn = conn;
    if head[0].starts_with("POST ") && !authorized {
        let msg = "{\"message\":\"Unauthorized\"}";
        write!(conn, "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{msg}", msg.len())?;
        return Ok(());
    }
    let mut upstream = TcpStream::connect(service)?;
    for line in &head {
        upstream.write_all(line.as_bytes())?;
    }
    upstream.write_all(b"Connection: close\r\n\r\n")?;
    upstream.write_all(&body)?;
    std::io::copy(&mut upstream, &mut conn)?;
    Ok(())
}

/// The pet service built beside petgen (scripts/test builds the workspace).
fn petstore_binary() -> std::path::PathBuf {
    let petgen = assert_cmd::cargo::cargo_bin("petgen");
    let bin = petgen.with_file_name("petstore");
    assert!(
        bin.is_file(),
        "{} is not built: scripts/test builds the workspace (cargo build -p petstore)",
        bin.display()
    );
    bin
}

/// The pet service on moto's DynamoDB, behind a stand-in for the authorizer: the service,
/// its own port, and the authorizer's URL.
fn pet_service_behind_authorizer(
    endpoint: &str,
    client: &str,
) -> (std::process::Child, u16, String) {
    let client = client.to_string();
    let table = format!("pets-smoke-{}-{}", std::process::id(), rand_suffix());
    let created = Command::new(common::repo().join("scripts/moto-create-table"))
        .arg(&table)
        .env("PETSTORE_TEST_DYNAMODB", endpoint)
        .status()
        .expect("moto-create-table runs");
    assert!(created.success());
    let mut service = Command::new(petstore_binary())
        .env_clear()
        .env("TABLE_NAME", &table)
        .env("PORT", "0")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_ENDPOINT_URL_DYNAMODB", endpoint)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the pet service starts");
    let mut lines = BufReader::new(service.stdout.take().expect("stdout")).lines();
    let addr = loop {
        let line = lines
            .next()
            .expect("the service logs its address")
            .expect("a line");
        let v: serde_json::Value = serde_json::from_str(&line).unwrap_or_default();
        if v["msg"] == "listening" {
            break v["addr"].as_str().expect("addr").to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    let port: u16 = addr
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("port");
    let front = authorizer(
        std::net::SocketAddr::from(([127, 0, 0, 1], port)),
        client.clone(),
    );
    (service, port, format!("http://{front}"))
}

/// A suffix that differs between calls in one process.
fn rand_suffix() -> usize {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
}

#[test]
fn smoke_passes_on_the_service_behind_an_authorizer_and_fails_without_one() {
    let Some((endpoint, py)) = moto() else { return };
    let (pool, client) = cognito(&py, &endpoint);
    let (mut service, port, url) = pet_service_behind_authorizer(&endpoint, &client);

    let dir = tempfile::tempdir().expect("tempdir");
    let token = token_cmd(dir.path(), &endpoint, &pool, &client, "bob")
        .write_stdin("Passw0rd!\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    std::fs::write(dir.path().join("token"), &token).expect("token file");

    let smoke = |args: &[&str], base: &str| {
        let mut cmd = petgen(dir.path());
        cmd.args(["smoke", "--url", base])
            .args(args)
            .timeout(Duration::from_secs(120));
        cmd
    };
    let out = smoke(&["--token-file", "token"], &url)
        .assert()
        .success()
        .get_output()
        .clone();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{stdout}");
    assert!(
        lines[0].starts_with("ok   POST /petstore/pets/smoke-")
            && lines[0].ends_with("without a token: 401"),
        "{stdout}"
    );
    assert!(lines[1].ends_with("(no such pet): 404"), "{stdout}");
    assert!(lines[2].ends_with("with a token: 201"), "{stdout}");
    assert!(
        lines[3].starts_with("ok   GET /petstore/pets/smoke-") && lines[3].ends_with(": 200"),
        "{stdout}"
    );

    // Signing in itself gives the same result.
    let mut signed = petgen(dir.path());
    signed
        .env("AWS_ENDPOINT_URL", &endpoint)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .args([
            "smoke",
            "--url",
            &url,
            "--username",
            "bob",
            "--user-pool-id",
            &pool,
            "--client-id",
            &client,
        ])
        .write_stdin("Passw0rd!\n")
        .timeout(Duration::from_secs(120))
        .assert()
        .success();

    // Straight to the service, no authorizer: the anonymous POST is let in, and smoke says so.
    let bare = format!("http://127.0.0.1:{port}");
    smoke(&["--token-file", "token"], &bare)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "without a token: 201 (expected 401)",
        ));
    // No token at all: the write is not checked, and that is a failure.
    smoke(&[], &url)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "calls with a token: not run: give --username (or --token-file)",
        ));
    // Nothing there: one line per check, no trace.
    smoke(&["--token-file", "token"], "http://127.0.0.1:9")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("no answer: "));
    let _ = service.kill();
    let _ = service.wait();
}

#[test]
fn preflight_checks_the_hosted_zone_the_certificate_is_validated_in() {
    let Some((endpoint, py)) = moto() else { return };
    let zone = |name: &str, private: bool| {
        boto(
            &py,
            &endpoint,
            &format!(
                "import boto3,time\n\
                 r=boto3.client('route53')\n\
                 kw=dict(Name='{name}', CallerReference=str(time.time_ns()))\n\
                 if {private}: kw.update(VPC={{'VPCRegion':'eu-west-1','VPCId':'vpc-12345678'}}, HostedZoneConfig={{'PrivateZone':True,'Comment':'x'}})\n\
                 print(r.create_hosted_zone(**kw)['HostedZone']['Id'].split('/')[-1])",
                private = if private { "True" } else { "False" }
            ),
        )
    };
    let public = zone("acme.io", false);
    let private = zone("acme.io", true);
    let other = zone("other.dev", false);
    let profile = |zone_id: &str| {
        format!(
            "[project]\nregion = \"eu-west-1\"\n[network]\navailability_zones = [\"euw1-az1\"]\n[service]\nimage = \"nginx:1.27\"\n[api]\ndomain_name = \"pets.acme.io\"\nhosted_zone_id = \"{zone_id}\"\n"
        )
    };
    for (id, expected, ok) in [
        (public.as_str(), format!("preflight: hosted zone: {public} is the public zone acme.io"), true),
        (private.as_str(), format!("preflight: FAIL hosted zone {private} (acme.io) is private"), false),
        (other.as_str(), format!("preflight: FAIL hosted zone {other} is other.dev, and api.domain_name pets.acme.io is not in it"), false),
        ("Z0000000000000000NONE", "preflight: FAIL hosted zone Z0000000000000000NONE does not exist in this account".to_string(), false),
    ] {
        let p = project(&[("web.toml", profile(id).as_bytes())]);
        let bin = stand_in_terraform(p.path(), &serde_json::json!({}));
        let mut cmd = live(p.path(), &endpoint);
        cmd.env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
            .args(["plan", "--profile", "web"]);
        let assert = if ok { cmd.assert().success() } else { cmd.assert().code(1) };
        assert.stderr(predicate::str::contains(expected));
        assert_eq!(calls(p.path()).contains("ARGS plan"), ok);
    }
}

/// A new user's path, printed as a transcript: the state bucket, a token (SRP, then the MFA
/// code), and the smoke test of the service behind the authorizer, with the token piped in.
/// `scripts/with-moto cargo test --test live zero_to_curl -- --nocapture` shows it.
#[test]
fn zero_to_curl_bootstrap_token_smoke() {
    let Some((endpoint, py)) = moto() else { return };
    let (pool, client) = cognito(&py, &endpoint);
    let (mut service, _, url) = pet_service_behind_authorizer(&endpoint, &client);
    let name = bucket("zero");
    let p = project(&[("dev.toml", s3_profile(&name).as_bytes())]);
    let show = |command: &str, out: &std::process::Output, stdout: &str| {
        eprintln!("$ {command}");
        eprint!("{}", String::from_utf8_lossy(&out.stderr));
        eprint!("{stdout}");
        eprintln!("(exit {})", out.status.code().unwrap_or(-1));
    };

    let out = live(p.path(), &endpoint)
        .args(["bootstrap", "--profile", "dev"])
        .output()
        .expect("bootstrap runs");
    show(
        "petgen bootstrap --profile dev",
        &out,
        &String::from_utf8_lossy(&out.stdout),
    );
    assert!(out.status.success());

    let out = token_cmd(p.path(), &endpoint, &pool, &client, "alice")
        .args(["--totp-code", "123456"])
        .write_stdin("Passw0rd!\n")
        .output()
        .expect("token runs");
    let token = String::from_utf8_lossy(&out.stdout).trim().to_string();
    show(
        &format!("printf 'Passw0rd!\\n' | petgen token --user-pool-id {pool} --client-id {client} --username alice --totp-code 123456 > token"),
        &out,
        &format!("[token: a JWT of {} characters, username {}]\n", token.len(), claims(&token)["username"]),
    );
    assert!(out.status.success());

    let out = petgen(p.path())
        .args(["smoke", "--url", &url, "--token-file", "-"])
        .write_stdin(token.clone())
        .timeout(Duration::from_secs(120))
        .output()
        .expect("smoke runs");
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    show(
        &format!("petgen smoke --url {url} --token-file - < token"),
        &out,
        &stdout,
    );
    assert!(out.status.success(), "{stdout}");
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("ok ")).count(),
        4,
        "{stdout}"
    );
    let _ = service.kill();
    let _ = service.wait();
}
