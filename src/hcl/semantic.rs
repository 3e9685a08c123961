//! The semantic model over the HCL index: static values of expressions across module
//! boundaries, reference tracing from an expression to the resources it ends at, and resource
//! views with helpers to read them. Lint and cost both read a configuration through it.

use super::eval::{eval, Scope};
use super::refs::{references, Reference};
use super::{BlockKind, ConfigIndex, Module, Pos, TopBlock};
use hcl_edit::expr::Expression;
use hcl_edit::structure::{Attribute, Body};
use hcl_edit::Span;
use serde_json::Value;
use std::cell::Cell;

/// A configuration, read as values and references rather than syntax.
pub struct Model<'a> {
    pub index: &'a ConfigIndex,
    /// Whether the root module's variables take their defaults, and resources that exist zero
    /// times are listed (see `for_lint`).
    root_defaults: bool,
}

/// The module that called `address`, and the call's name.
fn parent_of(address: &str) -> Option<(&str, &str)> {
    let (parent, call) = address.rsplit_once("module.")?;
    Some((parent.strip_suffix('.').unwrap_or(parent), call))
}

/// Variables resolve through the parent's module call (or the variable's default); locals
/// resolve in the module. Depth-limited, so a cycle evaluates to unknown; and limited in the
/// lookups one evaluation may make, so locals that each use the one before twice
/// (`a2 = concat(local.a1, local.a1)`) cannot take exponential time.
struct ModuleScope<'a> {
    index: &'a ConfigIndex,
    module: &'a Module,
    depth: &'a Cell<u32>,
    steps: &'a Cell<u32>,
    /// Whether the root module's variables take their defaults. A plan can set them
    /// (`-var`, tfvars, `TF_VAR_`), so a check that must not guess treats them as unknown.
    root_defaults: bool,
}

/// The most variable and local lookups one evaluation makes; real configurations need tens.
const MAX_LOOKUPS: u32 = 10_000;

impl ModuleScope<'_> {
    fn nested<T>(&self, f: impl FnOnce() -> Option<T>) -> Option<T> {
        if self.depth.get() > 32 || self.steps.get() >= MAX_LOOKUPS {
            return None;
        }
        self.steps.set(self.steps.get() + 1);
        self.depth.set(self.depth.get() + 1);
        let r = f();
        self.depth.set(self.depth.get() - 1);
        r
    }
}

impl Scope for ModuleScope<'_> {
    fn var(&self, name: &str) -> Option<Value> {
        self.nested(|| {
            if let Some((parent, call)) = parent_of(&self.module.address) {
                let parent_module = self.index.modules.get(parent)?;
                if let Some(arg) = parent_module
                    .module_call(call)
                    .and_then(|c| c.attr(name).map(|a| &a.value))
                {
                    let scope = ModuleScope {
                        index: self.index,
                        module: parent_module,
                        depth: self.depth,
                        steps: self.steps,
                        root_defaults: self.root_defaults,
                    };
                    return eval(arg, &scope);
                }
            } else if !self.root_defaults {
                return None;
            }
            let default = self
                .module
                .variable(name)?
                .attr("default")
                .map(|a| &a.value)?;
            eval(default, self)
        })
    }

    fn local(&self, name: &str) -> Option<Value> {
        self.nested(|| eval(&self.module.local(name)?.value, self))
    }
}

/// Where a traced reference ends: a resource (or data source) attribute in some module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Traced {
    pub module: String,
    /// `aws_vpc.this` or `data.aws_region.current`.
    pub target: String,
    pub attr: Option<String>,
}

impl<'a> Model<'a> {
    /// The model cost and validation read: the root module's variables take their defaults.
    pub fn new(index: &'a ConfigIndex) -> Self {
        Model {
            index,
            root_defaults: true,
        }
    }

    /// The model lint reads, of what every plan creates: the root module's variables are
    /// unknown even with a default (a plan's `-var`, tfvars or `TF_VAR_` may set them, and a
    /// rule must not guess), and a resource whose count or `for_each` is known to be empty is
    /// left out, since nothing of it exists.
    pub fn for_lint(index: &'a ConfigIndex) -> Self {
        Model {
            index,
            root_defaults: false,
        }
    }

