//! Findings about suppressions themselves, emitted by the waiver engine.

pub mod expired_waiver;
pub mod inline_without_reason;
pub mod unused_waiver;
