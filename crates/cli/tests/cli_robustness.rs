//! Regression tests of issue #12 (robustness), one or more per problem
//! found with hostile input: each failed before the fix. They use the
//! shipped model (no training) and inputs written here in our own words.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_quotestance");
const MODEL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/stance.json");

fn tmp(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("robustness");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(format!("{}-{name}", std::process::id()))
}

fn write(name: &str, bytes: &[u8]) -> String {
    let p = tmp(name);
    std::fs::write(&p, bytes).unwrap();
    p.to_str().unwrap().to_owned()
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json_lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

const GOOD: &str =
    r#"{"id": "a", "text": "We oppose these sanctions.", "stance": {"us": "against"}}"#;

/// Labelled lines for a quick `train --folds 0`.
fn training_lines() -> String {
    let rows = [
        ("We oppose the sanctions of Washington.", "against"),
        ("We welcome the American proposal.", "favor"),
        ("The meeting took place on Tuesday.", "none"),
    ];
    let mut s = String::new();
    for i in 0..12 {
        let (text, label) = rows[i % 3];
        s.push_str(
            &serde_json::json!({"id": i, "text": format!("{text} ({i})"), "stance": {"us": label}})
                .to_string(),
        );
        s.push('\n');
    }
    s
}

// 2. A full standard error never panics (exit 101).

#[test]
fn a_full_stderr_is_not_a_panic() {
    let bad = write("bad.jsonl", b"not json\n");
    let missing = tmp("missing.jsonl");
    let out_model = tmp("never.json");
    let cases: Vec<Vec<&str>> = vec![
        vec!["classify", "--model", MODEL, &bad],
        vec![
            "train",
            "--data",
            &bad,
            "--out",
            out_model.to_str().unwrap(),
        ],
        vec![
            "train",
            "--data",
            missing.to_str().unwrap(),
            "--out",
            out_model.to_str().unwrap(),
        ],
        vec!["extract", missing.to_str().unwrap()],
    ];
    for args in cases {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = Command::new(BIN)
            .args(&args)
            .stdin(Stdio::null())
            .stderr(full)
            .output()
            .unwrap();
        let code = out.status.code();
        assert!(matches!(code, Some(1 | 2)), "{args:?}: exit {code:?}");
    }
}

// 3. Damaged model files are caught; the shipped one carries a checksum.

#[test]
fn the_shipped_model_carries_a_checksum_that_matches() {
    let text = std::fs::read_to_string(MODEL).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        v["version"], 3,
        "the shipped model is in the current format"
    );
    assert!(v["targets"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["temperature"].as_f64().is_some_and(|x| x > 0.0)));
    assert!(v["checksum"].as_str().unwrap().starts_with("sha256:"));
    quotestance::StanceModel::from_json(&text, "m.json").expect("it loads");
}

#[test]
fn one_changed_digit_in_a_weight_is_a_checksum_error() {
    let text = std::fs::read_to_string(MODEL).unwrap();
    let at = text.find("\"weights\":[").unwrap() + "\"weights\":[".len();
    let digit = text[at..]
        .find(|c: char| c.is_ascii_digit() && c != '0')
        .unwrap()
        + at;
    let mut damaged = text.clone().into_bytes();
    damaged[digit] = if damaged[digit] == b'9' {
        b'8'
    } else {
        damaged[digit] + 1
    };
    let damaged = String::from_utf8(damaged).unwrap();
    match quotestance::StanceModel::from_json(&damaged, "m.json") {
        Err(quotestance::Error::ModelChecksum {
            path,
            stored,
            computed,
        }) => {
            assert_eq!(path, "m.json");
            assert_ne!(stored, computed);
        }
        other => panic!("{:?}", other.map(|_| ())),
    }
}

#[test]
fn random_byte_changes_never_load_silently() {
    let text = std::fs::read(MODEL).unwrap();
    // A fixed-seed linear congruential generator: reproducible positions.
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        state >> 33
    };
    let mut loaded = Vec::new();
    for _ in 0..300 {
        let mut damaged = text.clone();
        let at = next() as usize % damaged.len();
        let old = damaged[at];
        let new = loop {
            let b = b' ' + (next() % 95) as u8;
            if b != old {
                break b;
            }
        };
        damaged[at] = new;
        let Ok(s) = String::from_utf8(damaged) else {
            continue;
        };
        if quotestance::StanceModel::from_json(&s, "m.json").is_ok() {
            // Only changes outside the payload may load: white space.
            let ws = |b: u8| b.is_ascii_whitespace();
            if !(ws(old) && ws(new)) {
                loaded.push((at, old as char, new as char));
            }
        }
    }
    assert!(loaded.is_empty(), "loaded after damage: {loaded:?}");
}

