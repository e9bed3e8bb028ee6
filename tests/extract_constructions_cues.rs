//! Construction tests: cues and reported clauses: addressees, adverbials,
//! participles, labels, verbs of criticism, where a reported clause ends, and the
//! subject of a cue.
//!
//! On fixture articles written for these tests (`tests/fixtures/`, wire-copy style;
//! `r2_*.txt` written blind in five house styles) or constructed sentences, in our own words.

#[path = "common/constructions.rs"]
mod helpers;
use helpers::*;

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
fn told_with_an_addressee_and_a_that_clause() {
    let (_, qs) = extract("meeting.txt");
    let q = find(&qs, QuoteKind::Indirect, "Beijing would send");
    assert_eq!(speaker(q), Some("wang_yi"));
    assert_eq!(q.cue.as_deref(), Some("told"));
    assert!(q.text.ends_with("consultations in Moscow"), "{}", q.text);
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
fn without_elaborating_is_not_reported_content() {
    let (_, qs) = extract("wire_mixed.txt");
    let q = find(&qs, QuoteKind::Indirect, "Washington would respond");
    assert_eq!(
        q.text,
        "Washington would respond to any transfer of weapons"
    );
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
fn told_with_people_as_the_addressee() {
    // "told visiting diplomats that ...": the diplomats are the audience,
    // not part of what was said.
    let (_, qs) = extract("namesakes.txt");
    let q = find(&qs, QuoteKind::Indirect, "the partnership with Russia");
    assert_eq!(speaker(q), Some("wang_yi"));
    assert_eq!(q.cue.as_deref(), Some("told"));
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
