//! Terraform version constraints (`required_version`): reading them, and asking whether a
//! version satisfies one. The profile checks its own constraint with it; the handoff checks
//! the terraform binary it found.

/// The terraform releases petgen works with: 1.10 and later 1.x.
pub const SUPPORTED: &str = ">= 1.10, < 2.0";

pub fn parse_version(v: &str) -> Option<Vec<u64>> {
    let core = v.trim().trim_start_matches('v').split(['-', '+']).next()?;
    core.split('.').map(|p| p.parse().ok()).collect()
}

fn cmp(a: &[u64], b: &[u64]) -> std::cmp::Ordering {
    let n = a.len().max(b.len());
    for i in 0..n {
        let (x, y) = (
            a.get(i).copied().unwrap_or(0),
            b.get(i).copied().unwrap_or(0),
        );
        if x != y {
            return x.cmp(&y);
        }
    }
    std::cmp::Ordering::Equal
}

/// Does `version` satisfy a Terraform version constraint such as `">= 1.10, < 2.0"` or
/// `"~> 1.11"`? `None` when the constraint cannot be read.
pub fn satisfies(version: &str, constraint: &str) -> Option<bool> {
    use std::cmp::Ordering::*;
    let v = parse_version(version)?;
    for part in constraint.split(',') {
        let part = part.trim();
        let (op, rest) = ["~>", ">=", "<=", "!=", ">", "<", "="]
            .iter()
            .find_map(|op| part.strip_prefix(op).map(|r| (*op, r)))
            .unwrap_or(("=", part));
        let want = parse_version(rest)?;
        let o = cmp(&v, &want);
        let ok = match op {
            ">=" => o != Less,
            "<=" => o != Greater,
            ">" => o == Greater,
            "<" => o == Less,
            "!=" => o != Equal,
            "=" => o == Equal,
            // ~> 1.11 allows >= 1.11, < 2.0; ~> 1.11.2 allows >= 1.11.2, < 1.12.
            _ => {
                let mut upper = want[..want.len().saturating_sub(1).max(1)].to_vec();
                if let Some(last) = upper.last_mut() {
                    *last += 1;
                }
                if want.len() == 1 {
                    upper = vec![want[0] + 1];
                }
                o != Less && cmp(&v, &upper) == Less
            }
        };
        if !ok {
            return Some(false);
        }
    }
    Some(true)
}

/// Can any terraform petgen supports satisfy `constraint`? `None` when it cannot be read.
pub fn admits_a_supported_version(constraint: &str) -> Option<bool> {
    // Probe every release line petgen supports; constraints name versions, so a grid of
    // minor and patch numbers finds any admitted one.
    let mut readable = false;
    for minor in 10..=30 {
        for patch in 0..=40 {
            let v = format!("1.{minor}.{patch}");
            match satisfies(&v, constraint) {
                Some(true) => return Some(true),
                Some(false) => readable = true,
                None => return None,
            }
        }
    }
    readable.then_some(false)
}

#[cfg(test)]
mod tests {
    use super::{admits_a_supported_version, satisfies};

    #[test]
    fn version_constraints() {
        assert_eq!(satisfies("1.11.4", ">= 1.10"), Some(true));
        assert_eq!(satisfies("1.9.8", ">= 1.10"), Some(false));
        assert_eq!(satisfies("1.11.4", ">= 1.10, < 1.11"), Some(false));
        assert_eq!(satisfies("1.11.4", "~> 1.11"), Some(true));
        assert_eq!(satisfies("2.0.0", "~> 1.11"), Some(false));
        assert_eq!(satisfies("1.11.4", "~> 1.11.2"), Some(true));
        assert_eq!(satisfies("1.12.0", "~> 1.11.2"), Some(false));
        assert_eq!(satisfies("1.11.4", "1.11.4"), Some(true));
        assert_eq!(satisfies("1.11.4-beta1", ">= 1.11"), Some(true));
        assert_eq!(satisfies("x", ">= 1"), None);
    }

    #[test]
    fn supported_versions() {
        assert_eq!(admits_a_supported_version(">= 1.10"), Some(true));
        assert_eq!(admits_a_supported_version("~> 1.11.2"), Some(true));
        assert_eq!(admits_a_supported_version("= 1.12.3"), Some(true));
        assert_eq!(admits_a_supported_version("< 1.10"), Some(false));
        assert_eq!(admits_a_supported_version(">= 2.0"), Some(false));
        assert_eq!(admits_a_supported_version("banana"), None);
        assert_eq!(admits_a_supported_version(">= 1.10, <"), None);
    }
}
