//! One small test per construction the extractor must handle, on fixture
//! articles written for these tests (`tests/fixtures/`, wire-copy style).

use quotestance::advanced::extract::Sieve;
use quotestance::SpeakerTable;
use quotestance::{Extractor, Quote, QuoteKind};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn extract(name: &str) -> (String, Vec<Quote>) {
    let text = fixture(name);
    let quotes = Extractor::new(SpeakerTable::builtin()).extract(&text);
    for q in &quotes {
        assert_eq!(&text[q.start..q.end], q.text, "span and text agree");
    }
    (text, quotes)
}

/// The quotation whose text starts with `prefix` (and has kind `kind`).
fn find<'a>(quotes: &'a [Quote], kind: QuoteKind, prefix: &str) -> &'a Quote {
    quotes
        .iter()
        .find(|q| q.kind == kind && q.text.starts_with(prefix))
        .unwrap_or_else(|| panic!("no {kind:?} quote starting {prefix:?} in {quotes:#?}"))
}

fn speaker(q: &Quote) -> Option<&str> {
    q.speaker.as_deref()
}

#[test]
fn cue_after_the_content_with_a_trailing_adverbial() {
    let (_, qs) = extract("meeting.txt");
    let q = find(&qs, QuoteKind::Indirect, "Russia and China will deepen");
    assert_eq!(
        q.text,
        "Russia and China will deepen coordination on security issues"
    );
    assert_eq!(speaker(q), Some("russia_mfa"));
    assert_eq!(q.cue.as_deref(), Some("said"));
}

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
fn told_with_an_addressee_and_a_that_clause() {
    let (_, qs) = extract("meeting.txt");
    let q = find(&qs, QuoteKind::Indirect, "Beijing would send");
    assert_eq!(speaker(q), Some("wang_yi"));
    assert_eq!(q.cue.as_deref(), Some("told"));
    assert!(q.text.ends_with("consultations in Moscow"), "{}", q.text);
}

