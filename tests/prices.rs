//! `petgen prices import`: AWS Price List offer files (tests/fixtures/offers, in AWS's format)
//! into price files; look-alike rows ignored; missing and ambiguous prices reported; an
//! imported region costed. And the deploy gate with partial prices: a missing price never
//! refuses terraform unless the profile sets `budget_strict`.

mod common;

use common::{petgen, project, repo};
use petgen::cost::price_table::{Price, PriceTable};
use petgen::facts::price_keys::PriceKey;
use predicates::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn offer(name: &str) -> PathBuf {
    repo().join("tests/fixtures/offers").join(name)
}

fn read(path: &Path) -> PriceTable {
    PriceTable::read(path).unwrap_or_else(|e| panic!("{e}"))
}

fn price<'a>(t: &'a PriceTable, region: &str, key: &str) -> &'a Price {
    let key = PriceKey::from_name(key).unwrap_or_else(|| panic!("{key} is no price key"));
    t.get(region, key)
        .unwrap_or_else(|e| panic!("{e}: {:#?}", t.regions))
}

#[test]
fn offer_files_of_us_east_1_and_prefixed_regions_are_imported_with_their_source() {
    let dir = tempfile::tempdir().unwrap();
    let out = petgen(dir.path())
        .args(["prices", "import"])
        .arg(offer("AmazonECS-us-east-1.json"))
        .arg(offer("AmazonApiGateway-us-east-1.json"))
        .arg(offer("AmazonEC2-eu-west-1.json"))
        .arg(offer("AWSELB-eu-west-1.json"))
        .arg(offer("AmazonDynamoDB-us-west-2.json"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!stdout.contains("ambiguous"), "{stdout}");

    // us-east-1: Fargate x86 and ARM (USE1- usagetypes), the HTTP API with its two tiers.
    let use1 = read(&dir.path().join("prices/us-east-1.toml"));
    let vcpu = price(&use1, "us-east-1", "fargate_x86_vcpu_hour");
    assert_eq!((vcpu.usd, vcpu.unit.as_str()), (0.04048, "vCPU-hour"));
    assert_eq!(vcpu.effective, "2025-08-01");
    assert!(
        vcpu.source.contains(
            "AmazonECS for us-east-1 (publicationDate 2025-08-28T17:27:23Z), SKU 8CESGAFWKAJ98PME"
        ),
        "{}",
        vcpu.source
    );
    assert_eq!(
        price(&use1, "us-east-1", "fargate_x86_gb_hour").usd,
        0.004445
    );
    assert_eq!(
        price(&use1, "us-east-1", "fargate_arm_vcpu_hour").usd,
        0.03238
    );
    assert_eq!(
        price(&use1, "us-east-1", "fargate_arm_gb_hour").usd,
        0.00356
    );
    let http = price(&use1, "us-east-1", "apigw_http_request_million");
    assert_eq!((http.usd, http.tier_limit), (1.0, Some(300.0)));
    assert_eq!(
        price(&use1, "us-east-1", "apigw_http_request_million_over_300m").usd,
        0.9
    );

    // eu-west-1: EU- usagetypes; regional NAT, provisioned bandwidth, Outposts, the network
    // load balancer and reserved LCUs are look-alikes that must not match.
    let eu = read(&dir.path().join("prices/eu-west-1.toml"));
    for (key, usd, sku) in [
        ("nat_gateway_hour", 0.048, "KFNSSCHWD43WZK2R"),
        ("nat_gateway_gb", 0.048, "DTH8595YVPFXV226"),
        ("alb_hour", 0.0252, "T29JAP5UEZ7HXAM7"),
        ("alb_lcu_hour", 0.008, "YE8QE7GMG9794PDX"),
    ] {
        let p = price(&eu, "eu-west-1", key);
        assert_eq!(p.usd, usd, "{key}");
        assert!(
            p.source.contains(&format!("SKU {sku}")),
            "{key}: {}",
            p.source
        );
    }

    // us-west-2: the $0 first band is the free quantity; Standard-IA rows do not match.
    let usw2 = read(&dir.path().join("prices/us-west-2.toml"));
    let storage = price(&usw2, "us-west-2", "dynamodb_storage_gb_month");
    assert_eq!((storage.usd, storage.free_quantity), (0.25, Some(25.0)));
    assert!(storage.source.contains("SKU UNCJFSHZ2ZQGDPJV"));
    assert_eq!(
        price(&usw2, "us-west-2", "dynamodb_write_request_million").usd,
        0.625
    );
    assert!(price(&usw2, "us-west-2", "dynamodb_write_request_million")
        .source
        .contains("SKU 4G4G98VBTENWGY5R"));
    assert_eq!(
        price(
            &usw2,
            "us-west-2",
            "dynamodb_replicated_write_request_million"
        )
        .usd,
        0.625
    );
    assert_eq!(price(&usw2, "us-west-2", "dynamodb_pitr_gb_month").usd, 0.2);

    // The report: what was found, what the given files lack, what they do not cover.
    assert!(
        stdout.contains("eu-west-1: 4 price(s) written to prices/eu-west-1.toml"),
        "{stdout}"
    );
    assert!(
        stdout.contains("    nat_gateway_hour = $0.048 per NAT-gateway-hour"),
        "{stdout}"
    );
    assert!(
        stdout.contains("    dynamodb_read_request_million: no on-demand AmazonDynamoDB row in us-west-2 with usagetype [CODE-]ReadRequestUnits"),
        "{stdout}"
    );
    assert!(
        stdout.contains("    AmazonCognito: cognito_lite_mau"),
        "{stdout}"
    );
}

#[test]
fn two_products_matching_one_price_are_ambiguous_and_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut v: serde_json::Value =
        serde_json::from_slice(&fs::read(offer("AmazonEC2-eu-west-1.json")).unwrap()).unwrap();
    let mut twin = v["products"]["KFNSSCHWD43WZK2R"].clone();
    twin["sku"] = "TWINNATGATEWAY01".into();
    v["products"]["TWINNATGATEWAY01"] = twin;
    let mut term = v["terms"]["OnDemand"]["KFNSSCHWD43WZK2R"].clone();
    term["KFNSSCHWD43WZK2R.JRTCKXETXF"]["priceDimensions"]
        ["KFNSSCHWD43WZK2R.JRTCKXETXF.6YS6EN2CT7"]["pricePerUnit"]["USD"] = "0.0500000000".into();
    v["terms"]["OnDemand"]["TWINNATGATEWAY01"] = term;
    let file = dir.path().join("twin.json");
    fs::write(&file, serde_json::to_vec(&v).unwrap()).unwrap();
    petgen(dir.path())
        .args(["prices", "import"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("ambiguous, not written (1):"))
        .stdout(predicate::str::contains(
            "nat_gateway_hour: SKU KFNSSCHWD43WZK2R (EU-NatGateway-Hours) at $0.048; SKU TWINNATGATEWAY01 (EU-NatGateway-Hours) at $0.05",
        ));
    let eu = read(&dir.path().join("prices/eu-west-1.toml"));
    assert!(eu.get("eu-west-1", PriceKey::NatGatewayHour).is_err());
    assert_eq!(price(&eu, "eu-west-1", "nat_gateway_gb").usd, 0.048);
}

/// ap-south-1 has no shipped prices: an imported offer file prices it, offline, from then on.
#[test]
fn an_imported_offer_file_prices_a_region_petgen_does_not_ship() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("root");
    fs::create_dir_all(&root).unwrap();
    fs::write(
        root.join("main.tf"),
        "provider \"aws\" {\n  region = \"ap-south-1\"\n}\nresource \"aws_eip\" \"a\" {\n  domain = \"vpc\"\n}\nresource \"aws_lb\" \"b\" {\n  load_balancer_type = \"application\"\n}\n",
    )
    .unwrap();
    petgen(dir.path())
        .args(["cost", "root"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "aws_eip.a: no price for public_ipv4_hour in ap-south-1",
        ));
    petgen(dir.path())
        .args(["prices", "import"])
        .arg(offer("AmazonVPC-ap-south-1.json"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "ap-south-1: 1 price(s) written to prices/ap-south-1.toml",
        ))
        .stdout(predicate::str::contains(
            "vpc_interface_endpoint_az_hour: no on-demand AmazonVPC row in ap-south-1 with usagetype [CODE-]VpcEndpoint-Hours",
        ));
    let out = petgen(dir.path())
        .args(["cost", "root", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total_monthly_usd"], 3.65);
    assert_eq!(v["missing_prices"], serde_json::json!(["alb_hour"]));
    assert_eq!(
        v["not_priced"],
        serde_json::json!(["aws_lb.b: no price for alb_hour in ap-south-1"])
    );
    // --price-dir points elsewhere: the imported file is not read.
    petgen(dir.path())
        .args(["cost", "root", "--price-dir", "elsewhere"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Total: $0.00 per month (ap-south-1",
        ));
}

#[test]
fn imports_merge_into_the_price_file_and_out_writes_one_file() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["AmazonEC2-eu-west-1.json", "AWSELB-eu-west-1.json"] {
        petgen(dir.path())
            .args(["prices", "import", "--price-dir", "p"])
            .arg(offer(f))
            .assert()
            .success();
    }
    let eu = read(&dir.path().join("p/eu-west-1.toml"));
    assert_eq!(eu.regions["eu-west-1"].len(), 4, "{:#?}", eu.regions);

    let one = dir.path().join("all.toml");
    petgen(dir.path())
        .args(["prices", "import", "--out"])
        .arg(&one)
        .arg(offer("AmazonECS-us-east-1.json"))
        .arg(offer("AmazonEC2-eu-west-1.json"))
        .assert()
        .success();
    let t = read(&one);
    assert_eq!(
        t.regions().collect::<Vec<_>>(),
        vec!["eu-west-1", "us-east-1"]
    );
}

#[test]
fn malformed_offer_files_are_usage_errors_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    fs::write(
        &bad,
        "{\n  \"offerCode\" : \"AmazonEC2\",\n  \"publicationDate\" : 7\n}\n",
    )
    .unwrap();
    petgen(dir.path())
        .args(["prices", "import"])
        .arg(&bad)
        .arg(offer("AmazonEC2-eu-west-1.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "error: {}:3:",
            bad.display()
        )))
        .stderr(predicate::str::contains("publicationDate"))
        .stderr(predicate::str::contains(
            "hint: give an AWS Price List offer file",
        ));
    fs::write(&bad, "{ \"offerCode\" : ").unwrap();
    petgen(dir.path())
        .args(["prices", "import"])
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "error: {}:1:",
            bad.display()
        )));
    petgen(dir.path())
        .args(["prices", "import", "no-such.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read no-such.json"));
    assert!(!dir.path().join("prices").exists());
}