    /// The static value of `expr` in `module`, when it can be known.
    pub fn eval(&self, module: &Module, expr: &Expression) -> Option<Value> {
        let (depth, steps) = (Cell::new(0), Cell::new(0));
        eval(
            expr,
            &ModuleScope {
                index: self.index,
                module,
                depth: &depth,
                steps: &steps,
                root_defaults: self.root_defaults,
            },
        )
    }

    /// The value of `expr` with unknown parts as `null`.
    pub fn eval_lenient(&self, module: &Module, expr: &Expression) -> Value {
        let (depth, steps) = (Cell::new(0), Cell::new(0));
        super::eval::eval_lenient(
            expr,
            &ModuleScope {
                index: self.index,
                module,
                depth: &depth,
                steps: &steps,
                root_defaults: self.root_defaults,
            },
        )
    }

    /// Every resource of type `ty`, in every module.
    pub fn resources(&'a self, ty: &'a str) -> impl Iterator<Item = Res<'a>> + 'a {
        self.index
            .modules_with(BlockKind::Resource, ty)
            .flat_map(move |module| {
                module
                    .resources_of(ty)
                    .map(move |block| Res::new(self, module, block))
                    .filter(|r| self.root_defaults || !matches!(r.count(), Count::Known(0)))
            })
    }

    /// Every data source of type `ty`, in every module.
    pub fn data_sources(&'a self, ty: &'a str) -> impl Iterator<Item = Res<'a>> + 'a {
        self.index
            .modules_with(BlockKind::Data, ty)
            .flat_map(move |module| {
                module
                    .of_type(BlockKind::Data, ty)
                    .map(move |block| Res::new(self, module, block))
            })
    }

    /// Follow `expr` through variables, locals and module outputs to the resources it uses.
    pub fn trace(&self, module: &Module, expr: &Expression) -> Vec<Traced> {
        let mut out = Vec::new();
        self.trace_into(module, expr, &mut out, 0);
        out
    }

    fn trace_into(&self, module: &Module, expr: &Expression, out: &mut Vec<Traced>, depth: u32) {
        if depth > 16 {
            return;
        }
        for r in references(expr) {
            self.trace_ref(module, &r, out, depth);
        }
    }

    fn trace_ref(&self, module: &Module, r: &Reference, out: &mut Vec<Traced>, depth: u32) {
        match r.root.as_str() {
            "var" => {
                let Some(name) = r.attrs().first().map(|s| s.to_string()) else {
                    return;
                };
                if let Some((parent, call)) = parent_of(&module.address) {
                    if let Some(parent_module) = self.index.modules.get(parent) {
                        if let Some(arg) = parent_module
                            .module_call(call)
                            .and_then(|c| c.attr(&name).map(|a| &a.value))
                        {
                            self.trace_into(parent_module, arg, out, depth + 1);
                        }
                    }
                }
            }
            "local" => {
                if let Some(l) = r.attrs().first().and_then(|n| module.local(n)) {
                    self.trace_into(module, &l.value, out, depth + 1);
                }
            }
            "module" => {
                let attrs = r.attrs_after_instance(1);
                let (Some(call), Some(output)) = (attrs.first(), attrs.get(1)) else {
                    return;
                };
                if let Some(child) = self.index.child(&module.address, call) {
                    if let Some(v) = child
                        .output(output)
                        .and_then(|o| o.attr("value").map(|a| &a.value))
                    {
                        self.trace_into(child, v, out, depth + 1);
                    }
                }
            }
            "data" => {
                let attrs = r.attrs_after_instance(2);
                if let (Some(t), Some(n)) = (attrs.first(), attrs.get(1)) {
                    out.push(Traced {
                        module: module.address.clone(),
                        target: format!("data.{t}.{n}"),
                        attr: attrs.get(2).map(|s| s.to_string()),
                    });
                }
            }
            "each" | "count" | "path" | "terraform" | "self" => {}
            root => {
                let attrs = r.attrs_after_instance(1);
                if let Some(n) = attrs.first() {
                    out.push(Traced {
                        module: module.address.clone(),
                        target: format!("{root}.{n}"),
                        attr: attrs.get(1).map(|s| s.to_string()),
                    });
                }
            }
        }
    }
}

