//! Command-line interface: argument parsing and one file per subcommand. Each subcommand
//! returns an exit code: 0 success, 1 findings (drift, lint errors), 2 usage or input error.

/// Print to standard output; see [`write_out`].
macro_rules! out {
    ($($t:tt)*) => { $crate::cli::write_out(&format!($($t)*)) };
}
/// Print a line to standard output; see [`write_out`].
macro_rules! outln {
    ($($t:tt)*) => { $crate::cli::write_out(&format!("{}\n", format_args!($($t)*))) };
}
/// Print a line to standard error; see [`write_err`].
macro_rules! note {
    ($($t:tt)*) => { $crate::cli::write_err(&format!("{}\n", format_args!($($t)*))) };
}

mod bootstrap;
mod check;
mod cost;
mod graph;
mod lint;
mod prices;
mod profiles;
mod render;
mod schema;
mod shell;
pub(crate) mod smoke;
mod style;
mod terraform;
pub(crate) mod token;
mod validate;

use crate::pipeline::console::Console;
pub use crate::pipeline::console::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use clap::{Parser, Subcommand};
use std::io::BufRead;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "petgen",
    version,
    about = "Render, validate, lint and cost the petstore Terraform stack from typed profiles",
    after_help = "Examples:\n  petgen profiles\n  petgen render --profile dev\n  petgen render --all --check\n  petgen schema profile > profiles/profile.schema.json\n\nExit codes: 0 ok; 1 findings (drift, errors, refused checks); 2 usage or profile error. Each command's --help gives its own."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Colour: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, value_enum, default_value = "auto", global = true)]
    pub color: ColorWhen,
    /// Print only results and problems, no progress.
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,
    /// Directory of user price files (`petgen prices import` writes there), laid over the
    /// prices shipped in the binary.
    #[arg(long, value_name = "DIR", default_value = "prices", global = true)]
    pub price_dir: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, clap::Args)]
