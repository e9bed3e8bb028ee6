//! Construction tests: quotation marks and utterances: interrupted, multi-paragraph,
//! unbalanced and cut-off quotes, colon introductions, headlines, scare quotes and
//! partial fragments, attribution across sentences.
//!
//! On fixture articles written for these tests (`tests/fixtures/`, wire-copy style;
//! `r2_*.txt` written blind in five house styles) or constructed sentences, in our own words.

#[path = "common/constructions.rs"]
mod helpers;
use helpers::*;

#[test]
fn interrupted_quote_is_one_utterance() {
    let (_, qs) = extract("meeting.txt");
    let a = find(&qs, QuoteKind::Direct, "Our cooperation");
    let b = find(&qs, QuoteKind::Direct, "and it will not bend");
    assert_eq!(
        a.text,
        "Our cooperation is not directed against any third country,"
    );
    assert_eq!(b.text, "and it will not bend to outside pressure.");
    assert_eq!((speaker(a), speaker(b)), (Some("wang_yi"), Some("wang_yi")));
    assert_eq!(a.utterance, b.utterance);
}

#[test]
fn inverted_cue_and_a_quote_of_two_sentences() {
    let (_, qs) = extract("meeting.txt");
    let q = find(&qs, QuoteKind::Direct, "The agenda for the coming year");
    assert!(q.text.ends_with("before the summer,"));
    assert_eq!(speaker(q), Some("lavrov"));
    assert_eq!(q.speaker_text.as_deref(), Some("Lavrov"));
}

#[test]
fn possessive_statement_and_apostrophes_inside_a_quote() {
    let (_, qs) = extract("meeting.txt");
    let q = find(&qs, QuoteKind::Partial, "the situation around");
    assert_eq!(q.text, "the situation around Ukraine’s grain exports");
    assert_eq!(speaker(q), Some("lavrov"));
}

#[test]
fn colon_introduction_in_the_same_sentence() {
    let (_, qs) = extract("meeting.txt");
    let q = find(&qs, QuoteKind::Direct, "Dialogue is the only way");
    assert_eq!(speaker(q), Some("wang_yi"));
}

#[test]
fn scare_quotes_have_no_speaker() {
    let (_, qs) = extract("marks.txt");
    for term in ["new era", "roadmap"] {
        let q = find(&qs, QuoteKind::Scare, term);
        assert_eq!(q.text, term);
        assert_eq!(speaker(q), None);
    }
}

#[test]
fn unbalanced_marks_do_not_swallow_the_next_quote() {
    let (_, qs) = extract("marks.txt");
    let q = find(&qs, QuoteKind::Direct, "We will respond");
    assert_eq!(q.text, "We will respond,");
    assert_eq!(speaker(q), Some("lavrov"));
    assert!(
        !qs.iter().any(|q| q.text.contains("baseless")),
        "a stray closing mark opens nothing"
    );
}

#[test]
fn multi_paragraph_quote_is_one_utterance() {
    let (_, qs) = extract("marks.txt");
    let a = find(&qs, QuoteKind::Direct, "Our friendship");
    let b = find(&qs, QuoteKind::Direct, "No outside force");
    assert_eq!(a.text, "Our friendship has stood the test of time.");
    assert_eq!(a.utterance, b.utterance);
    assert_eq!((speaker(a), speaker(b)), (Some("wang_yi"), Some("wang_yi")));
}

#[test]
fn multi_paragraph_quote_attributed_at_its_end() {
    let (_, qs) = extract("sequence.txt");
    let a = find(&qs, QuoteKind::Direct, "The first paragraph");
    let b = find(&qs, QuoteKind::Direct, "The second paragraph");
    assert_eq!(a.utterance, b.utterance);
    assert_eq!(b.speaker_text.as_deref(), Some("the ministry spokesperson"));
    assert_eq!(a.speaker, b.speaker);
    assert_eq!(a.sieve, Some(Sieve::SameUtterance));
}

#[test]
fn apostrophes_and_straight_marks_in_a_colon_introduced_quote() {
    let (_, qs) = extract("marks.txt");
    let q = find(&qs, QuoteKind::Direct, "We don't expect");
    assert!(q.text.ends_with("now clearer."), "{}", q.text);
    assert_eq!(speaker(q), Some("kremlin"));
}

#[test]
fn attribution_in_the_next_sentence() {
    let (_, qs) = extract("sequence.txt");
    let q = find(&qs, QuoteKind::Direct, "We are ready to help");
    assert_eq!(speaker(q), Some("wang_yi"));
    assert_eq!(q.sieve, Some(Sieve::NextSentence));
}

