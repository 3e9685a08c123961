//! A root whose `required_providers` constraint for hashicorp/aws excludes the version of the
//! schema petgen validates against: schema errors may then be the difference between the two
//! versions, not faults. Say so once at the constraint, and on every schema error.

use super::codes;
use super::provider_schema::ProviderSchema;
use crate::diagnostic::Diagnostic;
use crate::facts::terraform_version::satisfies;
use crate::hcl::{BlockKind, ConfigIndex};
use hcl_edit::expr::Expression;

/// Codes a schema of another provider version can cause.
const SCHEMA_CODES: &[&str] = &[
    "unknown-type",
    "unknown-argument",
    "unknown-block",
    "missing-argument",
    "missing-block",
    "computed-attribute",
    "block-count",
    "wrong-type",
    "schema",
    "deprecated",
    "unknown-attribute",
];

pub fn check(index: &ConfigIndex, schema: &ProviderSchema, out: &mut Vec<Diagnostic>) {
    let Some(version) = schema.aws_version else {
        return;
    };
    let Some(module) = index.root_module() else {
        return;
    };
    for block in module.blocks_of(BlockKind::Terraform) {
        for rp in block
            .body
            .blocks()
            .filter(|b| b.ident.as_str() == "required_providers")
        {
            for attr in rp.body.attributes() {
                let Expression::Object(obj) = &attr.value else {
                    continue;
                };
                // A string field of the object, and where its value is written.
                let field = |name: &str| {
                    obj.iter().find_map(|(k, v)| {
                        let key = match k {
                            hcl_edit::expr::ObjectKey::Ident(i) => i.as_str().to_string(),
                            hcl_edit::expr::ObjectKey::Expression(Expression::String(s)) => {
                                s.as_str().to_string()
                            }
                            _ => return None,
                        };
                        let value = v.expr().as_str().filter(|_| key == name)?;
                        Some((
                            value.to_string(),
                            crate::hcl::pos_of(block.pos.file, v.expr()),
                        ))
                    })
                };
                let source = field("source")
                    .map(|(s, _)| s)
                    .unwrap_or_else(|| attr.key.as_str().to_string());
                // Terraform compares source addresses without regard to case.
                if !matches!(
                    source.to_ascii_lowercase().as_str(),
                    "aws" | "hashicorp/aws" | "registry.terraform.io/hashicorp/aws"
                ) {
                    continue;
                }
                let Some((constraint, at)) = field("version") else {
                    continue;
                };
                if satisfies(version, &constraint) != Some(false) {
                    continue;
                }
                let why = format!(
                    "this root requires hashicorp/aws \"{constraint}\", which excludes {version}, the version of the schema petgen validates against"
                );
                for d in out.iter_mut().filter(|d| SCHEMA_CODES.contains(&d.code)) {
                    d.notes.push(format!(
                        "{why}: this may be a difference between the versions rather than a fault"
                    ));
                }
                out.push(
                    codes::PROVIDER_VERSION
                        .at(module, at, why)
                        .hint("validate with the schema of the version the root uses: run `terraform providers schema -json > aws.json` in the initialised root and pass --provider-schema aws.json"),
                );
            }
        }
    }
}
