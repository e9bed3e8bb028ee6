//! End-to-end behaviour of the stance model: training on labelled quotes,
//! predictions, explanations, persistence and the errors users can hit.

use quotestance::advanced::data::labelled_quotes_from;
use quotestance::advanced::features::FeatureConfig;
use quotestance::{Error, Label, LabelledQuote, StanceModel, StanceParams, Statement};

/// A small corpus written for these tests: two targets with clear cues.
fn corpus() -> Vec<LabelledQuote> {
    let favor = [
        "We firmly support the partnership with Moscow and will deepen it.",
        "Cooperation between Beijing and Moscow has never been stronger.",
        "Our friendship with Russia is a pillar of stability.",
        "China and Russia will keep strengthening their strategic coordination.",
        "The partnership with Beijing is a priority for Russian diplomacy.",
        "Military cooperation with China will grow in the coming years.",
        "Moscow values the trust it has built with Beijing.",
        "We welcome closer coordination between China and Russia.",
        "Russia and China stand shoulder to shoulder.",
        "Ties with Russia have reached their best level in history.",
    ];
    let against = [
        "China must stop supplying Russia's war machine.",
        "Beijing's support for Moscow's war will carry costs.",
        "We are concerned by China's growing military ties with Russia.",
        "China is a decisive enabler of Russia's aggression.",
        "We urge Beijing to press Moscow to end the war.",
        "Chinese components keep Russia's defence industry running.",
        "The alignment between Beijing and Moscow threatens our security.",
        "China should cut the flow of dual-use goods to Russia.",
        "Beijing cannot claim neutrality while arming Moscow.",
        "We will sanction Chinese firms that help Russia's army.",
    ];
    let none = [
        "The ministers will meet in Geneva next week.",
        "The talks covered trade, climate and shipping.",
        "A press conference is scheduled for Thursday.",
        "The delegation arrived in the capital on Monday.",
        "Officials discussed the agenda of the summit.",
        "The meeting lasted three hours.",
        "Both delegations exchanged views on regional issues.",
        "The visit had been planned for several months.",
        "A joint communique will be published later.",
        "The minister answered questions from journalists.",
    ];
    let mut out = Vec::new();
    // Speakers rotate independently of labels, so only the words carry stance.
    let speakers = ["lavrov", "g7", "china_mfa"];
    for (label, texts) in [
        (Label::Favor, favor),
        (Label::Against, against),
        (Label::None, none),
    ] {
        for (i, t) in texts.iter().enumerate() {
            let mut q = LabelledQuote {
                id: Some(format!("{label}-{i}")),
                text: t.to_string(),
                speaker: Some(speakers[i % 3].to_string()),
                ..LabelledQuote::default()
            };
            q.stance.insert("partnership".into(), label);
            // A second target where only `none` and `against` occur.
            q.stance.insert(
                "us".into(),
                if label == Label::Against && i % 2 == 0 {
                    Label::Against
                } else {
                    Label::None
                },
            );
            out.push(q);
        }
    }
    out
}

fn small_params() -> StanceParams {
    StanceParams::new()
        .features(FeatureConfig {
            min_df: 1,
            ..FeatureConfig::default()
        })
        .folds(3)
}

#[test]
fn trains_predicts_and_reports_cv() {
    let quotes = corpus();
    let model = small_params().fit(&quotes).unwrap();
    assert_eq!(model.target_names(), vec!["partnership", "us"]);
    let cv = model.cv_report().expect("cross-validation ran");
    assert_eq!(cv.folds, 3);
    let eval = cv.evaluation();
    assert_eq!(eval.targets["partnership"].total(), 30);
    // 20 training texts a fold: cross-validated accuracy is above chance (1/3).
    assert!(eval.targets["partnership"].accuracy() > 0.45, "{eval}");
    // Training data is fitted.
    let train_eval = model.evaluate(&quotes);
    assert!(
        train_eval.targets["partnership"].accuracy() > 0.9,
        "{train_eval}"
    );

    let p = model.predict(
        &Statement::new("Russia and China will deepen their partnership and cooperation.")
            .with_speaker("lavrov"),
    );
    let tp = p["partnership"];
    assert_eq!(tp.label, Label::Favor);
    let sum = tp.probabilities.favor + tp.probabilities.against + tp.probabilities.none;
    assert!((sum - 1.0).abs() < 1e-9);
    // `us` was never labelled favor: its probability is exactly 0.
    assert_eq!(p["us"].probabilities.favor, 0.0);
}

