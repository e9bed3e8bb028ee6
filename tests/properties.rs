//! Property tests (proptest, on stable) of the invariants the fuzz targets
//! in `fuzz/` check at length: the extractor's spans, the JSONL readers'
//! accounting, and the model loader's refusal of damaged files. Cheap
//! enough for every `cargo test`.

use proptest::prelude::*;
use quotestance::advanced::data::{labelled_quotes_from, BOM};
use quotestance::Extractor;
use quotestance::SpeakerTable;
use quotestance::StanceModel;

const TINY_MODEL: &str = include_str!("../fuzz/seeds/model_load/tiny.json");

/// Article-like text: words, names, cues, straight and curly quotes,
/// punctuation, new lines and a few multi-byte characters.
fn article() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "\"",
        "\u{201c}",
        "\u{201d}",
        "\u{2018}",
        "\u{2019}",
        "'",
        "\u{ab}",
        "\u{bb}",
        " said",
        " told reporters",
        ": ",
        ", ",
        ". ",
        "\n",
        "\n\n",
        " Lavrov",
        " Wang Yi",
        " the minister",
        " he",
        " she",
        " We",
        " will not",
        " yield",
        " é",
        " 北京",
        " 🙂",
        " according to",
        " added",
        " —",
        "(",
        ")",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn extracted_spans_are_char_boundaries_and_match_the_text(text in article()) {
        let ex = Extractor::new(SpeakerTable::builtin());
        for q in ex.extract(&text) {
            prop_assert!(q.start <= q.end && q.end <= text.len());
            prop_assert!(text.is_char_boundary(q.start) && text.is_char_boundary(q.end));
            prop_assert_eq!(&q.text, &text[q.start..q.end]);
            for span in [q.speaker_span, q.cue_span].into_iter().flatten() {
                prop_assert!(span.end <= text.len());
                prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            }
        }
    }

    #[test]
    fn jsonl_readers_account_for_every_non_blank_line(
        lines in prop::collection::vec(prop_oneof![
            Just(r#"{"text": "a", "stance": {"us": "none"}}"#.as_bytes().to_vec()),
            Just(br#"{"text": null}"#.to_vec()),
            Just(b"   ".to_vec()),
            Just(b"\xff\xfe".to_vec()),
            prop::collection::vec(any::<u8>(), 0..40),
        ], 0..12),
        bom in any::<bool>(),
    ) {
        let mut data = if bom { BOM.to_vec() } else { Vec::new() };
        for l in &lines {
            data.extend_from_slice(l);
            data.push(b'\n');
        }
        let expected = data
            .split(|&b| b == b'\n')
            .enumerate()
            .filter(|(i, l)| {
                let l = if *i == 0 { l.strip_prefix(BOM).unwrap_or(l) } else { l };
                !std::str::from_utf8(l).is_ok_and(|s| s.trim().is_empty())
            })
            .count();
        let mut seen = 0;
        for item in labelled_quotes_from(&data[..], "p") {
            seen += 1;
            if let Err(e) = item {
                prop_assert!(e.location().and_then(|l| l.line).is_some(), "{}", e);
            }
        }
        prop_assert_eq!(seen, expected);
    }

    #[test]
    fn a_damaged_model_file_never_loads(at in 0usize..TINY_MODEL.len(), byte in 0x21u8..0x7f) {
        let mut bytes = TINY_MODEL.as_bytes().to_vec();
        prop_assume!(bytes[at] != byte);
        bytes[at] = byte;
        if let Ok(text) = String::from_utf8(bytes) {
            prop_assert!(StanceModel::from_json(&text, "m.json").is_err());
        }
    }
}

#[test]
fn the_tiny_seed_model_loads() {
    StanceModel::from_json(TINY_MODEL, "tiny.json").expect("the seed loads");
}
