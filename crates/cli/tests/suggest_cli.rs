//! `quotestance suggest`: output fields, order, `-n`, near duplicates, bad
//! input. The pool is made of statements written for this test; the model is
//! trained once, by the binary, on every 4th line of the shipped corpus.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_quotestance");
const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/quotes.jsonl");

/// Our own statements: a clear one per target, some vague ones, and a
/// duplicate pair (`d1`, `d2`, the same words) plus a near copy (`d3`).
const POOL: &[(&str, &str)] = &[
    (
        "a1",
        "We will keep sending air defence systems to Kyiv for as long as it takes.",
    ),
    (
        "a2",
        "Moscow and Beijing will deepen their strategic coordination in every field.",
    ),
    (
        "a3",
        "Washington's sanctions are illegal and we reject this pressure.",
    ),
    (
        "v1",
        "The talks covered a range of questions, the minister said,",
    ),
    (
        "v2",
        "which was discussed at length during the meeting on Tuesday,",
    ),
    (
        "d1",
        "The sides exchanged views on the situation and agreed to stay in contact.",
    ),
    (
        "d2",
        "The sides exchanged views on the situation and agreed to stay in contact.",
    ),
    (
        "d3",
        "The two sides exchanged views on the situation and agreed to stay in close contact.",
    ),
    (
        "v3",
        "We will see what comes of the proposal in the weeks ahead.",
    ),
    (
        "v4",
        "Relations between our countries are at a turning point,",
    ),
];

fn tmp_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("suggest-cli-tests");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A model trained once per test run (no CV, one penalty).
fn model() -> &'static str {
    static MODEL: OnceLock<String> = OnceLock::new();
    MODEL.get_or_init(|| {
        let text = std::fs::read_to_string(CORPUS).unwrap();
        let lines: Vec<&str> = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .step_by(4)
            .collect();
        let data = tmp_dir().join(format!("quotes-{}.jsonl", std::process::id()));
        std::fs::write(&data, lines.join("\n") + "\n").unwrap();
        let path = tmp_dir().join(format!("model-{}.json", std::process::id()));
        let out = run(
            &[
                "train",
                "--data",
                data.to_str().unwrap(),
                "--out",
                path.to_str().unwrap(),
                "--folds",
                "0",
                "--alpha",
                "0.1",
            ],
            None,
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        path.to_str().unwrap().to_owned()
    })
}

fn pool_text() -> String {
    POOL.iter()
        .map(|(id, text)| serde_json::json!({"id": id, "text": text}).to_string() + "\n")
        .collect()
}

