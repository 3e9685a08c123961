//! Alarms, their topic and e-mail subscriptions, the audit trail and AWS Config.

use super::{problem, Problem};
use crate::diagnostic::did_you_mean;
use crate::facts::aws::*;
use crate::profile::monitoring::{self, Alarm, MAX_EVALUATION_SECONDS};
use crate::profile::{ConfigBucket, Profile};
use std::collections::BTreeSet;

pub(super) fn check(p: &Profile, profile_name: &str, out: &mut Vec<Problem>) {
    let m = &p.monitoring;
    let mut seen = BTreeSet::new();
    for (i, email) in m.emails.iter().enumerate() {
        let key = format!("monitoring.emails[{i}]");
        if !is_email(email) {
            out.push(problem(
                &key,
                format!("{email:?} is not an e-mail address"),
                "write one address per string, such as \"oncall@example.com\"",
            ));
        } else if !seen.insert(email.to_ascii_lowercase()) {
            out.push(problem(
                &key,
                format!("{email} is listed twice"),
                "list each address once",
            ));
        }
    }
    if let Some(arn) = &m.topic_arn {
        match sns_topic_region(arn) {
            None => out.push(problem(
                "monitoring.topic_arn",
                format!("{arn:?} is not an SNS topic ARN"),
                "write arn:aws:sns:<region>:<12-digit account>:<topic name>, as `aws sns list-topics` shows it",
            )),
            Some(region) if region != p.project.region => out.push(problem(
                "monitoring.topic_arn",
                format!(
                    "the topic is in {region}, but alarms in {} can only notify a topic in their own region",
                    p.project.region
                ),
                format!("use a topic in {}", p.project.region),
            )),
            Some(_) if !m.emails.is_empty() => out.push(problem(
                "monitoring.emails",
                "e-mail subscriptions are only created on the topic the stack owns",
                "subscribe the addresses where the existing topic is managed, or drop monitoring.topic_arn",
            )),
            Some(_) => {}
        }
    }
    for (key, o) in &m.overrides {
        let base = format!("monitoring.overrides.{key}");
        let Some(alarm) = Alarm::from_key(key) else {
            let hint = match did_you_mean(key, Alarm::ALL.iter().map(|a| a.key())) {
                Some(k) => format!("did you mean {k}?"),
                None => format!("the alarms are {}", Alarm::ALL.map(Alarm::key).join(", ")),
            };
            out.push(problem(&base, format!("there is no alarm {key:?}"), hint));
            continue;
        };
        let d = alarm.defaults();
        if let Some(t) = o.threshold {
            match d.threshold_range {
                None => out.push(problem(
                    format!("{base}.threshold"),
                    format!("{key} has no threshold to choose: it alarms when the metric stops"),
                    "remove threshold; period and evaluation_periods can still change",
                )),
                Some((lo, hi)) if !(t.is_finite() && t >= lo && t <= hi) => out.push(problem(
                    format!("{base}.threshold"),
                    format!("{t} is outside {lo}-{hi} ({})", d.unit),
                    format!("choose a threshold in {} between {lo} and {hi}", d.unit),
                )),
                Some(_) => {}
            }
        }
        let s = monitoring::settings(p, alarm);
        if let Some(period) = o.period {
            if period < d.min_period || period % 60 != 0 {
                out.push(problem(
                    format!("{base}.period"),
                    format!("{period} is not a period {key} can use"),
                    format!(
                        "use a multiple of 60 seconds, at least {}; shorter periods are high-resolution alarms at three times the price",
                        d.min_period
                    ),
                ));
            }
        }
        if s.evaluation_periods == 0 {
            out.push(problem(
                format!("{base}.evaluation_periods"),
                "an alarm needs at least one evaluation period",
                "use 1 or more",
            ));
        } else if s.period.saturating_mul(s.evaluation_periods) > MAX_EVALUATION_SECONDS {
            out.push(problem(
                format!("{base}.evaluation_periods"),
                format!(
                    "{} periods of {} s look back more than a day",
                    s.evaluation_periods, s.period
                ),
                format!(
                    "keep period × evaluation_periods at or under {MAX_EVALUATION_SECONDS} seconds"
                ),
            ));
        }
        if s.datapoints_to_alarm == 0 || s.datapoints_to_alarm > s.evaluation_periods {
            out.push(problem(
                format!("{base}.datapoints_to_alarm"),
                format!(
                    "{} datapoints out of {} evaluation periods",
                    s.datapoints_to_alarm, s.evaluation_periods
                ),
                "use 1 up to evaluation_periods",
            ));
        }
    }
    check_audit(p, profile_name, out);
}