pub struct ProfileDir {
    /// Directory holding the profiles.
    #[arg(
        long = "profiles",
        id = "profiles_dir",
        value_name = "DIR",
        default_value = "profiles",
        global = true
    )]
    pub dir: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render Terraform for one or all profiles into generated/<profile>/.
    #[command(
        after_help = "Examples:\n  petgen render --profile dev\n  petgen render --all\n  petgen render --all --check        # CI: exit 1 and print a diff if generated/ is stale\n  petgen render --profile prod --out /tmp/out\n  petgen render --all --format json     # what was written, for scripts\n\nExit codes: 0 rendered (or current with --check); 1 the rendered HCL has errors, or drift\nwith --check; 2 a bad profile, a locked root or a failed write (nothing changed)."
    )]
    Render(render::RenderArgs),
    /// List the profiles.
    #[command(
        after_help = "Examples:\n  petgen profiles\n  petgen profiles --format json\n  petgen profiles new staging --region eu-west-1\n\nExit codes: 0 all profiles load; 2 one does not (its errors are printed)."
    )]
    Profiles(profiles::ProfilesArgs),
    /// Check a Terraform root offline against the provider schema and its own references.
    #[command(
        after_help = "Examples:\n  petgen validate generated/prod\n  terraform -chdir=generated/prod providers schema -json > schema.json   # after terraform init\n  petgen validate generated/prod --provider-schema schema.json\n  PETGEN_PROVIDER_SCHEMA=schema.json petgen validate path/to/any/root --format json\n\nExit codes: 0 clean (warnings allowed), 1 errors found, 2 usage error."
    )]
    Validate(validate::ValidateArgs),
    /// Lint a Terraform root for security, reliability and cost problems.
    #[command(
        after_help = "Examples:\n  petgen lint --profile prod\n  petgen lint generated/dev --select NET,ECS --fail-on error\n  petgen lint path/to/any/root --format sarif > lint.sarif\n\nExit codes: 0 clean, 1 findings at or above --fail-on, 2 usage error."
    )]
    Lint(lint::LintArgs),
    /// Estimate the monthly AWS bill of a root, offline, and compare it with another.
    #[command(
        after_help = "Examples:\n  petgen cost --profile prod\n  petgen cost --profile prod --compare dev\n  petgen cost --profile prod --compare-ref origin/main --format markdown\n  petgen cost path/to/root --region us-east-1 --format json\n\nA region or resource without a price is listed as not priced; the rest is still estimated.\nExit codes: 0 ok, 1 over budget_usd_per_month (or a partial estimate with budget_strict), 2 usage error."
    )]
    Cost(cost::CostArgs),
    /// Import AWS's own price lists for a region: from offer files, or downloaded.
    #[command(
        after_help = "Examples:\n  petgen prices import AmazonECS-eu-west-3.json AmazonEC2-eu-west-3.json\n  petgen prices fetch --region eu-west-3\n\nExit codes: 0 prices written; 1 no price found; 2 usage error."
    )]
    Prices(prices::PricesArgs),
    /// Check committed roots as CI and the terraform gate do: current, valid, lint clean, in
    /// budget.
    #[command(
        after_help = "Examples:\n  petgen check --profile prod\n  petgen check --all            # CI\n\nChecks generated/NAME without writing: it must be what the profile renders, validate\nagainst the provider schema, have no error-level lint finding (waivers apply) and stay\nwithin budget_usd_per_month.\nExit codes: 0 all passed; 1 a check failed; 2 usage error."
    )]
    Check(check::CheckArgs),
    /// Draw a root's architecture from its HCL: Mermaid, DOT or SVG.
    #[command(
        after_help = "Examples:\n  petgen graph --profile dev                   # Mermaid, for Markdown\n  petgen graph --profile prod --format svg > prod.svg\n  petgen graph path/to/any/root --format dot | dot -Tpng > root.png\n\nExit codes: 0 drawn; 2 usage error (no such root, a root that does not parse, no Graphviz for svg)."
    )]
    Graph(graph::GraphArgs),
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  petgen completions bash > ~/.local/share/bash-completion/completions/petgen\n  petgen completions zsh > \"${fpath[1]}/_petgen\"\n  petgen completions fish > ~/.config/fish/completions/petgen.fish\n  petgen completions powershell >> $PROFILE\n\nExit codes: 0."
    )]
    Completions(shell::CompletionsArgs),
    /// Print the manual page (or write one per subcommand with --out DIR).
    #[command(
        after_help = "Examples:\n  petgen man | man -l -\n  petgen man --out /usr/local/share/man/man1\n\nExit codes: 0 written; 2 the directory cannot be written."
    )]
    Man(shell::ManArgs),
    /// Render, check and run `terraform plan` for a profile.
    #[command(
        after_help = "Examples:\n  petgen plan --profile dev\n  petgen plan --profile prod --check            # CI: generated/prod must be current\n  petgen plan --profile prod --format markdown > plan.md   # summary for a PR comment\n  petgen plan --profile dev -- -var-file=extra.tfvars\n\nRefuses example values in the profile (--allow-placeholders), then checks with your credentials that the account, a given certificate and the state bucket are right (preflight; --skip-preflight). Runs terraform init when the root has no .terraform or its lock file or backend changed, then prints what the plan will do and what petgen apply would refuse (the data-loss gate).\nExit codes: terraform's; 1 when petgen's checks refuse; 2 usage error; 128+N when signal N stopped terraform."
    )]
    Plan(terraform::PlanArgs),
    /// Apply the saved plan of a profile (planning first when there is none).
    #[command(
        after_help = "Examples:\n  petgen apply --profile dev\n  petgen apply --profile prod --yes   # CI\n  petgen apply --profile dev --allow-destroy module.data.aws_dynamodb_table.pets\n\nA plan that deletes or replaces a table, user pool, KMS key, bucket, repository or database\nis refused unless each such address is named with --allow-destroy. Example values in the\nprofile are refused first (--allow-placeholders). After the apply, on a terminal, it offers\nto run petgen smoke.\nExit codes: terraform's; 1 checks refused, the data-loss gate refused, a delivery step failed\nor the confirmation was declined; 2 usage error; 128+N when signal N stopped terraform."
    )]
    Apply(terraform::ApplyArgs),
    /// Create the S3 state bucket of a profile's [backend], which terraform init needs.
    #[command(
        after_help = "Examples:\n  petgen bootstrap --profile prod\n  AWS_PROFILE=prod-admin petgen bootstrap --profile prod\n\nThe bucket is versioned, encrypted, closed to the public and TLS-only, and tagged petgen:bootstrap. Running it again changes nothing; a bucket petgen did not create is never changed, only compared.\nExit codes: 0 the bucket is there; 1 AWS refused or the name is another account's; 2 usage error or example values in [backend]."
    )]
    Bootstrap(bootstrap::BootstrapArgs),
    /// Print a Cognito access token for a user of a profile's pool (signing in by SRP).
    #[command(
        after_help = "Examples:\n  TOKEN=$(petgen token --profile prod --username alice)\n  petgen token --profile prod --username alice --totp-code 123456\n  printf '%s\\n' \"$PASSWORD\" | petgen token --user-pool-id us-east-1_AbC --client-id 1example23 --username alice\n\nThe password is read from a prompt on a terminal, else from the first line of stdin; it is never sent, only proven. The token is the only output.\nExit codes: 0 printed; 1 Cognito refused; 2 usage error."
    )]
    Token(token::TokenArgs),
    /// Check a deployed API: GET is public, POST needs a token, and a pet reads back.
    #[command(
        after_help = "Examples:\n  petgen smoke --profile prod --username alice\n  petgen token --profile prod --username alice > token && petgen smoke --profile prod --token-file token\n  petgen smoke --url https://pets.acme.io --token-file token\n\nPrints one line per check: GET of a missing pet is 404, POST without a token is 401, POST with one is 201, GET is 200 with the stored name, and a custom domain's certificate verifies.\nExit codes: 0 all passed; 1 a check failed; 2 usage error."
    )]
    Smoke(smoke::SmokeArgs),
    /// Destroy a profile's resources, after typing the profile name.
    #[command(
        after_help = "Example:\n  petgen destroy --profile dev\n\nExit codes: terraform's; 1 the confirmation was declined; 2 usage error."
    )]
    Destroy(terraform::DestroyArgs),
    /// List the lint rules.
    #[command(
        after_help = "Examples:\n  petgen rules\n  petgen rules --format json\n\nExit codes: 0."
    )]
    Rules(lint::RulesArgs),
    /// Explain one lint rule.
    #[command(
        after_help = "Examples:\n  petgen rule DDB001\n  petgen rule DDB001 --format markdown\n  petgen rule DDB001 --format json\n\nExit codes: 0; 2 no rule has that ID."
    )]
    Rule(lint::RuleArgs),
    /// Print a JSON Schema.
    #[command(
        after_help = "Example:\n  petgen schema profile > profiles/profile.schema.json\n\nExit codes: 0."
    )]
    Schema(schema::SchemaArgs),
}

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Provider schema (`terraform providers schema -json` output). Default:
    /// $PETGEN_PROVIDER_SCHEMA, else the schema of an initialised root, else the embedded
    /// hashicorp/aws schema for the types petgen renders.
    #[arg(long = "provider-schema", value_name = "FILE", global = true)]
    pub provider_schema: Option<PathBuf>,
}