/// `(module address, local address)` of a resource or data source.
pub type Node = (String, String);

impl Model<'_> {
    /// Everything terraform creates before the resource `local` (`aws_ecs_service.this`) of
    /// `module`: what its arguments and `depends_on` reference, through variables, locals,
    /// module outputs (their values and their `depends_on`), whole-module dependencies and
    /// module calls' `depends_on`, transitively. Bounded by the configuration's size: each
    /// resource is expanded once.
    pub fn dependencies(&self, module: &Module, local: &str) -> std::collections::HashSet<Node> {
        let mut seen = std::collections::HashSet::new();
        let mut todo: Vec<Node> = vec![(module.address.clone(), local.to_string())];
        while let Some((m, target)) = todo.pop() {
            let Some(module) = self.index.modules.get(&m) else {
                continue;
            };
            let block = match target.strip_prefix("data.") {
                Some(rest) => rest.split_once('.').and_then(|(ty, name)| {
                    module
                        .blocks_of(BlockKind::Data)
                        .find(|b| b.labels.as_slice() == [ty, name])
                }),
                None => target
                    .split_once('.')
                    .and_then(|(ty, name)| module.resource(ty, name)),
            };
            let Some(block) = block else { continue };
            let mut exprs: Vec<(&Module, &Expression)> = Vec::new();
            collect_exprs(module, block.body, &mut exprs);
            // A module call's depends_on holds back everything inside the module.
            let mut address = module.address.as_str();
            while let Some((parent, call)) = parent_of(address) {
                if let Some(parent_module) = self.index.modules.get(parent) {
                    if let Some(dep) = parent_module
                        .module_call(call)
                        .and_then(|c| c.attr("depends_on"))
                    {
                        exprs.push((parent_module, &dep.value));
                    }
                }
                address = parent;
            }
            for (module, expr) in exprs {
                let mut found = Vec::new();
                self.dependency_refs(module, expr, &mut found, 0);
                for node in found {
                    if seen.insert(node.clone()) {
                        todo.push(node);
                    }
                }
            }
        }
        seen
    }

    fn dependency_refs(&self, module: &Module, expr: &Expression, out: &mut Vec<Node>, depth: u32) {
        if depth > 16 {
            return;
        }
        for r in references(expr) {
            match r.root.as_str() {
                "module" => {
                    let attrs = r.attrs_after_instance(1);
                    let Some(call) = attrs.first() else { continue };
                    let Some(child) = self.index.child(&module.address, call) else {
                        continue;
                    };
                    match attrs.get(1).and_then(|o| child.output(o)) {
                        Some(output) => {
                            for arg in ["value", "depends_on"] {
                                if let Some(a) = output.attr(arg) {
                                    self.dependency_refs(child, &a.value, out, depth + 1);
                                }
                            }
                        }
                        // `depends_on = [module.network]`: every resource of that module.
                        None if attrs.len() == 1 => {
                            for (address, m) in self.index.iter() {
                                if address == child.address
                                    || address.starts_with(&format!("{}.", child.address))
                                {
                                    for b in m.blocks_of(BlockKind::Resource) {
                                        out.push((address.to_string(), b.address()));
                                    }
                                }
                            }
                        }
                        None => {}
                    }
                }
                "var" | "local" => {
                    let mut traced = Vec::new();
                    self.trace_ref(module, &r, &mut traced, depth);
                    out.extend(traced.into_iter().map(|t| (t.module, t.target)));
                    // Variables and locals may lead through module outputs with depends_on.
                    if r.root == "var" {
                        if let (Some(name), Some((parent, call))) =
                            (r.attrs().first(), parent_of(&module.address))
                        {
                            if let Some(parent_module) = self.index.modules.get(parent) {
                                if let Some(arg) = parent_module
                                    .module_call(call)
                                    .and_then(|c| c.attr(name).map(|a| &a.value))
                                {
                                    self.dependency_refs(parent_module, arg, out, depth + 1);
                                }
                            }
                        }
                    } else if let Some(l) = r.attrs().first().and_then(|n| module.local(n)) {
                        self.dependency_refs(module, &l.value, out, depth + 1);
                    }
                }
                _ => {
                    let mut traced = Vec::new();
                    self.trace_ref(module, &r, &mut traced, depth);
                    out.extend(traced.into_iter().map(|t| (t.module, t.target)));
                }
            }
        }
    }
}