/// `json` re-signed (as a file edited on purpose and saved again would be),
/// so that only the semantic checks can catch what is wrong in it.
fn resign(value: &mut Value) -> String {
    use sha2::Digest;
    value.as_object_mut().unwrap().remove("checksum");
    let digest = sha2::Sha256::digest(serde_json::to_string(&*value).unwrap().as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    value["checksum"] = format!("sha256:{hex}").into();
    serde_json::to_string(&*value).unwrap()
}

#[test]
fn duplicate_targets_and_negative_idf_are_semantic_errors() {
    let text = std::fs::read_to_string(MODEL).unwrap();
    let base: Value = serde_json::from_str(&text).unwrap();
    let mut dup = base.clone();
    let first = dup["targets"][0].clone();
    let name = first["name"].as_str().unwrap().to_owned();
    dup["targets"][1] = first;
    let mut idf = base.clone();
    idf["vectorizer"]["word_idf"][0] = (-1.5).into();
    let mut alpha = base;
    alpha["targets"][0]["alpha"] = (-1.0).into();
    for (mut v, want) in [
        (dup, format!("target `{name}` appears twice")),
        (
            idf,
            "has idf -1.5, not a finite non-negative number".to_owned(),
        ),
        (alpha, "penalty -1 is not a positive number".to_owned()),
    ] {
        let json = resign(&mut v);
        match quotestance::StanceModel::from_json(&json, "m.json") {
            Err(e @ quotestance::Error::CorruptModel { .. }) => {
                assert!(e.to_string().contains(&want), "{e}")
            }
            other => panic!("{want}: {:?}", other.map(|_| ())),
        }
    }
}

#[test]
fn version_1_files_without_checksum_still_load() {
    let text = std::fs::read_to_string(MODEL).unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v.as_object_mut().unwrap().remove("checksum");
    v["version"] = 1.into();
    // Version 1 predates calibration: its targets carry no temperature.
    for t in v["targets"].as_array_mut().unwrap() {
        t.as_object_mut().unwrap().remove("temperature");
    }
    let old = serde_json::to_string(&v).unwrap();
    quotestance::StanceModel::from_json(&old, "old.json").expect("a version 1 file loads");
    // A version 1 file never has a checksum: a `3` damaged into `1` is caught.
    let flipped = text.replacen("\"version\":3", "\"version\":1", 1);
    let err = quotestance::StanceModel::from_json(&flipped, "m.json").unwrap_err();
    assert!(
        err.to_string()
            .contains("version 1 file carries no checksum"),
        "{err}"
    );
}

// 4. Encodings.

#[test]
fn a_byte_order_mark_is_accepted_by_every_reader() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(b"{\"id\": \"b1\", \"text\": \"\\\"We will not yield,\\\" Lavrov said.\", \"stance\": {\"us\": \"none\"}}\n");
    let p = write("bom.jsonl", &bytes);
    let out = run(&["classify", "--model", MODEL, &p]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json_lines(&out)[0]["id"], "b1");
    let out = run(&["eval", "--model", MODEL, "--data", &p]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run(&["extract", "--jsonl", &p]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json_lines(&out)[0]["doc"], "b1");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(training_lines().as_bytes());
    let p = write("bom-train.jsonl", &bytes);
    let model = tmp("bom-model.json");
    let out = run(&[
        "train",
        "--data",
        &p,
        "--out",
        model.to_str().unwrap(),
        "--folds",
        "0",
        "--alpha",
        "0.1",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn an_invalid_byte_keeps_the_article_and_warns_where() {
    let text = b"\"We will not yield,\" Lavrov said on Monday. Caf\xE9 talk.\n";
    let p = write("latin1.txt", text);
    let out = run(&["extract", &p]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let quotes = json_lines(&out);
    assert_eq!(quotes.len(), 1, "the article's quote is kept");
    assert_eq!(quotes[0]["text"], "We will not yield,");
    let err = stderr(&out);
    let at = text.iter().position(|&b| b == 0xE9).unwrap();
    assert!(
        err.contains(&format!("{p}: not valid UTF-8 at byte {at}")),
        "{err}"
    );
}

// 5. One missing file does not stop a batch.

#[test]
fn a_missing_file_is_reported_and_the_others_still_run() {
    let a = write("a.txt", b"\"We will not yield,\" Lavrov said.\n");
    let b = write("b.txt", b"\"The door stays open,\" Wang Yi said.\n");
    let missing = tmp("missing.txt");
    let out = run(&["extract", &a, missing.to_str().unwrap(), &b]);
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out);
    let docs: Vec<&str> = lines.iter().map(|l| l["doc"].as_str().unwrap()).collect();
    assert!(
        docs.contains(&a.as_str()) && docs.contains(&b.as_str()),
        "{docs:?}"
    );
    let err = stderr(&out);
    assert!(err.contains(&format!("{}: ", missing.display())), "{err}");
}

// 6. Training: --out checked first, every bad line, no default over the
// shipped model.

#[test]
fn train_checks_out_before_training() {
    let p = write("train-ok.jsonl", training_lines().as_bytes());
    let out = run(&["train", "--data", &p, "--out", "/proc/no/such/dir/m.json"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("cannot write the model to /proc/no/such/dir/m.json"),
        "{err}"
    );
    assert!(
        !err.contains("training on"),
        "it did not train first: {err}"
    );
}

#[test]
fn train_has_no_default_out() {
    let p = write("train-ok2.jsonl", training_lines().as_bytes());
    let out = run(&["train", "--data", &p, "--folds", "0", "--alpha", "0.1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--out"), "{}", stderr(&out));
}

#[test]
fn train_reports_every_bad_line_up_to_a_cap() {
    let mut text = String::new();
    for i in 0..25 {
        text.push_str(GOOD);
        text.push('\n');
        text.push_str(&format!(
            "{{\"text\": \"x{i}\", \"stance\": {{\"us\": \"pro\"}}}}\n"
        ));
    }
    let p = write("many-bad.jsonl", text.as_bytes());
    let model = tmp("many-bad.json");
    let out = run(&["train", "--data", &p, "--out", model.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("25 bad lines"), "{err}");
    assert!(
        err.contains("line 2, field `stance.us`: unknown label `pro`"),
        "{err}"
    );
    assert!(err.contains("line 40, field `stance.us`"), "{err}");
    assert!(!err.contains("line 42,"), "capped at 20: {err}");
    assert!(err.contains("and 5 more"), "{err}");
    assert!(!model.exists());
}

#[test]
fn a_saved_model_leaves_no_temporary_file_and_keeps_usual_permissions() {
    let p = write("train-ok3.jsonl", training_lines().as_bytes());
    let dir = tmp("save-dir");
    let model = dir.join("m.json");
    let out = run(&[
        "train",
        "--data",
        &p,
        "--out",
        model.to_str().unwrap(),
        "--folds",
        "0",
        "--alpha",
        "0.1",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["m.json"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&model).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
    }
}

// 8. Smaller ones.

#[test]
fn an_impossible_date_is_a_usage_error() {
    let a = write("date.txt", b"No quotes.\n");
    let out = run(&["extract", "--date", "2024-13-45", &a]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`--date`")
            && stderr(&out).contains("`2024-13-45` is not a valid date"),
        "{}",
        stderr(&out)
    );
    let out = run(&["extract", "--date", "2024-02-29", &a]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn threads_are_capped() {
    let out = run(&[
        "--threads",
        "10000",
        "classify",
        "--model",
        MODEL,
        "/dev/null",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("from 1 to 256"), "{}", stderr(&out));
}

#[test]
fn json_errors_do_not_contradict_themselves_and_null_text_is_not_missing() {
    let p = write(
        "msgs.jsonl",
        b"{\"id\": \"a\", \"text\": \"unterminated\n{\"id\": \"b\", \"text\": null}\n",
    );
    let out = run(&["classify", "--model", MODEL, &p]);
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out);
    let first = lines[0]["error"].as_str().unwrap();
    assert!(first.contains("line 1: invalid JSON at column"), "{first}");
    assert!(!first.contains("at line 1 column"), "{first}");
    let second = lines[1]["error"].as_str().unwrap();
    assert!(
        second.ends_with("field `text`: expected a string, found null"),
        "{second}"
    );
}

#[test]
fn blank_lines_are_skipped_alike_by_classify_and_extract() {
    let p = write(
        "blank.jsonl",
        b"{\"id\": 1, \"text\": \"\\\"We stand firm,\\\" Lavrov said.\"}\n\n   \n{\"id\": 2, \"text\": \"\\\"So do we,\\\" Wang Yi said.\"}\n",
    );
    let out = run(&["classify", "--model", MODEL, &p]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ids: Vec<Value> = json_lines(&out).iter().map(|l| l["id"].clone()).collect();
    assert_eq!(
        ids,
        [Value::from(1), Value::from(2)],
        "numeric ids stay numbers"
    );
    let out = run(&["extract", "--jsonl", &p]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json_lines(&out).len(), 2);
}

#[test]
fn a_wrong_shaped_speaker_table_names_no_internal_type() {
    let p = write("speakers.json", b"\"just a string\"");
    let a = write("sp.txt", b"No quotes.\n");
    let out = run(&["extract", "--speakers", &p, &a]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(!err.contains("TableFile"), "{err}");
    assert!(err.contains("expected a speaker table"), "{err}");
}

#[test]
fn an_interrupted_train_leaves_no_temporary_file() {
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/quotes.jsonl");
    // Signals at several moments: while reading, training and saving.
    for (i, delay_ms) in [50u64, 300, 700, 1200, 1800, 2500].into_iter().enumerate() {
        let dir = tmp(&format!("interrupt-{i}"));
        std::fs::create_dir_all(&dir).unwrap();
        let model = dir.join("m.json");
        let mut child = Command::new(BIN)
            .args([
                "train",
                "--data",
                corpus,
                "--out",
                model.to_str().unwrap(),
                "--folds",
                "0",
                "--alpha",
                "0.1",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status();
        let status = child.wait().unwrap();
        let names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert!(
            names.iter().all(|n| n == "m.json"),
            "after {delay_ms} ms ({status}): {names:?}"
        );
        if model.exists() {
            quotestance::StanceModel::load(&model).expect("a model written whole");
        }
    }
}

#[test]
fn numeric_ids_come_back_as_numbers_from_extract_too() {
    let p = write(
        "ids.jsonl",
        b"{\"id\": 7, \"text\": \"\\\"We stand firm,\\\" Lavrov said.\"}\n{\"id\": \"x7\", \"text\": \"\\\"So do we,\\\" Wang Yi said.\"}\n{\"id\": 2.5, \"text\": \"\\\"Agreed,\\\" Wang Yi said.\"}\n",
    );
    let out = run(&["extract", "--jsonl", &p]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let docs: Vec<Value> = json_lines(&out).iter().map(|l| l["doc"].clone()).collect();
    assert_eq!(docs, [Value::from(7), Value::from("x7"), Value::from(2.5)]);
}

#[test]
fn a_large_text_file_is_read_in_sections_with_offsets_in_the_file() {
    // ~1.5 MB, several sections: every quotation is still found, with its
    // offsets in the file, and utterance numbers stay unique.
    let para = "“We will keep the talks going,” the minister told reporters on Monday. \
                Officials said the two sides would meet again in the spring.\n\n";
    let n = 1_500_000 / para.len();
    let text = para.repeat(n);
    let p = write("large.txt", text.as_bytes());
    let out = run(&["extract", &p]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let quotes = json_lines(&out);
    assert_eq!(quotes.len(), 2 * n);
    let mut utterances = std::collections::HashSet::new();
    for q in &quotes {
        let (s, e) = (q["start"].as_u64().unwrap(), q["end"].as_u64().unwrap());
        assert_eq!(&text[s as usize..e as usize], q["text"].as_str().unwrap());
        if q["kind"] == "direct" {
            assert_eq!(q["speaker_text"], "the minister");
            assert!(utterances.insert(q["utterance"].as_u64().unwrap()), "{q}");
        }
    }
    assert_eq!(utterances.len(), n);
}