/// Write to standard output. When the reader has gone (`petgen rules | head -1`), end quietly
/// the way Unix tools do: by the SIGPIPE the write would have raised, with nothing on stderr.
pub(crate) fn write_out(text: &str) {
    use std::io::Write;
    let raw = std::io::stdout();
    let text = if style::enabled(&raw) {
        style::paint(text)
    } else {
        text.to_string()
    };
    let mut out = anstream::AutoStream::auto(raw.lock());
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            reader_gone();
        }
        write_err(&format!("error: cannot write to standard output: {e}\n"));
        std::process::exit(i32::from(EXIT_USAGE));
    }
}

/// Write to standard error. Progress and problems are best effort: a closed stderr must not
/// stop a render or a deploy halfway.
pub(crate) fn write_err(text: &str) {
    use std::io::Write;
    let raw = std::io::stderr();
    let text = if style::enabled(&raw) {
        style::paint(text)
    } else {
        text.to_string()
    };
    let _ = anstream::AutoStream::auto(raw.lock()).write_all(text.as_bytes());
}

/// Progress on standard error, unless `--quiet`: what petgen is doing, not what it found.
pub(crate) fn progress(line: &str) {
    if !crate::diagnostic::quiet() {
        write_err(&format!("{line}\n"));
    }
}

fn reader_gone() -> ! {
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE and raising it has no memory-safety
    // preconditions; the default action ends the process.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        libc::raise(libc::SIGPIPE);
    }
    std::process::exit(141)
}

/// The terminal as the pipeline's console: progress on stderr, output on stdout, answers
/// from stdin.
pub struct Terminal;

impl Console for Terminal {
    fn say(&self, line: &str) {
        note!("{line}");
    }

    fn progress(&self, line: &str) {
        progress(line);
    }

    fn out(&self, text: &str) {
        out!("{text}");
    }

    fn confirm(&self, prompt: &str, expected: &str) -> bool {
        write_err(prompt);
        let mut line = String::new();
        let ok = std::io::stdin().lock().read_line(&mut line).is_ok();
        ok && line.trim() == expected
    }
}

/// `PETGEN_DOCS_URL`: where `docs/rules/` is published (e.g.
/// `https://github.com/ORG/petgen/blob/main/docs/rules/`), for SARIF's `helpUri`.
pub const DOCS_URL_ENV: &str = "PETGEN_DOCS_URL";