/// Every attribute expression of `body` and its nested blocks.
fn collect_exprs<'m>(
    module: &'m Module,
    body: &'m Body,
    out: &mut Vec<(&'m Module, &'m Expression)>,
) {
    for a in body.attributes() {
        out.push((module, &a.value));
    }
    for b in body.blocks() {
        collect_exprs(module, &b.body, out);
    }
}

/// The most instances of one resource (`count`, or `for_each` keys) petgen models. Terraform
/// sets no limit, but every instance is a node in its graph and an API call at apply, and AWS
/// account quotas for every type petgen prices are far below this; a larger number is a
/// mistake (`count = 1e9`), reported instead of being expanded.
pub const MAX_INSTANCES: usize = 10_000;

/// How many `for_each = other_resource` links are followed to find a resource's keys.
const FOLLOW_FOR_EACH: usize = 16;

/// A resource's number of instances.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Count {
    Known(usize),
    /// Not static: a variable, a resource's attribute, a function petgen does not evaluate.
    Unknown,
    /// What terraform would refuse (negative, fractional, not a number), or beyond
    /// [`MAX_INSTANCES`]; the message says which.
    Invalid(String),
}

/// A resource (or data source) block, with helpers to read it.
#[derive(Clone)]
pub struct Res<'a> {
    pub model: &'a Model<'a>,
    pub module: &'a Module,
    pub block: TopBlock<'a>,
    /// Full address: `module.data.aws_dynamodb_table.pets`.
    pub address: String,
}

impl<'a> Res<'a> {
    fn new(model: &'a Model<'a>, module: &'a Module, block: TopBlock<'a>) -> Self {
        let local = block.address();
        let address = if module.address.is_empty() {
            local
        } else {
            format!("{}.{local}", module.address)
        };
        Res {
            model,
            module,
            block,
            address,
        }
    }

    /// A `Res` for a block found by other means (e.g. a traced data source).
    pub fn from_parts(model: &'a Model<'a>, module: &'a Module, block: TopBlock<'a>) -> Self {
        Res::new(model, module, block)
    }

    pub fn name(&self) -> &str {
        self.block.labels.get(1).copied().unwrap_or_default()
    }

    /// `aws_vpc.this` within its module.
    pub fn local_address(&self) -> String {
        self.block.address()
    }

