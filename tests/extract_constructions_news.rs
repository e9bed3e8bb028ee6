//! Construction tests for the rules added while scoring on real news (issue
//! 16), one per rule, in our own words. (The earlier ones are in the other
//! `extract_constructions_*.rs` files, by construction family.)

#[path = "common/constructions.rs"]
mod helpers;
use helpers::*;

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

#[test]
fn a_bare_ministry_opening_an_article_takes_the_side_of_a_later_title_of_its_office() {
    let qs = extract_text(
        "The Defence Ministry said that the exercises near the border had ended.\n\n\
         MOSCOW, June 3. The drills were planned months ago, Russian Deputy Defence \
         Minister Pavel Sorin told reporters.",
    );
    let q = find(&qs, QuoteKind::Indirect, "the exercises near the border");
    assert_eq!(q.speaker.as_deref(), Some("russia_mod"));
    // With no later title of the office, the ministry stays unresolved.
    let qs =
        extract_text("The Defence Ministry said that the exercises near the border had ended.");
    let q = find(&qs, QuoteKind::Indirect, "the exercises near the border");
    assert_eq!(q.speaker.as_deref(), Some("other"));
}

#[test]
fn cast_or_referred_to_x_as_y_without_marks_reports_the_characterisation() {
    let qs = extract_text("NATO referred to the island drills as a rehearsal for a blockade.");
    let q = find(&qs, QuoteKind::Indirect, "the island drills as");
    assert_eq!(q.text, "the island drills as a rehearsal for a blockade");
    assert_eq!(q.speaker.as_deref(), Some("nato"));
    let qs = extract_text("NATO cast the new patrols as a danger to shipping.");
    let q = find(&qs, QuoteKind::Indirect, "the new patrols as");
    assert_eq!(q.speaker.as_deref(), Some("nato"));
    // Without "as" the verb labels nothing.
    let qs = extract_text("NATO referred to the island drills in a short note.");
    assert!(qs.iter().all(|q| q.kind != QuoteKind::Indirect), "{qs:#?}");
}