/// The base URL of the rule pages: `PETGEN_DOCS_URL`, else the pages of the checkout this
/// binary was built from, while they are there (a `file:` URL); else none, and SARIF carries
/// the full help text alone.
pub(crate) fn docs_base() -> Option<String> {
    if let Some(url) = std::env::var(DOCS_URL_ENV).ok().filter(|v| !v.is_empty()) {
        return Some(if url.ends_with('/') { url } else { url + "/" });
    }
    let local = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules");
    local
        .join("README.md")
        .is_file()
        .then(|| format!("file://{}/", local.display()))
}

/// Print an error once, whether or not the message already says it is one.
pub(crate) fn report_error(e: &(impl std::fmt::Display + ?Sized)) -> u8 {
    let e = e.to_string();
    if e.starts_with("error:") {
        note!("{e}");
    } else {
        note!("error: {e}");
    }
    EXIT_USAGE
}

/// The folders the options default to (`profiles`, `generated`, `prices`, `service`) are found
/// from anywhere inside the project, as cargo finds `Cargo.toml` (see `pipeline::project`).
fn anchor_defaults(cli: &mut Cli) {
    let Ok(cwd) = std::env::current_dir() else {
        return;
    };
    let root = crate::pipeline::project::root_above(&cwd);
    let anchor = |p: &mut PathBuf| {
        *p = crate::pipeline::project::anchored(p, &cwd, root.as_deref());
    };
    anchor(&mut cli.price_dir);
    match &mut cli.command {
        Command::Render(a) => {
            anchor(&mut a.out);
            anchor(&mut a.profiles.dir);
        }
        Command::Check(a) => {
            anchor(&mut a.out);
            anchor(&mut a.profiles.dir);
        }
        Command::Lint(a) => {
            anchor(&mut a.out);
            anchor(&mut a.profiles.dir);
        }
        Command::Cost(a) => {
            anchor(&mut a.out);
            anchor(&mut a.profiles.dir);
        }
        Command::Graph(a) => {
            anchor(&mut a.out);
            anchor(&mut a.profiles.dir);
        }
        Command::Profiles(a) => anchor(&mut a.profiles.dir),
        Command::Plan(a) => anchor_handoff(&mut a.common, &anchor),
        Command::Apply(a) => anchor_handoff(&mut a.common, &anchor),
        Command::Destroy(a) => anchor_handoff(&mut a.common, &anchor),
        Command::Bootstrap(a) => anchor(&mut a.profiles.dir),
        Command::Token(a) => {
            anchor(&mut a.sign_in.out);
            anchor(&mut a.sign_in.profiles.dir);
        }
        Command::Smoke(a) => {
            anchor(&mut a.sign_in.out);
            anchor(&mut a.sign_in.profiles.dir);
        }
        _ => {}
    }
}

fn anchor_handoff(a: &mut terraform::HandoffArgs, anchor: &dyn Fn(&mut PathBuf)) {
    anchor(&mut a.out);
    anchor(&mut a.service_dir);
    anchor(&mut a.profiles.dir);
}

pub fn run(mut cli: Cli) -> u8 {
    anchor_defaults(&mut cli);
    match cli.color {
        ColorWhen::Auto => {}
        ColorWhen::Always => anstream::ColorChoice::Always.write_global(),
        ColorWhen::Never => anstream::ColorChoice::Never.write_global(),
    }
    crate::diagnostic::set_quiet(cli.quiet);
    crate::cost::price_table::use_directory(&cli.price_dir);
    // Commands that estimate read the user's price files first, so a broken one is reported
    // once, as a usage error, before anything runs.
    let prices_needed = matches!(
        cli.command,
        Command::Render(_)
            | Command::Check(_)
            | Command::Lint(_)
            | Command::Cost(_)
            | Command::Plan(_)
            | Command::Apply(_)
    );
    if prices_needed {
        if let Err(e) = crate::cost::price_table::PriceTable::current() {
            return report_error(e);
        }
    }
    match cli.command {
        Command::Render(args) => render::run(args),
        Command::Check(args) => check::run(args),
        Command::Profiles(args) => profiles::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Lint(args) => lint::run(args),
        Command::Cost(args) => cost::run(args),
        Command::Prices(args) => prices::run(args),
        Command::Graph(args) => graph::run(args),
        Command::Completions(args) => shell::completions(args),
        Command::Man(args) => shell::man(args),
        Command::Plan(args) => terraform::plan(args),
        Command::Apply(args) => terraform::apply(args),
        Command::Destroy(args) => terraform::destroy(args),
        Command::Bootstrap(args) => bootstrap::run(args),
        Command::Token(args) => token::run(args),
        Command::Smoke(args) => smoke::run(args),
        Command::Rules(args) => lint::rules(args),
        Command::Rule(args) => lint::rule(args),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_definition_is_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
