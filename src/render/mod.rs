//! Stage 2: render a profile into a Terraform root with minijinja templates.
//!
//! Templates live in `templates/` (embedded at build time): `templates/root/*.j2` become the
//! root's files and `templates/modules/<m>/*.j2` the child module `modules/<m>/`. Which child
//! modules a profile gets is decided here ([`modules`]), not in the templates; within those, a
//! template that renders to nothing produces no file, so a profile renders only what it uses.

pub mod config;
pub mod hclfmt;
pub mod monitoring;
pub mod write;

use crate::profile::stack::Stack;
use crate::profile::LoadedProfile;
use minijinja::{Environment, Error, ErrorKind, Value};
use monitoring::MonitoringModel;
use serde::Serialize;
use std::path::PathBuf;

include!(concat!(env!("OUT_DIR"), "/templates.rs"));

/// One rendered file, relative to the root directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedFile {
    pub path: PathBuf,
    pub contents: String,
}

/// A rendered Terraform root: its files, sorted by path.
#[derive(Debug, Clone)]
pub struct RenderedRoot {
    pub profile: String,
    pub files: Vec<RenderedFile>,
}

/// Map a template name to the file it renders: `root/main.tf.j2` → `main.tf`,
/// `modules/alb/main.tf.j2` → `modules/alb/main.tf`.
fn output_path(template: &str) -> PathBuf {
    let name = template.strip_suffix(".j2").unwrap_or(template);
    PathBuf::from(name.strip_prefix("root/").unwrap_or(name))
}

/// The child modules `model` renders, by directory under `modules/`, in name order: one front
/// door (`alb`, or `http_api` with the Cloud Map `discovery` it forwards to), the optional
/// modules the profile turns on, and every other module under `templates/modules/`. The
/// root's templates call exactly these.
pub fn modules(model: &Stack) -> Vec<&'static str> {
    let off = |m: &str| match m {
        "alb" => !model.api.alb,
        "http_api" | "discovery" => model.api.alb,
        "registry" => !model.service.build,
        "certificate" => !model.api.issue_certificate,
        "monitoring" => !model.monitoring.enabled(),
        "audit" => !model.audit.enabled,
        "config" => model.audit.config.is_none(),
        // One datastore: the table's module or the cluster's (both called `module.data`).
        "data" => model.data.postgres.is_some(),
        "aurora" => model.data.postgres.is_none(),
        _ => false,
    };
    let mut out: Vec<&'static str> = TEMPLATES
        .iter()
        .filter_map(|(name, _)| module_of(name))
        .filter(|m| !off(m))
        .collect();
    out.dedup();
    out
}

/// The child module a template belongs to: `modules/alb/main.tf.j2` → `alb`.
fn module_of(template: &'static str) -> Option<&'static str> {
    template.strip_prefix("modules/")?.split('/').next()
}

/// Quote a string as an HCL string literal. `${` and `%{` are escaped so that profile values
/// can never inject expressions.
pub fn hcl_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Words that cannot be bare object keys: `{ for = "x" }` opens a for expression, and
/// `true`, `false` and `null` are literals, not names.
const HCL_KEYWORDS: &[&str] = &[
    "for", "in", "if", "else", "endif", "endfor", "true", "false", "null",
];

/// An object key: bare when it is an HCL identifier, quoted otherwise.
pub fn hcl_key(key: &str) -> String {
    let mut chars = key.chars();
    let ident = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !HCL_KEYWORDS.contains(&key);
    if ident {
        key.to_string()
    } else {
        hcl_string(key)
    }
}

/// The `hcl` filter: a template value as an HCL literal on one line.
fn hcl_literal(value: &Value) -> Result<String, Error> {
    use minijinja::value::ValueKind;
    Ok(match value.kind() {
        ValueKind::String => hcl_string(value.as_str().unwrap_or_default()),
        ValueKind::Bool => value.is_true().to_string(),
        ValueKind::Number => {
            let f = f64::try_from(value.clone()).unwrap_or(0.0);
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", f as i64)
            } else {
                format!("{f}")
            }
        }
        ValueKind::Seq => {
            let items: Result<Vec<String>, Error> =
                value.try_iter()?.map(|v| hcl_literal(&v)).collect();
            format!("[{}]", items?.join(", "))
        }
        ValueKind::Map => {
            let mut parts = Vec::new();
            for key in value.try_iter()? {
                let v = value.get_item(&key)?;
                parts.push(format!(
                    "{} = {}",
                    hcl_key(&key.to_string()),
                    hcl_literal(&v)?
                ));
            }
            if parts.is_empty() {
                "{}".to_string()
            } else {
                format!("{{ {} }}", parts.join(", "))
            }
        }
        ValueKind::None | ValueKind::Undefined => "null".to_string(),
        other => {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                format!("cannot write a {other} as HCL"),
            ))
        }
    })
}

