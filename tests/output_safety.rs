//! A root holds terraform's files as well as petgen's: renders must never lose, move or
//! strand them, whether they run at once, get killed, meet a symlink or a read-only
//! directory. And a profile must not plan against another profile's state.

mod common;

use common::{petgen, project};
use predicates::prelude::*;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

const GOOD: &[u8] = b"[service]\nimage = \"nginx:1.27\"\n";

/// Terraform's files, as `terraform init`, `apply` and `plan` leave them.
fn add_terraform_files(root: &Path) {
    fs::create_dir_all(root.join(".terraform/providers/registry.terraform.io")).unwrap();
    fs::write(
        root.join(".terraform/providers/registry.terraform.io/p"),
        "provider",
    )
    .unwrap();
    fs::write(root.join(".terraform.lock.hcl"), "# lock\n").unwrap();
    fs::write(root.join("terraform.tfstate"), "{\"serial\": 7}").unwrap();
    fs::write(root.join("terraform.tfstate.backup"), "{\"serial\": 6}").unwrap();
    fs::write(root.join("petgen.tfplan"), "plan").unwrap();
}

fn assert_terraform_files(root: &Path, when: &str) {
    for (file, body) in [
        (".terraform/providers/registry.terraform.io/p", "provider"),
        (".terraform.lock.hcl", "# lock\n"),
        ("terraform.tfstate", "{\"serial\": 7}"),
        ("terraform.tfstate.backup", "{\"serial\": 6}"),
        ("petgen.tfplan", "plan"),
    ] {
        assert_eq!(
            fs::read_to_string(root.join(file)).ok().as_deref(),
            Some(body),
            "{when}: {file}"
        );
    }
}

/// Entries of `dir` other than `keep`: litter a render left behind.
fn litter(dir: &Path, keep: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !keep.contains(&n.as_str()))
        .collect();
    out.sort();
    out
}

fn temp_files(root: &Path) -> Vec<String> {
    common::tree(root)
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p.contains(".petgen-tmp-"))
        .collect()
}

fn spawn_render(dir: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_petgen"))
        .args(["render", "--profile", "dev"])
        .current_dir(dir)
        .env_clear()
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn a_hundred_concurrent_render_pairs_never_lose_terraform_state() {
    let p = project(&[("dev.toml", GOOD)]);
    petgen(p.path())
        .args(["render", "--profile", "dev"])
        .assert()
        .success();
    let root = p.path().join("generated/dev");
    add_terraform_files(&root);
    for round in 0..100 {
        // Change the profile, so both renders really rewrite files.
        fs::write(
            p.path().join("profiles/dev.toml"),
            format!("[service]\nimage = \"nginx:1.{round}\"\n"),
        )
        .unwrap();
        let (a, b) = (spawn_render(p.path()), spawn_render(p.path()));
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert_terraform_files(&root, &format!("round {round}"));
        assert_eq!(
            litter(&p.path().join("generated"), &["dev"]),
            Vec::<String>::new()
        );
        assert!(temp_files(&root).is_empty(), "round {round}");
        assert!(fs::read_to_string(root.join("variables.tf"))
            .unwrap()
            .contains(&format!("nginx:1.{round}")));
    }
}

#[test]
fn a_second_writer_waits_for_the_lock_then_gives_up_clearly() {
    let p = project(&[("dev.toml", GOOD)]);
    petgen(p.path())
        .args(["render", "--profile", "dev"])
        .assert()
        .success();
    // Hold the root's lock the way another petgen would.
    let lock = fs::OpenOptions::new()
        .write(true)
        .open(p.path().join("generated/dev/.petgen.lock"))
        .unwrap();
    lock.lock().unwrap();
    fs::write(
        p.path().join("generated/dev/.petgen.lock"),
        "pid 4242: petgen apply",
    )
    .unwrap();
    fs::write(
        p.path().join("profiles/dev.toml"),
        b"[service]\nimage = \"nginx:1.28\"\n",
    )
    .unwrap();
    petgen(p.path())
        .args(["render", "--profile", "dev"])
        .env("PETGEN_LOCK_TIMEOUT_MS", "300")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "another petgen is writing generated/dev (pid 4242: petgen apply)",
        ));
    assert!(
        fs::read_to_string(p.path().join("generated/dev/variables.tf"))
            .unwrap()
            .contains("nginx:1.27")
    );
    drop(lock);
    petgen(p.path())
        .args(["render", "--profile", "dev"])
        .assert()
        .success();
}

