//! The shipped model `models/stance.json` loads and classifies the
//! guidelines' own seed examples as the guidelines say.

use quotestance::{Label, StanceModel, Statement};

fn model() -> StanceModel {
    StanceModel::load("models/stance.json").expect("models/stance.json loads")
}

#[test]
fn shipped_model_knows_the_three_targets_and_its_cv_figures() {
    let m = model();
    assert_eq!(m.target_names(), vec!["partnership", "ukraine", "us"]);
    let cv = m
        .cv_report()
        .expect("the shipped model stores its CV report");
    assert_eq!(cv.folds, 5);
    let pooled = cv.evaluation().pooled();
    assert!(pooled.total() > 4000, "{}", pooled.total());
    assert!(pooled.f_avg() > 0.75, "pooled CV F_avg {}", pooled.f_avg());
    assert!(m.warnings().is_empty(), "{:?}", m.warnings());
}

#[test]
fn shipped_model_labels_the_guideline_seed_examples() {
    let m = model();
    let cases = [
        (
            "shoigu",
            "counter the 'dual containment' policy directed against Russia and China by the United States and its satellites",
            "us",
            Label::Against,
        ),
        (
            "russia_security_council",
            "Washington's creation of new blocs and dividing lines in the Asia-Pacific region",
            "us",
            Label::Against,
        ),
        (
            "g7",
            "press Russia to stop its military aggression, and immediately, completely, and unconditionally withdraw its troops from Ukraine",
            "ukraine",
            Label::Favor,
        ),
        (
            "russia_mfa",
            "the futility of attempts to resolve the crisis without taking into account Russia's interests",
            "ukraine",
            Label::Against,
        ),
        (
            "russia_mfa",
            "There will be a detailed exchange of views on issues related to a settlement in Ukraine",
            "ukraine",
            Label::None,
        ),
        (
            "patrushev",
            "The policy of developing a strategic partnership with China is an absolute priority of Russia's foreign policy",
            "partnership",
            Label::Favor,
        ),
    ];
    let mut wrong = Vec::new();
    for (speaker, text, target, want) in cases {
        let p = m.predict(&Statement::new(text).with_speaker(speaker));
        let got = p[target];
        if got.label != want {
            wrong.push(format!(
                "{target}: {text:?} -> {} ({:?}), want {want}",
                got.label, got.probabilities
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn streamed_scoring_equals_scoring_the_built_row_bit_for_bit() {
    // `predict` scores entries as the vectoriser yields them, with a
    // fixed-width accumulator for this model's 3 x 3 classes;
    // `predict_features` scores a built row target by target. Both must give
    // the same probabilities, to the last bit, on every corpus statement.
    let m = model();
    let quotes: Vec<quotestance::LabelledQuote> =
        quotestance::advanced::data::labelled_quotes("data/quotes.jsonl")
            .expect("data/quotes.jsonl opens")
            .collect::<Result<_, _>>()
            .expect("data/quotes.jsonl parses");
    assert!(quotes.len() > 1000, "{}", quotes.len());
    let mut predictor = m.predictor();
    for q in &quotes {
        let s = q.statement();
        let row = m.vectorizer().transform(&s);
        assert_eq!(
            m.predict_features(&row).unwrap(),
            predictor.predict(&s),
            "{}",
            s.text
        );
    }
}