#[test]
fn a_broken_user_price_file_is_a_usage_error_with_its_line() {
    let p = project(&[("dev.toml", b"[service]\nimage = \"nginx\"\n")]);
    fs::create_dir_all(p.path().join("prices")).unwrap();
    fs::write(
        p.path().join("prices/eu-west-3.toml"),
        "[regions.eu-west-3.alb_hour]\nusd = \"cheap\"\n",
    )
    .unwrap();
    petgen(p.path())
        .args(["render", "--profile", "dev"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("prices/eu-west-3.toml:2:7:"));
}

/// A stand-in terraform in `dir/bin` that succeeds and logs its arguments.
fn stand_in(dir: &Path) -> PathBuf {
    let bin = dir.join("bin");
    fs::create_dir_all(&bin).unwrap();
    let script = format!(
        "#!/bin/sh\nif [ \"$1\" = \"version\" ]; then\n  echo '{{\"terraform_version\": \"1.11.4\"}}'\n  exit 0\nfi\necho \"ARGS $*\" >> {}\ncase \"$1\" in\n  init) mkdir -p .terraform; echo '# lock' > .terraform.lock.hcl ;;\n  plan) touch petgen.tfplan ;;\n  show) echo '{{\"format_version\":\"1.2\",\"resource_changes\":[]}}' ;;\nesac\nexit 0\n",
        dir.join("calls.log").display()
    );
    let path = bin.join("terraform");
    fs::write(&path, script).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    }
    bin
}

