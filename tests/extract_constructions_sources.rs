//! Construction tests: sources and relays: outlets that report or cite a
//! speaker, "according to", "quoted as saying", statements and their issuers.
//!
//! On fixture articles written for these tests (`tests/fixtures/`, wire-copy style;
//! `r2_*.txt` written blind in five house styles) or constructed sentences, in our own words.

#[path = "common/constructions.rs"]
mod helpers;
use helpers::*;

#[test]
fn outlet_reported_is_the_channel() {
    let (_, qs) = extract("relay.txt");
    let q = find(&qs, QuoteKind::Indirect, "Moscow would never accept");
    assert_eq!(speaker(q), Some("patrushev"));
    assert_eq!(q.via.as_deref(), Some("tass"));
}

#[test]
fn statement_quoted_x_as_saying() {
    let (_, qs) = extract("relay.txt");
    let q = find(&qs, QuoteKind::Direct, "Russia stands firmly");
    assert_eq!(speaker(q), Some("patrushev"));
    assert_eq!(q.cue.as_deref(), Some("quoted ... as saying"));
    assert!(q.via.is_some());
}

#[test]
fn outlet_as_the_only_source_is_the_speaker() {
    let (_, qs) = extract("relay.txt");
    let q = find(&qs, QuoteKind::Indirect, "the two sides had agreed");
    assert_eq!(speaker(q), Some("xinhua"));
}

#[test]
fn was_quoted_by_an_outlet_as_saying() {
    let (_, qs) = extract("relay.txt");
    let q = find(&qs, QuoteKind::Partial, "strengthen regional stability");
    assert_eq!(speaker(q), Some("shoigu"));
    assert_eq!(q.via.as_deref(), Some("ria"));
}

#[test]
fn according_to_an_outlet_before_the_speaker() {
    let (_, qs) = extract("relay.txt");
    let q = find(&qs, QuoteKind::Partial, "serves the fundamental");
    assert_eq!(speaker(q), Some("wang_yi"));
    assert_eq!(q.via.as_deref(), Some("xinhua"));
}

#[test]
fn according_to_a_body_after_the_content() {
    let (_, qs) = extract("relay.txt");
    let q = find(&qs, QuoteKind::Partial, "frank and constructive");
    assert_eq!(speaker(q), Some("china_mfa"));
    assert_eq!(q.cue.as_deref(), Some("according to"));
}

#[test]
fn statement_posted_on_a_website_has_one_speaker() {
    let (_, qs) = extract("wire_statements.txt");
    let found: Vec<_> = qs
        .iter()
        .filter(|q| q.text.starts_with("the latest round of Western sanctions"))
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(speaker(found[0]), Some("russia_mfa"));
    assert_eq!(found[0].cue.as_deref(), Some("said"));
}

#[test]
fn according_to_a_readout_released_by_a_body() {
    let (_, qs) = extract("wire_statements.txt");
    let q = find(&qs, QuoteKind::Indirect, "The two ministers discussed");
    assert_eq!(
        q.text,
        "The two ministers discussed energy projects and payment systems"
    );
    assert_eq!(speaker(q), Some("china_mfa"));
    assert_eq!(q.cue.as_deref(), Some("according to"));
    assert_eq!(q.sieve, Some(Sieve::AccordingTo));
}

#[test]
fn outlet_cited_x_as_saying() {
    let (_, qs) = extract("wire_reported.txt");
    let q = find(&qs, QuoteKind::Indirect, "the two countries should");
    assert_eq!(speaker(q), Some("wang_yi"));
    assert_eq!(q.via.as_deref(), Some("xinhua"));
    assert_eq!(q.cue.as_deref(), Some("cited ... as saying"));
    let q = find(&qs, QuoteKind::Partial, "firmly support each other");
    assert_eq!(speaker(q), Some("wang_yi"));
    assert_eq!(q.via.as_deref(), Some("xinhua"));
}

#[test]
fn state_broadcaster_reported_is_the_channel() {
    let (_, qs) = extract("wire_mixed.txt");
    let q = find(&qs, QuoteKind::Indirect, "Beijing was ready to work");
    assert_eq!(
        q.text,
        "Beijing was ready to work with Moscow to uphold a fair world order"
    );
    assert_eq!(speaker(q), Some("xi_jinping"));
    assert_eq!(q.via.as_deref(), Some("cctv"));
}

#[test]
fn was_quoted_as_saying_by_an_outlet_after_the_cue() {
    let (_, qs) = extract("wire_mixed.txt");
    let q = find(&qs, QuoteKind::Direct, "The Chinese side is willing");
    assert_eq!(speaker(q), Some("xi_jinping"));
    assert_eq!(q.via.as_deref(), Some("cctv"));
    assert_eq!(q.sieve, Some(Sieve::QuotedAs));
}

