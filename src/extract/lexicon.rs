//! Closed word lists: cue verbs, pronouns, determiners, role nouns, titles.
//!
//! Every function takes a word already lower-cased (ASCII) and answers from
//! the word lists of `src/extract/words/` (one file per list, grouped by
//! role), all looked up in one hash of word to list membership.

use crate::speakers::Side;

use super::words::{in_lists, List, CRITICISE};

/// Every list's data file, in the order of the `List` constants.
pub(crate) const LISTS: [&str; 44] = [
    include_str!("words/cues/label_participle.txt"),
    include_str!("words/cues/say.txt"),
    include_str!("words/cues/weak.txt"),
    include_str!("words/cues/participle.txt"),
    include_str!("words/cues/call_for.txt"),
    include_str!("words/cues/pledge.txt"),
    include_str!("words/cues/express.txt"),
    include_str!("words/cues/label.txt"),
    include_str!("words/cues/report.txt"),
    include_str!("words/cues/remarks_noun.txt"),
    include_str!("words/cues/carried_participle.txt"),
    include_str!("words/nouns/media_head.txt"),
    include_str!("words/cues/needs_as_label.txt"),
    include_str!("words/cues/takes_addressee.txt"),
    include_str!("words/nouns/audience_head.txt"),
    include_str!("words/cues/express_object.txt"),
    include_str!("words/function/pronoun_he.txt"),
    include_str!("words/function/pronoun_she.txt"),
    include_str!("words/function/pronoun_it.txt"),
    include_str!("words/function/pronoun_they.txt"),
    include_str!("words/function/pronoun_first.txt"),
    include_str!("words/function/det.txt"),
    include_str!("words/function/connector.txt"),
    include_str!("words/function/preposition.txt"),
    include_str!("words/nouns/np_word.txt"),
    include_str!("words/nouns/role_head.txt"),
    include_str!("words/nouns/statement_head.txt"),
    include_str!("words/nouns/spokes_head.txt"),
    include_str!("words/nouns/plural_people.txt"),
    include_str!("words/nouns/dependent_head.txt"),
    include_str!("words/nouns/post_head.txt"),
    include_str!("words/nouns/located_person.txt"),
    include_str!("words/nouns/official_title.txt"),
    include_str!("words/nouns/title.txt"),
    include_str!("words/sides/side_china.txt"),
    include_str!("words/sides/side_russia.txt"),
    include_str!("words/sides/side_west.txt"),
    include_str!("words/adverbials/skippable_adverb.txt"),
    include_str!("words/adverbials/time_word.txt"),
    include_str!("words/adverbials/adverbial_start.txt"),
    include_str!("words/adverbials/ends_clause_after_comma.txt"),
    include_str!("words/function/function_word.txt"),
    include_str!("words/function/label_det.txt"),
    include_str!("words/cues/bare_as_label.txt"),
];

