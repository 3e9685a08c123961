//! The pet service image's build stage, as far as a machine without a container registry can
//! take it: the context is assembled from the Dockerfile's own COPY instructions (so the test
//! follows the file), and cargo must accept the workspace it holds. `scripts/build-stage`
//! builds the binary from the same context; CI runs it.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

/// The build stage's COPY instructions from the context: (sources, destination).
fn build_stage_copies(dockerfile: &str) -> Vec<(Vec<String>, String)> {
    let mut in_stage = false;
    let mut copies = Vec::new();
    let joined = dockerfile.replace("\\\n", " ");
    for line in joined.lines().map(str::trim) {
        let mut words = line.split_whitespace();
        match words.next().map(str::to_ascii_uppercase).as_deref() {
            Some("FROM") => {
                let args: Vec<&str> = words.filter(|w| !w.starts_with("--")).collect();
                in_stage =
                    args.len() == 3 && args[1].eq_ignore_ascii_case("as") && args[2] == "build";
            }
            Some("COPY") if in_stage => {
                let args: Vec<String> = words.map(str::to_string).collect();
                if args.iter().any(|a| a.starts_with("--from")) {
                    continue;
                }
                let args: Vec<String> = args.into_iter().filter(|a| !a.starts_with("--")).collect();
                if let Some((dest, sources)) = args.split_last() {
                    copies.push((sources.to_vec(), dest.clone()));
                }
            }
            _ => {}
        }
    }
    copies
}

fn copy_tree(from: &Path, to: &Path) {
    if from.is_dir() {
        for entry in fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name();
            // .dockerignore leaves build output out.
            if name == "target" {
                continue;
            }
            copy_tree(&entry.path(), &to.join(name));
        }
    } else {
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(from, to).unwrap();
    }
}

#[test]
fn the_build_stage_context_is_a_workspace_cargo_accepts() {
    let repo = common::repo();
    let dockerfile = fs::read_to_string(repo.join("service/Dockerfile")).unwrap();
    let copies = build_stage_copies(&dockerfile);
    assert!(
        copies.iter().any(|(s, _)| s.iter().any(|s| s == "service")),
        "the build stage copies service/: {copies:?}"
    );
    assert!(
        dockerfile.contains("RUN service/build-stage.sh /out"),
        "the build stage runs service/build-stage.sh, which this test and scripts/build-stage run too"
    );
    let ctx = tempfile::tempdir().unwrap();
    for (sources, dest) in &copies {
        for src in sources {
            let from = repo.join(src);
            let to = if from.is_file() && dest.ends_with('/') {
                ctx.path().join(dest).join(src)
            } else {
                ctx.path().join(dest)
            };
            copy_tree(&from, &to);
        }
    }
    let out = Command::new("sh")
        .args(["service/build-stage.sh", "--manifest-only"])
        .current_dir(ctx.path())
        .env("CARGO_TARGET_DIR", ctx.path().join("target"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "cargo rejects the build stage's context (exactly what service/Dockerfile copies): {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_copy_parser_reads_the_build_stage_only() {
    let copies = build_stage_copies(
        "FROM x AS xx\nCOPY a ./a\nFROM --platform=$P rust AS build\nCOPY --from=xx / /\nCOPY Cargo.toml \\\n  Cargo.lock ./\nCOPY service ./service\nFROM scratch AS runtime\nCOPY --from=build /out/p /p\n",
    );
    assert_eq!(
        copies,
        vec![
            (
                vec!["Cargo.toml".into(), "Cargo.lock".into()],
                "./".to_string()
            ),
            (vec!["service".into()], "./service".to_string()),
        ]
    );
}