#[test]
fn the_statement_refers_back_to_its_issuer() {
    let (_, qs) = extract("wire_mixed.txt");
    let q = find(&qs, QuoteKind::Partial, "substantive and candid");
    assert_eq!(speaker(q), Some("kremlin"));
    assert_eq!(q.speaker_text.as_deref(), Some("the statement"));
}

#[test]
fn outlet_that_broadcast_the_remarks_is_the_channel() {
    let (_, qs) = extract("r2_ap.txt");
    let q = find(&qs, QuoteKind::Direct, "Our countries face");
    assert_eq!(speaker(q), Some("shoigu"));
    assert_eq!(q.via.as_deref(), Some("ria"));
}

#[test]
fn the_communique_read_and_a_participle_after_it() {
    let (_, qs) = extract("r2_g7.txt");
    let q = find(&qs, QuoteKind::Direct, "Russia's continued aggression");
    assert_eq!(speaker(q), Some("g7"));
    assert_eq!(q.cue.as_deref(), Some("read"));
    let q = find(&qs, QuoteKind::Indirect, "the ministers remained");
    assert_eq!(
        q.text,
        "the ministers remained \"steadfast\" in their support for Ukraine"
    );
    assert_eq!(speaker(q), Some("g7"));
    assert_eq!(q.cue.as_deref(), Some("adding"));
    let q = find(&qs, QuoteKind::Partial, "steadfast");
    assert_eq!(speaker(q), Some("g7"));
}

#[test]
fn parenthetical_attribution_after_a_fronted_adverbial() {
    // "But behind the warm words, diplomats and analysts say, Beijing ...".
    let (_, qs) = extract("r2_analysis.txt");
    let q = find(&qs, QuoteKind::Indirect, "Beijing remains wary");
    assert_eq!(
        q.text,
        "Beijing remains wary of being dragged into Moscow's confrontation with the West"
    );
    assert_eq!(speaker(q), Some("other"));
    assert_eq!(q.cue.as_deref(), Some("say"));
    assert!(!qs.iter().any(|q| q.text.starts_with("But behind")));
}

#[test]
fn relay_in_apposition_or_parenthesis_is_the_channel() {
    let qs = extract_text("Lavrov, quoted by Tass, said the talks were useful.");
    let q = find(&qs, QuoteKind::Indirect, "the talks were useful");
    assert_eq!(speaker(q), Some("lavrov"));
    assert_eq!(q.via.as_deref(), Some("tass"));
    // The outlet is never the speaker.
    let qs =
        extract_text("Patrushev said, according to Tass, that the sides had agreed to meet again.");
    let q = find(&qs, QuoteKind::Indirect, "the sides had agreed");
    assert_eq!(q.text, "the sides had agreed to meet again");
    assert_eq!(speaker(q), Some("patrushev"));
    assert_eq!(q.via.as_deref(), Some("tass"));
    assert!(qs.iter().all(|q| q.speaker.as_deref() != Some("tass")));
}

#[test]
fn a_body_reporting_a_named_person_is_only_the_channel() {
    let qs = extract_text(
        "The Chinese foreign ministry said Wang told reporters that the two sides would meet again soon.",
    );
    let q = find(&qs, QuoteKind::Indirect, "the two sides would meet");
    assert_eq!(speaker(q), Some("wang_yi"));
    assert_eq!(q.via.as_deref(), Some("china_mfa"));
}

#[test]
fn according_to_an_object_pronoun_and_a_fronted_as_clause() {
    let qs = extract_text(
        "Shoigu arrived in the capital on Monday. According to him, the bloc keeps widening its drills. As he noted, the region needs calm.",
    );
    let a = find(&qs, QuoteKind::Indirect, "the bloc keeps");
    assert_eq!(
        (speaker(a), a.speaker_text.as_deref()),
        (Some("shoigu"), Some("him"))
    );
    let b = find(&qs, QuoteKind::Indirect, "the region needs calm");
    assert_eq!(speaker(b), Some("shoigu"));
}

#[test]
fn the_issuer_of_a_statement_speaks_and_the_statement_refers_back_to_it() {
    let qs = extract_text(
        "Russia's Security Council issued a statement saying the exercise was routine. The statement said the drills would end soon.",
    );
    let a = find(&qs, QuoteKind::Indirect, "the exercise was routine");
    assert_eq!(speaker(a), Some("russia_security_council"));
    let b = find(&qs, QuoteKind::Indirect, "the drills would end");
    assert_eq!(speaker(b), Some("russia_security_council"));
}

#[test]
fn a_subject_interrupted_by_according_to_leaves_the_rest_to_the_source() {
    let qs =
        extract_text("Wang arrived on Monday. This, according to Wang, shows the ties are steady.");
    let q = find(&qs, QuoteKind::Indirect, "shows the ties");
    assert_eq!(q.text, "shows the ties are steady");
    assert_eq!(speaker(q), Some("wang_yi"));
}
