//! The checks `plan` makes with the user's credentials before terraform runs: the account is
//! the one the profile names, a given certificate is usable, and the state bucket exists.
//! Each failure is one line with its fix, so a plan never stops halfway through an apply on
//! something knowable now.

use super::bootstrap::{locate, Existing, StateBucket};
use super::{one_line, Aws};
use aws_sdk_acm::types::CertificateStatus;

/// An account a profile names, and where.
#[derive(Debug, Clone)]
pub struct NamedAccount {
    /// The profile key, e.g. `api.certificate_arn`.
    pub key: String,
    pub account: String,
}

/// A certificate the profile gives, and what it must cover.
#[derive(Debug, Clone)]
pub struct Certificate {
    pub arn: String,
    pub domain: String,
    /// The region the front door is in.
    pub region: String,
}

/// The Route 53 zone the stack writes the domain's records in.
#[derive(Debug, Clone)]
pub struct Zone {
    pub id: String,
    pub domain: String,
}

/// What to check.
#[derive(Debug, Clone, Default)]
pub struct Preflight {
    pub accounts: Vec<NamedAccount>,
    pub state_bucket: Option<StateBucket>,
    pub certificate: Option<Certificate>,
    pub zone: Option<Zone>,
    /// The profile's name, for the commands the fixes name.
    pub profile: String,
}

impl Preflight {
    /// Whether there is anything to ask AWS.
    pub fn is_empty(&self) -> bool {
        self.accounts.is_empty()
            && self.state_bucket.is_none()
            && self.certificate.is_none()
            && self.zone.is_none()
    }
}

/// One check's result: a line to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub passed: bool,
    pub line: String,
}

fn pass(line: String) -> Check {
    Check { passed: true, line }
}

fn fail(line: String) -> Check {
    Check {
        passed: false,
        line,
    }
}

/// Run every check. An unreachable or unauthorised AWS is one failed check, not a panic.
pub fn run(aws: &Aws, p: &Preflight) -> Vec<Check> {
    let account = match aws.caller_account() {
        Ok(a) => a,
        Err(e) => return vec![fail(e.to_string())],
    };
    let mut out = vec![pass(format!("credentials: account {account}"))];
    for named in &p.accounts {
        if named.account != account {
            out.push(fail(format!(
                "{} names account {}, and these credentials are account {account}: use that account's credentials (AWS_PROFILE), or put {account} there",
                named.key, named.account
            )));
        }
    }
    if let Some(b) = &p.state_bucket {
        let s3 = aws_sdk_s3::Client::new(&aws.in_region(&b.region));
        out.push(match locate(aws, &s3, b, &account) {
            Ok(Existing::Ours) => pass(format!("state bucket: s3://{} exists", b.bucket)),
            Ok(Existing::Missing) => fail(format!(
                "state bucket s3://{} does not exist: create it with `petgen bootstrap --profile {}`",
                b.bucket, p.profile
            )),
            Err(e) => fail(format!("state bucket: {e}")),
        });
    }
    if let Some(c) = &p.certificate {
        out.push(certificate(aws, c));
    }
    if let Some(z) = &p.zone {
        out.push(zone(aws, z));
    }
    out
}

/// The zone exists in this account, is public, and is the domain's (or a parent's): else the
/// certificate's validation would wait out its timeout after the rest was built.
fn zone(aws: &Aws, z: &Zone) -> Check {
    let r53 = aws_sdk_route53::Client::new(&aws.config);
    let found = match aws.run(r53.get_hosted_zone().id(&z.id).send()) {
        Ok(out) => out,
        Err(e) => {
            let missing = e
                .as_service_error()
                .is_some_and(|s| s.is_no_such_hosted_zone());
            return fail(if missing {
                format!(
                    "hosted zone {} does not exist in this account: give the public zone of {} (aws route53 list-hosted-zones-by-name --dns-name {})",
                    z.id, z.domain, z.domain
                )
            } else {
                format!("hosted zone {}: {}", z.id, one_line(&e))
            });
        }
    };
    let Some(hz) = found.hosted_zone() else {
        return fail(format!("hosted zone {}: Route 53 described nothing", z.id));
    };
    let name = hz.name().trim_end_matches('.').to_ascii_lowercase();
    let domain = z.domain.trim_end_matches('.').to_ascii_lowercase();
    if hz.config().is_some_and(|c| c.private_zone()) {
        return fail(format!(
            "hosted zone {} ({name}) is private: ACM validates, and clients resolve, through the public zone of {domain}",
            z.id
        ));
    }
    if !(domain == name || domain.ends_with(&format!(".{name}"))) {
        return fail(format!(
            "hosted zone {} is {name}, and api.domain_name {domain} is not in it: give the zone of {domain}",
            z.id
        ));
    }
    pass(format!("hosted zone: {} is the public zone {name}", z.id))
}

