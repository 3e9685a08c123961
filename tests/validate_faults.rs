//! Seeded faults: each is applied to a fresh render of the prod profile and must produce
//! exactly its expected diagnostic, in the right file and on the right line. The unmodified
//! render must produce none, so every diagnostic below is caused by its fault.

mod common;

use petgen::diagnostic::{Diagnostic, Location, Severity};
use petgen::hcl::ConfigIndex;
use petgen::profile::load_profile;
use petgen::render::render;
use petgen::validate::provider_schema::ProviderSchema;
use petgen::validate::validate;
use std::path::Path;
use std::sync::OnceLock;

pub fn schema_path() -> std::path::PathBuf {
    common::full_schema_path()
}

fn schema() -> &'static ProviderSchema {
    static SCHEMA: OnceLock<ProviderSchema> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let path = schema_path();
        ProviderSchema::load(&path).unwrap_or_else(|e| {
            panic!(
                "the AWS provider schema is needed for these tests ({}): {e}",
                path.display()
            )
        })
    })
}

fn render_prod(into: &Path) {
    let loaded = load_profile(&common::repo().join("profiles"), "prod").unwrap();
    let root = render(&loaded).unwrap();
    for f in &root.files {
        let p = into.join(&f.path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, &f.contents).unwrap();
    }
}

fn loc(d: &Diagnostic) -> Location {
    d.location
        .clone()
        .expect("validation diagnostics have a location")
}

fn diagnostics(dir: &Path) -> Vec<Diagnostic> {
    let index = ConfigIndex::load(dir).unwrap_or_else(|e| panic!("{e:?}"));
    validate(&index, Some(schema()))
}

struct Fault {
    name: &'static str,
    file: &'static str,
    find: &'static str,
    replace: &'static str,
    code: &'static str,
    severity: Severity,
    /// The diagnostic is on the first line of the modified file that contains this (or, with
    /// `lines_above`, that many lines above it, for anchors that cannot be unique).
    anchor: &'static str,
    lines_above: usize,
    /// A second edit in the same file, for faults that need two (a cycle has two edges).
    also: Option<(&'static str, &'static str)>,
}

/// Defaults for the optional fields.
const BASE: Fault = Fault {
    name: "",
    file: "",
    find: "",
    replace: "",
    code: "",
    severity: Severity::Error,
    anchor: "",
    lines_above: 0,
    also: None,
};

