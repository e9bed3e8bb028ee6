//! Construction tests for the rules added while scoring on real news (issue
//! 16), one per rule, in our own words. (`extract_constructions.rs` holds
//! the earlier ones; it is past the file-size limit, so these live here.)

use quotestance::advanced::extract::Sieve;
use quotestance::SpeakerTable;
use quotestance::{Extractor, Quote, QuoteKind};

fn extract_text(text: &str) -> Vec<Quote> {
    let quotes = Extractor::new(SpeakerTable::builtin()).extract(text);
    for q in &quotes {
        assert_eq!(&text[q.start..q.end], q.text, "span and text agree");
    }
    quotes
}

/// The quotation of kind `kind` whose text starts with `prefix`.
fn find<'a>(quotes: &'a [Quote], kind: QuoteKind, prefix: &str) -> &'a Quote {
    quotes
        .iter()
        .find(|q| q.kind == kind && q.text.starts_with(prefix))
        .unwrap_or_else(|| panic!("no {kind:?} quote starting {prefix:?} in {quotes:#?}"))
}

#[test]
fn a_coordinated_cue_shares_the_earlier_cues_subject() {
    let qs = extract_text(
        "Late on Friday, US senator Hallam insisted that the drills were a provocation, \
         and warned that the navy would answer them.",
    );
    let first = find(&qs, QuoteKind::Indirect, "the drills");
    let second = find(&qs, QuoteKind::Indirect, "the navy");
    assert_eq!(first.speaker_text.as_deref(), Some("Hallam"));
    assert_eq!(second.speaker_text.as_deref(), Some("Hallam"));
    assert_eq!(second.speaker, first.speaker);
}

#[test]
fn a_dated_parenthesis_between_subject_and_cue_is_skipped() {
    let qs =
        extract_text("Lavrov on Tuesday (June 4) accused the alliance of stoking tension in Asia.");
    let q = find(&qs, QuoteKind::Indirect, "the alliance");
    assert_eq!(q.speaker.as_deref(), Some("lavrov"));
    assert_eq!(q.cue.as_deref(), Some("accused"));
}

#[test]
fn a_known_name_with_one_typo_is_that_person() {
    let qs =
        extract_text("The bloc has run out of ideas, Russia's top diplomat Sergey Lavorv said.");
    let q = find(&qs, QuoteKind::Indirect, "The bloc");
    assert_eq!(q.speaker.as_deref(), Some("lavrov"));
    // Two edits away is another person, not a typo.
    let qs = extract_text("The bloc has run out of ideas, the envoy Sergey Larkin said.");
    let q = find(&qs, QuoteKind::Indirect, "The bloc");
    assert_eq!(q.speaker.as_deref(), Some("sergey_larkin"));
    assert_eq!(q.sieve, Some(Sieve::CueAfter));
}

#[test]
fn a_fronted_participle_of_saying_takes_the_main_clauses_subject() {
    let qs = extract_text(
        "Branding the tariffs an “act of economic war” on farmers, Wang said Beijing would respond.",
    );
    let q = find(&qs, QuoteKind::Indirect, "the tariffs");
    assert_eq!(q.text, "the tariffs an “act of economic war” on farmers");
    assert_eq!(q.speaker.as_deref(), Some("wang_yi"));
    assert_eq!(q.cue.as_deref(), Some("Branding"));
    let qs = extract_text("Stressing that the border was calm, Lavrov left the hall.");
    let q = find(&qs, QuoteKind::Indirect, "the border");
    assert_eq!(q.speaker.as_deref(), Some("lavrov"));
}

#[test]
fn went_on_to_before_a_cue_keeps_the_subject() {
    let qs = extract_text(
        "Lavrov spoke first. Lavrov went on to call the summit a “theatre of the absurd” for everyone.",
    );
    let q = find(&qs, QuoteKind::Indirect, "the summit");
    assert_eq!(q.speaker.as_deref(), Some("lavrov"));
    assert_eq!(q.cue.as_deref(), Some("call"));
}

#[test]
fn it_after_a_relayed_quote_is_the_relaying_body() {
    let qs = extract_text(
        "Wang said the visit had gone well, a statement from China's foreign ministry said.\n\
         The two sides would keep in close touch, it added.",
    );
    assert_eq!(
        find(&qs, QuoteKind::Indirect, "the visit")
            .speaker
            .as_deref(),
        Some("wang_yi")
    );
    let q = find(&qs, QuoteKind::Indirect, "The two sides");
    assert_eq!(q.speaker.as_deref(), Some("china_mfa"));
    assert_eq!(q.speaker_text.as_deref(), Some("it"));
}

#[test]
fn a_non_restrictive_relative_names_its_antecedent_and_ends_its_content() {
    let qs = extract_text(
        "NATO, which calls the drills a “rehearsal for blockade,” has sent two more ships.",
    );
    let q = find(&qs, QuoteKind::Indirect, "the drills");
    assert_eq!(q.text, "the drills a “rehearsal for blockade,”");
    assert_eq!(q.speaker.as_deref(), Some("nato"));
    // A restrictive "which" (no comma) names nobody.
    let qs = extract_text("The plan which calls the drills a “rehearsal” was shelved.");
    assert!(qs.iter().all(|q| q.kind != QuoteKind::Indirect));
}

#[test]
fn a_weak_cue_with_a_gerund_object_and_a_manner_adverb() {
    let qs = extract_text("Lavrov flatly denied sending any troops to the border.");
    let q = find(&qs, QuoteKind::Indirect, "sending any troops");
    assert_eq!(q.speaker.as_deref(), Some("lavrov"));
    assert_eq!(q.cue.as_deref(), Some("denied"));
    // A noun phrase object is still no content of a weak cue.
    let qs = extract_text("Lavrov confirmed the meeting with Wang.");
    assert!(qs.iter().all(|q| q.kind != QuoteKind::Indirect));
}

#[test]
fn a_persons_government_is_the_body_of_their_side() {
    let qs = extract_text("President Xi Jinping's government said the visit would go ahead.");
    let q = find(&qs, QuoteKind::Indirect, "the visit");
    assert_eq!(q.speaker.as_deref(), Some("china_mfa"));
    let qs = extract_text("Xi Jinping said the visit would go ahead.");
    let q = find(&qs, QuoteKind::Indirect, "the visit");
    assert_eq!(q.speaker.as_deref(), Some("xi_jinping"));
}