    pub fn body(&self) -> &'a Body {
        self.block.body
    }

    pub fn attr(&self, name: &str) -> Option<&'a Attribute> {
        self.block.body.get_attribute(name)
    }

    /// The static value of an argument: `None` when absent or unknown.
    pub fn value(&self, name: &str) -> Option<Value> {
        self.model.eval(self.module, &self.attr(name)?.value)
    }

    /// The value of an argument with unknown parts as `null` (`Null` when absent).
    pub fn value_lenient(&self, name: &str) -> Value {
        match self.attr(name) {
            Some(a) => self.model.eval_lenient(self.module, &a.value),
            None => Value::Null,
        }
    }

    /// How many instances `count` or `for_each` makes, when known (1 without either).
    pub fn instances(&self) -> Option<usize> {
        match self.count() {
            Count::Known(n) => Some(n),
            Count::Unknown | Count::Invalid(_) => None,
        }
    }

    /// How many instances `count` or `for_each` makes, or why that is not a number of
    /// instances.
    pub fn count(&self) -> Count {
        if let Some(c) = self.attr("count") {
            // null: a variable without a default the root's tfvars will set.
            let Some(v) = self
                .model
                .eval(self.module, &c.value)
                .filter(|v| !v.is_null())
            else {
                return Count::Unknown;
            };
            let n = match &v {
                Value::Number(n) => n.as_f64(),
                Value::String(s) => s.trim().parse::<f64>().ok(),
                _ => None,
            };
            return match n {
                Some(n) if n.is_finite() && n >= 0.0 && n.fract() == 0.0 => {
                    if n > MAX_INSTANCES as f64 {
                        Count::Invalid(format!(
                            "count = {v} is more than the {MAX_INSTANCES} instances of one resource petgen models"
                        ))
                    } else {
                        Count::Known(n as usize)
                    }
                }
                _ => Count::Invalid(format!("count = {v} is not a whole number of 0 or more")),
            };
        }
        if let Some(f) = self.attr("for_each") {
            return match self.for_each_keys(&f.value, FOLLOW_FOR_EACH) {
                Some(keys) if keys.len() > MAX_INSTANCES => Count::Invalid(format!(
                    "for_each has {} keys, more than the {MAX_INSTANCES} instances of one resource petgen models",
                    keys.len()
                )),
                Some(keys) => Count::Known(keys.len()),
                None => Count::Unknown,
            };
        }
        Count::Known(1)
    }

    /// The keys of `for_each`, when known; follows `for_each = other_resource` to its keys.
    pub fn instance_keys(&self) -> Option<Vec<String>> {
        self.instance_keys_within(FOLLOW_FOR_EACH)
    }

    fn instance_keys_within(&self, hops: usize) -> Option<Vec<String>> {
        self.for_each_keys(&self.attr("for_each")?.value, hops)
    }

    /// `hops` bounds how many `for_each = other_resource` links are followed: a resource
    /// whose `for_each` names itself, or a long chain of them, is unknown, not a stack
    /// overflow or a quadratic walk.
    fn for_each_keys(&self, expr: &Expression, hops: usize) -> Option<Vec<String>> {
        match self.model.eval(self.module, expr) {
            Some(Value::Object(m)) => Some(m.keys().cloned().collect()),
            Some(Value::Array(a)) => a.iter().map(|v| v.as_str().map(str::to_string)).collect(),
            _ => {
                // `for_each = aws_subnet.private` iterates that resource's instances.
                let refs = references(expr);
                let r = refs.first()?;
                let name = r.attrs().first()?.to_string();
                let other = self.module.resource(&r.root, &name)?;
                Res::new(self.model, self.module, other).instance_keys_within(hops.checked_sub(1)?)
            }
        }
    }

    /// The static value of an argument of a nested body.
    pub fn value_in(&self, body: &Body, name: &str) -> Option<Value> {
        self.model
            .eval(self.module, &body.get_attribute(name)?.value)
    }

    /// Nested blocks named `name`, including the content of `dynamic "name"` blocks.
    pub fn blocks(&self, name: &str) -> Vec<&'a Body> {
        blocks_named(self.block.body, name)
    }

    pub fn pos(&self) -> Pos {
        self.block.pos
    }

    /// Where argument `name` is written, else where the block starts.
    pub fn pos_of(&self, name: &str) -> Pos {
        match self.attr(name) {
            Some(a) => super::pos_of(self.block.pos.file, a),
            None => self.block.pos,
        }
    }

    /// Where argument `name` of a nested body is written, else the resource's start.
    pub fn pos_in(&self, body: &Body, name: &str) -> Pos {
        match body.get_attribute(name) {
            Some(a) => super::pos_of(self.block.pos.file, a),
            None => self.block.pos,
        }
    }

    /// The resources an argument's value leads to.
    pub fn trace(&self, name: &str) -> Vec<Traced> {
        match self.attr(name) {
            Some(a) => self.model.trace(self.module, &a.value),
            None => Vec::new(),
        }
    }

    /// Does `t` name this resource?
    pub fn is(&self, t: &Traced) -> bool {
        t.module == self.module.address && t.target == self.local_address()
    }
}

/// Nested blocks named `name` in `body`, including `dynamic "name"` content.
pub fn blocks_named<'b>(body: &'b Body, name: &str) -> Vec<&'b Body> {
    body.blocks()
        .filter_map(|b| {
            if b.ident.as_str() == name {
                Some(&b.body)
            } else if b.ident.as_str() == "dynamic"
                && b.labels.first().map(|l| l.as_str()) == Some(name)
            {
                b.body
                    .blocks()
                    .find(|c| c.ident.as_str() == "content")
                    .map(|c| &c.body)
            } else {
                None
            }
        })
        .collect()
}

/// Span start of a node, for checks that point inside nested bodies.
pub fn offset_of(node: &impl Span) -> usize {
    node.span().map(|s| s.start).unwrap_or(0)
}
