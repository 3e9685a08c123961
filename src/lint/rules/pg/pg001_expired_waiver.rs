//! # PG001 expired-waiver
//!
//! **What it does.** Reports a profile waiver whose `expires` date has passed. The finding it waived is reported again.
//!
//! **Why.** A waiver is a decision with a shelf life; once it expires, someone has to look at the finding again.
//!
//! **Example.**
//!
//! ```hcl
//! [[waivers]]
//! rule     = "DDB001"
//! resource = "module.data.aws_dynamodb_table.pets"
//! reason   = "restore drill pending"
//! expires  = "2025-01-31"
//! ```
//!
//! **Fix.** Fix the finding, or renew the waiver with a new date and a current reason.
//!
//! checkov has no equivalent check.

// PG001 is a code of the waiver engine (`src/lint/waivers.rs`), which reports it while it
// applies waivers: it is not a rule over the configuration, and has no check. Its metadata
// is in `super` (this folder's mod.rs); this file is its documentation.