fn plan(p: &Path) -> assert_cmd::assert::Assert {
    let bin = stand_in(p);
    petgen(p)
        .args(["plan", "--profile", "eu"])
        .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
        .assert()
}

fn eu_profile(extra: &str) -> tempfile::TempDir {
    let body = format!(
        "{extra}\n[project]\nregion = \"eu-west-1\"\n[network]\navailability_zones = [\"eu-west-1a\"]\n[service]\nimage = \"nginx:1.27\"\n"
    );
    project(&[("eu.toml", body.as_bytes())])
}

#[test]
fn the_eu_west_1_plan_runs_with_a_partial_estimate() {
    let p = eu_profile("budget_usd_per_month = 200");
    plan(p.path())
        .success()
        .stderr(predicate::str::contains(
            "for what is priced (budget $200.00)",
        ))
        .stderr(predicate::str::contains(
            "note: the budget could not be fully checked",
        ))
        .stderr(predicate::str::contains(
            "no price in eu-west-1 (cognito_essentials_mau)",
        ))
        .stderr(predicate::str::contains(
            "petgen prices fetch --region eu-west-1",
        ))
        .stderr(predicate::str::contains("petgen: checks passed"));
    let log = fs::read_to_string(p.path().join("calls.log")).unwrap();
    assert!(log.contains("ARGS plan"), "{log}");
}