#[test]
fn litter_of_a_killed_run_is_cleaned_and_stranded_state_is_recovered() {
    let p = project(&[("dev.toml", GOOD)]);
    petgen(p.path())
        .args(["render", "--profile", "dev"])
        .assert()
        .success();
    let generated = p.path().join("generated");
    let root = generated.join("dev");
    // What a run of the old directory-swapping petgen, killed at its worst moment, left: the
    // state carried into the staging directory, and a retired copy of the old tree.
    let new = generated.join(".dev.petgen-new-Ab12Cd");
    let old = generated.join(".dev.petgen-old-.dev.petgen-new-Ab12Cd");
    fs::create_dir_all(new.join("modules/http_api")).unwrap();
    fs::create_dir_all(old.join("modules/http_api")).unwrap();
    let generated_by_petgen = "# Generated by petgen from profiles/dev.toml (profile \"dev\").\n";
    fs::write(new.join("main.tf"), generated_by_petgen).unwrap();
    fs::write(new.join("modules/http_api/main.tf"), generated_by_petgen).unwrap();
    fs::write(
        new.join("README.md"),
        "<!-- Generated by petgen from x -->\n",
    )
    .unwrap();
    fs::write(new.join("terraform.tfstate"), "{\"serial\": 9}").unwrap();
    fs::create_dir_all(new.join(".terraform")).unwrap();
    fs::write(new.join(".terraform/x"), "x").unwrap();
    fs::write(old.join("main.tf"), generated_by_petgen).unwrap();
    // The user's own files, which the old petgen swapped out with the rest of the tree.
    fs::write(old.join("mine.tf"), "# my own resources\n").unwrap();
    fs::create_dir_all(old.join("modules/extra")).unwrap();
    fs::write(old.join("modules/extra/main.tf"), "# my module\n").unwrap();
    fs::write(old.join("modules/http_api/notes.txt"), "my notes\n").unwrap();
    // And what a killed run of this petgen leaves: a temporary file.
    fs::write(root.join(".main.tf.petgen-tmp-99999"), "half").unwrap();
    fs::write(
        root.join("modules/http_api/.main.tf.petgen-tmp-99999"),
        "half",
    )
    .unwrap();

    petgen(p.path())
        .args(["render", "--profile", "dev"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "note: recovered generated/dev/terraform.tfstate from a killed petgen run",
        ));
    assert_eq!(
        fs::read_to_string(root.join("terraform.tfstate")).unwrap(),
        "{\"serial\": 9}"
    );
    assert_eq!(fs::read_to_string(root.join(".terraform/x")).unwrap(), "x");
    // Hand-written files come back, and render says so; petgen's own copies are gone.
    for (file, body) in [
        ("mine.tf", "# my own resources\n"),
        ("modules/extra/main.tf", "# my module\n"),
        ("modules/http_api/notes.txt", "my notes\n"),
    ] {
        assert_eq!(fs::read_to_string(root.join(file)).unwrap(), body, "{file}");
    }
    petgen(p.path())
        .args(["render", "--profile", "dev", "--check"])
        .assert()
        .stderr(predicate::str::contains("mine.tf"));
    assert_eq!(litter(&generated, &["dev"]), Vec::<String>::new());
    assert!(temp_files(&root).is_empty());

    // A stranded state that differs from the root's own: refuse, and touch nothing.
    fs::create_dir_all(&new).unwrap();
    fs::write(new.join("terraform.tfstate"), "{\"serial\": 3}").unwrap();
    petgen(p.path())
        .args(["render", "--profile", "dev"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "petgen cannot tell which is current",
        ))
        .stderr(predicate::str::contains(
            "keep the right one in generated/dev",
        ));
    assert_eq!(
        fs::read_to_string(new.join("terraform.tfstate")).unwrap(),
        "{\"serial\": 3}"
    );
    assert_eq!(
        fs::read_to_string(root.join("terraform.tfstate")).unwrap(),
        "{\"serial\": 9}"
    );
}