#[test]
fn colon_introduction_in_the_previous_paragraph() {
    let (_, qs) = extract("sequence.txt");
    let q = find(&qs, QuoteKind::Direct, "Nobody will dictate");
    assert_eq!(speaker(q), Some("lavrov"));
    assert_eq!(q.sieve, Some(Sieve::ColonIntro));
}

#[test]
fn partial_quote_in_a_clause_whose_subject_is_the_speaker() {
    let (_, qs) = extract("sequence.txt");
    let q = find(&qs, QuoteKind::Partial, "use its influence");
    assert_eq!(speaker(q), Some("g7"));
    assert_eq!(q.cue.as_deref(), Some("called on"));
}

#[test]
fn run_of_quotes_takes_the_previous_speaker() {
    let (_, qs) = extract("sequence.txt");
    let q = find(&qs, QuoteKind::Direct, "Our position has not changed");
    assert_eq!(speaker(q), Some("russia_mfa"));
    assert_eq!(q.sieve, Some(Sieve::PreviousQuote));
}

#[test]
fn quotes_come_in_document_order_on_char_boundaries() {
    for name in [
        "meeting.txt",
        "relay.txt",
        "unknown.txt",
        "roles.txt",
        "marks.txt",
        "sequence.txt",
        "wire_titles.txt",
        "wire_statements.txt",
        "wire_reported.txt",
        "wire_dialogue.txt",
        "wire_groups.txt",
        "wire_mixed.txt",
    ] {
        let (text, qs) = extract(name);
        assert!(qs.windows(2).all(|w| w[0].start <= w[1].start), "{name}");
        for q in &qs {
            assert!(text.is_char_boundary(q.start) && text.is_char_boundary(q.end));
        }
    }
}

#[test]
fn colon_introduction_after_a_fronted_adverbial() {
    // "In a statement, the Chinese embassy in Washington said:" then the quote.
    let (_, qs) = extract("wire_statements.txt");
    assert!(
        !qs.iter().any(|q| q.text == "In a statement"),
        "a fronted adverbial is no content"
    );
    let q = find(&qs, QuoteKind::Direct, "China firmly opposes");
    assert_eq!(q.sieve, Some(Sieve::ColonIntro));
    assert_eq!(q.cue.as_deref(), Some("said"));
    assert_eq!(speaker(q), Some("other"), "an embassy, not Washington");
}

#[test]
fn question_quote_then_asked() {
    let (_, qs) = extract("wire_dialogue.txt");
    let q = find(&qs, QuoteKind::Direct, "Who gave them the right");
    assert_eq!(
        q.text,
        "Who gave them the right to decide whom we trade with?"
    );
    assert_eq!(speaker(q), Some("lavrov"));
    assert_eq!(q.cue.as_deref(), Some("asked"));
    assert_eq!(q.sieve, Some(Sieve::CueAfter));
    let q = find(&qs, QuoteKind::Direct, "Is anyone in Washington");
    assert_eq!(
        (speaker(q), q.cue.as_deref()),
        (Some("lavrov"), Some("asked"))
    );
}

#[test]
fn multi_paragraph_quote_after_a_colon_introduction() {
    let (_, qs) = extract("wire_dialogue.txt");
    let a = find(&qs, QuoteKind::Direct, "We are ready for negotiations");
    let b = find(&qs, QuoteKind::Direct, "But any settlement");
    assert_eq!(a.utterance, b.utterance);
    assert_eq!((speaker(a), speaker(b)), (Some("lavrov"), Some("lavrov")));
    assert_eq!(a.sieve, Some(Sieve::ColonIntro));
}

#[test]
fn headline_name_colon_quote() {
    let (_, qs) = extract("wire_dialogue.txt");
    let q = find(&qs, QuoteKind::Direct, "We will not be lectured");
    assert_eq!(q.text, "We will not be lectured by anyone");
    assert_eq!(speaker(q), Some("lavrov"));
    assert_eq!(q.sieve, Some(Sieve::ColonIntro));
    let q = find(&qs, QuoteKind::Partial, "cannot dictate");
    assert_eq!(speaker(q), Some("lavrov"), "headline 'X says ...'");
}

#[test]
fn headline_single_quotes_in_a_double_quoted_article() {
    let (_, qs) = extract("r2_presser.txt");
    let q = qs
        .iter()
        .find(|q| q.text == "double standards")
        .unwrap_or_else(|| panic!("{qs:#?}"));
    assert!(
        matches!(q.speaker.as_deref(), None | Some("lavrov")),
        "{q:?}"
    );
}