const LABEL_PARTICIPLE: List = List(0);
const SAY: List = List(1);
const WEAK: List = List(2);
const PARTICIPLE: List = List(3);
const CALL_FOR: List = List(4);
const PLEDGE: List = List(5);
const EXPRESS: List = List(6);
const LABEL: List = List(7);
const REPORT: List = List(8);
const REMARKS_NOUN: List = List(9);
const CARRIED_PARTICIPLE: List = List(10);
const MEDIA_HEAD: List = List(11);
const NEEDS_AS_LABEL: List = List(12);
const TAKES_ADDRESSEE: List = List(13);
const AUDIENCE_HEAD: List = List(14);
const EXPRESS_OBJECT: List = List(15);
const PRONOUN_HE: List = List(16);
const PRONOUN_SHE: List = List(17);
const PRONOUN_IT: List = List(18);
const PRONOUN_THEY: List = List(19);
const PRONOUN_FIRST: List = List(20);
const DET: List = List(21);
const CONNECTOR: List = List(22);
const PREPOSITION: List = List(23);
const NP_WORD: List = List(24);
const ROLE_HEAD: List = List(25);
const STATEMENT_HEAD: List = List(26);
const SPOKES_HEAD: List = List(27);
const PLURAL_PEOPLE: List = List(28);
const DEPENDENT_HEAD: List = List(29);
const POST_HEAD: List = List(30);
const LOCATED_PERSON: List = List(31);
const OFFICIAL_TITLE: List = List(32);
const TITLE: List = List(33);
const SIDE_CHINA: List = List(34);
const SIDE_RUSSIA: List = List(35);
const SIDE_WEST: List = List(36);
const SKIPPABLE_ADVERB: List = List(37);
const TIME_WORD: List = List(38);
const ADVERBIAL_START: List = List(39);
const ENDS_CLAUSE_AFTER_COMMA: List = List(40);
const FUNCTION_WORD: List = List(41);
const LABEL_DET: List = List(42);
const BARE_AS_LABEL: List = List(43);
/// The lists whose words are role heads (`is_role_head`).
const ROLE_HEADS: u64 = STATEMENT_HEAD.bit()
    | SPOKES_HEAD.bit()
    | PLURAL_PEOPLE.bit()
    | DEPENDENT_HEAD.bit()
    | ROLE_HEAD.bit();

/// How a cue verb takes its reported content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueClass {
    /// Verbs of saying that take a clause or an object directly
    /// ("said", "told", "stressed", "warned").
    Say,
    /// Verbs that report speech only with "that" or a quotation
    /// ("confirmed", "reiterated", "announced").
    Weak,
    /// Present participles ("saying", "adding"): the subject is the main
    /// clause's.
    Participle,
    /// "called for", "urged": the content is what is called for.
    CallFor,
    /// "pledged", "vowed": content is a "to" infinitive or a "that" clause.
    Pledge,
    /// "expressed", "raised", "voiced": content must be a noun such as
    /// "concern" or "hope".
    Express,
    /// "branded", "dubbed", "described": a label given to something.
    Label,
    /// "reported": a news outlet as the source or channel.
    Report,
    /// "accused", "criticised", "praised" (`words/cues/criticise.txt`): the
    /// content is the object and its complement ("accused X of Y").
    Criticise,
}

/// Participles of labelling that open a sentence: `Calling Y “...”, X ...`.
pub(crate) fn is_label_participle(w: &str) -> bool {
    LABEL_PARTICIPLE.contains(w)
}

/// The class of a (single-word) cue verb.
pub(crate) fn cue_class(w: &str) -> Option<CueClass> {
    use CueClass::*;
    let m = in_lists(
        w,
        SAY.bit()
            | WEAK.bit()
            | PARTICIPLE.bit()
            | CALL_FOR.bit()
            | PLEDGE.bit()
            | EXPRESS.bit()
            | LABEL.bit()
            | REPORT.bit()
            | NEEDS_AS_LABEL.bit()
            | BARE_AS_LABEL.bit()
            | CRITICISE.bit(),
    );
    Some(match w {
        _ if m & SAY.bit() != 0 => Say,
        _ if m & WEAK.bit() != 0 => Weak,
        _ if m & PARTICIPLE.bit() != 0 => Participle,
        _ if m & CALL_FOR.bit() != 0 => CallFor,
        _ if m & PLEDGE.bit() != 0 => Pledge,
        _ if m & EXPRESS.bit() != 0 => Express,
        _ if m & LABEL.bit() != 0 => Label,
        _ if m & NEEDS_AS_LABEL.bit() != 0 => Label,
        _ if m & BARE_AS_LABEL.bit() != 0 => Label,
        _ if m & REPORT.bit() != 0 => Report,
        _ if m & CRITICISE.bit() != 0 => Criticise,
        _ => return None,
    })
}