#[test]
fn batch_prediction_keeps_input_order_and_matches_single_calls() {
    let quotes = corpus();
    let model = small_params().fit(&quotes).unwrap();
    let statements: Vec<Statement> = quotes.iter().map(|q| q.statement()).collect();
    let batch = model.predict_batch(&statements);
    let mut predictor = model.predictor();
    for (s, b) in statements.iter().zip(&batch) {
        assert_eq!(&predictor.predict(s), b);
    }
}

#[test]
fn save_load_predict_gives_identical_probabilities() {
    let quotes = corpus();
    let model = small_params().fit(&quotes).unwrap();
    let dir = std::env::temp_dir().join(format!("qs-model-{}", std::process::id()));
    let path = dir.join("m.json");
    model.save(&path).unwrap();
    let loaded = StanceModel::load(&path).unwrap();
    assert_eq!(loaded.info(), model.info());
    for q in &quotes {
        let s = q.statement();
        assert_eq!(loaded.predict(&s), model.predict(&s), "{}", s.text);
    }
    // No temporary file is left behind by the atomic write.
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `json` with its checksum recomputed, as a file edited on purpose and
/// saved again would be: only the semantic checks can catch it.
fn resign(json: &str) -> String {
    use sha2::Digest;
    let mut value: serde_json::Value = serde_json::from_str(json).unwrap();
    value.as_object_mut().unwrap().remove("checksum");
    let digest = sha2::Sha256::digest(serde_json::to_string(&value).unwrap().as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    value["checksum"] = format!("sha256:{hex}").into();
    serde_json::to_string(&value).unwrap()
}

#[test]
fn loading_other_versions_or_corrupt_files_is_a_typed_error() {
    let quotes = corpus();
    let model = small_params().fit(&quotes).unwrap();
    let json = model.to_json();
    let future = json.replacen("\"version\":3", "\"version\":99", 1);
    match StanceModel::from_json(&future, "m.json") {
        Err(Error::FormatVersion {
            found: 99,
            supported: 3,
            ..
        }) => {}
        other => panic!("{other:?}"),
    }
    for (bad, why) in [
        ("{", "not JSON"),
        ("{\"format\": \"something-else\", \"version\": 1}", "format"),
        (&json[..json.len() / 2], "truncated"),
        (
            &resign(&json.replacen("\"weights\":[", "\"weights\":[1.0,", 1)),
            "shapes",
        ),
    ] {
        match StanceModel::from_json(bad, "m.json") {
            Err(Error::CorruptModel { path, .. }) => assert_eq!(path, "m.json", "{why}"),
            other => panic!("{why}: {other:?}"),
        }
    }
    match StanceModel::load("/nonexistent/model.json") {
        Err(Error::Io { path, .. }) => assert_eq!(path, "/nonexistent/model.json"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn explain_names_the_features_that_pushed_the_label() {
    let quotes = corpus();
    let model = small_params().fit(&quotes).unwrap();
    let s = Statement::new("China must stop supplying Russia's war machine.").with_speaker("g7");
    let e = model.explain(&s, "partnership", 5).unwrap();
    assert_eq!(e.prediction.label, Label::Against);
    let toward = &e.toward[&Label::Against];
    assert!(!toward.is_empty() && toward.len() <= 5);
    assert!(toward
        .windows(2)
        .all(|w| w[0].contribution >= w[1].contribution));
    assert!(toward.iter().all(|f| f.contribution > 0.0));
    match model.explain(&s, "nope", 3) {
        Err(Error::UnknownTarget(t)) => assert_eq!(t, "nope"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn feature_rows_beyond_the_model_are_an_error_not_a_panic() {
    let model = small_params().fit(&corpus()).unwrap();
    let n = model.vectorizer().n_features();
    let row = quotestance::advanced::features::SparseRow {
        indices: vec![n as u32 + 5],
        values: vec![1.0],
    };
    match model.predict_features(&row) {
        Err(Error::FeatureMismatch { expected, .. }) => assert_eq!(expected, n),
        other => panic!("{other:?}"),
    }
}

#[test]
fn single_class_targets_and_empty_data_are_rejected() {
    let mut quotes = corpus();
    for q in &mut quotes {
        q.stance.insert("ukraine".into(), Label::None);
    }
    match small_params().fit(&quotes) {
        Err(Error::Training { target, message }) => {
            assert_eq!(target, "ukraine");
            assert!(message.contains("at least two labels"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        StanceParams::new().fit(&[]),
        Err(Error::InvalidParam { .. })
    ));
}

#[test]
fn non_convergence_is_reported_not_hidden() {
    let quotes = corpus();
    // Two iterations cannot reach a tight tolerance.
    let model = small_params()
        .alpha(0.01)
        .max_iterations(2)
        .gradient_tolerance(1e-9)
        .fit(&quotes)
        .unwrap();
    assert!(
        model.warnings().iter().any(|w| w.contains("partnership")),
        "{:?}",
        model.warnings()
    );
    assert!(!model.targets()[0].diagnostics().converged);
    let err = small_params()
        .alpha(0.01)
        .max_iterations(2)
        .gradient_tolerance(1e-9)
        .require_convergence(true)
        .fit(&quotes)
        .unwrap_err();
    assert!(matches!(err, Error::NotConverged { .. }), "{err}");
}

#[test]
fn single_target_benchmark_rows_train_one_model_per_target() {
    let mut jsonl = String::new();
    for (i, q) in corpus().iter().enumerate() {
        let target = if i % 2 == 0 { "Atheism" } else { "Climate" };
        let label = q.stance["partnership"];
        jsonl.push_str(&format!(
            "{{\"id\": {i}, \"target\": \"{target}\", \"text\": {:?}, \"stance\": \"{}\"}}\n",
            q.text,
            label.as_str().to_uppercase()
        ));
    }
    let quotes: Vec<LabelledQuote> = labelled_quotes_from(jsonl.as_bytes(), "mem")
        .collect::<Result<_, _>>()
        .unwrap();
    let model = small_params().fit(&quotes).unwrap();
    assert_eq!(model.target_names(), vec!["Atheism", "Climate"]);
    assert_eq!(
        model.info().label_counts["Atheism"].iter().sum::<usize>(),
        15
    );
}

#[test]
fn fused_scoring_matches_per_target_scoring() {
    let quotes = corpus();
    let model = small_params().fit(&quotes).unwrap();
    for q in &quotes {
        let s = q.statement();
        let row = model.vectorizer().transform(&s);
        // `predict_features` scores each target on its own; `predict` scores
        // all targets in one fused pass.
        assert_eq!(
            model.predict_features(&row).unwrap(),
            model.predict(&s),
            "{}",
            s.text
        );
    }
}

// Calibration: one temperature per target, fitted on out-of-fold scores,
// stored in the model file and applied by every prediction path.

/// The softmax of `raw` probabilities re-tempered by `1 / t`: what a
/// temperature does to probabilities (p_c ∝ raw_c^(1/T)).
fn tempered(raw: quotestance::advanced::model::Probabilities, t: f64) -> [f64; 3] {
    let p = [raw.favor, raw.against, raw.none].map(|x| x.powf(1.0 / t));
    let z: f64 = p.iter().sum();
    p.map(|x| x / z)
}

fn close(a: [f64; 3], b: quotestance::advanced::model::Probabilities) -> bool {
    let b = [b.favor, b.against, b.none];
    a.iter().zip(&b).all(|(x, y)| (x - y).abs() < 1e-9)
}

#[test]
fn every_prediction_path_gives_the_same_calibrated_probabilities() {
    let quotes = corpus();
    // Two targets (3 + 2 classes: the scorer's general path) and one
    // target (3 classes: its fixed-width path).
    for params in [
        small_params(),
        small_params().targets(vec!["partnership".into()]),
    ] {
        let model = params.fit(&quotes).unwrap();
        let raw = model.uncalibrated();
        for t in model.targets() {
            let temp = t.temperature();
            assert!(temp.is_finite() && temp > 0.0 && temp != 1.0, "{temp}");
            let cal = model.cv_report().unwrap().targets[t.name()]
                .calibration
                .expect("cross-validation fitted a temperature");
            assert_eq!(cal.temperature, temp);
            assert!(cal.nll_after <= cal.nll_before, "{cal:?}");
        }
        let mut input = String::new();
        for q in &quotes {
            input.push_str(&serde_json::json!({"text": q.text, "speaker": q.speaker}).to_string());
            input.push('\n');
        }
        let mut out = Vec::new();
        quotestance::batch::BatchClassifier::new(&model)
            .run(input.as_bytes(), &mut out, &mut ())
            .unwrap();
        let lines: Vec<serde_json::Value> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), quotes.len());
        for (q, line) in quotes.iter().zip(&lines) {
            let s = q.statement();
            let fused = model.predict(&s);
            let row = model.vectorizer().transform(&s);
            assert_eq!(model.predict_features(&row).unwrap(), fused, "{}", s.text);
            let plain = raw.predict(&s);
            for t in model.targets() {
                let p = fused[t.name()];
                assert!(
                    close(
                        tempered(plain[t.name()].probabilities, t.temperature()),
                        p.probabilities
                    ),
                    "{}: {:?} vs {:?}",
                    s.text,
                    plain[t.name()],
                    p
                );
                assert_eq!(
                    p.label,
                    plain[t.name()].label,
                    "a temperature keeps the label"
                );
                let e = model.explain(&s, t.name(), 3).unwrap();
                assert_eq!(e.prediction, p);
                let b = &line["stance"][t.name()];
                assert_eq!(b["label"], p.label.as_str());
                for (k, v) in [
                    ("favor", p.probabilities.favor),
                    ("against", p.probabilities.against),
                    ("none", p.probabilities.none),
                ] {
                    assert!(
                        (b["probabilities"][k].as_f64().unwrap() - v).abs() < 1e-12,
                        "{b}"
                    );
                }
            }
        }
        let eval = model.evaluate(&quotes);
        assert_eq!(
            eval.calibration.all.len(),
            model.targets().len() * quotes.len()
        );
    }
}

#[test]
fn the_temperature_survives_save_and_load_and_is_checked() {
    let quotes = corpus();
    let model = small_params().fit(&quotes).unwrap();
    let json = model.to_json();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["version"], 3);
    let loaded = StanceModel::from_json(&json, "m.json").unwrap();
    assert_eq!(loaded.temperatures(), model.temperatures());
    assert_eq!(loaded, model);
    // The checksum covers the temperature.
    let edited = |t: serde_json::Value, keep_checksum: bool| {
        let mut v = v.clone();
        match t {
            serde_json::Value::Null => {
                v["targets"][0]
                    .as_object_mut()
                    .unwrap()
                    .remove("temperature");
            }
            t => v["targets"][0]["temperature"] = t,
        }
        let text = serde_json::to_string(&v).unwrap();
        if keep_checksum {
            text
        } else {
            resign(&text)
        }
    };
    assert!(matches!(
        StanceModel::from_json(&edited(1.5.into(), true), "m.json"),
        Err(Error::ModelChecksum { .. })
    ));
    let other = StanceModel::from_json(&edited(1.5.into(), false), "m.json").unwrap();
    assert_eq!(other.targets()[0].temperature(), 1.5);
    // Re-signed, a temperature that is not positive, or none, is corrupt.
    for (t, want) in [
        ((-2.0).into(), "temperature -2 is not a positive number"),
        (0.0.into(), "temperature 0 is not a positive number"),
        (serde_json::Value::Null, "no `temperature`"),
    ] {
        match StanceModel::from_json(&edited(t, false), "m.json") {
            Err(e @ Error::CorruptModel { .. }) => assert!(e.to_string().contains(want), "{e}"),
            other => panic!("{want}: {:?}", other.map(|_| ())),
        }
    }
}

#[test]
fn version_2_files_load_with_temperature_one() {
    let quotes = corpus();
    let model = small_params().fit(&quotes).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&model.to_json()).unwrap();
    v["version"] = 2.into();
    for t in v["targets"].as_array_mut().unwrap() {
        t.as_object_mut().unwrap().remove("temperature");
    }
    let old = resign(&serde_json::to_string(&v).unwrap());
    let loaded = StanceModel::from_json(&old, "old.json").expect("a version 2 file loads");
    assert!(loaded.temperatures().iter().all(|&(_, t)| t == 1.0));
    let raw = model.uncalibrated();
    for q in &quotes {
        assert_eq!(loaded.predict(&q.statement()), raw.predict(&q.statement()));
    }
    // A version 2 file with a temperature is not one this build wrote.
    v["targets"][0]["temperature"] = 2.0.into();
    let err =
        StanceModel::from_json(&resign(&serde_json::to_string(&v).unwrap()), "m.json").unwrap_err();
    assert!(err.to_string().contains("carries no temperature"), "{err}");
}

#[test]
fn without_cross_validation_the_temperature_is_one() {
    let model = small_params().folds(0).alpha(0.1).fit(&corpus()).unwrap();
    assert!(model.temperatures().iter().all(|&(_, t)| t == 1.0));
    assert!(model.cv_report().is_none());
}

#[test]
fn data_files_record_their_lines_and_hash() {
    let f = quotestance::advanced::model::DataFile::of_bytes("x.jsonl", b"abc");
    assert_eq!(f.lines, 1);
    assert_eq!(
        f.sha256,
        "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(
        quotestance::advanced::model::DataFile::of_bytes("e", b"").lines,
        0
    );
    assert_eq!(
        quotestance::advanced::model::DataFile::of_bytes("t", b"a\nb\n").lines,
        2
    );
    assert!(matches!(
        quotestance::advanced::model::DataFile::read("/nonexistent/q.jsonl"),
        Err(Error::Io { .. })
    ));
}

#[test]
fn cross_validation_chooses_class_balance_with_alpha() {
    use quotestance::advanced::model::ClassBalance;
    let quotes = corpus();
    let alphas = vec![1.0, 0.1];
    let model = small_params()
        .alphas(alphas.clone())
        .class_balance_mode(ClassBalance::Cv)
        .fit(&quotes)
        .unwrap();
    let cv = model.cv_report().expect("cross-validation ran");
    for tm in model.targets() {
        let t = &cv.targets[tm.name()];
        // Every alpha is tried with and without balance, unbalanced first.
        let tried: Vec<(f64, bool)> = t
            .candidates
            .iter()
            .map(|c| (c.alpha, c.class_balance))
            .collect();
        assert_eq!(
            tried,
            vec![(1.0, false), (0.1, false), (1.0, true), (0.1, true)]
        );
        // The chosen candidate has the best F_avg, the earliest on ties ...
        let best = t
            .candidates
            .iter()
            .fold(
                None::<&quotestance::advanced::model::AlphaScores>,
                |b, c| match b {
                    Some(b) if c.scores.f_avg <= b.scores.f_avg + 1e-12 => Some(b),
                    _ => Some(c),
                },
            )
            .unwrap();
        assert_eq!((t.alpha, t.class_balance), (best.alpha, best.class_balance));
        // ... and the final model is fitted with it.
        assert_eq!(tm.alpha(), t.alpha);
        assert_eq!(tm.diagnostics().class_balance, t.class_balance);
    }
    // Fixed settings try one half of the grid only.
    for (mode, balanced) in [(ClassBalance::Off, false), (ClassBalance::On, true)] {
        let m = small_params()
            .alphas(alphas.clone())
            .class_balance_mode(mode)
            .fit(&quotes)
            .unwrap();
        let c = &m.cv_report().unwrap().targets["us"].candidates;
        assert_eq!(c.len(), 2);
        assert!(c.iter().all(|c| c.class_balance == balanced));
        assert!(m
            .targets()
            .iter()
            .all(|t| t.diagnostics().class_balance == balanced));
    }
}

#[test]
fn calibration_rows_choose_the_fitted_set_and_are_checked() {
    let quotes = corpus();
    let all = small_params().fit(&quotes).unwrap();
    let even: Vec<usize> = (0..quotes.len()).step_by(2).collect();
    let some = small_params()
        .calibrate_on_rows(even.clone())
        .fit(&quotes)
        .unwrap();
    for t in all.targets() {
        let fit = |m: &StanceModel| m.cv_report().unwrap().targets[t.name()].calibration;
        let labelled_even = even
            .iter()
            .filter(|&&i| quotes[i].stance.contains_key(t.name()))
            .count();
        assert_eq!(fit(&some).unwrap().examples, labelled_even);
        assert!(labelled_even < fit(&all).unwrap().examples);
        assert_ne!(
            fit(&some).unwrap().temperature,
            fit(&all).unwrap().temperature
        );
    }
    // The calibration set never changes a label.
    let statements: Vec<Statement> = quotes.iter().map(|q| q.statement()).collect();
    for (a, b) in all
        .predict_batch(&statements)
        .iter()
        .zip(some.predict_batch(&statements).iter())
    {
        for (name, p) in a {
            assert_eq!(p.label, b[name].label);
        }
    }
    // No calibration row: every temperature stays 1.
    let none = small_params()
        .calibrate_on_rows(Vec::new())
        .fit(&quotes)
        .unwrap();
    assert!(none.temperatures().iter().all(|&(_, t)| t == 1.0));
    // A row past the data is a parameter error.
    let err = small_params()
        .calibrate_on_rows([quotes.len()])
        .fit(&quotes)
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidParam {
                name: "calibrate_on_rows",
                ..
            }
        ),
        "{err}"
    );
}