fn pool_file(name: &str, text: &str) -> String {
    let path = tmp_dir().join(format!("{name}-{}.jsonl", std::process::id()));
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

fn lines(out: &Output) -> Vec<Value> {
    assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// 1 − the smallest top-2 margin over targets, from `classify`'s output.
fn uncertainty_by_classify(pool: &str) -> Vec<(String, f64)> {
    let out = run(&["classify", "--model", model(), pool], None);
    lines(&out)
        .iter()
        .map(|v| {
            let worst = v["stance"]
                .as_object()
                .unwrap()
                .values()
                .map(|t| {
                    let p = &t["probabilities"];
                    let mut ps: Vec<f64> = ["favor", "against", "none"]
                        .iter()
                        .map(|l| p[*l].as_f64().unwrap())
                        .collect();
                    ps.sort_by(|a, b| b.total_cmp(a));
                    1.0 - (ps[0] - ps[1])
                })
                .fold(0.0, f64::max);
            (v["id"].as_str().unwrap().to_owned(), worst)
        })
        .collect()
}

#[test]
fn suggestions_carry_every_field_and_come_most_uncertain_first() {
    let pool = pool_file("pool", &pool_text());
    let out = run(
        &[
            "suggest",
            "--model",
            model(),
            "--pool",
            &pool,
            "-n",
            "4",
            "--diversity",
            "0",
        ],
        None,
    );
    let list = lines(&out);
    assert_eq!(list.len(), 4);
    for (k, s) in list.iter().enumerate() {
        assert_eq!(s["rank"], k as u64 + 1);
        for field in [
            "line",
            "id",
            "text",
            "score",
            "uncertainty",
            "target",
            "predicted",
            "runner_up",
            "margin",
            "probabilities",
            "similarity",
            "near_duplicates",
            "reason",
        ] {
            assert!(s.get(field).is_some(), "{field} missing in {s}");
        }
        let target = s["target"].as_str().unwrap();
        assert!(["us", "ukraine", "partnership"].contains(&target), "{s}");
        let reason = s["reason"].as_str().unwrap();
        assert!(reason.starts_with(&format!("{target}: ")), "{reason}");
        let u = s["uncertainty"].as_f64().unwrap();
        let m = s["margin"].as_f64().unwrap();
        assert!((u - (1.0 - m)).abs() < 1e-9, "{s}");
        // The line number points at the statement.
        let line = s["line"].as_u64().unwrap() as usize;
        assert_eq!(POOL[line - 1].0, s["id"].as_str().unwrap());
        assert_eq!(POOL[line - 1].1, s["text"].as_str().unwrap());
    }
    let us: Vec<f64> = list
        .iter()
        .map(|s| s["uncertainty"].as_f64().unwrap())
        .collect();
    assert!(us.windows(2).all(|w| w[0] >= w[1]), "{us:?}");
    // The first is the most uncertain statement of the pool, as classify's
    // probabilities (rounded in its output) say.
    let by_classify = uncertainty_by_classify(&pool);
    let max = by_classify.iter().map(|x| x.1).fold(0.0, f64::max);
    assert!((us[0] - max).abs() < 2e-3, "{} vs {max}", us[0]);
    let first = by_classify.iter().find(|x| x.0 == list[0]["id"]).unwrap();
    assert!((first.1 - us[0]).abs() < 2e-3);
}

#[test]
fn n_caps_the_list_and_the_duplicate_pair_is_never_both_in_it() {
    let pool = pool_file("pool-n", &pool_text());
    for n in ["1", "3"] {
        let out = run(
            &["suggest", "--model", model(), "--pool", &pool, "-n", n],
            None,
        );
        assert_eq!(lines(&out).len(), n.parse::<usize>().unwrap());
    }
    let out = run(
        &["suggest", "--model", model(), "--pool", &pool, "-n", "10"],
        None,
    );
    let list = lines(&out);
    let ids: Vec<&str> = list.iter().map(|s| s["id"].as_str().unwrap()).collect();
    let dups = ids.iter().filter(|id| id.starts_with('d')).count();
    assert_eq!(dups, 1, "{ids:?}");
    assert!(list.len() < 10, "{ids:?}");
    assert!(stderr(&out).contains("near duplicates"), "{}", stderr(&out));
    // The one kept lists the other two as left out, and says so.
    let kept = list
        .iter()
        .find(|s| s["id"].as_str().unwrap().starts_with('d'))
        .unwrap();
    let left: Vec<&str> = kept["near_duplicates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(left.len(), 2, "{kept}");
    assert!(
        left.iter()
            .all(|id| id.starts_with('d') && *id != kept["id"]),
        "{kept}"
    );
    assert!(
        kept["reason"]
            .as_str()
            .unwrap()
            .contains("near duplicates left out"),
        "{kept}"
    );
}

#[test]
fn blank_lines_are_skipped_and_stdin_works() {
    let text = pool_text().replace('\n', "\n\n");
    let out = run(
        &["suggest", "--model", model(), "--pool", "-", "-n", "20"],
        Some(&text),
    );
    for s in lines(&out) {
        let line = s["line"].as_u64().unwrap() as usize;
        assert_eq!(line % 2, 1, "{s}");
        assert_eq!(POOL[(line - 1) / 2].0, s["id"].as_str().unwrap());
    }
}

#[test]
fn bad_input_is_an_error_that_says_where() {
    let good = pool_text();
    let mut rows: Vec<&str> = good.lines().collect();
    rows.insert(2, "{\"id\": \"x\", \"text\": null}");
    rows.insert(5, "{\"id\": \"y\", \"text\": \"unfinished");
    let pool = pool_file("bad", &(rows.join("\n") + "\n"));
    let out = run(&["suggest", "--model", model(), "--pool", &pool], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(err.contains("2 bad lines"), "{err}");
    assert!(
        err.contains(&format!(
            "{pool}, line 3, field `text`: expected a string, found null"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{pool}, line 6: invalid JSON")),
        "{err}"
    );

    let missing = tmp_dir().join("no-such-pool.jsonl");
    let out = run(
        &[
            "suggest",
            "--model",
            model(),
            "--pool",
            missing.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no-such-pool.jsonl"),
        "{}",
        stderr(&out)
    );

    let pool = pool_file("pool-bad-n", &pool_text());
    for (flag, value, name) in [
        ("-n", "0", "`n`"),
        ("--diversity", "2", "`diversity`"),
        ("--max-similarity", "0", "`max_similarity`"),
    ] {
        let out = run(
            &["suggest", "--model", model(), "--pool", &pool, flag, value],
            None,
        );
        assert_eq!(out.status.code(), Some(2), "{flag} {value}");
        assert!(stderr(&out).contains(name), "{flag}: {}", stderr(&out));
    }
    let out = run(
        &["suggest", "--model", "/no/such/model.json", "--pool", &pool],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot load the model"),
        "{}",
        stderr(&out)
    );
}
