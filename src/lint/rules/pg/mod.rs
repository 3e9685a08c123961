//! Findings about suppressions themselves. These are codes, not rules: the waiver engine
//! (`lint::waivers`) reports them while it applies waivers, as only it sees every suppression.
//! Each file here is a code's documentation.

use crate::diagnostic::Severity;
use crate::lint::{Category, ReportedBy, RuleMeta};

pub mod pg001_expired_waiver;
pub mod pg002_unused_waiver;
pub mod pg003_inline_waiver_without_reason;

/// A code of the waiver engine; `file` is its documentation, in this folder.
macro_rules! waiver_code {
    ($id:literal, $name:literal, $file:literal) => {
        RuleMeta {
            id: $id,
            name: $name,
            category: Category::Security,
            severity: Severity::Warning,
            checkov: &[],
            profile_fix: None,
            reported_by: ReportedBy::WaiverEngine,
            path: concat!("src/lint/rules/pg/", $file),
            source: include_str!($file),
        }
    };
}

pub static EXPIRED_WAIVER: RuleMeta =
    waiver_code!("PG001", "expired-waiver", "pg001_expired_waiver.rs");
pub static UNUSED_WAIVER: RuleMeta =
    waiver_code!("PG002", "unused-waiver", "pg002_unused_waiver.rs");
pub static INLINE_WITHOUT_REASON: RuleMeta = waiver_code!(
    "PG003",
    "inline-waiver-without-reason",
    "pg003_inline_waiver_without_reason.rs"
);