#[test]
fn colon_after_an_adverbial_introduces_a_direct_quote() {
    let qs = extract_text("Lavrov said on Tuesday: \"We are not going to give up.\"");
    let q = find(&qs, QuoteKind::Direct, "We are not going");
    assert_eq!(q.text, "We are not going to give up.");
    assert_eq!(speaker(q), Some("lavrov"));
    assert_eq!(q.cue.as_deref(), Some("said"));
    let qs = extract_text(
        "Zakharova told a briefing in Moscow: \"The West is trying to isolate us. It will fail.\"",
    );
    let q = find(&qs, QuoteKind::Direct, "The West is trying");
    assert_eq!(speaker(q), Some("russia_mfa"));
    assert_eq!(q.cue.as_deref(), Some("told"));
}

#[test]
fn fragment_after_a_speaking_subject_without_a_known_cue_is_partial() {
    let qs = extract_text(
        "Lavrov repeated the familiar line that Moscow wants “an honest dialogue with its neighbours” on the matter.",
    );
    let q = find(&qs, QuoteKind::Partial, "an honest dialogue");
    assert_eq!(speaker(q), Some("lavrov"));
    assert_eq!(q.sieve, Some(Sieve::GoverningSubject));
}

#[test]
fn fragment_after_a_possessor_or_so_called_stays_scare() {
    let qs = extract_text(
        "Wang met the envoy and spoke of his “old companion” in the capital. Lavrov mocked the so-called “garden of order” again.",
    );
    assert_eq!(speaker(find(&qs, QuoteKind::Scare, "old companion")), None);
    assert_eq!(
        speaker(find(&qs, QuoteKind::Scare, "garden of order")),
        None
    );
}

#[test]
fn a_quote_cut_off_at_the_end_is_kept_when_a_speaker_governs_it() {
    let qs = extract_text("Lavrov said the talks would “continue in good fa");
    let q = find(&qs, QuoteKind::Partial, "continue in good fa");
    assert_eq!(speaker(q), Some("lavrov"));
    let qs = extract_text("The weather was “unusually mild");
    assert!(qs.is_empty(), "{qs:#?}");
}

#[test]
fn cue_after_a_quote_with_an_addressee_and_a_relay() {
    let qs =
        extract_text("“Both sides gain from calm,” Xi said to Biden, according to the ministry.");
    let q = find(&qs, QuoteKind::Direct, "Both sides gain");
    assert_eq!(speaker(q), Some("xi_jinping"));
    assert_eq!(q.via.as_deref(), Some("the ministry"));
}

#[test]
fn fragment_in_a_fronted_participle_belongs_to_the_main_subject() {
    let qs = extract_text("Calling the plan a “dead end”, Lavrov said Moscow would wait.");
    let q = find(&qs, QuoteKind::Partial, "dead end");
    assert_eq!(speaker(q), Some("lavrov"));
}

#[test]
fn a_headline_quote_followed_by_a_dash_and_its_speaker() {
    let qs = extract_text("“The door to talks stays open” – Lavrov\n\nMore text follows here.");
    let q = find(&qs, QuoteKind::Direct, "The door to talks");
    assert_eq!(speaker(q), Some("lavrov"));
    assert_eq!(q.sieve, Some(Sieve::DashTail));
}

#[test]
fn fragment_after_a_postposed_attribution_continues_the_speakers_content() {
    let qs = extract_text(
        "Trade will top the agenda, the ministry said, given the recent drive to “open new routes east”.",
    );
    let q = find(&qs, QuoteKind::Partial, "open new routes");
    assert_eq!(q.sieve, Some(Sieve::AfterPostposed));
    assert!(q.speaker.is_some());
}

#[test]
fn a_passive_attribution_in_the_next_sentence_reports_the_previous_one() {
    let qs =
        extract_text("The drills pose no threat to anyone. This was stated by Lavrov on Monday.");
    let q = find(&qs, QuoteKind::Indirect, "The drills pose");
    assert_eq!(q.text, "The drills pose no threat to anyone");
    assert_eq!(speaker(q), Some("lavrov"));
    assert_eq!(q.sieve, Some(Sieve::PassiveBy));
}

#[test]
fn a_headline_naming_its_source_reports_its_claim() {
    let qs = extract_text("Lavrov: the new bloc will not last long\n\nBody text follows.");
    let q = find(&qs, QuoteKind::Indirect, "the new bloc");
    assert_eq!(speaker(q), Some("lavrov"));
    assert_eq!(q.sieve, Some(Sieve::Headline));
    let qs = extract_text("The new bloc will not last long — Lavrov\n\nBody text follows.");
    assert_eq!(
        speaker(find(&qs, QuoteKind::Indirect, "The new bloc")),
        Some("lavrov")
    );
}