#[test]
fn budget_strict_refuses_a_partial_estimate_and_the_priced_part_over_budget_refuses() {
    let strict = eu_profile("budget_usd_per_month = 200\nbudget_strict = true");
    plan(strict.path())
        .code(1)
        .stderr(predicate::str::contains("CST005"))
        .stderr(predicate::str::contains(
            "the budget cannot be fully checked: eu-west-1 has no price for cognito_essentials_mau (budget_strict = true)",
        ))
        .stderr(predicate::str::contains("refusing to run terraform"));
    assert!(!strict.path().join("calls.log").exists());
    petgen(strict.path())
        .args(["cost", "--profile", "eu"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("budget_strict = true"));

    let over = eu_profile("budget_usd_per_month = 10");
    plan(over.path())
        .code(1)
        .stderr(predicate::str::contains("exceeds the budget of $10.00"));
    assert!(!over.path().join("calls.log").exists());

    let no_budget = project(&[(
        "eu.toml",
        b"budget_strict = true\n[project]\nregion = \"eu-west-1\"\n[network]\navailability_zones = [\"eu-west-1a\"]\n",
    )]);
    petgen(no_budget.path())
        .args(["render", "--profile", "eu"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "budget_strict = true, but there is no budget to check",
        ));
}

/// A local stand-in for AWS's Price List endpoint, serving the fixtures at the paths AWS uses.
fn price_list_endpoint() -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut line = String::new();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            // Drain the headers.
            let mut h = String::new();
            while reader.read_line(&mut h).is_ok_and(|n| n > 2) {
                h.clear();
            }
            let path = line
                .split_whitespace()
                .nth(1)
                .unwrap_or_default()
                .to_string();
            let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
            let body = match parts.as_slice() {
                ["offers", "v1.0", "aws", code, "current", region, "index.json"] => {
                    fs::read(offer(&format!("{code}-{region}.json"))).ok()
                }
                _ => None,
            };
            let response = match body {
                Some(b) => {
                    let mut r = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        b.len()
                    )
                    .into_bytes();
                    r.extend(b);
                    r
                }
                None => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_vec(),
            };
            let _ = stream.write_all(&response);
        }
    });
    format!("http://{addr}")
}

/// `fetch` downloads the region's offer files and runs exactly the import path.
#[test]
fn fetch_downloads_the_offer_files_and_imports_them() {
    let dir = tempfile::tempdir().unwrap();
    petgen(dir.path())
        .args(["prices", "fetch", "--region", "eu-west-1", "--endpoint"])
        .arg(price_list_endpoint())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "eu-west-1: 4 price(s) written to prices/eu-west-1.toml",
        ))
        .stderr(predicate::str::contains(
            "note: AWS publishes no AmazonECS offer for eu-west-1",
        ));
    let eu = read(&dir.path().join("prices/eu-west-1.toml"));
    assert_eq!(price(&eu, "eu-west-1", "alb_lcu_hour").usd, 0.008);
    petgen(dir.path())
        .args(["prices", "fetch", "--region", "nowhere"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not an AWS region code"));
}

/// A server that accepts and then never answers (or stops mid-body) must not hang `fetch`:
/// every read has a timeout.
#[test]
fn fetch_gives_up_on_a_server_that_stops_sending() {
    use std::io::Write;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for (i, stream) in listener.incoming().enumerate() {
            let Ok(mut stream) = stream else { continue };
            if i % 2 == 1 {
                // Headers and the start of a body, then silence.
                let _ = stream.write_all(
                    b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n{\"offerCode\": \"AWSELB\", \"products\": {",
                );
            }
            held.push(stream);
        }
    });
    for _ in 0..2 {
        let start = std::time::Instant::now();
        let out = petgen(std::env::temp_dir().as_path())
            .args([
                "prices",
                "fetch",
                "--region",
                "eu-west-1",
                "--read-timeout",
                "1",
            ])
            .arg("--endpoint")
            .arg(format!("http://{addr}"))
            .timeout(Duration::from_secs(60))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("timed out") || stderr.contains("Timed out"),
            "{stderr}"
        );
        assert!(start.elapsed() < Duration::from_secs(60));
    }
}

/// A region names a price file: an offer whose regionCode is a path writes nothing, anywhere.
#[test]
fn an_offer_region_that_is_a_path_writes_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(offer("AmazonApiGateway-us-east-1.json")).unwrap();
    for (i, code) in ["../../escape", "a/b", "/tmp/abs"].iter().enumerate() {
        let hostile = dir.path().join(format!("hostile-{i}.json"));
        std::fs::write(
            &hostile,
            text.replace("\"us-east-1\"", &format!("{code:?}")),
        )
        .unwrap();
        let work = dir.path().join(format!("w{i}/x/y"));
        std::fs::create_dir_all(&work).unwrap();
        petgen(&work)
            .args(["prices", "import"])
            .arg(&hostile)
            .assert()
            .failure()
            .stderr(predicate::str::contains("hold no product"));
    }
    let mut made = Vec::new();
    for entry in walk(dir.path()) {
        if entry.extension().is_some_and(|e| e == "toml") {
            made.push(entry);
        }
    }
    assert!(made.is_empty(), "{made:?}");
    assert!(!std::path::Path::new("/tmp/abs.toml").exists());
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