/// The region field of an ARN.
pub fn arn_region(arn: &str) -> Option<&str> {
    arn.split(':').nth(3)
}

/// The account field of an ARN, when it is one (S3 ARNs have none).
pub fn arn_account(arn: &str) -> Option<&str> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    match parts[..] {
        ["arn", _, _, _, account, _]
            if account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()) =>
        {
            Some(account)
        }
        _ => None,
    }
}

fn certificate(aws: &Aws, c: &Certificate) -> Check {
    let region = arn_region(&c.arn).unwrap_or_default();
    if region != c.region {
        return fail(format!(
            "certificate {} is in {region}, and the API is in {}: request one in {} (aws acm request-certificate --domain-name {} --validation-method DNS --region {})",
            c.arn, c.region, c.region, c.domain, c.region
        ));
    }
    let acm = aws_sdk_acm::Client::new(&aws.in_region(region));
    let described = aws.run(acm.describe_certificate().certificate_arn(&c.arn).send());
    let cert = match described {
        Ok(d) => match d.certificate {
            Some(cert) => cert,
            None => return fail(format!("certificate {}: ACM described nothing", c.arn)),
        },
        Err(e) => {
            let not_found = e
                .as_service_error()
                .is_some_and(|s| s.is_resource_not_found_exception());
            return fail(if not_found {
                format!(
                    "certificate {} does not exist in this account: request one (aws acm request-certificate --domain-name {} --validation-method DNS --region {}), or set api.hosted_zone_id and let the stack issue it",
                    c.arn, c.domain, c.region
                )
            } else {
                format!("certificate {}: {}", c.arn, one_line(&e))
            });
        }
    };
    let status = cert.status().map(|s| s.as_str().to_string());
    if cert.status() != Some(&CertificateStatus::Issued) {
        return fail(format!(
            "certificate {} is {}, not ISSUED: complete its DNS validation (aws acm describe-certificate --certificate-arn {} shows the record), or use an issued one",
            c.arn,
            status.as_deref().unwrap_or("of no status"),
            c.arn
        ));
    }
    let mut names: Vec<String> = cert.subject_alternative_names().to_vec();
    if let Some(d) = cert.domain_name() {
        names.insert(0, d.to_string());
    }
    let mut seen = std::collections::BTreeSet::new();
    names.retain(|n| seen.insert(n.to_ascii_lowercase()));
    if !names.iter().any(|n| covers(n, &c.domain)) {
        return fail(format!(
            "certificate {} covers {}, not {}: request one for {} or add it as a subject alternative name",
            c.arn,
            names.join(", "),
            c.domain,
            c.domain
        ));
    }
    pass(format!("certificate: ISSUED, covers {}", c.domain))
}

/// Whether certificate name `pattern` covers host `name`: exactly, or as a wildcard for one
/// label (`*.example.com` covers `a.example.com`, neither `example.com` nor `a.b.example.com`).
pub fn covers(pattern: &str, name: &str) -> bool {
    let pattern = pattern.trim_end_matches('.').to_ascii_lowercase();
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    match pattern.strip_prefix("*.") {
        Some(parent) => name
            .split_once('.')
            .is_some_and(|(label, rest)| !label.is_empty() && rest == parent),
        None => pattern == name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_cover_one_label() {
        assert!(covers("*.example.com", "pets.example.com"));
        assert!(covers("Pets.Example.com", "pets.example.com."));
        assert!(!covers("*.example.com", "example.com"));
        assert!(!covers("*.example.com", "a.pets.example.com"));
        assert!(!covers("pets.example.com", "api.example.com"));
    }

    #[test]
    fn arn_fields() {
        let arn = "arn:aws:acm:eu-west-1:210987654321:certificate/abc";
        assert_eq!(arn_region(arn), Some("eu-west-1"));
        assert_eq!(arn_account(arn), Some("210987654321"));
        assert_eq!(arn_account("arn:aws:s3:::bucket"), None);
    }
}
