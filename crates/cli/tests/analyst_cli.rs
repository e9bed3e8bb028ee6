//! The analyst's commands on real text: dates from datelines, `summarize`
//! over `extract --model` output (every quote accounted for, bad lines
//! named), and `eval --plot`. Needs `../shared` (skips without it unless
//! `CI` is set, then fails).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_quotestance");
/// The repository root (this crate sits in `crates/cli`).
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn shared(sub: &str) -> Option<PathBuf> {
    let p = Path::new(ROOT).join("../shared").join(sub);
    if p.exists() {
        return Some(p);
    }
    if std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0") {
        panic!("{} not found (required under CI)", p.display());
    }
    eprintln!("skipping: {} not found", p.display());
    None
}

fn model() -> PathBuf {
    Path::new(ROOT).join("models/stance.json")
}

fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    v
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn extract(files: &[PathBuf]) -> Vec<u8> {
    let out = Command::new(BIN)
        .arg("extract")
        .arg("--model")
        .arg(model())
        .args(files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn seed_datelines_date_their_quotes() {
    let Some(seeds) = shared("seeds") else {
        return;
    };
    let out = extract(&txt_files(&seeds));
    let mut dates = std::collections::BTreeMap::new();
    for line in String::from_utf8(out).unwrap().lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        let doc = Path::new(v["doc"].as_str().unwrap())
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        dates.insert(doc[..3].to_owned(), v["date"].clone());
    }
    // 003 opens with an agency dateline, 004 with a `date` line; the other
    // three have neither, and get no date (never today's).
    assert_eq!(dates["003"], "2023-09-18");
    assert_eq!(dates["004"], "2024-11-13");
    for doc in ["000", "001", "002"] {
        assert_eq!(dates[doc], Value::Null, "{doc}");
    }
}

#[test]
fn summarize_accounts_for_every_quote_and_names_bad_lines() {
    let Some(dev) = shared("dev/articles") else {
        return;
    };
    let mut jsonl = extract(&txt_files(&dev));
    let quotes = jsonl.iter().filter(|&&b| b == b'\n').count();
    let out = run(&["summarize", "--by", "all", "--json"], &jsonl);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["records"], quotes);
    assert_eq!(v["bad_lines"], 0);
    let cells = v["cells"].as_array().unwrap();
    for target in ["us", "ukraine", "partnership"] {
        let n: u64 = cells
            .iter()
            .filter(|c| c["target"] == target)
            .map(|c| c["n"].as_u64().unwrap())
            .sum();
        assert_eq!(n as usize, quotes, "{target}");
    }

    jsonl.extend_from_slice(
        b"{\"doc\": \"x\", \"date\": \"2024-13-45\", \"stance\": {}}\nnot json\n",
    );
    let out = run(&["summarize", "--by", "quarter"], &jsonl);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("<stdin>, line {}, field `date`", quotes + 1)),
        "{err}"
    );
    assert!(
        err.contains(&format!("<stdin>, line {}", quotes + 2)),
        "{err}"
    );
    assert!(err.contains("2 bad line(s)"), "{err}");
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.starts_with("speaker "), "{table}");
    assert!(
        table.contains("Sergei Lavrov"),
        "display names from the speaker table"
    );
}

#[test]
fn a_bad_date_option_is_an_error_that_names_it() {
    let out = run(&["extract", "--date", "2024-13-45"], b"Some text.");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("`--date`") && err.contains("2024-13-45"),
        "{err}"
    );
}

#[test]
fn eval_plot_draws_a_matrix_per_target_and_a_reliability_diagram() {
    let Some(dev) = shared("dev/quotes.jsonl") else {
        return;
    };
    let svg =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("eval-{}.svg", std::process::id()));
    let out = Command::new(BIN)
        .args(["eval", "--json", "--model"])
        .arg(model())
        .arg("--data")
        .arg(&dev)
        .arg("--plot")
        .arg(&svg)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("<svg") && text.contains("reliability"));
    for (target, c) in v["targets"].as_object().unwrap() {
        assert!(text.contains(&format!("{target} (rows truth)")), "{target}");
        // The favor-favor count is drawn in its cell.
        let ff = c["confusion"][0][0].as_u64().unwrap();
        assert!(
            text.contains(&format!(">{ff}<")) || text.contains(&format!(">\n{ff}\n<")),
            "{target}: {ff}"
        );
    }
}
