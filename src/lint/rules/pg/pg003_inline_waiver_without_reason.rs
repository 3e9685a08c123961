//! # PG003 inline-waiver-without-reason
//!
//! **What it does.** Reports a `# petgen:ignore ID` comment that gives no reason; such a comment suppresses nothing.
//!
//! **Why.** Every accepted finding needs a reason a reviewer can judge.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_subnet" "public" {
//!   # petgen:ignore NET003
//!   map_public_ip_on_launch = true
//! }
//! ```
//!
//! **Fix.** Write the reason after the ID: `# petgen:ignore NET003 NAT gateways live here`.
//!
//! checkov has no equivalent check.

// PG003 is a code of the waiver engine (`src/lint/waivers.rs`), which reports it while it
// applies waivers: it is not a rule over the configuration, and has no check. Its metadata
// is in `super` (this folder's mod.rs); this file is its documentation.
