//! Static values of expressions. Only what is knowable without a plan is evaluated: literals,
//! and (with a [`Scope`]) variables passed as literals, locals, and a few pure functions.
//! Anything else is unknown (`None`), and checks must not fire on unknown values.

use hcl_edit::expr::{Expression, ObjectKey, UnaryOperator};
use hcl_edit::template::Element;
use serde_json::{Map, Number, Value};

/// The JSON value of a literal expression, or `None` when any part of it is not a literal.
pub fn literal(expr: &Expression) -> Option<Value> {
    eval(expr, &NoScope)
}

/// Values an evaluation may look up.
pub trait Scope {
    /// The value of `var.name`, if known.
    fn var(&self, _name: &str) -> Option<Value> {
        None
    }
    /// The value of `local.name`, if known.
    fn local(&self, _name: &str) -> Option<Value> {
        None
    }
}

struct NoScope;
impl Scope for NoScope {}

fn object_key(key: &ObjectKey, scope: &dyn Scope, lenient: bool) -> Option<String> {
    match key {
        ObjectKey::Ident(i) => Some(i.as_str().to_string()),
        ObjectKey::Expression(e) => match eval_mode(e, scope, lenient)? {
            Value::String(s) => Some(s),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        },
    }
}

/// Evaluate `expr`, looking variables and locals up in `scope`.
pub fn eval(expr: &Expression, scope: &dyn Scope) -> Option<Value> {
    eval_mode(expr, scope, false)
}

/// Like [`eval`], but unknown parts become `null` (in strings, `?`) instead of making the
/// whole value unknown. For checks that read the literal parts of a partly dynamic value, such
/// as the `privileged` flag inside a `jsonencode`d container definition.
pub fn eval_lenient(expr: &Expression, scope: &dyn Scope) -> Value {
    eval_mode(expr, scope, true).unwrap_or(Value::Null)
}

fn eval_mode(expr: &Expression, scope: &dyn Scope, lenient: bool) -> Option<Value> {
    let value = eval_inner(expr, scope, lenient);
    if lenient && value.is_none() {
        return Some(Value::Null);
    }
    value
}

fn eval_inner(expr: &Expression, scope: &dyn Scope, lenient: bool) -> Option<Value> {
    let eval = |e: &Expression, s: &dyn Scope| eval_mode(e, s, lenient);
    match expr {
        Expression::Null(_) => Some(Value::Null),
        Expression::Bool(b) => Some(Value::Bool(**b)),
        Expression::Number(n) => {
            let n: &hcl_edit::Number = n;
            if let Some(i) = n.as_i64() {
                Some(Value::Number(i.into()))
            } else if let Some(u) = n.as_u64() {
                Some(Value::Number(u.into()))
            } else {
                n.as_f64().and_then(Number::from_f64).map(Value::Number)
            }
        }
        Expression::String(s) => Some(Value::String(s.as_str().to_string())),
        Expression::Array(a) => a
            .iter()
            .map(|e| eval(e, scope))
            .collect::<Option<Vec<_>>>()
            .map(Value::Array),
        Expression::Object(o) => {
            let mut map = Map::new();
            for (k, v) in o.iter() {
                map.insert(object_key(k, scope, lenient)?, eval(v.expr(), scope)?);
            }
            Some(Value::Object(map))
        }
        Expression::Parenthesis(p) => eval(p.inner(), scope),
        Expression::UnaryOp(u) => match (u.operator.value(), eval(&u.expr, scope)?) {
            (UnaryOperator::Neg, Value::Number(n)) => {
                if let Some(i) = n.as_i64() {
                    Some(Value::Number((-i).into()))
                } else {
                    n.as_f64()
                        .and_then(|f| Number::from_f64(-f))
                        .map(Value::Number)
                }
            }
            (UnaryOperator::Not, Value::Bool(b)) => Some(Value::Bool(!b)),
            _ => None,
        },
        Expression::StringTemplate(t) => template(t, scope, lenient),
        // A heredoc is a template too: `<<EOT ... EOT` policies and container definitions.
        Expression::HeredocTemplate(h) => template(&h.template, scope, lenient),
        Expression::Traversal(t) => {
            let Expression::Variable(root) = &t.expr else {
                return None;
            };
            let mut attrs = t.operators.iter().map(|op| match &**op {
                hcl_edit::expr::TraversalOperator::GetAttr(a) => Some(a.as_str().to_string()),
                _ => None,
            });
            let first = attrs.next().flatten()?;
            let mut value = match root.as_str() {
                "var" => scope.var(&first)?,
                "local" => scope.local(&first)?,
                _ => return None,
            };
            for step in attrs {
                value = value.get(step?)?.clone();
            }
            Some(value)
        }
        Expression::FuncCall(f) => {
            let args: Option<Vec<Value>> = f.args.iter().map(|a| eval(a, scope)).collect();
            call(f.name.name.as_str(), args?)
        }
        Expression::Conditional(c) => match eval(&c.cond_expr, scope)? {
            Value::Bool(true) => eval(&c.true_expr, scope),
            Value::Bool(false) => eval(&c.false_expr, scope),
            _ => None,
        },
        _ => None,
    }
}

