//! Construction tests: speaker resolution: pronouns, names and surnames,
//! titles and role nouns, places after a post, bodies and descriptions.
//!
//! On fixture articles written for these tests (`tests/fixtures/`, wire-copy style;
//! `r2_*.txt` written blind in five house styles) or constructed sentences, in our own words.

#[path = "common/constructions.rs"]
mod helpers;
use helpers::*;

#[test]
fn pronoun_after_an_intervening_name() {
    // "Wang told Lavrov ..." then "“...,” he added": he is Wang, not Lavrov.
    let (_, qs) = extract("meeting.txt");
    let q = find(&qs, QuoteKind::Direct, "We hope both sides");
    assert_eq!(speaker(q), Some("wang_yi"));
    assert_eq!(q.speaker_text.as_deref(), Some("he"));
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
fn a_senior_official_keeps_its_article() {
    let (_, qs) = extract("wire_reported.txt");
    let q = find(&qs, QuoteKind::Indirect, "Washington had raised");
    assert_eq!(speaker(q), Some("us_gov"));
    assert_eq!(q.speaker_text.as_deref(), Some("A senior U.S. official"));
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
fn other_ministries_are_not_the_chinese_or_russian_one() {
    let (_, qs) = extract("wire_mixed.txt");
    let q = find(&qs, QuoteKind::Indirect, "the visit showed Beijing");
    assert_eq!(speaker(q), Some("other"));
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
fn an_unnamed_reporter_speaks_as_other() {
    let (_, qs) = extract("r2_presser.txt");
    let q = find(&qs, QuoteKind::Indirect, "some European officials");
    assert_eq!(speaker(q), Some("other"));
    assert_eq!(q.cue.as_deref(), Some("noted"));
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
fn a_definite_role_noun_refers_back_to_the_last_person_who_spoke() {
    let qs = extract_text(
        "Maria Zakharova said the visit had gone well.\n\n“We will keep working,” the diplomat added.",
    );
    let q = find(&qs, QuoteKind::Direct, "We will keep working");
    assert_eq!(speaker(q), Some("russia_mfa"));
}