const FAULTS: &[Fault] = &[
    Fault { name: "unknown argument", file: "modules/network/main.tf", find: "  enable_dns_support   = true", replace: "  enable_dns_suport    = true", code: "unknown-argument", severity: Severity::Error, anchor: "enable_dns_suport", ..BASE },
    Fault { name: "missing required argument", file: "modules/http_api/main.tf", find: "  protocol_type = \"HTTP\"\n", replace: "", code: "missing-argument", severity: Severity::Error, anchor: "resource \"aws_apigatewayv2_api\" \"this\"", ..BASE },
    Fault { name: "unknown nested block", file: "modules/service/main.tf", find: "  setting {", replace: "  settings {", code: "unknown-block", severity: Severity::Error, anchor: "settings {", ..BASE },
    Fault { name: "too many blocks", file: "modules/data/main.tf", find: "  point_in_time_recovery {\n    enabled = var.point_in_time_recovery\n  }\n", replace: "  point_in_time_recovery {\n    enabled = var.point_in_time_recovery\n  }\n\n  point_in_time_recovery {\n    enabled = false\n  }\n", code: "block-count", severity: Severity::Error, anchor: "    enabled = false", lines_above: 1, ..BASE },
    Fault { name: "computed-only attribute set", file: "modules/http_api/main.tf", find: "  protocol_type = \"HTTP\"\n", replace: "  protocol_type = \"HTTP\"\n  api_endpoint  = \"https://example.com\"\n", code: "computed-attribute", severity: Severity::Error, anchor: "api_endpoint", ..BASE },
    Fault { name: "wrong literal type", file: "modules/http_api/main.tf", find: "  auto_deploy = true", replace: "  auto_deploy = \"yes\"", code: "wrong-type", severity: Severity::Error, anchor: "auto_deploy", ..BASE },
    Fault { name: "dangling resource reference", file: "modules/network/main.tf", find: "resource \"aws_internet_gateway\" \"this\" {\n  vpc_id = aws_vpc.this.id", replace: "resource \"aws_internet_gateway\" \"this\" {\n  vpc_id = aws_vpc.main.id", code: "undeclared-reference", severity: Severity::Error, anchor: "aws_vpc.main.id", ..BASE },
    Fault { name: "attribute the type lacks", file: "modules/network/main.tf", find: "resource \"aws_internet_gateway\" \"this\" {\n  vpc_id = aws_vpc.this.id", replace: "resource \"aws_internet_gateway\" \"this\" {\n  vpc_id = aws_vpc.this.vpc_id", code: "unknown-attribute", severity: Severity::Error, anchor: "aws_vpc.this.vpc_id", ..BASE },
    Fault { name: "undeclared variable", file: "modules/network/main.tf", find: "    Name = var.name\n", replace: "    Name = var.nmae\n", code: "undeclared-variable", severity: Severity::Error, anchor: "var.nmae", ..BASE },
    Fault { name: "module call with an unknown argument", file: "main.tf", find: "  deletion_protection    = true\n", replace: "  deletion_protection    = true\n  colour                 = \"blue\"\n", code: "module-unknown-argument", severity: Severity::Error, anchor: "colour", ..BASE },
    Fault { name: "module call missing a required argument", file: "main.tf", find: "  dns_ttl      = 10\n", replace: "", code: "module-missing-argument", severity: Severity::Error, anchor: "module \"discovery\"", ..BASE },
    Fault { name: "cycle", file: "modules/http_api/main.tf", find: "  description = \"API Gateway VPC link for ${var.stack_name}\"", replace: "  description = \"API Gateway VPC link ${aws_apigatewayv2_vpc_link.this.id}\"", code: "cycle", severity: Severity::Error, anchor: "", ..BASE },
    Fault { name: "deprecated argument", file: "modules/service/main.tf", find: "  name = \"${var.service_name}-task\"\n", replace: "  name                = \"${var.service_name}-task\"\n  managed_policy_arns = []\n", code: "deprecated", severity: Severity::Warning, anchor: "managed_policy_arns", ..BASE },
    Fault { name: "deprecated data source attribute", file: "modules/service/main.tf", find: "data.aws_region.current.region", replace: "data.aws_region.current.name", code: "deprecated", severity: Severity::Warning, anchor: "data.aws_region.current.name", ..BASE },
    Fault { name: "output the module lacks", file: "outputs.tf", find: "module.network.vpc_id", replace: "module.network.vpcid", code: "unknown-output", severity: Severity::Error, anchor: "module.network.vpcid", ..BASE },
    Fault { name: "unknown resource type", file: "modules/network/main.tf", find: "locals {\n", replace: "resource \"aws_nat_gatway\" \"extra\" {\n}\n\nlocals {\n", code: "unknown-type", severity: Severity::Error, anchor: "aws_nat_gatway", ..BASE },
    Fault { name: "unknown provider argument", file: "providers.tf", find: "  region = \"us-east-1\"", replace: "  regoin = \"us-east-1\"", code: "unknown-argument", severity: Severity::Error, anchor: "regoin", ..BASE },
    Fault { name: "unused local", file: "modules/network/main.tf", find: "locals {\n", replace: "locals {\n  unused = 1\n", code: "unused-local", severity: Severity::Warning, anchor: "unused = 1", ..BASE },
];

#[test]
fn the_unmodified_render_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    render_prod(dir.path());
    let diags = diagnostics(dir.path());
    assert!(diags.is_empty(), "{diags:#?}");
}

#[test]
fn each_seeded_fault_yields_exactly_its_diagnostic() {
    let mut failures = Vec::new();
    for fault in FAULTS {
        let dir = tempfile::tempdir().unwrap();
        render_prod(dir.path());
        let path = dir.path().join(fault.file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains(fault.find),
            "{}: seed text not found in {}",
            fault.name,
            fault.file
        );
        let mut seeded = text.replacen(fault.find, fault.replace, 1);
        if let Some((find, replace)) = fault.also {
            assert!(
                seeded.contains(find),
                "{}: second seed text not found",
                fault.name
            );
            seeded = seeded.replacen(find, replace, 1);
        }
        std::fs::write(&path, &seeded).unwrap();
        let want_line = if fault.anchor.is_empty() {
            None
        } else {
            seeded
                .lines()
                .position(|l| l.contains(fault.anchor))
                .map(|i| i + 1 - fault.lines_above)
        };
        let diags = diagnostics(dir.path());
        let ok = diags.len() == 1
            && diags[0].code == fault.code
            && diags[0].severity == fault.severity
            && loc(&diags[0]).file.ends_with(fault.file)
            && want_line.is_none_or(|l| loc(&diags[0]).line == l);
        if !ok {
            failures.push(format!(
                "{}: want exactly one {} ({:?}) at {}:{:?}, got:\n{}",
                fault.name,
                fault.code,
                fault.severity,
                fault.file,
                want_line,
                diags
                    .iter()
                    .map(|d| format!(
                        "  {} {} {}:{}:{} {}",
                        d.severity.as_str(),
                        d.code,
                        loc(d).file.display(),
                        loc(d).line,
                        loc(d).column,
                        d.message
                    ))
                    .collect::<Vec<_>>()
                    .join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