/// Files of a root renamed one by one: a kill part-way through leaves some new and some old.
/// Terraform must refuse that root until a render completes.
#[test]
fn a_render_killed_between_renames_leaves_a_root_terraform_refuses_until_the_next_render() {
    let p = project(&[("dev.toml", GOOD)]);
    petgen(p.path())
        .args(["render", "--profile", "dev"])
        .assert()
        .success();
    let root = p.path().join("generated/dev");
    add_terraform_files(&root);
    // A change that rewrites several files: the region reaches the providers, the backend,
    // the zones and the README.
    fs::write(
        p.path().join("profiles/dev.toml"),
        "[project]\nregion = \"eu-west-1\"\n[service]\nimage = \"nginx:1.27\"\n",
    )
    .unwrap();
    let before = common::tree(&root);
    // The marker, then one file: killed with the rest still old.
    let killed = petgen(p.path())
        .args(["render", "--profile", "dev"])
        .env("PETGEN_TEST_KILL_AFTER_RENAMES", "2")
        .output()
        .unwrap();
    assert!(!killed.status.success());
    let after = common::tree(&root);
    // petgen's files only: not the lock file, the marker or the staged temporary files.
    let changed = before
        .iter()
        .filter(|(path, _)| !path.split('/').any(|part| part.starts_with('.')))
        .filter(|(path, body)| after.iter().any(|(p, b)| p == path && b != body))
        .count();
    assert_eq!(changed, 1, "one file replaced before the kill");
    let marker = fs::read_to_string(root.join("petgen-updating.tf")).unwrap();
    assert!(
        marker.starts_with("# Generated by petgen from "),
        "{marker}"
    );
    assert!(
        marker.contains("required_version = \"= 0.0.0\" # petgen's update of this root did not finish: run `petgen render --profile dev`"),
        "{marker}"
    );
    assert_terraform_files(&root, "after the kill");
    petgen(p.path())
        .args(["render", "--profile", "dev", "--check"])
        .assert()
        .code(1);
    if common::terraform_tier() {
        // The configuration as terraform loads it (its `.tf` files), away from this test's
        // stand-in state, which terraform would read first.
        let config = tempfile::tempdir().unwrap();
        for (path, body) in common::tree(&root) {
            if path.ends_with(".tf") && !path.split('/').any(|p| p.starts_with('.')) {
                let to = config.path().join(&path);
                fs::create_dir_all(to.parent().unwrap()).unwrap();
                fs::write(to, body).unwrap();
            }
        }
        let init = Command::new("terraform")
            .args(["init", "-backend=false", "-input=false", "-no-color"])
            .current_dir(config.path())
            .env("TF_IN_AUTOMATION", "1")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&init.stderr);
        assert!(!init.status.success(), "{stderr}");
        assert!(
            stderr.contains("Unsupported Terraform Core version"),
            "{stderr}"
        );
        assert!(
            stderr.contains("run `petgen render --profile dev`"),
            "{stderr}"
        );
    }

    // The next render finishes the update, and only then removes the marker.
    petgen(p.path())
        .args(["render", "--profile", "dev"])
        .assert()
        .success();
    assert!(!root.join("petgen-updating.tf").exists());
    assert!(temp_files(&root).is_empty());
    assert_terraform_files(&root, "after the next render");
    petgen(p.path())
        .args(["render", "--profile", "dev", "--check"])
        .assert()
        .success();
}

/// petgen's own files in a root (what terraform reads, and the README): not terraform's
/// files, the lock file, the temporary files or the marker.
fn petgen_files(root: &Path) -> std::collections::BTreeMap<String, String> {
    common::tree(root)
        .into_iter()
        .filter(|(path, _)| {
            !path.split('/').any(|part| part.starts_with('.'))
                && (path.ends_with(".tf") || path == "README.md")
                && path != "petgen-updating.tf"
        })
        .collect()
}

/// A project whose dev root was rendered from `new`, then from `old` (where it is left, with
/// terraform's files added): the petgen files of each, and a `render` that writes a profile
/// body and renders it.
struct TwoRoots {
    p: tempfile::TempDir,
    root: std::path::PathBuf,
    old: std::collections::BTreeMap<String, String>,
    new: std::collections::BTreeMap<String, String>,
}

impl TwoRoots {
    fn new(old: &str, new: &str) -> TwoRoots {
        let p = project(&[("dev.toml", old.as_bytes())]);
        let root = p.path().join("generated/dev");
        let roots = |body: &str| {
            render_dev(p.path(), body);
            petgen_files(&root)
        };
        let new = roots(new);
        let old = roots(old);
        add_terraform_files(&root);
        TwoRoots { p, root, old, new }
    }

