//! Variables and locals nothing uses.

use super::resolve::Used;
use super::Declared;
use crate::diagnostic::Diagnostic;
use crate::hcl::Module;
use crate::validate::codes;

pub(super) fn report(module: &Module, declared: &Declared, used: &Used, out: &mut Vec<Diagnostic>) {
    for (name, pos) in &declared.variables {
        if !used.vars.contains(name) {
            out.push(
                codes::UNUSED_VARIABLE
                    .at(
                        module,
                        *pos,
                        format!("variable `{name}` is declared but never used"),
                    )
                    .hint("remove it, or use it"),
            );
        }
    }
    for (name, pos) in &declared.locals {
        if !used.locals.contains(name) {
            out.push(
                codes::UNUSED_LOCAL
                    .at(module, *pos, format!("local value `{name}` is never used"))
                    .hint("remove it, or use it"),
            );
        }
    }
}
