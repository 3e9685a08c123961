//! References inside expressions: `var.x`, `local.y`, `aws_vpc.this.id`,
//! `module.network.vpc_id`, `data.aws_region.current.region`, with their positions.
//! Iterator names introduced by `for` expressions and template `for` directives are scoped
//! and never reported as references.

use hcl_edit::expr::{Expression, TraversalOperator};
use hcl_edit::template::{Directive, Element, Template};
use hcl_edit::Span;

/// One step after the root name of a reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// `.name`
    Attr(String),
    /// `[...]`; the key when it is a literal.
    Index(Option<String>),
    /// `[*]` or `.*`
    Splat,
}

/// A reference: a root name and the steps that follow it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub root: String,
    pub steps: Vec<Step>,
    /// Byte offset of the reference in its file.
    pub offset: usize,
}

impl Reference {
    /// The leading `.name` steps, stopping at the first index or splat.
    pub fn attrs(&self) -> Vec<&str> {
        self.steps
            .iter()
            .map_while(|s| match s {
                Step::Attr(a) => Some(a.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The `.name` steps, skipping one index/splat right after `skip` leading attributes (as in
    /// `aws_subnet.public["a"].id`, where the index follows the resource name).
    pub fn attrs_after_instance(&self, skip: usize) -> Vec<&str> {
        let mut out = Vec::new();
        let mut i = 0;
        let mut attrs_seen = 0;
        while i < self.steps.len() {
            match &self.steps[i] {
                Step::Attr(a) => {
                    out.push(a.as_str());
                    attrs_seen += 1;
                }
                Step::Index(_) | Step::Splat if attrs_seen == skip => {}
                _ => break,
            }
            i += 1;
        }
        out
    }

    /// `var.x` → `var.x`; `aws_vpc.this.id` → `aws_vpc.this.id` (attributes only).
    pub fn dotted(&self) -> String {
        std::iter::once(self.root.as_str())
            .chain(self.attrs())
            .collect::<Vec<_>>()
            .join(".")
    }
}

/// Every reference in `expr`, in source order.
pub fn references(expr: &Expression) -> Vec<Reference> {
    let mut out = Vec::new();
    let mut scope = Vec::new();
    collect(expr, &mut scope, &mut out);
    out
}

/// References in `expr` with some names already bound (e.g. a `dynamic` block iterator).
pub fn references_with_scope(expr: &Expression, bound: &[String]) -> Vec<Reference> {
    let mut out = Vec::new();
    let mut scope = bound.to_vec();
    collect(expr, &mut scope, &mut out);
    out
}

fn literal_key(expr: &Expression) -> Option<String> {
    match expr {
        Expression::String(s) => Some(s.as_str().to_string()),
        Expression::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn collect(expr: &Expression, scope: &mut Vec<String>, out: &mut Vec<Reference>) {
    match expr {
        Expression::Variable(v) => {
            if !scope.iter().any(|s| s == v.as_str()) {
                out.push(Reference {
                    root: v.as_str().to_string(),
                    steps: Vec::new(),
                    offset: v.span().map(|s| s.start).unwrap_or(0),
                });
            }
        }
        Expression::Traversal(t) => {
            let mut steps = Vec::new();
            for op in &t.operators {
                match &**op {
                    TraversalOperator::GetAttr(name) => {
                        steps.push(Step::Attr(name.as_str().to_string()))
                    }
                    TraversalOperator::Index(idx) => {
                        collect(idx, scope, out);
                        steps.push(Step::Index(literal_key(idx)));
                    }
                    TraversalOperator::LegacyIndex(i) => {
                        steps.push(Step::Index(Some(i.to_string())))
                    }
                    TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                        steps.push(Step::Splat)
                    }
                }
            }
            match &t.expr {
                Expression::Variable(v) => {
                    if !scope.iter().any(|s| s == v.as_str()) {
                        out.push(Reference {
                            root: v.as_str().to_string(),
                            steps,
                            offset: v.span().map(|s| s.start).unwrap_or(0),
                        });
                    }
                }
                other => collect(other, scope, out),
            }
        }
        Expression::Array(a) => a.iter().for_each(|e| collect(e, scope, out)),
        Expression::Object(o) => {
            for (k, v) in o.iter() {
                if let Some(e) = k.as_expr() {
                    collect(e, scope, out);
                }
                collect(v.expr(), scope, out);
            }
        }
        Expression::StringTemplate(t) => collect_template(t, scope, out),
        Expression::HeredocTemplate(h) => collect_template(&h.template, scope, out),
        Expression::Parenthesis(p) => collect(p.inner(), scope, out),
        Expression::Conditional(c) => {
            collect(&c.cond_expr, scope, out);
            collect(&c.true_expr, scope, out);
            collect(&c.false_expr, scope, out);
        }
        Expression::FuncCall(f) => f.args.iter().for_each(|a| collect(a, scope, out)),
        Expression::UnaryOp(u) => collect(&u.expr, scope, out),
        Expression::BinaryOp(b) => {
            collect(&b.lhs_expr, scope, out);
            collect(&b.rhs_expr, scope, out);
        }
        Expression::ForExpr(f) => {
            collect(&f.intro.collection_expr, scope, out);
            let before = scope.len();
            if let Some(k) = &f.intro.key_var {
                scope.push(k.as_str().to_string());
            }
            scope.push(f.intro.value_var.as_str().to_string());
            if let Some(k) = &f.key_expr {
                collect(k, scope, out);
            }
            collect(&f.value_expr, scope, out);
            if let Some(c) = &f.cond {
                collect(&c.expr, scope, out);
            }
            scope.truncate(before);
        }
        Expression::Null(_)
        | Expression::Bool(_)
        | Expression::Number(_)
        | Expression::String(_) => {}
    }
}

fn collect_template(t: &Template, scope: &mut Vec<String>, out: &mut Vec<Reference>) {
    for el in t.iter() {
        match el {
            Element::Literal(_) => {}
            Element::Interpolation(i) => collect(&i.expr, scope, out),
            Element::Directive(d) => match &**d {
                Directive::If(i) => {
                    collect(&i.if_expr.cond_expr, scope, out);
                    collect_template(&i.if_expr.template, scope, out);
                    if let Some(e) = &i.else_expr {
                        collect_template(&e.template, scope, out);
                    }
                }
                Directive::For(f) => {
                    collect(&f.for_expr.collection_expr, scope, out);
                    let before = scope.len();
                    if let Some(k) = &f.for_expr.key_var {
                        scope.push(k.as_str().to_string());
                    }
                    scope.push(f.for_expr.value_var.as_str().to_string());
                    collect_template(&f.for_expr.template, scope, out);
                    scope.truncate(before);
                }
            },
        }
    }
}