    /// Files the new root writes that the old one lacks or has otherwise.
    fn changed(&self) -> usize {
        self.new
            .iter()
            .filter(|(path, body)| self.old.get(*path) != Some(*body))
            .count()
    }
}

/// Write the dev profile and render it.
fn render_dev(dir: &Path, body: &str) {
    fs::write(dir.join("profiles/dev.toml"), body).unwrap();
    petgen(dir)
        .args(["render", "--profile", "dev"])
        .assert()
        .success();
}

/// A render killed after each rename in turn, from the marker's to the last file's, leaves
/// terraform's files alone, every petgen file wholly old or wholly new, and the marker that
/// makes terraform refuse the mix; the next render completes the root and removes it. The
/// kill is the test hook's (`PETGEN_TEST_KILL_AFTER_RENAMES`, an abort after N renames), so
/// every rename boundary is killed at, and the run with one more than the renames is not
/// killed: the count is exact.
#[test]
fn renders_killed_after_any_rename_never_touch_the_state_and_the_next_run_cleans_up() {
    const OLD: &str = "[service]\nimage = \"nginx:1.27\"\n";
    // The region reaches the providers, the backend, the zones, the network and the README.
    const NEW: &str = "[project]\nregion = \"eu-west-1\"\n[service]\nimage = \"nginx:1.28\"\n";
    let two = TwoRoots::new(OLD, NEW);
    let changed = two.changed();
    let TwoRoots { p, root, old, new } = two;
    let profile = p.path().join("profiles/dev.toml");
    let render = |body: &str| render_dev(p.path(), body);
    assert!(changed >= 3, "the change rewrites several files: {changed}");
    assert!(
        old.keys().all(|k| new.contains_key(k)),
        "the change removes no file, so every step is a rename"
    );
    // The marker first, then each changed file.
    let renames = changed + 1;

    // Step 0 is every file staged and none renamed; step renames + 1 is every file renamed
    // and the marker still there; after that, nothing is left to kill.
    for n in 0..=renames + 2 {
        let when = format!("killed at step {n} of a commit of {renames} renames");
        assert_eq!(petgen_files(&root), old, "{when}: starts from the old root");
        fs::write(&profile, NEW).unwrap();
        let run = petgen(p.path())
            .args(["render", "--profile", "dev"])
            .env("PETGEN_TEST_KILL_AFTER_RENAMES", n.to_string())
            .output()
            .unwrap();
        if n > renames + 1 {
            // No step is left to kill at: the run completes.
            assert!(run.status.success(), "{when}: {run:?}");
            assert_eq!(petgen_files(&root), new);
            assert!(!root.join("petgen-updating.tf").exists());
            render(OLD);
            continue;
        }
        assert!(!run.status.success(), "{when}: the run was not killed");
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            assert_eq!(run.status.signal(), Some(6), "{when}: killed by the abort");
        }
        assert_terraform_files(&root, &when);
        // Each file is the old or the new one, never a part of either; n - 1 are new.
        let now = petgen_files(&root);
        assert_eq!(
            now.keys().collect::<Vec<_>>(),
            new.keys().collect::<Vec<_>>(),
            "{when}"
        );
        let mut replaced = 0;
        for (path, body) in &now {
            let is_old = old.get(path) == Some(body);
            let is_new = new.get(path) == Some(body);
            assert!(is_old || is_new, "{when}: {path} is neither old nor new");
            if !is_old {
                replaced += 1;
            }
        }
        // The marker is renamed first, so n - 1 of the files are new (all of them once every
        // rename is done).
        let renamed = n.min(renames);
        assert_eq!(
            replaced,
            renamed.saturating_sub(1),
            "{when}: files replaced"
        );
        // What is left staged is the rest of the write: the kill was part-way through it.
        assert_eq!(
            temp_files(&root).len(),
            renames - renamed,
            "{when}: staged files left"
        );
        if n == 0 {
            // Nothing renamed yet: the root is the old one, whole, which terraform may read.
            assert!(!root.join("petgen-updating.tf").exists(), "{when}");
            assert_eq!(now, old, "{when}");
            petgen(p.path())
                .args(["render", "--profile", "dev", "--check"])
                .assert()
                .code(1);
            render(OLD);
            assert!(
                temp_files(&root).is_empty(),
                "{when}: the next run clears what was staged"
            );
            continue;
        }
        // The mix is never one terraform reads: the marker stays until a render completes.
        let marker = fs::read_to_string(root.join("petgen-updating.tf"))
            .unwrap_or_else(|e| panic!("{when}: no marker: {e}"));
        assert!(marker.starts_with("# Generated by petgen from "), "{when}");
        assert!(
            marker.contains("required_version = \"= 0.0.0\" # petgen's update of this root did not finish: run `petgen render --profile dev`"),
            "{when}: {marker}"
        );
        petgen(p.path())
            .args(["render", "--profile", "dev", "--check"])
            .assert()
            .code(1);

        // The next render completes the root and removes the marker and the litter.
        petgen(p.path())
            .args(["render", "--profile", "dev"])
            .assert()
            .success();
        assert_eq!(petgen_files(&root), new, "{when}: after the next render");
        assert!(!root.join("petgen-updating.tf").exists(), "{when}");
        assert!(temp_files(&root).is_empty(), "{when}");
        assert_terraform_files(&root, &format!("{when}, after the next render"));
        assert_eq!(
            litter(&p.path().join("generated"), &["dev"]),
            Vec::<String>::new()
        );
        petgen(p.path())
            .args(["render", "--profile", "dev", "--check"])
            .assert()
            .success();
        render(OLD);
    }
}

