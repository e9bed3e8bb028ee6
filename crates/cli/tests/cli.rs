//! Integration tests of the `quotestance` binary: every subcommand's output
//! shape, order under several threads, bad input lines, `--on-error fail`, a
//! closed pipe, and a missing model file.
//!
//! A small model is trained once, by the binary itself, on the starter data
//! into Cargo's temporary directory for integration tests.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_quotestance");
const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/quotes.jsonl");

/// A fixed subset of the shipped corpus (every 4th quote), small enough to
/// train quickly, written once per test run: `(path, quotes, labelled
/// quote-target pairs)`.
fn data_set() -> &'static (String, u64, u64) {
    static DATA: OnceLock<(String, u64, u64)> = OnceLock::new();
    DATA.get_or_init(|| {
        let text = std::fs::read_to_string(CORPUS).unwrap();
        let lines: Vec<&str> = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .step_by(4)
            .collect();
        let pairs: u64 = lines
            .iter()
            .map(|l| {
                let v: Value = serde_json::from_str(l).unwrap();
                v["stance"].as_object().unwrap().len() as u64
            })
            .sum();
        let path = tmp_dir().join(format!("quotes-{}.jsonl", std::process::id()));
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
        (path.to_str().unwrap().to_owned(), lines.len() as u64, pairs)
    })
}

fn data() -> &'static str {
    &data_set().0
}

fn tmp_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-tests");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A model trained once per test run (2 folds and one penalty, to be quick).
fn model() -> &'static Path {
    static MODEL: OnceLock<PathBuf> = OnceLock::new();
    MODEL.get_or_init(|| {
        let path = tmp_dir().join(format!("model-{}.json", std::process::id()));
        let out = run(
            &[
                "train",
                "--data",
                data(),
                "--out",
                path.to_str().unwrap(),
                "--folds",
                "2",
                "--alphas",
                "0.1",
            ],
            None,
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        path
    })
}

fn m() -> &'static str {
    model().to_str().unwrap()
}

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let input = stdin.unwrap_or("").to_owned();
    let mut pipe = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(input.as_bytes());
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn json_lines(out: &Output) -> Vec<Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// `n` JSONL statements with ids `s0`, `s1`, ...
fn statements(n: usize) -> String {
    let words = [
        "We firmly oppose the unilateral sanctions imposed by Washington",
        "The partnership between Moscow and Beijing has no limits",
        "Peace in Ukraine requires respect for legitimate security concerns",
        "The talks were held in a friendly atmosphere",
        "NATO expansion threatens the security of the whole continent",
    ];
    let speakers = ["lavrov", "wang_yi", "g7", "", "blinken"];
    let mut s = String::new();
    for i in 0..n {
        let text = format!("{} ({i}).", words[i % words.len()]);
        let line = if speakers[i % 5].is_empty() {
            serde_json::json!({"id": format!("s{i}"), "text": text})
        } else {
            serde_json::json!({"id": format!("s{i}"), "text": text, "speaker": speakers[i % 5]})
        };
        s.push_str(&line.to_string());
        s.push('\n');
    }
    s
}

fn assert_prediction_shape(line: &Value) {
    let stance = line["stance"].as_object().expect("a stance object");
    assert_eq!(
        stance.keys().collect::<Vec<_>>(),
        vec!["partnership", "ukraine", "us"]
    );
    for p in stance.values() {
        let label = p["label"].as_str().unwrap();
        assert!(["favor", "against", "none"].contains(&label), "{label}");
        let probs = &p["probabilities"];
        let sum: f64 = ["favor", "against", "none"]
            .iter()
            .map(|k| probs[k].as_f64().unwrap())
            .sum();
        assert!((sum - 1.0).abs() < 1e-9, "{sum}");
        assert!(probs[label].as_f64().unwrap() >= probs["none"].as_f64().unwrap() - 1e-12);
    }
}

