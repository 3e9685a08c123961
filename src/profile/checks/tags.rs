//! Tags applied to every resource.

use super::{problem, Problem};
use crate::facts::config::STACK_TAG;
use crate::profile::Profile;

pub(super) fn check(p: &Profile, out: &mut Vec<Problem>) {
    // AWS allows 50 tags on a resource. Subnets carry two of their own (`Name`, `Tier`), and
    // with Config on petgen adds the stack tag its rules are scoped by.
    let limit = if p.audit.config { 47 } else { 48 };
    if p.tags.len() > limit {
        out.push(problem(
            "tags",
            format!(
                "{} tags given; AWS allows 50 on a resource, and subnets carry 2 of their own{}",
                p.tags.len(),
                if p.audit.config {
                    ", and audit.config adds one"
                } else {
                    ""
                }
            ),
            "remove tags",
        ));
    }
    let tag_char = |c: char| c.is_alphanumeric() || " _.:/=+-@".contains(c);
    for (k, v) in &p.tags {
        let key = format!("tags.{k}");
        if k.is_empty() || k.chars().count() > 128 || !k.chars().all(tag_char) {
            out.push(problem(
                &key,
                format!("tag key {k:?} is not valid"),
                "tag keys are 1-128 characters of letters, digits, spaces and _ . : / = + - @",
            ));
        } else if k.to_ascii_lowercase().starts_with("aws:") {
            out.push(problem(
                &key,
                format!("tag key {k:?} uses the reserved prefix \"aws:\""),
                "rename the tag",
            ));
        } else if k == STACK_TAG {
            out.push(problem(
                &key,
                format!("tag key {k:?} is petgen's: it names the stack for AWS Config's rules"),
                "remove the tag; petgen sets it when audit.config is on",
            ));
        }
        if v.chars().count() > 256 || !v.chars().all(tag_char) {
            out.push(problem(
                &key,
                format!("tag value {v:?} is not valid"),
                "tag values are 0-256 characters of letters, digits, spaces and _ . : / = + - @",
            ));
        }
    }
}