/// A render that drops a module (the trail turned off) renames what changed, then removes
/// the files the profile no longer renders, then the marker: killed after the last rename
/// or after the removals, the root keeps its marker, and the next render completes it.
#[test]
fn renders_killed_around_the_removal_of_stale_files_recover() {
    const OLD: &str = "[service]\nimage = \"nginx:1.27\"\n[audit]\ntable_data_events = true\n";
    const NEW: &str = "[service]\nimage = \"nginx:1.27\"\n";
    let two = TwoRoots::new(OLD, NEW);
    let changed = two.changed();
    let TwoRoots { p, root, old, new } = two;
    let profile = p.path().join("profiles/dev.toml");
    let render = |body: &str| render_dev(p.path(), body);
    let stale: Vec<&String> = old.keys().filter(|k| !new.contains_key(*k)).collect();
    assert!(
        stale.iter().any(|k| k.starts_with("modules/audit/")),
        "turning the trail off drops the audit module: {stale:?}"
    );
    let renames = changed + 1;
    for n in [renames, renames + 1] {
        let when = format!("killed at step {n} of a commit of {renames} renames");
        fs::write(&profile, NEW).unwrap();
        let run = petgen(p.path())
            .args(["render", "--profile", "dev"])
            .env("PETGEN_TEST_KILL_AFTER_RENAMES", n.to_string())
            .output()
            .unwrap();
        assert!(!run.status.success(), "{when}: the run was not killed");
        assert_terraform_files(&root, &when);
        let now = petgen_files(&root);
        for (path, body) in &new {
            assert_eq!(now.get(path), Some(body), "{when}: {path} is the new one");
        }
        // Before the removals the stale files are still there; after them, they are gone.
        for path in &stale {
            assert_eq!(now.contains_key(*path), n == renames, "{when}: {path}");
        }
        assert!(
            root.join("petgen-updating.tf").exists(),
            "{when}: no marker"
        );
        assert!(temp_files(&root).is_empty(), "{when}");
        petgen(p.path())
            .args(["render", "--profile", "dev"])
            .assert()
            .success();
        assert_eq!(petgen_files(&root), new, "{when}: after the next render");
        assert!(!root.join("petgen-updating.tf").exists(), "{when}");
        assert!(
            !root.join("modules/audit").exists(),
            "{when}: the empty module folder goes"
        );
        assert_terraform_files(&root, &format!("{when}, after the next render"));
        render(OLD);
    }
}

/// Renders killed by a signal at arbitrary moments (before, during or after their write: the
/// timing decides, so this claims nothing about where) never touch terraform's files, and
/// the next render cleans up. The kill at each rename is the test above.
#[test]
fn renders_killed_by_a_signal_at_any_moment_never_touch_the_state() {
    let p = project(&[("dev.toml", GOOD)]);
    petgen(p.path())
        .args(["render", "--profile", "dev"])
        .assert()
        .success();
    let root = p.path().join("generated/dev");
    add_terraform_files(&root);
    for round in 0..40u64 {
        fs::write(
            p.path().join("profiles/dev.toml"),
            format!("[service]\nimage = \"nginx:2.{round}\"\n"),
        )
        .unwrap();
        let mut child = spawn_render(p.path());
        std::thread::sleep(Duration::from_micros(round * 400));
        let _ = child.kill();
        let _ = child.wait();
        assert_terraform_files(&root, &format!("killed round {round}"));
    }
    petgen(p.path())
        .args(["render", "--profile", "dev"])
        .assert()
        .success();
    assert_terraform_files(&root, "after the final render");
    assert!(temp_files(&root).is_empty());
    assert_eq!(
        litter(&p.path().join("generated"), &["dev"]),
        Vec::<String>::new()
    );
    petgen(p.path())
        .args(["render", "--profile", "dev", "--check"])
        .assert()
        .success();
}

