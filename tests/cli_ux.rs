//! The command line as people meet it: completions, manual pages, colour, --quiet, JSON for
//! scripts and exit codes in every --help.

mod common;

use common::{petgen, project};
use std::process::Command;

const DEV: &[u8] = b"[project]\nname = \"petstore\"\nregion = \"us-east-1\"\n";

fn stdout(cmd: &mut assert_cmd::Command) -> (Option<i32>, String, String) {
    let out = cmd.output().expect("petgen runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn completions_are_generated_for_every_shell_and_bash_parses_them() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef petgen"),
        ("fish", "complete -c petgen"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion"),
    ] {
        let (code, out, err) = stdout(petgen(dir.path()).args(["completions", shell]));
        assert_eq!(code, Some(0), "{shell}: {err}");
        assert!(out.contains(marker), "{shell}: no `{marker}`");
        // Every subcommand is offered.
        for sub in [
            "render",
            "check",
            "lint",
            "cost",
            "graph",
            "apply",
            "completions",
        ] {
            assert!(out.contains(sub), "{shell} completion lacks {sub}");
        }
    }
    // The bash script is valid bash.
    let (_, script, _) = stdout(petgen(dir.path()).args(["completions", "bash"]));
    let file = dir.path().join("petgen.bash");
    std::fs::write(&file, script).unwrap();
    let status = Command::new("bash").arg("-n").arg(&file).status().unwrap();
    assert!(status.success(), "bash -n rejects the completion script");
    // Sourcing it registers the completion function.
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!("source {} && complete -p petgen", file.display()))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("petgen"));
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = stdout(petgen(dir.path()).args(["completions", "tcsh"]));
    assert_eq!(code, Some(2));
    assert!(err.contains("possible values"), "{err}");
}

#[test]
fn the_manual_page_is_roff_and_covers_every_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let (code, page, _) = stdout(petgen(dir.path()).arg("man"));
    assert_eq!(code, Some(0));
    assert!(
        page.starts_with(".ie") || page.contains(".TH petgen"),
        "{page}"
    );
    assert!(page.contains("render"));
    let out = dir.path().join("man");
    let (code, _, err) = stdout(petgen(dir.path()).args(["man", "--out"]).arg(&out));
    assert_eq!(code, Some(0), "{err}");
    for page in [
        "petgen.1",
        "petgen-render.1",
        "petgen-lint.1",
        "petgen-cost.1",
    ] {
        let body = std::fs::read_to_string(out.join(page)).unwrap_or_default();
        assert!(body.contains(".TH"), "{page} missing or not roff");
    }
}

#[test]
fn every_subcommand_documents_its_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let (_, help, _) = stdout(petgen(dir.path()).arg("--help"));
    let subs: Vec<String> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|s| s != "help")
        .collect();
    assert!(subs.len() >= 10, "{subs:?}");
    for sub in subs {
        let (code, help, _) = stdout(petgen(dir.path()).args([sub.as_str(), "--help"]));
        assert_eq!(code, Some(0));
        assert!(
            help.contains("Exit codes:"),
            "`petgen {sub} --help` lacks exit codes"
        );
    }
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let p = project(&[("dev.toml", DEV)]);
    let bad = p.path().join("profiles/bad.toml");
    std::fs::write(&bad, "[service]\ncpus = 1\n").unwrap();
    let run = |extra: &[&str], env: Option<(&str, &str)>| {
        let mut cmd = petgen(p.path());
        cmd.args(["render", "--profile", "bad"]).args(extra);
        if let Some((k, v)) = env {
            cmd.env(k, v);
        }
        stdout(&mut cmd).2
    };
    // Not a terminal: no colour by default.
    assert!(!run(&[], None).contains('\x1b'));
    // Asked for: colour even into a pipe.
    let always = run(&["--color", "always"], None);
    assert!(always.contains("\x1b["), "{always:?}");
    assert!(always.contains("error"));
    // Refused: none, even when CLICOLOR_FORCE asks.
    assert!(!run(&["--color", "never"], Some(("CLICOLOR_FORCE", "1"))).contains('\x1b'));
    // NO_COLOR wins over auto.
    assert!(!run(&[], Some(("NO_COLOR", "1"))).contains('\x1b'));
}

