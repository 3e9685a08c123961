//! `petgen smoke`: the deployed API keeps the design's promise. GET is public, POST needs a
//! token: an anonymous POST is 401, a missing pet is 404, a POST with a token is 201, and the
//! pet reads back with its name. A profile that protects other methods is checked as it says.
//! Over HTTPS the certificate must verify for the host.

use std::time::Duration;

/// One check's result, printed as one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub passed: bool,
    pub line: String,
}

/// What to call, and with what.
pub struct Smoke<'a> {
    /// The API's base URL (`invoke_url`), without the route.
    pub base_url: &'a str,
    /// An access token for the POST; `None` leaves the writes unchecked (and failed).
    pub token: Option<&'a str>,
    /// The pet to create: a fresh ID, so the checks never meet an earlier run's pet.
    pub pet_id: &'a str,
    /// Whether the URL is the profile's custom domain, whose certificate is checked.
    pub custom_domain: bool,
    /// Which methods need a token: the design's `POST` unless the profile says otherwise.
    pub get_protected: bool,
    pub post_protected: bool,
}

/// A fresh pet ID for a run: `smoke-<seconds>-<pid>`.
pub fn fresh_pet_id() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    format!("smoke-{secs}-{}", std::process::id())
}

struct Answer {
    status: u16,
    body: String,
}

fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout_connect(Duration::from_secs(10))
        .timeout(Duration::from_secs(30))
        .redirects(0)
        .build()
}

/// One request. A status is an answer; anything else (DNS, TLS, refused) is an error line.
fn call(
    agent: &ureq::Agent,
    method: &str,
    url: &str,
    token: Option<&str>,
    body: Option<&str>,
) -> Result<Answer, NoAnswer> {
    let mut req = agent.request(method, url);
    if let Some(t) = token {
        req = req.set("Authorization", &format!("Bearer {t}"));
    }
    let result = match body {
        Some(b) => req.set("Content-Type", "application/json").send_string(b),
        None => req.call(),
    };
    let response = match result {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(ureq::Error::Transport(t)) => return Err(NoAnswer(Box::new(t))),
    };
    let status = response.status();
    // A body larger than this is not the pet service's; the prefix says enough.
    let mut body = String::new();
    use std::io::Read;
    let _ = response
        .into_reader()
        .take(64 * 1024)
        .read_to_string(&mut body);
    Ok(Answer { status, body })
}

/// No HTTP answer at all: DNS, TLS, a refused or timed-out connection.
#[derive(Debug, thiserror::Error)]
#[error("{}", transport_reason(.0))]
struct NoAnswer(Box<ureq::Transport>);

fn transport_reason(t: &ureq::Transport) -> String {
    let mut text = t.to_string();
    let mut source = std::error::Error::source(t);
    while let Some(s) = source {
        let s_text = s.to_string();
        if !text.contains(&s_text) {
            text = format!("{text}: {s_text}");
        }
        source = s.source();
    }
    text.replace('\n', " ")
}

/// Run the checks, in the order a client meets them.
pub fn run(s: &Smoke) -> Vec<Check> {
    let agent = agent();
    let base = s.base_url.trim_end_matches('/');
    let url = format!("{base}/petstore/pets/{}", s.pet_id);
    let mut out = Vec::new();
    let mut reached = true;
    let mut expect = |out: &mut Vec<Check>,
                      what: &str,
                      want: u16,
                      got: Result<Answer, NoAnswer>|
     -> Option<Answer> {
        match got {
            Ok(a) if a.status == want => {
                out.push(Check {
                    passed: true,
                    line: format!("{what}: {want}"),
                });
                Some(a)
            }
            Ok(a) => {
                out.push(Check {
                    passed: false,
                    line: format!("{what}: {} (expected {want}){}", a.status, excerpt(&a.body)),
                });
                Some(a)
            }
            Err(e) => {
                reached = false;
                out.push(Check {
                    passed: false,
                    line: format!("{what}: no answer: {e}"),
                });
                None
            }
        }
    };
    let path = format!("/petstore/pets/{}", s.pet_id);
    let body = format!("{{\"name\":\"petgen smoke {}\"}}", s.pet_id);
    let needs_token = s.get_protected || s.post_protected;
    let token = s.token.filter(|_| needs_token);
    if s.get_protected {
        expect(
            &mut out,
            &format!("GET {path} without a token"),
            401,
            call(&agent, "GET", &url, None, None),
        );
    }
    if s.post_protected {
        expect(
            &mut out,
            &format!("POST {path} without a token"),
            401,
            call(&agent, "POST", &url, None, Some(&body)),
        );
    }
    if needs_token && token.is_none() {
        if !s.get_protected {
            expect(
                &mut out,
                &format!("GET {path} (no such pet)"),
                404,
                call(&agent, "GET", &url, None, None),
            );
        }
        out.push(Check {
            passed: false,
            line: "calls with a token: not run: give --username (or --token-file) to check that signed-in calls work".into(),
        });
    } else {
        let get_token = if s.get_protected { token } else { None };
        let post_token = if s.post_protected { token } else { None };
        let how = |t: Option<&str>| if t.is_some() { " with a token" } else { "" };
        expect(
            &mut out,
            &format!("GET {path}{} (no such pet)", how(get_token)),
            404,
            call(&agent, "GET", &url, get_token, None),
        );
        expect(
            &mut out,
            &format!("POST {path}{}", how(post_token)),
            201,
            call(&agent, "POST", &url, post_token, Some(&body)),
        );
        if let Some(a) = expect(
            &mut out,
            &format!("GET {path}{}", how(get_token)),
            200,
            call(&agent, "GET", &url, get_token, None),
        ) {
            let want = format!("petgen smoke {}", s.pet_id);
            let name = serde_json::from_str::<serde_json::Value>(&a.body)
                .ok()
                .and_then(|v| v.get("name").and_then(|n| n.as_str()).map(str::to_string));
            if a.status == 200 && name.as_deref() != Some(want.as_str()) {
                out.push(Check {
                    passed: false,
                    line: format!("GET {path}: the name is {name:?}, expected {want:?}"),
                });
            }
        }
    }
    if s.custom_domain {
        let host = base.split("://").nth(1).unwrap_or(base);
        out.push(if base.starts_with("https://") && reached {
            Check {
                passed: true,
                line: format!("TLS: the certificate verifies for {host}"),
            }
        } else if base.starts_with("https://") {
            Check {
                passed: false,
                line: format!("TLS: no verified connection to {host} (see above)"),
            }
        } else {
            Check {
                passed: false,
                line: format!("TLS: {base} is not an https:// URL"),
            }
        });
    }
    out
}

/// A short, one-line piece of a response body, for a failed check's line.
fn excerpt(body: &str) -> String {
    let one: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.is_empty() {
        return String::new();
    }
    let cut: String = one.chars().take(120).collect();
    format!(": {cut}")
}