/// Nouns for spoken or written words carried by an outlet ("in *remarks*
/// broadcast by ...", "in an *interview* with ...").
pub(crate) fn is_remarks_noun(w: &str) -> bool {
    REMARKS_NOUN.contains(w)
}

/// Participles for an outlet carrying words ("broadcast by", "published on").
pub(crate) fn is_carried_participle(w: &str) -> bool {
    CARRIED_PARTICIPLE.contains(w)
}

/// Head nouns of a news outlet ("the state news *agency*", "state
/// *television*").
pub(crate) fn is_media_head(w: &str) -> bool {
    MEDIA_HEAD.contains(w)
}

/// Label verbs that report speech only as `VERB X as “...”` ("dismissed the
/// statement as “nothing new”"); "rejected the proposal" reports nothing.
pub(crate) fn needs_as_label(w: &str) -> bool {
    NEEDS_AS_LABEL.contains(w)
}

/// Label verbs that characterise without quotation marks, `VERB X as Y`
/// ("cast the drills as a threat", "referred to the talks as a turning
/// point"): the content is `X as Y`, and there is none without an "as".
pub(crate) fn is_bare_as_label(w: &str) -> bool {
    BARE_AS_LABEL.contains(w)
}

/// Verbs after which the next noun phrase is the addressee, not the content.
pub(crate) fn takes_addressee(w: &str) -> bool {
    TAKES_ADDRESSEE.contains(w)
}

/// Head nouns of an audience or a forum that a verb such as "told" takes as
/// its addressee ("told *a regular news briefing*", "told *state television*"),
/// never as reported content.
pub(crate) fn is_audience_head(w: &str) -> bool {
    in_lists(w, MEDIA_HEAD.bit() | AUDIENCE_HEAD.bit()) != 0
}

/// Objects that make "expressed/raised/voiced X" a report of speech.
pub(crate) fn is_express_object(w: &str) -> bool {
    EXPRESS_OBJECT.contains(w)
}

/// Personal pronouns that can name a speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pron {
    /// he, him, his
    He,
    /// she, her
    She,
    /// it, its
    It,
    /// they, them, their
    They,
    /// we, I: the speaker is the quote's own, unresolvable from outside.
    First,
}

/// A subject or possessive pronoun.
pub(crate) fn pronoun(w: &str) -> Option<Pron> {
    let m = in_lists(
        w,
        PRONOUN_HE.bit()
            | PRONOUN_SHE.bit()
            | PRONOUN_IT.bit()
            | PRONOUN_THEY.bit()
            | PRONOUN_FIRST.bit(),
    );
    Some(match w {
        _ if m & PRONOUN_HE.bit() != 0 => Pron::He,
        _ if m & PRONOUN_SHE.bit() != 0 => Pron::She,
        _ if m & PRONOUN_IT.bit() != 0 => Pron::It,
        _ if m & PRONOUN_THEY.bit() != 0 => Pron::They,
        _ if m & PRONOUN_FIRST.bit() != 0 => Pron::First,
        _ => return None,
    })
}

/// Determiners and possessive determiners that may open a noun phrase.
pub(crate) fn is_det(w: &str) -> bool {
    DET.contains(w)
}

/// Prepositions that join parts of a noun phrase ("ministers *of* the G7",
/// "an aide *to* Putin").
pub(crate) fn is_connector(w: &str) -> bool {
    CONNECTOR.contains(w)
}

/// Prepositions that govern a noun phrase, which then cannot be the subject
/// of a following verb ("in *a statement* posted online").
pub(crate) fn is_preposition(w: &str) -> bool {
    in_lists(w, CONNECTOR.bit() | PREPOSITION.bit()) != 0
}

/// Lower-case words that can be part of a speaker noun phrase.
pub(crate) fn is_np_word(w: &str) -> bool {
    in_lists(w, ROLE_HEADS | NP_WORD.bit()) != 0
}

/// Head nouns of role descriptions ("the statement", "a spokesperson",
/// "the council", "the ministers").
pub(crate) fn is_role_head(w: &str) -> bool {
    in_lists(w, ROLE_HEADS) != 0
}