#[test]
fn a_symlinked_root_is_rendered_through_and_its_other_files_stay() {
    let p = project(&[("dev.toml", GOOD)]);
    let elsewhere = p.path().join("elsewhere");
    fs::create_dir_all(elsewhere.join("notes/sub")).unwrap();
    fs::write(elsewhere.join("notes/sub/todo.txt"), "todo").unwrap();
    fs::write(elsewhere.join("NOTES.md"), "mine").unwrap();
    add_terraform_files(&elsewhere);
    fs::create_dir_all(p.path().join("generated")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, p.path().join("generated/dev")).unwrap();

    for _ in 0..2 {
        petgen(p.path())
            .args(["render", "--profile", "dev"])
            .assert()
            .success();
        assert!(fs::symlink_metadata(p.path().join("generated/dev"))
            .unwrap()
            .file_type()
            .is_symlink());
        assert_terraform_files(&elsewhere, "through the link");
        assert_eq!(
            fs::read_to_string(elsewhere.join("notes/sub/todo.txt")).unwrap(),
            "todo"
        );
        assert_eq!(
            fs::read_to_string(elsewhere.join("NOTES.md")).unwrap(),
            "mine"
        );
        assert!(elsewhere.join("main.tf").is_file());
        assert!(elsewhere.join("modules/service/main.tf").is_file());
    }
    petgen(p.path())
        .args(["render", "--profile", "dev", "--check"])
        .assert()
        .success();

    // A link inside the root would write outside it: refused, nothing written.
    fs::remove_dir_all(elsewhere.join("modules")).unwrap();
    let outside = p.path().join("outside");
    fs::create_dir_all(&outside).unwrap();
    std::os::unix::fs::symlink(&outside, elsewhere.join("modules")).unwrap();
    petgen(p.path())
        .args(["render", "--profile", "dev"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "generated/dev/modules is a symbolic link",
        ));
    assert_eq!(fs::read_dir(&outside).unwrap().count(), 0);
}

#[test]
fn petgen_never_overwrites_a_file_it_did_not_write() {
    let p = project(&[("dev.toml", GOOD)]);
    petgen(p.path())
        .args(["render", "--profile", "dev"])
        .assert()
        .success();
    let main = p.path().join("generated/dev/main.tf");
    fs::write(&main, "# my own root\n").unwrap();
    petgen(p.path())
        .args(["render", "--profile", "dev"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "generated/dev/main.tf exists and was not written by petgen",
        ));
    assert_eq!(fs::read_to_string(&main).unwrap(), "# my own root\n");
}

/// Run petgen as an unprivileged user, so that permission bits apply even when the tests
/// run as root.
fn petgen_unprivileged(dir: &Path, args: &[&str]) -> std::process::Output {
    let bin = env!("CARGO_BIN_EXE_petgen");
    let mut cmd = if running_as_root() {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", bin]);
        c
    } else {
        Command::new(bin)
    };
    cmd.args(args)
        .current_dir(dir)
        .env_clear()
        .output()
        .unwrap()
}

fn running_as_root() -> bool {
    fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"))
}