/// The trail and AWS Config: their buckets' lifetime and names, and where Config delivers.
fn check_audit(p: &Profile, profile_name: &str, out: &mut Vec<Problem>) {
    let a = &p.audit;
    let own_config_bucket = a.config
        && match a.config_bucket {
            Some(b) => b == ConfigBucket::Own,
            None => !a.table_data_events,
        };
    if (a.table_data_events || own_config_bucket) && !(1..=36_500).contains(&a.log_expiry_days) {
        out.push(problem(
            "audit.log_expiry_days",
            format!("{} days is not a lifetime S3 accepts", a.log_expiry_days),
            "use 1 to 36500 days",
        ));
    }
    // The buckets are named from a prefix, `<name>-trail-` or `<name>-config-`, and the AWS
    // provider takes prefixes of at most 37 characters.
    let name = crate::profile::stack::Stack::base_name(profile_name, p);
    for (on, suffix) in [
        (a.table_data_events, "-trail-"),
        (own_config_bucket, "-config-"),
    ] {
        if on && name.len() + suffix.len() > MAX_BUCKET_PREFIX {
            out.push(problem(
                "project.name",
                format!(
                    "the stack name {name:?} makes the bucket prefix {:?}, over the {MAX_BUCKET_PREFIX} characters AWS allows",
                    format!("{name}{suffix}")
                ),
                format!(
                    "shorten project.name or the environment to {} characters in all",
                    MAX_BUCKET_PREFIX - suffix.len()
                ),
            ));
        }
    }
    if a.config && a.config_bucket == Some(ConfigBucket::Audit) && !a.table_data_events {
        out.push(problem(
            "audit.config_bucket",
            "Config delivers to the trail's bucket, but the trail is off (audit.table_data_events = false), so there is no such bucket",
            "set audit.table_data_events = true, or audit.config_bucket = \"own\" for a bucket of Config's own",
        ));
    }
    if a.config_bucket.is_some() && !a.config {
        out.push(problem(
            "audit.config_bucket",
            "a bucket for AWS Config, but Config is off",
            "set audit.config = true, or remove config_bucket",
        ));
    }
}

/// The longest `bucket_prefix` the AWS provider accepts.
const MAX_BUCKET_PREFIX: usize = 37;

/// The shape SNS accepts for e-mail endpoints: one `@`, a local part, and a dotted domain.
fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    s.len() <= 254
        && !local.is_empty()
        && local.len() <= 64
        && !domain.contains('@')
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>,;\"".contains(c))
        && domain.contains('.')
        && is_dns_name(domain)
}

/// The region of an SNS topic ARN, when `arn` is one.
fn sns_topic_region(arn: &str) -> Option<&str> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let [arn_word, partition, service, region, account, name] = parts[..] else {
        return None;
    };
    let partition_ok = matches!(partition, "aws" | "aws-cn" | "aws-us-gov");
    let name_ok = (1..=256).contains(&name.len())
        && name
            .strip_suffix(".fifo")
            .unwrap_or(name)
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    (arn_word == "arn"
        && partition_ok
        && service == "sns"
        && is_region(region)
        && account.len() == 12
        && account.chars().all(|c| c.is_ascii_digit())
        && name_ok)
        .then_some(region)
}

#[cfg(test)]
mod tests {
    #[test]
    fn emails_and_topic_arns() {
        assert!(super::is_email("oncall@example.com"));
        assert!(!super::is_email("oncall@localhost"));
        assert!(!super::is_email("on call@example.com"));
        assert!(!super::is_email("example.com"));
        assert_eq!(
            super::sns_topic_region("arn:aws:sns:us-east-1:123456789012:alerts"),
            Some("us-east-1")
        );
        assert_eq!(
            super::sns_topic_region("arn:aws:sqs:us-east-1:123456789012:q"),
            None
        );
        assert_eq!(
            super::sns_topic_region("arn:aws:sns:us-east-1:1234:alerts"),
            None
        );
    }
}