/// "the statement", "the readout": a text issued by a body.
pub(crate) fn is_statement_head(w: &str) -> bool {
    STATEMENT_HEAD.contains(w)
}

/// "a spokesperson", "the spokesman": speaks for the most recent body.
pub(crate) fn is_spokes_head(w: &str) -> bool {
    SPOKES_HEAD.contains(w)
}

/// Plural person nouns that refer back to a group ("the ministers").
pub(crate) fn is_plural_people(w: &str) -> bool {
    PLURAL_PEOPLE.contains(w)
}

/// Nouns for a person who depends on someone named after a connector: "an
/// aide to Putin" is not Putin.
pub(crate) fn is_dependent_head(w: &str) -> bool {
    DEPENDENT_HEAD.contains(w)
}

/// Nouns for a post or a mission placed somewhere: in "the Chinese embassy
/// *in* Washington" or "ambassador *to* China", what follows is a place.
pub(crate) fn is_post_head(w: &str) -> bool {
    POST_HEAD.contains(w)
}

/// Person nouns that a place may follow ("a European *diplomat* in Beijing",
/// "*analysts* at the embassy"): the place is not the speaker.
pub(crate) fn is_located_person(w: &str) -> bool {
    (is_dependent_head(w) && !is_spokes_head(w))
        || is_plural_people(w)
        || LOCATED_PERSON.contains(w)
}

/// Title words that make a named person an official of the body named before
/// them ("U.S. Deputy *Secretary* of State Kurt Campbell", "NATO *spokesperson*
/// ...").
pub(crate) fn is_official_title(w: &str) -> bool {
    in_lists(w, SPOKES_HEAD.bit() | OFFICIAL_TITLE.bit()) != 0
}

/// Capitalised title words that precede a name and are not part of it.
pub(crate) fn is_title(w: &str) -> bool {
    TITLE.contains(w)
}

/// The side a nationality adjective or country possessive points to.
pub(crate) fn nationality_side(w: &str) -> Option<Side> {
    let m = in_lists(w, SIDE_CHINA.bit() | SIDE_RUSSIA.bit() | SIDE_WEST.bit());
    Some(match w {
        _ if m & SIDE_CHINA.bit() != 0 => Side::China,
        _ if m & SIDE_RUSSIA.bit() != 0 => Side::Russia,
        _ if m & SIDE_WEST.bit() != 0 => Side::West,
        _ => return None,
    })
}

/// Adverbs and auxiliaries that may stand between a subject and its cue
/// ("Wang *also* told", "NATO members *have* branded").
pub(crate) fn is_skippable_adverb(w: &str) -> bool {
    SKIPPABLE_ADVERB.contains(w)
}

/// Words that begin a time expression ("on Tuesday", "last week").
pub(crate) fn is_time_word(w: &str) -> bool {
    TIME_WORD.contains(w)
}

/// Prepositions and time words that start an adverbial after a cue ("said
/// *in* a statement", "said *on* Monday", "said *following* talks").
pub(crate) fn is_adverbial_start(w: &str) -> bool {
    in_lists(w, ADVERBIAL_START.bit() | TIME_WORD.bit()) != 0
}

/// Words after a comma that end a reported clause.
pub(crate) fn ends_clause_after_comma(w: &str) -> bool {
    ENDS_CLAUSE_AFTER_COMMA.contains(w)
}

/// Words after a quoted term that show it is not used as a modifier of a
/// following noun (`a "decisive enabler" of the war`).
pub(crate) fn is_function_word(w: &str) -> bool {
    FUNCTION_WORD.contains(w)
}

/// Determiners and similar words before a quoted term used as a label
/// (`their "no limits" partnership`, `the so-called "..."`).
pub(crate) fn is_label_det(w: &str) -> bool {
    LABEL_DET.contains(w)
}