#[test]
fn pronoun_after_an_intervening_name() {
    // "Wang told Lavrov ..." then "“...,” he added": he is Wang, not Lavrov.
    let (_, qs) = extract("meeting.txt");
    let q = find(&qs, QuoteKind::Direct, "We hope both sides");
    assert_eq!(speaker(q), Some("wang_yi"));
    assert_eq!(q.speaker_text.as_deref(), Some("he"));
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
fn unknown_named_speakers_get_a_slug_never_a_wrong_id() {
    let (_, qs) = extract("unknown.txt");
    let q = find(&qs, QuoteKind::Indirect, "military ties");
    assert_eq!(speaker(q), Some("li_shangfu"));
    let q = find(&qs, QuoteKind::Direct, "We will not allow");
    assert_eq!(speaker(q), Some("anna_kowalska"));
    let q = find(&qs, QuoteKind::Indirect, "the visit had been planned");
    assert_eq!(
        speaker(q),
        Some("other"),
        "an aide to the president is not the president"
    );
    let q = find(&qs, QuoteKind::Indirect, "the meeting signalled");
    assert_eq!(speaker(q), Some("other"));
}

#[test]
fn role_nouns_follow_the_period_of_office() {
    let text = fixture("roles.txt");
    let before = Extractor::new(SpeakerTable::builtin())
        .date("2023-09-19")
        .unwrap();
    let after = Extractor::new(SpeakerTable::builtin())
        .date("2024-11-13")
        .unwrap();
    let first = |ex: &Extractor| {
        let qs = ex.extract(&text);
        speaker(find(&qs, QuoteKind::Indirect, "the country would expand")).map(str::to_string)
    };
    assert_eq!(first(&before).as_deref(), Some("patrushev"));
    assert_eq!(first(&after).as_deref(), Some("shoigu"));
    assert!(Extractor::new(SpeakerTable::builtin())
        .date("13/11/2024")
        .is_err());
}

#[test]
fn role_noun_top_diplomat() {
    let (_, qs) = extract("roles.txt");
    let q = find(&qs, QuoteKind::Indirect, "relations with Moscow");
    assert_eq!(speaker(q), Some("wang_yi"));
}

#[test]
fn the_council_resolves_to_the_council_mentioned_before() {
    let (_, qs) = extract("roles.txt");
    let q = find(&qs, QuoteKind::Indirect, "further consultations");
    assert_eq!(speaker(q), Some("russia_security_council"));
    assert_eq!(q.speaker_text.as_deref(), Some("The council"));
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
fn warned_and_urged_with_a_pronoun() {
    let (_, qs) = extract("sequence.txt");
    let q = find(&qs, QuoteKind::Indirect, "Washington would respond");
    assert_eq!(speaker(q), Some("us_gov"));
    let q = find(&qs, QuoteKind::Indirect, "to stop supplying");
    assert_eq!(speaker(q), Some("us_gov"));
    assert_eq!(q.speaker_text.as_deref(), Some("He"));
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
fn told_a_news_briefing_is_an_audience_not_content() {
    // `"...," Mao told a regular news briefing.`: the briefing is addressed.
    let (_, qs) = extract("wire_titles.txt");
    let q = find(&qs, QuoteKind::Direct, "China and Russia are partners");
    assert_eq!(speaker(q), Some("china_mfa"));
    assert_eq!(q.speaker_text.as_deref(), Some("Mao"));
    assert_eq!(q.cue.as_deref(), Some("told"));
    assert_eq!(q.sieve, Some(Sieve::CueAfter));
    assert!(
        !qs.iter().any(|q| q.text.contains("news briefing")),
        "the audience is no reported content"
    );
}

#[test]
fn full_titles_before_known_and_unknown_names() {
    let (_, qs) = extract("wire_titles.txt");
    let q = find(&qs, QuoteKind::Indirect, "Beijing would keep deepening");
    assert_eq!(speaker(q), Some("china_mfa"));
    let q = find(&qs, QuoteKind::Indirect, "the two neighbours saw");
    assert_eq!(speaker(q), Some("lavrov"));
    assert_eq!(
        q.speaker_text.as_deref(),
        Some("Russian Foreign Minister Sergei Lavrov")
    );
    let q = find(&qs, QuoteKind::Indirect, "Washington was following");
    assert_eq!(speaker(q), Some("us_gov"));
    let q = find(&qs, QuoteKind::Indirect, "preparations for the summit");
    assert_eq!(speaker(q), Some("andrei_rudenko"));
}

#[test]
fn surname_alone_refers_back_to_an_unknown_full_name() {
    let (_, qs) = extract("wire_titles.txt");
    let q = find(&qs, QuoteKind::Indirect, "his government was alarmed");
    assert_eq!(speaker(q), Some("hiroshi_tanabe"));
    let q = find(&qs, QuoteKind::Direct, "Our concerns are serious");
    assert_eq!(speaker(q), Some("hiroshi_tanabe"));
    assert_eq!(q.speaker_text.as_deref(), Some("Tanabe"));
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
fn embassy_in_a_capital_is_not_the_capital() {
    let (_, qs) = extract("wire_groups.txt");
    let q = find(&qs, QuoteKind::Indirect, "the accusations were groundless");
    assert_eq!(speaker(q), Some("other"));
    assert_eq!(
        q.speaker_text.as_deref(),
        Some("The Chinese embassy in Washington")
    );
    let q = find(&qs, QuoteKind::Direct, "China has never supplied");
    assert_eq!(speaker(q), Some("other"), "the embassy's spokesperson");
}

#[test]
fn press_secretary_with_an_unknown_name_speaks_for_the_body() {
    let (_, qs) = extract("wire_statements.txt");
    let q = find(&qs, QuoteKind::Direct, "We see no imminent threat");
    assert_eq!(speaker(q), Some("us_gov"));
    assert_eq!(
        q.speaker_text.as_deref(),
        Some("Pentagon press secretary Pat Ryder")
    );
    assert_eq!(q.cue.as_deref(), Some("told"));
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
fn reported_speech_with_warned_urged_insisted_and_quoted_as_saying() {
    let (_, qs) = extract("wire_reported.txt");
    let q = find(&qs, QuoteKind::Indirect, "any deployment of");
    assert_eq!(
        (speaker(q), q.cue.as_deref()),
        (Some("lavrov"), Some("warned"))
    );
    let q = find(&qs, QuoteKind::Indirect, "to stop supplying Moscow");
    assert_eq!(
        (speaker(q), q.cue.as_deref()),
        (Some("us_gov"), Some("urged"))
    );
    let q = find(&qs, QuoteKind::Indirect, "China had never provided");
    assert_eq!(
        (speaker(q), q.cue.as_deref()),
        (Some("wang_yi"), Some("insisted"))
    );
    let q = find(&qs, QuoteKind::Indirect, "military cooperation with China");
    assert_eq!(
        (speaker(q), q.via.as_deref()),
        (Some("shoigu"), Some("tass"))
    );
    let q = find(&qs, QuoteKind::Indirect, "the two countries faced");
    assert_eq!(speaker(q), Some("patrushev"), "X, who ..., said");
    let q = find(&qs, QuoteKind::Indirect, "bilateral trade had hit");
    assert_eq!(
        (speaker(q), q.cue.as_deref()),
        (Some("lavrov"), Some("adding"))
    );
}

#[test]
fn a_senior_official_keeps_its_article() {
    let (_, qs) = extract("wire_reported.txt");
    let q = find(&qs, QuoteKind::Indirect, "Washington had raised");
    assert_eq!(speaker(q), Some("us_gov"));
    assert_eq!(q.speaker_text.as_deref(), Some("A senior U.S. official"));
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
fn pronoun_skips_a_different_gender_name_to_the_last_speaker() {
    // Lavrov is quoted, Zakharova speaks, then `"...," he added.`: Lavrov,
    // not Wang (named at the start of an earlier sentence).
    let (_, qs) = extract("wire_dialogue.txt");
    let q = find(&qs, QuoteKind::Direct, "The sanctions — and everyone");
    assert_eq!(
        q.text,
        "The sanctions — and everyone must understand this — will not change our course,"
    );
    assert_eq!(speaker(q), Some("lavrov"));
    assert_eq!(q.cue.as_deref(), Some("added"));
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
fn fronted_participle_and_when_asked_clauses() {
    let (_, qs) = extract("wire_mixed.txt");
    let q = find(&qs, QuoteKind::Indirect, "Western pressure had only");
    assert_eq!(speaker(q), Some("shoigu"));
    let q = find(&qs, QuoteKind::Partial, "all necessary measures");
    assert_eq!(speaker(q), Some("china_mfa"));
}

#[test]
fn inverted_cue_with_an_appositive_spokesman() {
    let (_, qs) = extract("wire_mixed.txt");
    let q = find(&qs, QuoteKind::Direct, "This is a matter");
    assert_eq!(speaker(q), Some("china_mfa"));
    assert_eq!(q.speaker_text.as_deref(), Some("Guo Jiakun"));
}

#[test]
fn alias_followed_by_more_of_a_name_is_another_person() {
    // "Wang Xiaolong" is not Wang Yi.
    let (_, qs) = extract("wire_mixed.txt");
    let q = find(&qs, QuoteKind::Indirect, "the visit had produced");
    assert_eq!(speaker(q), Some("wang_xiaolong"));
}

#[test]
fn ambassador_to_a_country_and_us_officials() {
    let (_, qs) = extract("wire_mixed.txt");
    let q = find(&qs, QuoteKind::Indirect, "the leaders would meet again");
    assert_eq!(
        speaker(q),
        Some("igor_morgulov"),
        "China is the post, not the speaker"
    );
    let q = find(&qs, QuoteKind::Indirect, "Washington had made its concerns");
    assert_eq!(
        speaker(q),
        Some("us_gov"),
        "a US ambassador is a US official"
    );
    let q = find(&qs, QuoteKind::Indirect, "Washington would respond");
    assert_eq!(speaker(q), Some("us_gov"), "a US deputy secretary of state");
}

#[test]
fn without_elaborating_is_not_reported_content() {
    let (_, qs) = extract("wire_mixed.txt");
    let q = find(&qs, QuoteKind::Indirect, "Washington would respond");
    assert_eq!(
        q.text,
        "Washington would respond to any transfer of weapons"
    );
}

#[test]
fn other_ministries_are_not_the_chinese_or_russian_one() {
    let (_, qs) = extract("wire_mixed.txt");
    let q = find(&qs, QuoteKind::Indirect, "the visit showed Beijing");
    assert_eq!(speaker(q), Some("other"));
}

#[test]
fn the_statement_refers_back_to_its_issuer() {
    let (_, qs) = extract("wire_mixed.txt");
    let q = find(&qs, QuoteKind::Partial, "substantive and candid");
    assert_eq!(speaker(q), Some("kremlin"));
    assert_eq!(q.speaker_text.as_deref(), Some("the statement"));
}

#[test]
fn expressed_concern_ends_before_a_relative_clause() {
    let (_, qs) = extract("wire_groups.txt");
    let q = find(&qs, QuoteKind::Indirect, "concern over the situation");
    assert_eq!(q.text, "concern over the situation in the Taiwan Strait");
    assert_eq!(speaker(q), Some("g7"));
    assert_eq!(q.cue.as_deref(), Some("expressed"));
}

#[test]
fn us_and_nato_officials_from_the_speaker_table() {
    let (_, qs) = extract("wire_groups.txt");
    let q = find(&qs, QuoteKind::Indirect, "the alliance was united");
    assert_eq!(speaker(q), Some("us_gov"));
    let q = find(&qs, QuoteKind::Indirect, "the allies would discuss");
    assert_eq!(speaker(q), Some("nato"));
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

// Round two: fixtures `r2_*.txt`, written blind in five house styles
// (analysis, AP, state-media readout, press conference, communique story).

#[test]
fn sentence_initial_place_ending_in_ing_is_the_subject() {
    // "Beijing hit back, saying ...": "Beijing" is no fronted participle.
    let (_, qs) = extract("r2_g7.txt");
    let q = find(&qs, QuoteKind::Indirect, "the G7 was");
    assert_eq!(
        q.text,
        "the G7 was \"full of arrogance, prejudice and lies\" and had no right to lecture other countries"
    );
    assert_eq!(speaker(q), Some("china_mfa"));
    assert_eq!(q.cue.as_deref(), Some("saying"));
    let q = find(&qs, QuoteKind::Partial, "full of arrogance");
    assert_eq!(speaker(q), Some("china_mfa"));
}

#[test]
fn a_person_in_a_place_is_not_the_place() {
    let (_, qs) = extract("r2_analysis.txt");
    let q = find(&qs, QuoteKind::Indirect, "the Chinese side had privately");
    assert_eq!(speaker(q), Some("other"));
    assert_eq!(
        q.speaker_text.as_deref(),
        Some("A European diplomat in Beijing")
    );
}

#[test]
fn definite_description_takes_the_speaker_introduced_with_its_noun() {
    // "A European diplomat ... said" then "“...,” the diplomat said": not
    // Wang Yi ("China's top diplomat").
    let (_, qs) = extract("r2_analysis.txt");
    let q = find(&qs, QuoteKind::Direct, "They don't like surprises");
    assert_eq!(speaker(q), Some("other"));
    assert_eq!(q.speaker_text.as_deref(), Some("the diplomat"));
    // "a senior State Department official said ..." then "the official said".
    let (_, qs) = extract("r2_ap.txt");
    let q = find(&qs, QuoteKind::Direct, "We have been clear");
    assert_eq!(speaker(q), Some("us_gov"));
    assert_eq!(q.cue.as_deref(), Some("said"));
}

#[test]
fn pronoun_gender_rules_out_a_speaker_called_she() {
    // "..., she said" (Hu Weilin), then "Lavrov, for his part, ..." and
    // "CLAUSE, he told a group of students ..., according to a transcript
    // posted by the Russian foreign ministry".
    let (_, qs) = extract("r2_analysis.txt");
    let q = find(&qs, QuoteKind::Indirect, "The sanctions had only pushed");
    assert_eq!(
        q.text,
        "The sanctions had only pushed Russia and China to trade in their own currencies"
    );
    assert_eq!(speaker(q), Some("lavrov"));
    assert_eq!(q.cue.as_deref(), Some("told"));
    assert_eq!(q.via.as_deref(), Some("russia_mfa"));
    assert!(!qs.iter().any(|q| q.text.starts_with("of students")));
}

#[test]
fn surname_alone_after_a_known_full_name() {
    // "ministry spokesman Lin Jian said", then "“...,” Lin said".
    let (_, qs) = extract("r2_ap.txt");
    let q = find(&qs, QuoteKind::Direct, "China and Russia maintain");
    assert_eq!(speaker(q), Some("china_mfa"));
    assert_eq!(q.speaker_text.as_deref(), Some("Lin"));
    let (_, qs) = extract("r2_g7.txt");
    let q = find(&qs, QuoteKind::Direct, "The G7 should reflect");
    assert_eq!(speaker(q), Some("china_mfa"));
    let q = find(&qs, QuoteKind::Partial, "hyping up the so-called");
    assert_eq!(speaker(q), Some("china_mfa"));
    assert_eq!(q.cue.as_deref(), Some("urged"));
}

#[test]
fn outlet_that_broadcast_the_remarks_is_the_channel() {
    let (_, qs) = extract("r2_ap.txt");
    let q = find(&qs, QuoteKind::Direct, "Our countries face");
    assert_eq!(speaker(q), Some("shoigu"));
    assert_eq!(q.via.as_deref(), Some("ria"));
}

#[test]
fn addressee_then_an_adverbial_then_a_that_clause() {
    // "told reporters in a daily conference call that ...".
    let (_, qs) = extract("r2_ap.txt");
    let q = find(&qs, QuoteKind::Indirect, "President Vladimir Putin");
    assert_eq!(
        q.text,
        "President Vladimir Putin had personally briefed Shoigu before the trip"
    );
    assert_eq!(speaker(q), Some("kremlin"));
    assert_eq!(q.cue.as_deref(), Some("told"));
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
fn dismissed_as_a_quoted_label() {
    let (_, qs) = extract("r2_g7.txt");
    let q = find(&qs, QuoteKind::Partial, "nothing new");
    assert_eq!(speaker(q), Some("kremlin"));
    assert_eq!(q.cue.as_deref(), Some("dismissed"));
}

#[test]
fn warned_someone_over_a_topic_reports_no_clause() {
    // Headline "G7 warns China over support for Russia's war machine".
    let (_, qs) = extract("r2_g7.txt");
    assert!(
        !qs.iter().any(|q| q.text.starts_with("China over support")),
        "{qs:#?}"
    );
}

#[test]
fn name_in_apposition_is_the_subject() {
    // "The Russian foreign ministry's spokeswoman, Maria Zakharova, later
    // wrote on Telegram that ...".
    let (_, qs) = extract("r2_presser.txt");
    let q = find(&qs, QuoteKind::Indirect, "Western media were");
    assert_eq!(speaker(q), Some("russia_mfa"));
    assert_eq!(q.speaker_text.as_deref(), Some("Maria Zakharova"));
    assert_eq!(q.cue.as_deref(), Some("wrote"));
    let q = find(&qs, QuoteKind::Partial, "once again spreading fakes");
    assert_eq!(speaker(q), Some("russia_mfa"));
}

#[test]
fn pointed_out_is_a_cue() {
    let (_, qs) = extract("r2_xinhua.txt");
    let q = find(
        &qs,
        QuoteKind::Indirect,
        "China is willing to work with Russia to promote",
    );
    assert_eq!(speaker(q), Some("xi_jinping"));
    assert_eq!(q.cue.as_deref(), Some("pointed out"));
}

#[test]
fn an_unnamed_reporter_speaks_as_other() {
    let (_, qs) = extract("r2_presser.txt");
    let q = find(&qs, QuoteKind::Indirect, "some European officials");
    assert_eq!(speaker(q), Some("other"));
    assert_eq!(q.cue.as_deref(), Some("noted"));
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
fn analysts_with_long_appositives_get_their_own_ids() {
    // "“...,” said Marta Kessler, a senior fellow at the Center ... in
    // Washington who spent a decade as a Pentagon analyst ...": never us_gov.
    let (_, qs) = extract("r2_analysis.txt");
    let q = find(&qs, QuoteKind::Direct, "China wants the economic");
    assert_eq!(speaker(q), Some("marta_kessler"));
    let q = find(
        &qs,
        QuoteKind::Indirect,
        "the visit was mostly about optics",
    );
    assert_eq!(speaker(q), Some("hu_weilin"));
    let q = find(&qs, QuoteKind::Direct, "Both capitals need");
    assert_eq!(speaker(q), Some("hu_weilin"));
    let q = find(&qs, QuoteKind::Direct, "They will be waiting");
    assert_eq!(speaker(q), Some("pavel_orlov"));
}

fn extract_text(text: &str) -> Vec<Quote> {
    let quotes = Extractor::new(SpeakerTable::builtin()).extract(text);
    for q in &quotes {
        assert_eq!(&text[q.start..q.end], q.text, "span and text agree");
    }
    quotes
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
fn a_possessors_counterpart_is_not_the_possessor() {
    let qs =
        extract_text("Lavrov's Chinese counterpart said the two countries would not be divided.");
    let q = find(&qs, QuoteKind::Indirect, "the two countries");
    assert_eq!(speaker(q), Some("other"));
}

#[test]
fn bare_surname_means_the_namesake_named_in_full_last() {
    // "Wang" is an alias of Wang Yi, but after "spokesman Wang Wenbin" it is
    // the spokesman (who speaks for the ministry), until "Wang Yi" is named
    // in full again.
    let (_, qs) = extract("namesakes.txt");
    let q = find(&qs, QuoteKind::Direct, "We firmly oppose");
    assert_eq!(speaker(q), Some("china_mfa"));
    assert_eq!(q.speaker_text.as_deref(), Some("Wang"));
    let q = find(&qs, QuoteKind::Indirect, "Chinese firms would be protected");
    assert_eq!(speaker(q), Some("china_mfa"));
    let q = find(&qs, QuoteKind::Direct, "Those who draw lines");
    assert_eq!(speaker(q), Some("wang_yi"));
    assert_eq!(q.speaker_text.as_deref(), Some("Wang"));
}

#[test]
fn told_with_people_as_the_addressee() {
    // "told visiting diplomats that ...": the diplomats are the audience,
    // not part of what was said.
    let (_, qs) = extract("namesakes.txt");
    let q = find(&qs, QuoteKind::Indirect, "the partnership with Russia");
    assert_eq!(speaker(q), Some("wang_yi"));
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
fn a_definite_role_noun_refers_back_to_the_last_person_who_spoke() {
    let qs = extract_text(
        "Maria Zakharova said the visit had gone well.\n\n“We will keep working,” the diplomat added.",
    );
    let q = find(&qs, QuoteKind::Direct, "We will keep working");
    assert_eq!(speaker(q), Some("russia_mfa"));
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
fn a_verb_of_criticism_reports_its_object_and_complement() {
    let qs = extract_text("Lavrov accused the alliance of stoking tension in the region.");
    let q = find(&qs, QuoteKind::Indirect, "the alliance");
    assert_eq!(q.text, "the alliance of stoking tension in the region");
    assert_eq!(speaker(q), Some("lavrov"));
    let qs = extract_text("Wang warned of steps that could deepen the crisis.");
    let q = find(&qs, QuoteKind::Indirect, "steps that");
    assert_eq!(speaker(q), Some("wang_yi"));
}

#[test]
fn reported_clauses_end_at_a_second_cue_a_speech_event_or_a_new_attribution() {
    let qs = extract_text(
        "Lavrov warned of a long standoff and accused the bloc of ignoring Moscow's proposals.",
    );
    assert!(qs
        .iter()
        .any(|q| q.kind == QuoteKind::Indirect && q.text == "a long standoff"));
    let qs = extract_text(
        "Wang urged both capitals to show restraint, in a phone call with his counterpart.",
    );
    let q = find(&qs, QuoteKind::Indirect, "both capitals");
    assert_eq!(q.text, "both capitals to show restraint");
    let qs = extract_text(
        "Lavrov said the offer was serious, the minister said the reply would come soon.",
    );
    let q = find(&qs, QuoteKind::Indirect, "the offer");
    assert_eq!(q.text, "the offer was serious");
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
fn fragment_in_a_fronted_participle_belongs_to_the_main_subject() {
    let qs = extract_text("Calling the plan a “dead end”, Lavrov said Moscow would wait.");
    let q = find(&qs, QuoteKind::Partial, "dead end");
    assert_eq!(speaker(q), Some("lavrov"));
}

#[test]
fn a_label_inside_reported_speech_is_the_speakers_unless_in_a_relative_clause() {
    let qs = extract_text(
        "Wang said the region must respect Moscow's “legitimate” worries about the bloc.",
    );
    let q = find(&qs, QuoteKind::Partial, "legitimate");
    assert_eq!(speaker(q), Some("wang_yi"));
    let qs = extract_text(
        "Lavrov said the two states, which signed a “model” treaty last year, would meet again.",
    );
    assert_eq!(speaker(find(&qs, QuoteKind::Scare, "model")), None);
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

#[test]
fn a_subject_interrupted_by_according_to_leaves_the_rest_to_the_source() {
    let qs =
        extract_text("Wang arrived on Monday. This, according to Wang, shows the ties are steady.");
    let q = find(&qs, QuoteKind::Indirect, "shows the ties");
    assert_eq!(q.text, "shows the ties are steady");
    assert_eq!(speaker(q), Some("wang_yi"));
}