#[test]
fn a_read_only_root_fails_with_nothing_changed_and_says_so() {
    use std::os::unix::fs::PermissionsExt;
    let p = project(&[("dev.toml", GOOD)]);
    petgen(p.path())
        .args(["render", "--profile", "dev"])
        .assert()
        .success();
    let root = p.path().join("generated/dev");
    // Readable by everyone, writable by no one but the owner (who is not the runner).
    for (path, _) in common::tree(p.path()) {
        let full = p.path().join(&path);
        let mut dir = full.parent().map(Path::to_path_buf);
        while let Some(d) = dir {
            if !d.starts_with(p.path()) {
                break;
            }
            fs::set_permissions(&d, fs::Permissions::from_mode(0o755)).unwrap();
            dir = d.parent().map(Path::to_path_buf);
        }
        fs::set_permissions(&full, fs::Permissions::from_mode(0o644)).unwrap();
    }
    fs::set_permissions(p.path(), fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(&root, fs::Permissions::from_mode(0o555)).unwrap();
    fs::set_permissions(root.join(".petgen.lock"), fs::Permissions::from_mode(0o666)).unwrap();
    fs::write(
        p.path().join("profiles/dev.toml"),
        b"[service]\nimage = \"nginx:1.28\"\n",
    )
    .unwrap();
    let before = common::tree(&root);

    let out = petgen_unprivileged(p.path(), &["render", "--profile", "dev"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("nothing was changed"), "{stderr}");
    assert!(stderr.contains("Permission denied"), "{stderr}");
    let after: Vec<_> = common::tree(&root)
        .into_iter()
        .filter(|(p, _)| p != ".petgen.lock")
        .collect();
    let before: Vec<_> = before
        .into_iter()
        .filter(|(p, _)| p != ".petgen.lock")
        .collect();
    assert_eq!(before, after, "the root changed although the render failed");
    assert_eq!(
        litter(&p.path().join("generated"), &["dev"]),
        Vec::<String>::new()
    );
}

#[test]
fn extends_does_not_pass_on_the_state_key_names_or_environment() {
    let p = project(&[
        (
            "prod.toml",
            b"[project]\nproduction = true\n[tags]\nEnvironment = \"prod\"\nOwner = \"platform\"\n[service]\nimage = \"nginx:1.27\"\n[data]\ntable_name = \"pets-prod\"\n[backend]\nkind = \"s3\"\nbucket = \"acme-123456789012-tfstate\"\nkey = \"petstore/prod.tfstate\"\n",
        ),
        ("staging.toml", b"extends = \"prod\"\n"),
    ]);
    petgen(p.path())
        .args(["render", "--profile", "staging"])
        .assert()
        .success();
    let root = p.path().join("generated/staging");
    let backend = fs::read_to_string(root.join("backend.tf")).unwrap();
    assert!(
        backend.contains("key          = \"petstore/staging.tfstate\""),
        "{backend}"
    );
    assert!(
        backend.contains("acme-123456789012-tfstate"),
        "the bucket is shared: {backend}"
    );
    let providers = fs::read_to_string(root.join("providers.tf")).unwrap();
    assert!(
        providers.contains("Environment = \"staging\""),
        "{providers}"
    );
    assert!(
        providers.contains("Owner       = \"platform\""),
        "{providers}"
    );
    let main = fs::read_to_string(root.join("main.tf")).unwrap();
    assert!(
        main.contains("table_name             = \"petstore-staging-pets\""),
        "{main}"
    );
}

#[test]
fn two_profiles_with_one_state_location_are_refused_everywhere() {
    let shared = b"[service]\nimage = \"nginx:1.27\"\n[backend]\nkind = \"s3\"\nbucket = \"acme-123456789012-tfstate\"\nkey = \"petstore/prod.tfstate\"\n";
    let p = project(&[("prod.toml", shared), ("qa.toml", shared)]);
    petgen(p.path())
        .args(["profiles"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "profiles prod and qa both keep their terraform state at s3://acme-123456789012-tfstate/petstore/prod.tfstate",
        ))
        .stderr(predicate::str::contains("profiles/prod.toml:6:7"));
    petgen(p.path())
        .args(["render", "--profile", "qa"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("profiles/qa.toml:6:7"))
        .stderr(predicate::str::contains("nothing was written"));
    assert!(!p.path().join("generated").exists());
    petgen(p.path()).args(["render", "--all"]).assert().code(2);
    petgen(p.path())
        .args(["plan", "--profile", "qa"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "refusing to hand this profile to terraform",
        ));
}

#[test]
fn a_readme_petgen_did_not_write_is_never_overwritten() {
    let p = project(&[("dev.toml", GOOD)]);
    let root = p.path().join("generated/dev");
    fs::create_dir_all(&root).unwrap();
    fs::write(root.join("README.md"), "our team's notes").unwrap();
    petgen(p.path())
        .args(["render", "--profile", "dev"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "README.md exists and was not written by petgen",
        ));
    assert_eq!(
        fs::read_to_string(root.join("README.md")).unwrap(),
        "our team's notes"
    );
    assert!(
        !root.join("main.tf").exists(),
        "nothing else was written either"
    );
}
