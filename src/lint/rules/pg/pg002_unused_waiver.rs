//! # PG002 unused-waiver
//!
//! **What it does.** Reports a profile waiver that matches no finding.
//!
//! **Why.** A stale waiver would silently hide the finding if it came back for another reason.
//!
//! **Example.**
//!
//! ```hcl
//! [[waivers]]
//! rule     = "NET001"
//! resource = "module.network.aws_vpc.this"
//! reason   = "flow logs come later"   # but flow logs are on
//! ```
//!
//! **Fix.** Remove the waiver.
//!
//! checkov has no equivalent check.

// PG002 is a code of the waiver engine (`src/lint/waivers.rs`), which reports it while it
// applies waivers: it is not a rule over the configuration, and has no check. Its metadata
// is in `super` (this folder's mod.rs); this file is its documentation.
