//! # BKD001 s3-backend-unencrypted
//!
//! **What it does.** Flags an S3 state backend without `encrypt = true`.
//!
//! **Why.** Terraform state holds every attribute of every resource, including generated secrets; the backend's `encrypt` makes Terraform request server-side encryption for the state object.
//!
//! **Example.**
//!
//! ```hcl
//! terraform {
//!   backend "s3" {
//!     bucket = "petstore-state"
//!     key    = "prod.tfstate"
//!     region = "us-east-1"
//!   }
//! }
//! ```
//!
//! **Fix.** Set `encrypt = true` in the backend block.
//!
//! In a petgen profile: `backend.encrypt = true`.
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;

declare_rule!(S3Unencrypted {
    id: "BKD001",
    name: "s3-backend-unencrypted",
    category: Security,
    severity: Error,
    checkov: [],
    profile_fix: Some("backend.encrypt = true"),
    source: include_str!("bkd001_s3_backend_unencrypted.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (_, module) in ctx.index.iter() {
        for block in module.blocks_of(crate::hcl::BlockKind::Terraform) {
            for backend in block.body.blocks().filter(|b| {
                b.ident.as_str() == "backend" && b.labels.first().map(|l| l.as_str()) == Some("s3")
            }) {
                let res = Res::from_parts(ctx, module, block.clone());
                let encrypted = is_true(&res.value_in(&backend.body, "encrypt"));
                let unknown = backend.body.get_attribute("encrypt").is_some()
                    && res.value_in(&backend.body, "encrypt").is_none();
                if !encrypted && !unknown {
                    let pos = crate::hcl::Pos {
                        file: block.pos.file,
                        offset: offset_of(backend),
                    };
                    let fix = match ctx.profile {
                        Some(p) => format!("set backend.encrypt = true in {}", p.path.display()),
                        None => "set encrypt = true".into(),
                    };
                    let mut f = finding_at(
                        &META,
                        module.location(pos),
                        "terraform.backend.s3",
                        "the S3 state backend does not encrypt the state",
                        fix,
                    );
                    f.snippet = module.line_of(pos).to_string();
                    out.push(f);
                }
            }
        }
    }
}
