//! Findings about suppressions themselves, emitted by the waiver engine.

pub mod pg001_expired_waiver;
pub mod pg002_unused_waiver;
pub mod pg003_inline_waiver_without_reason;