#[test]
fn train_prints_the_cross_validation_report_and_writes_the_model() {
    let path = tmp_dir().join("train-test.json");
    // A second data file, in our own words, with no trailing newline.
    let extra = tmp_dir().join("train-extra.jsonl");
    let extra_text = "{\"id\": \"x1\", \"text\": \"We will keep talking with Washington about trade.\", \"stance\": {\"us\": \"none\"}, \"source\": \"x\"}\n{\"id\": \"x2\", \"text\": \"Washington's sanctions are a dead end.\", \"stance\": {\"us\": \"against\"}, \"source\": \"x\"}";
    std::fs::write(&extra, extra_text).unwrap();
    let out = run(
        &[
            "train",
            "--data",
            data(),
            "--data",
            extra.to_str().unwrap(),
            "--out",
            path.to_str().unwrap(),
            "--folds",
            "3",
            "--alphas",
            "0.3,0.1",
            "--seed",
            "7",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = stdout(&out);
    assert!(
        report.contains("3-fold cross-validation (seed 7"),
        "{report}"
    );
    assert!(report.contains("target partnership: alpha candidates"));
    assert!(report.contains("pooled over targets"));
    assert!(report.contains("<- chosen"));
    assert!(stderr(&out).contains("wrote"), "{}", stderr(&out));
    assert!(report.contains("calibration: temperature"), "{report}");
    assert!(path.exists());
    // `info` names each data file with its line count and SHA-256.
    let out = run(&["info", "--model", path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let hash = |bytes: &[u8]| {
        use sha2::Digest;
        let d = sha2::Sha256::digest(bytes);
        let hex: String = d.iter().map(|b| format!("{b:02x}")).collect();
        format!("sha256:{hex}")
    };
    let corpus = std::fs::read(data()).unwrap();
    for needle in [
        format!(
            "file {} ({} lines, {})",
            data(),
            data_set().1,
            hash(&corpus)
        ),
        format!(
            "file {} (2 lines, {})",
            extra.display(),
            hash(extra_text.as_bytes())
        ),
    ] {
        assert!(text.contains(&needle), "{needle} in {text}");
    }
    assert!(text.contains("temperature"), "{text}");
    let out = run(&["info", "--model", path.to_str().unwrap(), "--json"], None);
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["training"]["data_files"][1]["lines"], 2);
    assert!(v["targets"][0]["temperature"].as_f64().unwrap() > 0.0);
}

#[test]
fn train_reports_a_bad_data_line_with_its_location() {
    let path = tmp_dir().join("bad-train.jsonl");
    std::fs::write(
        &path,
        "{\"text\": \"a\", \"stance\": {\"us\": \"none\"}}\n{\"text\": \"b\", \"stance\": {\"us\": \"pro\"}}\n",
    )
    .unwrap();
    let model = tmp_dir().join("bad-train-model.json");
    let out = run(
        &[
            "train",
            "--data",
            path.to_str().unwrap(),
            "--out",
            model.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("line 2, field `stance.us`: unknown label `pro`"),
        "{err}"
    );
}

#[test]
fn eval_prints_per_target_and_pooled_scores_and_json() {
    let out = run(&["eval", "--model", m(), "--data", data()], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for needle in [
        "target us:",
        "pooled over targets",
        "F_avg",
        "macro-F1",
        "confusion (rows = truth, columns = predicted)",
    ] {
        assert!(text.contains(needle), "{needle} in {text}");
    }
    let out = run(&["eval", "--model", m(), "--data", data(), "--json"], None);
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["pooled"]["scores"]["n"], data_set().2);
    assert!(v["targets"]["us"]["scores"]["f_avg"].is_number());
    assert_eq!(v["targets"]["us"]["confusion"].as_array().unwrap().len(), 3);
    let c = &v["calibration"];
    assert_eq!(c["n"], data_set().2);
    assert_eq!(c["bins"], 10);
    let ece = c["ece_favor_against"].as_f64().unwrap();
    assert!((0.0..=100.0).contains(&ece), "{c}");
    assert!(text.contains("calibration (10 bins of the top-class probability): ECE all"));
    // The picture: confusion matrices and both reliability curves.
    let svg = tmp_dir().join("eval.svg");
    let out = run(
        &[
            "eval",
            "--model",
            m(),
            "--data",
            data(),
            "--plot",
            svg.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let svg = std::fs::read_to_string(svg).unwrap();
    assert!(svg.starts_with("<svg"), "{}", &svg[..100]);
    for needle in [
        "us (rows truth)",
        "reliability",
        "all (ECE",
        "favor/against gold (ECE",
    ] {
        assert!(svg.contains(needle), "{needle} not in the SVG");
    }
}

#[test]
fn classify_writes_one_prediction_per_line_in_the_documented_shape() {
    let input = statements(5);
    let out = run(&["classify", "--model", m()], Some(&input));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 5);
    for (i, l) in lines.iter().enumerate() {
        assert_eq!(l["id"], format!("s{i}"));
        assert_prediction_shape(l);
    }
    assert_eq!(lines[0]["speaker"], "lavrov");
    assert_eq!(lines[3]["speaker"], Value::Null);
}

#[test]
fn classify_keeps_input_order_on_two_threads_with_small_chunks() {
    let input = statements(1000);
    let path = tmp_dir().join("order.jsonl");
    std::fs::write(&path, &input).unwrap();
    let p = path.to_str().unwrap();
    let two = run(
        &[
            "classify",
            "-m",
            m(),
            "--threads",
            "2",
            "--chunk-lines",
            "7",
            p,
        ],
        None,
    );
    let one = run(&["classify", "-m", m(), "--threads", "1", p], None);
    assert_eq!(two.status.code(), Some(0), "{}", stderr(&two));
    let lines = json_lines(&two);
    assert_eq!(lines.len(), 1000);
    for (i, l) in lines.iter().enumerate() {
        assert_eq!(l["id"], format!("s{i}"));
    }
    assert_eq!(stdout(&one), stdout(&two), "same output on 1 and 2 threads");
}

#[test]
fn classify_plain_text_lines_with_a_default_speaker() {
    let out = run(
        &["classify", "-m", m(), "--text", "--speaker", "lavrov"],
        Some("NATO keeps expanding eastward.\nWe value our friendship.\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["speaker"], "lavrov");
    assert_eq!(lines[1]["id"], Value::Null);
    assert_prediction_shape(&lines[1]);
}

#[test]
fn classify_explain_adds_the_top_features_per_target() {
    let out = run(
        &["classify", "-m", m(), "--explain", "2"],
        Some(&statements(1)),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines = json_lines(&out);
    for t in ["partnership", "ukraine", "us"] {
        let f = lines[0]["stance"][t]["features"].as_array().unwrap();
        assert!(f.len() <= 2);
        for x in f {
            assert!(x["feature"].is_string() && x["contribution"].as_f64().unwrap() > 0.0);
        }
    }
}

#[test]
fn classify_bad_lines_give_error_lines_in_place_and_exit_1() {
    let good = statements(2);
    let mut lines = good.lines();
    let input = format!(
        "{}\nnot json\n{{\"id\": 9, \"text\": \"\"}}\n\n{{\"id\": \"no-text\"}}\n{}\n",
        lines.next().unwrap(),
        lines.next().unwrap()
    );
    let out = run(&["classify", "-m", m(), "--threads", "2"], Some(&input));
    assert_eq!(out.status.code(), Some(1));
    let got = json_lines(&out);
    assert_eq!(got.len(), 5, "one output line per non-blank input line");
    assert_eq!(got[0]["id"], "s0");
    assert!(got[1]["error"]
        .as_str()
        .unwrap()
        .contains("line 2: invalid JSON"));
    assert_eq!(got[1]["id"], Value::Null);
    assert_eq!(got[2]["id"], 9, "a numeric id stays a number");
    assert!(got[2]["error"].as_str().unwrap().contains("empty text"));
    assert_eq!(got[3]["id"], "no-text");
    assert!(got[3]["error"]
        .as_str()
        .unwrap()
        .contains("line 5, field `text`: missing field `text`"));
    assert_eq!(got[4]["id"], "s1");
    assert_prediction_shape(&got[4]);
    let err = stderr(&out);
    for n in [2, 3, 5] {
        assert!(err.contains(&format!("<stdin>, line {n}")), "{err}");
    }
    assert!(!err.contains("line 4"), "a blank line is no record: {err}");
    assert!(
        err.contains("3 of 5 lines could not be classified"),
        "{err}"
    );
}

#[test]
fn classify_on_error_fail_stops_at_the_first_bad_line() {
    let mut input = statements(3);
    input.push_str("{\"text\": 5}\n");
    input.push_str(&statements(3));
    let out = run(&["classify", "-m", m(), "--on-error", "fail"], Some(&input));
    assert_eq!(out.status.code(), Some(1));
    let got = json_lines(&out);
    assert_eq!(got.len(), 3, "the lines before the bad one, nothing after");
    let err = stderr(&out);
    assert!(
        err.contains("<stdin>, line 4, field `text`: expected a string, found a number"),
        "{err}"
    );
}

#[test]
fn classify_treats_a_closed_pipe_as_success() {
    let input = statements(50_000);
    let mut child = Command::new(BIN)
        .args(["classify", "-m", m(), "--chunk-lines", "64"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        // Fails with a broken pipe once the binary has exited: expected.
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is dropped here: the pipe is closed, as by `| head -1`.
    assert!(first.contains("\"id\":\"s0\""), "{first}");
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    writer.join().unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(!err.to_lowercase().contains("broken pipe"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_missing_model_file_is_a_clear_error_with_exit_2() {
    let missing = tmp_dir().join("no-such-model.json");
    let p = missing.to_str().unwrap();
    for args in [
        vec!["classify", "--model", p],
        vec!["eval", "--model", p, "--data", data()],
        vec!["info", "--model", p],
        vec!["explain", "--model", p, "some words"],
    ] {
        let out = run(&args, Some(""));
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.starts_with("quotestance: cannot load the model"),
            "{args:?}: {err}"
        );
        assert!(err.contains("no-such-model.json"), "{err}");
        assert!(err.contains("No such file"), "{err}");
        assert_eq!(err.matches("No such file").count(), 1, "said once: {err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_file_that_is_not_a_model_is_a_clear_error_with_exit_2() {
    let out = run(&["info", "--model", data()], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("quotestance: cannot load the model"));
}

#[test]
fn explain_says_why_in_words() {
    let out = run(
        &[
            "explain",
            "-m",
            m(),
            "--speaker",
            "lavrov",
            "--top",
            "3",
            "Washington's sanctions only escalate tensions.",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("speaker:   lavrov (side russia)"), "{text}");
    for t in ["partnership:", "ukraine:", "us:"] {
        assert!(text.contains(t), "{t} in {text}");
    }
    assert!(text.contains("toward "));
    let out = run(&["explain", "-m", m(), "--target", "nope", "words"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown target `nope`"));
}

#[test]
fn info_describes_the_model() {
    let out = run(&["info", "--model", m()], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for needle in [
        "targets",
        "partnership",
        "word n-grams 1-3, character n-grams 2-5",
        "vocabulary",
        &*format!("training data: {} quotes", data_set().1),
        "2-fold cross-validation",
    ] {
        assert!(text.contains(needle), "{needle} in {text}");
    }
    let out = run(&["info", "--model", m(), "--json"], None);
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["targets"].as_array().unwrap().len(), 3);
    assert!(v["vocabulary"]["total"].as_u64().unwrap() > 0);
    assert_eq!(v["training"]["quotes"], data_set().1);
}

#[test]
fn every_subcommand_has_help_with_examples() {
    for sub in ["extract", "train", "eval", "classify", "explain", "info"] {
        let out = run(&[sub, "--help"], None);
        assert_eq!(out.status.code(), Some(0), "{sub}");
        assert!(
            stdout(&out).contains("Examples:"),
            "{sub}: {}",
            stdout(&out)
        );
    }
    let out = run(&["--help"], None);
    assert!(stdout(&out).contains("Exit status"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["classify"], None).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"], None).status.code(), Some(2));
    assert_eq!(
        run(&["classify", "-m", m(), "--on-error", "maybe"], None)
            .status
            .code(),
        Some(2)
    );
}

/// The whole chain: an article in, attributed and classified quotes out.
#[test]
fn extract_with_a_model_gives_attributed_classified_quotes() {
    let article = "Russian Foreign Minister Sergei Lavrov said on Tuesday that \
        \"the partnership between Moscow and Beijing is not aimed at any third country\". \
        \"We will keep deepening our coordination,\" Wang Yi told reporters.\n";
    let out = run(&["extract", "--model", m()], Some(article));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let lines = json_lines(&out);
    let speakers: Vec<&str> = lines
        .iter()
        .map(|l| l["speaker"].as_str().unwrap_or("-"))
        .collect();
    assert!(
        speakers.contains(&"lavrov") && speakers.contains(&"wang_yi"),
        "{speakers:?}"
    );
    for l in &lines {
        assert_eq!(l["doc"], "<stdin>");
        let (start, end) = (l["start"].as_u64().unwrap(), l["end"].as_u64().unwrap());
        assert!(start < end && end as usize <= article.len());
        for key in ["text", "kind", "speaker", "speaker_text", "cue", "via"] {
            assert!(l.get(key).is_some(), "{key} in {l}");
        }
        assert_prediction_shape(l);
    }
}
