//! Suppressions: `[[waivers]]` in a profile, `# petgen:ignore ID reason` comments, and
//! `#checkov:skip=CKV_...:reason` comments where the finding maps to that checkov ID.
//! Waivers that match nothing, have expired, or lack a reason are findings themselves.

use super::codes::{EXPIRED_WAIVER, INLINE_WITHOUT_REASON, UNUSED_WAIVER};
use super::context::Ctx;
use super::{finding_at, Finding, Selection};
use crate::calendar::{parse_date, today};
use crate::diagnostic::Diagnostic;
use crate::hcl::Module;
use crate::profile::LoadedProfile;

fn subject(f: &Finding) -> &str {
    f.subject.as_deref().unwrap_or_default()
}

/// Strip instance keys: `module.network.aws_eip.nat["a"]` → `module.network.aws_eip.nat`.
fn base_address(a: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in a.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// An inline suppression found in a resource's comments.
struct Inline {
    /// A petgen rule ID, or a checkov ID.
    id: String,
    reason: String,
    checkov: bool,
    line: usize,
}

/// The comments inside a resource block, and those directly above it.
fn inline_suppressions(
    module: &Module,
    file: usize,
    block_start: usize,
    block_end: usize,
) -> Vec<Inline> {
    let Some(f) = module.files.get(file) else {
        return Vec::new();
    };
    let first_line = f.line_index(block_start);
    let last_line = f.line_index(block_end);
    let mut start = first_line;
    while start > 0 && f.line(start - 1).trim_start().starts_with('#') {
        start -= 1;
    }
    let mut out = Vec::new();
    for i in start..=last_line.min(f.line_count().saturating_sub(1)) {
        let line = f.line(i);
        let Some(comment) = line.trim_start().strip_prefix('#') else {
            continue;
        };
        let comment = comment.trim();
        if let Some(rest) = comment.strip_prefix("petgen:ignore") {
            let rest = rest.trim();
            let (id, reason) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            out.push(Inline {
                id: id.to_string(),
                reason: reason.trim().to_string(),
                checkov: false,
                line: i + 1,
            });
        } else if let Some(rest) = comment.strip_prefix("checkov:skip=") {
            let (id, reason) = rest.split_once(':').unwrap_or((rest, ""));
            out.push(Inline {
                id: id.trim().to_string(),
                reason: reason.trim().to_string(),
                checkov: true,
                line: i + 1,
            });
        }
    }
    out
}

/// Waivers that cannot mean anything: an unknown rule ID, an `expires` that is not a date.
/// They are profile errors, reported where the profile is loaded for any command.
pub fn check_profile(profile: &LoadedProfile) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, w) in profile.profile.waivers.iter().enumerate() {
        if !super::codes::all().any(|m| m.id == w.rule) {
            let key = format!("waivers[{i}].rule");
            out.push(
                Diagnostic::user_error(format!("{:?} is not a rule ID", w.rule))
                    .at(profile.locate(&key))
                    .key(key)
                    .hint("`petgen rules` lists the IDs"),
            );
        }
        if let Some(e) = &w.expires {
            if parse_date(e).is_none() {
                let key = format!("waivers[{i}].expires");
                out.push(
                    Diagnostic::user_error(format!("{e:?} is not a date"))
                        .at(profile.locate(&key))
                        .key(key)
                        .hint("write it as YYYY-MM-DD"),
                );
            }
        }
    }
    out
}

/// Mark waived findings as suppressed and add findings for bad waivers.
pub fn apply(ctx: &Ctx, findings: &mut Vec<Finding>, selection: &Selection) {
    let today = today();
    let mut extra = Vec::new();

    // Inline comments, per resource.
    for (_, module) in ctx.index.iter() {
        for block in module.resources() {
            let Some(f) = module.files.get(block.pos.file) else {
                continue;
            };
            let end = block.end.max(block.pos.offset);
            let address = if module.address.is_empty() {
                block.address()
            } else {
                format!("{}.{}", module.address, block.address())
            };
            for inline in inline_suppressions(module, block.pos.file, block.pos.offset, end) {
                if inline.reason.is_empty() && !inline.checkov {
                    if selection.includes(INLINE_WITHOUT_REASON.id) {
                        extra.push(finding_at(
                            INLINE_WITHOUT_REASON,
                            crate::diagnostic::Location {
                                file: f.path.clone(),
                                line: inline.line,
                                column: 1,
                            },
                            address.clone(),
                            format!(
                                "`# petgen:ignore {}` has no reason, so it suppresses nothing",
                                inline.id
                            ),
                            "write the reason after the ID: # petgen:ignore ID why it is accepted",
                        ));
                    }
                    continue;
                }
                for finding in findings
                    .iter_mut()
                    .filter(|x| base_address(subject(x)) == address && x.suppressed.is_none())
                {
                    let matches = if inline.checkov {
                        super::codes::find(finding.code)
                            .is_some_and(|m| m.checkov.contains(&inline.id.as_str()))
                    } else {
                        finding.code == inline.id
                    };
                    if matches {
                        let reason = if inline.reason.is_empty() {
                            "skipped for checkov".to_string()
                        } else {
                            inline.reason.clone()
                        };
                        finding.suppressed = Some(format!("{} (inline)", reason));
                    }
                }
            }
        }
    }

    // Profile waivers.
    let Some(profile) = ctx.profile else {
        findings.append(&mut extra);
        return;
    };
    for (i, w) in profile.profile.waivers.iter().enumerate() {
        let location = profile.locate(&format!("waivers[{i}]"));
        let expired = w
            .expires
            .as_deref()
            .and_then(parse_date)
            .is_some_and(|d| today > d);
        let mut used = false;
        for finding in findings
            .iter_mut()
            .filter(|f| f.code == w.rule && base_address(subject(f)) == base_address(&w.resource))
        {
            used = true;
            if !expired && finding.suppressed.is_none() {
                finding.suppressed = Some(w.reason.clone());
            }
        }
        if expired && selection.includes(EXPIRED_WAIVER.id) {
            extra.push(finding_at(EXPIRED_WAIVER, location.clone(), w.resource.clone(), format!("the waiver of {} for {} expired on {}", w.rule, w.resource, w.expires.as_deref().unwrap_or_default()), "fix the finding, or renew the waiver with a new `expires` date and a current reason"));
        }
        if !used && selection.includes(&w.rule) && selection.includes(UNUSED_WAIVER.id) {
            extra.push(finding_at(
                UNUSED_WAIVER,
                location,
                w.resource.clone(),
                format!(
                    "the waiver of {} for {} matches no finding",
                    w.rule, w.resource
                ),
                "remove the waiver: the finding it accepted is gone",
            ));
        }
    }
    findings.append(&mut extra);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instance_keys_are_ignored() {
        assert_eq!(
            base_address("module.n.aws_eip.nat[\"us-east-1a\"]"),
            "module.n.aws_eip.nat"
        );
    }
}