/// A template's value; in lenient mode each unknown interpolation or directive becomes `?`.
fn template(t: &hcl_edit::template::Template, scope: &dyn Scope, lenient: bool) -> Option<Value> {
    let mut out = String::new();
    for el in t.iter() {
        match el {
            Element::Literal(l) => out.push_str(l),
            Element::Interpolation(i) => match eval_mode(&i.expr, scope, lenient)? {
                Value::String(s) => out.push_str(&s),
                Value::Number(n) => out.push_str(&n.to_string()),
                Value::Bool(b) => out.push_str(&b.to_string()),
                _ if lenient => out.push('?'),
                _ => return None,
            },
            Element::Directive(_) if lenient => out.push('?'),
            Element::Directive(_) => return None,
        }
    }
    Some(Value::String(out))
}

/// The most elements a collection petgen builds may have: locals that concatenate a list
/// with itself double it at each step, and would exhaust memory long before terraform's
/// limits matter. A larger result is treated as unknown.
const MAX_ELEMENTS: usize = 100_000;

/// The pure functions petgen can evaluate statically.
fn call(name: &str, args: Vec<Value>) -> Option<Value> {
    match (name, args.as_slice()) {
        ("jsonencode", [v]) => Some(Value::String(serde_json::to_string(v).ok()?)),
        ("jsondecode", [Value::String(s)]) => serde_json::from_str(s).ok(),
        ("tostring", [Value::String(s)]) => Some(Value::String(s.clone())),
        ("tostring", [Value::Number(n)]) => Some(Value::String(n.to_string())),
        ("tonumber", [Value::Number(n)]) => Some(Value::Number(n.clone())),
        ("tonumber", [Value::String(s)]) => s
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number),
        ("toset", [Value::Array(a)]) => {
            let mut items = a.clone();
            items.dedup();
            Some(Value::Array(items))
        }
        ("tolist", [Value::Array(a)]) => Some(Value::Array(a.clone())),
        ("length", [Value::Array(a)]) => Some(Value::Number(a.len().into())),
        ("length", [Value::Object(o)]) => Some(Value::Number(o.len().into())),
        ("length", [Value::String(s)]) => Some(Value::Number(s.chars().count().into())),
        ("zipmap", [Value::Array(k), Value::Array(v)]) if k.len() == v.len() => {
            let mut map = Map::new();
            for (k, v) in k.iter().zip(v) {
                map.insert(k.as_str()?.to_string(), v.clone());
            }
            Some(Value::Object(map))
        }
        ("merge", maps) => {
            let mut out = Map::new();
            for m in maps {
                out.extend(m.as_object()?.clone());
                if out.len() > MAX_ELEMENTS {
                    return None;
                }
            }
            Some(Value::Object(out))
        }
        ("concat", lists) => {
            let mut out = Vec::new();
            for l in lists {
                out.extend(l.as_array()?.iter().cloned());
                if out.len() > MAX_ELEMENTS {
                    return None;
                }
            }
            Some(Value::Array(out))
        }
        _ => None,
    }
}
