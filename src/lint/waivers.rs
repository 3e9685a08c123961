//! Suppressions: `[[waivers]]` in a profile, `# petgen:ignore ID reason` comments, and
//! `#checkov:skip=CKV_...:reason` comments where the finding maps to that checkov ID.
//! Waivers that match nothing, have expired, or lack a reason are findings themselves.

use super::codes::{EXPIRED_WAIVER, INLINE_WITHOUT_REASON, UNUSED_WAIVER};
use super::context::Ctx;
use super::{Finding, Selection};
use crate::hcl::Module;

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// `YYYY-MM-DD` as days since the epoch.
pub fn parse_date(s: &str) -> Option<i64> {
    let mut parts = s.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (i64, i64, i64) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let days_in_month = [
        31,
        if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) {
            29
        } else {
            28
        },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month[(m - 1) as usize] {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

/// Today, as days since the epoch. `PETGEN_TODAY=YYYY-MM-DD` pins it (for tests).
pub fn today() -> i64 {
    if let Some(d) = std::env::var("PETGEN_TODAY")
        .ok()
        .and_then(|s| parse_date(&s))
    {
        return d;
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    (secs / 86_400) as i64
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
    let text = &f.text;
    let first_line = text[..block_start.min(text.len())].matches('\n').count();
    let lines: Vec<&str> = text.lines().collect();
    let last_line = text[..block_end.min(text.len())].matches('\n').count();
    let mut start = first_line;
    while start > 0
        && lines
            .get(start - 1)
            .is_some_and(|l| l.trim_start().starts_with('#'))
    {
        start -= 1;
    }
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate().take(last_line + 1).skip(start) {
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
            let Some(b) = f
                .body
                .blocks()
                .find(|b| crate::lint::context::offset_of(*b) == block.pos.offset)
            else {
                continue;
            };
            let end = hcl_edit::Span::span(b)
                .map(|s| s.end)
                .unwrap_or(block.pos.offset);
            let address = if module.address.is_empty() {
                block.address()
            } else {
                format!("{}.{}", module.address, block.address())
            };
            for inline in inline_suppressions(module, block.pos.file, block.pos.offset, end) {
                if inline.reason.is_empty() && !inline.checkov {
                    if selection.includes(INLINE_WITHOUT_REASON.id) {
                        extra.push(Finding::at(
                            INLINE_WITHOUT_REASON,
                            crate::validate::JsonLocation {
                                file: f.path.display().to_string(),
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
                    .filter(|x| base_address(&x.address) == address && x.suppressed.is_none())
                {
                    let matches = if inline.checkov {
                        finding.checkov.contains(&inline.id.as_str())
                    } else {
                        finding.rule == inline.id
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
        let location: crate::validate::JsonLocation =
            profile.locate(&format!("waivers[{i}]")).into();
        let expired = w
            .expires
            .as_deref()
            .and_then(parse_date)
            .is_some_and(|d| today > d);
        let mut used = false;
        for finding in findings
            .iter_mut()
            .filter(|f| f.rule == w.rule && base_address(&f.address) == base_address(&w.resource))
        {
            used = true;
            if !expired && finding.suppressed.is_none() {
                finding.suppressed = Some(w.reason.clone());
            }
        }
        if expired && selection.includes(EXPIRED_WAIVER.id) {
            extra.push(Finding::at(EXPIRED_WAIVER, location.clone(), w.resource.clone(), format!("the waiver of {} for {} expired on {}", w.rule, w.resource, w.expires.as_deref().unwrap_or_default()), "fix the finding, or renew the waiver with a new `expires` date and a current reason"));
        }
        if !used && selection.includes(&w.rule) && selection.includes(UNUSED_WAIVER.id) {
            extra.push(Finding::at(
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
    fn dates() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(parse_date("2026-11-28"), Some(20_785));
        assert!(parse_date("2024-02-29").is_some());
        assert_eq!(parse_date("2026-02-29"), None);
        assert_eq!(parse_date("2026-1-01"), None);
    }

    #[test]
    fn instance_keys_are_ignored() {
        assert_eq!(
            base_address("module.n.aws_eip.nat[\"us-east-1a\"]"),
            "module.n.aws_eip.nat"
        );
    }
}