#[test]
fn quiet_drops_progress_but_keeps_results_and_problems() {
    let p = project(&[("dev.toml", DEV)]);
    let (code, _, loud) = stdout(petgen(p.path()).args(["render", "--profile", "dev"]));
    assert_eq!(code, Some(0), "{loud}");
    assert!(loud.contains("rendered profile dev"), "{loud}");
    let (code, _, quiet) = stdout(petgen(p.path()).args(["-q", "render", "--profile", "dev"]));
    assert_eq!(code, Some(0));
    assert!(quiet.is_empty(), "{quiet}");
    // Problems are still printed.
    std::fs::write(p.path().join("profiles/bad.toml"), "[service]\ncpus = 1\n").unwrap();
    let (code, _, err) = stdout(petgen(p.path()).args(["render", "--quiet", "--profile", "bad"]));
    assert_eq!(code, Some(2));
    assert!(err.contains("unknown key `cpus`"), "{err}");
    // Results are still printed.
    let (_, out, _) = stdout(petgen(p.path()).args(["-q", "cost", "--profile", "dev"]));
    assert!(out.contains("USD"), "{out}");
}

#[test]
fn profiles_lists_as_json() {
    let p = project(&[
        ("dev.toml", DEV),
        (
            "prod.toml",
            b"extends = \"dev\"\n[project]\nproduction = true\n",
        ),
    ]);
    let (code, out, err) = stdout(petgen(p.path()).args(["profiles", "--format", "json"]));
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let list = v["profiles"].as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["name"], "dev");
    assert_eq!(list[0]["region"], "us-east-1");
    assert_eq!(list[0]["production"], false);
    assert_eq!(list[1]["extends"], "dev");
    assert_eq!(list[1]["production"], true);
    assert_eq!(list[1]["valid"], true);
}

#[test]
fn render_reports_what_it_wrote_as_json() {
    let p = project(&[("dev.toml", DEV)]);
    let (code, out, err) =
        stdout(petgen(p.path()).args(["render", "--profile", "dev", "--format", "json"]));
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let root = &v["roots"][0];
    assert_eq!(root["profile"], "dev");
    assert_eq!(root["root"], "generated/dev");
    let changed = root["changed"].as_array().unwrap();
    assert!(changed.iter().any(|f| f == "main.tf"));
    assert_eq!(changed.len(), root["files"].as_array().unwrap().len());

    // A second render changes nothing.
    let (_, out, _) =
        stdout(petgen(p.path()).args(["render", "--profile", "dev", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["roots"][0]["changed"], serde_json::json!([]));

    // --check as JSON: up to date, then drift after a hand edit.
    let (code, out, _) = stdout(petgen(p.path()).args([
        "render",
        "--profile",
        "dev",
        "--check",
        "--format",
        "json",
    ]));
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["roots"][0]["up_to_date"], true);
    let main = p.path().join("generated/dev/main.tf");
    let body = std::fs::read_to_string(&main).unwrap();
    std::fs::write(&main, body + "\n# edited\n").unwrap();
    let (code, out, _) = stdout(petgen(p.path()).args([
        "render",
        "--profile",
        "dev",
        "--check",
        "--format",
        "json",
    ]));
    assert_eq!(code, Some(1));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["roots"][0]["up_to_date"], false);
    assert!(v["roots"][0]["diff"]
        .as_str()
        .unwrap()
        .contains("-# edited"));
}

/// A page path that is a symbolic link is refused, and its target never written.
#[cfg(unix)]
#[test]
fn man_never_writes_through_a_symbolic_link() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("precious");
    std::fs::write(&target, "keep me").unwrap();
    let out = dir.path().join("man1");
    std::fs::create_dir_all(&out).unwrap();
    std::os::unix::fs::symlink(&target, out.join("petgen.1")).unwrap();
    petgen(dir.path())
        .args(["man", "--out"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "is a symbolic link, which petgen does not write through",
        ));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    // No page moved in, and no staging folder is left behind.
    let left: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left, vec![std::ffi::OsString::from("petgen.1")]);
}

/// Every example in every `--help` is a command line petgen accepts: an example that names a
/// flag or argument that no longer exists fails here.
#[test]
fn every_help_example_parses() {
    use clap::{CommandFactory, Parser};
    use petgen::cli::Cli;

    fn examples(cmd: &clap::Command, out: &mut Vec<String>) {
        if let Some(help) = cmd.get_after_help() {
            for line in help.to_string().lines() {
                let line = line.trim();
                if !line.starts_with("petgen ") {
                    continue;
                }
                // The petgen part: before a comment, a redirection, a pipe or a second command.
                let end = line.find(['#', '>', '|', '&', ';']).unwrap_or(line.len());
                out.push(line[..end].trim().to_string());
            }
        }
        for sub in cmd.get_subcommands() {
            examples(sub, out);
        }
    }
    let mut all = Vec::new();
    examples(&Cli::command(), &mut all);
    assert!(all.len() >= 30, "{all:?}");
    for example in &all {
        let words: Vec<&str> = example.split_whitespace().collect();
        if let Err(e) = Cli::try_parse_from(&words) {
            panic!("the help example `{example}` does not parse:\n{e}");
        }
    }
}
