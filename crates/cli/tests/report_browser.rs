//! The HTML report as a person sees it: rendered by headless Chromium from
//! the seed and dev articles (`../shared`), its DOM checked after the
//! page's script ran (one row per extracted quote, every chart an SVG, the
//! filter's count line written) and its screenshot compared with a blank
//! page's.
//!
//! Without Chromium (or `../shared`) the test skips with a message, unless
//! `CI` is set: then it fails.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_quotestance");
/// The repository root (this crate sits in `crates/cli`).
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// Skips (returns `None`) with a message, or fails under CI.
fn unavailable<T>(what: &str) -> Option<T> {
    if in_ci() {
        panic!("{what} (required under CI)");
    }
    eprintln!("skipping the browser test: {what}");
    None
}

fn chromium() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("QUOTESTANCE_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|p| p.is_file())
}

fn articles() -> Option<Vec<PathBuf>> {
    let shared = Path::new(ROOT).join("../shared");
    let mut files = Vec::new();
    for dir in ["seeds", "dev/articles"] {
        let Ok(entries) = std::fs::read_dir(shared.join(dir)) else {
            return unavailable(&format!("{} not found", shared.join(dir).display()));
        };
        let mut txt: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        txt.sort();
        files.extend(txt);
    }
    Some(files)
}

/// Runs Chromium headless on `url` with a fresh profile; `extra` says what
/// to do (`--dump-dom`, `--screenshot=...`).
fn browse(chromium: &Path, profile: &Path, url: &str, extra: &[&str]) -> Vec<u8> {
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1280,1600",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .output()
        .expect("cannot run chromium");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn the_report_of_the_seed_and_dev_articles_renders_in_chromium() {
    let Some(chromium) = chromium().or_else(|| unavailable("no chromium on PATH")) else {
        return;
    };
    let Some(files) = articles() else {
        return;
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let model = Path::new(ROOT).join("models/stance.json");

    // What extract finds: the report must show exactly these quotes.
    let out = Command::new(BIN)
        .arg("extract")
        .arg("--model")
        .arg(&model)
        .args(&files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let records: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(records.len() > 200, "only {} quotes", records.len());
    // Charts: the 8 most quoted speakers among dated quotes, one per target.
    let dated: std::collections::BTreeSet<&str> = records
        .iter()
        .filter(|r| r["date"].is_string())
        .map(|r| r["speaker"].as_str().unwrap_or("unattributed"))
        .collect();
    let targets = records[0]["stance"].as_object().unwrap().len();
    let charts = dated.len().min(8) * targets;
    assert!(
        charts > 0,
        "no dated quote among the seeds and dev articles"
    );

    let html = dir.join("report.html");
    let status = Command::new(BIN)
        .args(["report", "--model"])
        .arg(&model)
        .args(&files)
        .arg("-o")
        .arg(&html)
        .status()
        .unwrap();
    assert!(status.success());
    let source = std::fs::read_to_string(&html).unwrap();
    for fetch in ["<link", " src=", "url(", "@import"] {
        assert!(
            !source.contains(fetch),
            "the report fetches something: `{fetch}`"
        );
    }

    let url = format!("file://{}", html.display());
    let dom = String::from_utf8(browse(
        &chromium,
        &dir.join("profile-dom"),
        &url,
        &["--dump-dom"],
    ))
    .unwrap();
    assert_eq!(
        dom.matches("class=\"q\"").count(),
        records.len(),
        "quote rows"
    );
    assert_eq!(dom.matches("<svg").count(), charts, "charts");
    assert_eq!(dom.matches("class=\"chart\"").count(), charts);
    let shown = format!("{n} of {n} quotes shown", n = records.len());
    assert!(
        dom.contains(&shown),
        "the filter script did not run: no `{shown}`"
    );

    // A screenshot with text and charts compresses far worse than a blank page.
    let shot = dir.join("report.png");
    let blank = dir.join("blank.png");
    browse(
        &chromium,
        &dir.join("profile-shot"),
        &url,
        &[&format!("--screenshot={}", shot.display())],
    );
    let empty = dir.join("empty.html");
    std::fs::write(&empty, "<!DOCTYPE html><html><body></body></html>").unwrap();
    browse(
        &chromium,
        &dir.join("profile-blank"),
        &format!("file://{}", empty.display()),
        &[&format!("--screenshot={}", blank.display())],
    );
    let (shot, blank) = (
        std::fs::read(&shot).unwrap(),
        std::fs::read(&blank).unwrap(),
    );
    assert!(shot.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert!(
        shot.len() > 10 * blank.len(),
        "the screenshot looks blank: {} bytes, a blank page {} bytes",
        shot.len(),
        blank.len()
    );
}