/// The templates, parsed once per process: `render --all` renders many profiles with them.
static ENVIRONMENT: std::sync::LazyLock<Environment<'static>> =
    std::sync::LazyLock::new(environment);

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.add_filter("hcl", |v: Value| hcl_literal(&v));
    env.add_filter("hcl_key", |v: String| hcl_key(&v));
    for (name, source) in TEMPLATES {
        env.add_template(name, source)
            .unwrap_or_else(|e| panic!("template {name} does not parse: {e}"));
    }
    env
}

/// How every rendered file starts; [`profile_of_root`] reads the profile back from it.
pub(crate) const HEADER_PREFIX: &str = "# Generated by petgen from ";
/// How the copy of a user's overlay file starts (`overlays/<profile>/*.tf`): one line, so its
/// line numbers are the original's plus one.
pub const OVERLAY_HEADER_PREFIX: &str = "# Copied by petgen from ";
/// How a rendered Markdown file starts: the same words, in a comment Markdown does not show.
pub const MARKDOWN_HEADER_PREFIX: &str = "<!-- Generated by petgen from ";

/// The profile a petgen root was rendered from, named in its generated header.
pub fn profile_of_root(root: &std::path::Path) -> Option<String> {
    let text = std::fs::read_to_string(root.join("main.tf")).ok()?;
    let rest = text.lines().next()?.strip_prefix(HEADER_PREFIX)?;
    let file = rest.split_whitespace().next()?;
    Some(
        std::path::Path::new(file)
            .file_stem()?
            .to_string_lossy()
            .into_owned(),
    )
}

/// What the templates see: the stack, its alarms as CloudWatch resources, and, for the config
/// module only, what AWS Config records and checks.
#[derive(Serialize)]
struct Context<'a> {
    #[serde(flatten)]
    stack: &'a Stack,
    monitoring: MonitoringModel,
    config: Option<config::ConfigRender>,
    /// The root passes the user pool's ID to the config module (see
    /// [`config::scoped_to_user_pool`]).
    config_user_pool: bool,
}

/// Render every template for `profile`. An error here is a bug in a template, not user input:
/// profiles are fully validated before they reach this stage.
pub fn render(profile: &LoadedProfile) -> Result<RenderedRoot, Error> {
    let model = &profile.stack;
    let env = &*ENVIRONMENT;
    let mut context = Context {
        stack: model,
        monitoring: MonitoringModel::from_stack(model, true),
        config: None,
        config_user_pool: model
            .audit
            .config
            .as_ref()
            .is_some_and(|c| config::scoped_to_user_pool(model, c)),
    };
    let header = format!(
        "{HEADER_PREFIX}{} (profile \"{}\"). Do not edit by hand:\n# change the profile and run `petgen render --profile {}`.\n\n",
        model.profile_file, model.profile, model.profile
    );
    let modules = modules(model);
    let render_all = |ctx: &Value, which: &dyn Fn(&'static str) -> bool| {
        let mut files = Vec::new();
        for (name, _) in TEMPLATES {
            if !which(name) || module_of(name).is_some_and(|m| !modules.contains(&m)) {
                continue;
            }
            let body = env.get_template(name)?.render(ctx)?;
            if body.trim().is_empty() {
                continue;
            }
            files.push(RenderedFile {
                path: output_path(name),
                contents: hclfmt::canonicalize(&format!("{header}{body}")),
            });
        }
        Ok::<_, Error>(files)
    };
    let is_config = |name: &'static str| module_of(name) == Some("config");
    let mut files = render_all(&Value::from_serialize(&context), &|n| !is_config(n))?;
    // Config records what the other modules render, so its module renders from their files.
    if let Some(config_model) = &model.audit.config {
        let rendered = config::resource_types(files.iter().map(|f| f.contents.as_str()));
        context.config = Some(config::plan(model, config_model, &rendered));
        files.extend(render_all(&Value::from_serialize(&context), &is_config)?);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(RenderedRoot {
        profile: profile.name.clone(),
        files,
    })
}

#[cfg(test)]
mod tests {
    use super::hcl_string;

    #[test]
    fn keywords_are_quoted_as_object_keys() {
        assert_eq!(super::hcl_key("Owner"), "Owner");
        assert_eq!(super::hcl_key("cost-center"), "cost-center");
        for k in ["for", "in", "if", "true", "false", "null"] {
            assert_eq!(super::hcl_key(k), format!("\"{k}\""));
        }
        assert_eq!(super::hcl_key("a b"), "\"a b\"");
    }

    #[test]
    fn strings_cannot_inject_interpolation() {
        assert_eq!(hcl_string("a${b}%{c}\"\\"), "\"a$${b}%%{c}\\\"\\\\\"");
        assert_eq!(hcl_string("$x %y"), "\"$x %y\"");
    }
}
