//! Example values that must not reach AWS: AWS's documented example account, the domains
//! reserved for documentation (RFC 2606), their mail addresses, and documentation's hosted
//! zone IDs. The shipped profiles keep them as examples, so `check` only warns; `plan` and
//! `apply` refuse them, because AWS would create half a stack before it failed on one.

use super::{LoadedProfile, Profile};
use crate::diagnostic::{Diagnostic, Severity};

/// The diagnostic code of a placeholder.
pub const CODE: &str = "placeholder";

/// AWS's documented example account ID.
pub const EXAMPLE_ACCOUNT: &str = "123456789012";

/// Second-level domains reserved for documentation.
const EXAMPLE_DOMAINS: &[&str] = &["example.com", "example.net", "example.org"];
/// Top-level domains reserved for documentation and tests.
const EXAMPLE_TLDS: &[&str] = &["example", "test", "invalid", "localhost"];

/// One placeholder: the key, the value and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    pub key: String,
    pub value: String,
    pub message: String,
    pub hint: String,
}

/// Every placeholder in the profile, in key order.
pub fn find(loaded: &LoadedProfile) -> Vec<Placeholder> {
    strings(&loaded.profile)
        .into_iter()
        .filter_map(|(key, value)| {
            classify(&key, &value).map(|(message, hint)| Placeholder {
                key,
                value,
                message,
                hint,
            })
        })
        .collect()
}

/// Every string value AWS may receive from the profile, with its key path, in key order.
/// Waivers' reasons are prose and left out.
pub fn strings(profile: &Profile) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Ok(value) = serde_json::to_value(profile) {
        walk(&value, String::new(), &mut out);
    }
    out
}

/// The placeholders as diagnostics of `severity`, each at the line that sets it.
pub fn diagnostics(loaded: &LoadedProfile, severity: Severity) -> Vec<Diagnostic> {
    find(loaded)
        .into_iter()
        .map(|p| {
            let message = match loaded.origin(&p.key) {
                Some(origin) => format!("{} ({origin})", p.message),
                None => p.message,
            };
            Diagnostic::new(CODE, severity, message)
                .at(loaded.locate(&p.key))
                .key(p.key)
                .hint(p.hint)
        })
        .collect()
}

fn walk(value: &serde_json::Value, key: String, out: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::String(s) => out.push((key, s.clone())),
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, format!("{key}[{i}]"), out);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                // A waiver's reason is prose, not a value AWS receives.
                if key.starts_with("waivers[") && k == "reason" {
                    continue;
                }
                let path = if key.is_empty() {
                    k.clone()
                } else {
                    format!("{key}.{k}")
                };
                walk(v, path, out);
            }
        }
        _ => {}
    }
}

/// What is a placeholder about `value`, and what to put there instead.
fn classify(key: &str, value: &str) -> Option<(String, String)> {
    if contains_example_account(value) {
        return Some((
            format!("{value:?} names AWS's documented example account {EXAMPLE_ACCOUNT}"),
            "put your own account ID there (aws sts get-caller-identity --query Account)".into(),
        ));
    }
    if let Some((local, domain)) = value.rsplit_once('@') {
        if !local.is_empty() && is_example_domain(domain) {
            return Some((
                format!("{value:?} is an example address: nobody receives mail at {domain}"),
                "put an address somebody reads, e.g. the on-call's".into(),
            ));
        }
    }
    // A reserved top-level domain (.test, .internal-looking names) can be a private name
    // legitimately; only the public host name must not be one.
    if is_example_domain(value) && (key == "api.domain_name" || !is_reserved_tld_only(value)) {
        return Some((
            format!("{value:?} is a domain reserved for documentation (RFC 2606)"),
            "put a domain you control there".into(),
        ));
    }
    if key.ends_with("hosted_zone_id") && value.contains("EXAMPLE") {
        return Some((
            format!("{value:?} is the documentation's example hosted zone ID"),
            "put your public hosted zone's ID (aws route53 list-hosted-zones)".into(),
        ));
    }
    None
}

/// Whether the account ID appears as a whole number: an ARN field, or a word of a bucket name.
fn contains_example_account(value: &str) -> bool {
    value.match_indices(EXAMPLE_ACCOUNT).any(|(i, _)| {
        let before = value[..i].chars().next_back();
        let after = value[i + EXAMPLE_ACCOUNT.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_digit()) && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

/// Whether a name is an example only by its reserved top-level domain (`api.test`).
fn is_reserved_tld_only(name: &str) -> bool {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    !EXAMPLE_DOMAINS
        .iter()
        .any(|d| name == *d || name.ends_with(&format!(".{d}")))
}

/// `example.com`, `pets.example.org`, `api.test`: names under a reserved domain.
fn is_example_domain(name: &str) -> bool {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if name.is_empty() || name.contains(|c: char| c.is_whitespace() || c == '/' || c == ':') {
        return false;
    }
    let under = |d: &str| name == d || name.ends_with(&format!(".{d}"));
    EXAMPLE_DOMAINS.iter().any(|d| under(d))
        || (name.contains('.')
            && EXAMPLE_TLDS
                .iter()
                .any(|t| name.ends_with(&format!(".{t}"))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_account_counts_only_as_a_whole_number() {
        assert!(contains_example_account(
            "arn:aws:acm:us-east-1:123456789012:certificate/x"
        ));
        assert!(contains_example_account("acme-123456789012-tfstate"));
        assert!(!contains_example_account("acme-91234567890123-tfstate"));
        assert!(!contains_example_account(
            "arn:aws:kms:us-east-1:210987654321:key/x"
        ));
    }

    #[test]
    fn reserved_domains_and_their_addresses_are_placeholders() {
        for v in [
            "example.com",
            "pets.example.com",
            "Pets.Example.Org.",
            "oncall@example.net",
        ] {
            assert!(classify("api.domain_name", v).is_some(), "{v}");
        }
        for v in [
            "pets.acme.io",
            "myexample.com",
            "example.community",
            "oncall@acme.io",
            "Petstore owner example.com team",
            "test",
        ] {
            assert!(classify("tags.Owner", v).is_none(), "{v}");
        }
        assert!(classify("api.hosted_zone_id", "Z3M3LMPEXAMPLE").is_some());
        assert!(classify("api.domain_name", "api.test").is_some());
        assert!(classify("discovery.namespace", "petstore.test").is_none());
        assert!(classify("tags.Note", "Z3M3LMPEXAMPLE").is_none());
    }
}
