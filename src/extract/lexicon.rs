//! Closed word lists: cue verbs, pronouns, determiners, role nouns, titles.
//!
//! Every function takes a word already lower-cased (ASCII) and answers by a
//! `match`, which the compiler turns into a fast comparison tree.

use crate::speakers::Side;

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
    /// "accused", "criticised", "praised" (`words/criticise.txt`): the
    /// content is the object and its complement ("accused X of Y").
    Criticise,
}

/// Participles of labelling that open a sentence: `Calling Y “...”, X ...`.
pub(crate) fn is_label_participle(w: &str) -> bool {
    matches!(
        w,
        "calling" | "branding" | "dubbing" | "labelling" | "labeling" | "describing"
    )
}

/// The class of a (single-word) cue verb.
pub(crate) fn cue_class(w: &str) -> Option<CueClass> {
    use CueClass::*;
    Some(match w {
        "said" | "says" | "say" | "told" | "tells" | "tell" | "added" | "adds" | "stressed"
        | "stresses" | "emphasised" | "emphasized" | "emphasises" | "emphasizes" | "noted"
        | "notes" | "warned" | "warns" | "insisted" | "insists" | "stated" | "declared"
        | "declares" | "asserted" | "asserts" | "argued" | "argues" | "claimed" | "claims"
        | "wrote" | "writes" | "underlined" | "underscored" | "cautioned" | "predicted"
        | "suggested" | "maintained" | "assured" | "reminded" | "informed" | "remarked"
        | "observed" | "explained" | "complained" | "urged" | "urges" => Say,
        "confirmed" | "reiterated" | "reaffirmed" | "affirmed" | "announced" | "acknowledged"
        | "admitted" | "conceded" | "denied" | "revealed" | "replied" | "responded"
        | "recalled" | "agreed" | "concluded" | "posted" | "tweeted" | "hinted" | "asked"
        | "asks" => Weak,
        "saying" | "adding" | "telling" | "stressing" | "noting" | "warning" | "insisting"
        | "stating" | "declaring" | "arguing" | "claiming" | "urging" | "emphasising"
        | "emphasizing" | "underlining" | "explaining" | "accusing" | "describing" => Participle,
        "demanded" | "demands" => CallFor,
        "pledged" | "pledges" | "vowed" | "vows" | "promised" | "promises" | "threatened" => Pledge,
        "expressed" | "expresses" | "raised" | "voiced" | "conveyed" => Express,
        "branded" | "dubbed" | "labelled" | "labeled" | "described" | "termed" | "called"
        | "calls" | "call" => Label,
        w if needs_as_label(w) => Label,
        "reported" | "reports" => Report,
        w if super::words::is_criticise_verb(w) => Criticise,
        _ => return None,
    })
}

/// Nouns for spoken or written words carried by an outlet ("in *remarks*
/// broadcast by ...", "in an *interview* with ...").
pub(crate) fn is_remarks_noun(w: &str) -> bool {
    matches!(
        w,
        "remarks"
            | "comments"
            | "interview"
            | "speech"
            | "address"
            | "article"
            | "op-ed"
            | "video"
            | "statement"
    )
}

/// Participles for an outlet carrying words ("broadcast by", "published on").
pub(crate) fn is_carried_participle(w: &str) -> bool {
    matches!(
        w,
        "broadcast"
            | "carried"
            | "published"
            | "aired"
            | "televised"
            | "posted"
            | "run"
            | "reported"
            | "released"
    )
}

/// Head nouns of a news outlet ("the state news *agency*", "state
/// *television*").
pub(crate) fn is_media_head(w: &str) -> bool {
    matches!(
        w,
        "agency"
            | "television"
            | "tv"
            | "newspaper"
            | "broadcaster"
            | "channel"
            | "radio"
            | "daily"
            | "outlet"
            | "network"
            | "website"
            | "media"
    )
}

/// Label verbs that report speech only as `VERB X as “...”` ("dismissed the
/// statement as “nothing new”"); "rejected the proposal" reports nothing.
pub(crate) fn needs_as_label(w: &str) -> bool {
    matches!(w, "dismissed" | "dismisses" | "rejected" | "rejects")
}

/// Verbs after which the next noun phrase is the addressee, not the content.
pub(crate) fn takes_addressee(w: &str) -> bool {
    matches!(
        w,
        "told"
            | "tells"
            | "tell"
            | "telling"
            | "assured"
            | "reminded"
            | "informed"
            | "warned"
            | "warns"
            | "warning"
            | "urged"
            | "urging"
            | "urges"
            | "accused"
            | "accuses"
            | "accusing"
    )
}

/// Head nouns of an audience or a forum that a verb such as "told" takes as
/// its addressee ("told *a regular news briefing*", "told *state television*"),
/// never as reported content.
pub(crate) fn is_audience_head(w: &str) -> bool {
    is_media_head(w)
        || matches!(
            w,
            "conference"
                | "briefing"
                | "reporters"
                | "journalists"
                | "correspondents"
                | "press"
                | "lawmakers"
                | "legislators"
                | "parliament"
                | "audience"
                | "forum"
                | "meeting"
                | "session"
                | "summit"
                | "gathering"
                | "interviewer"
                | "interview"
                | "committee"
                | "assembly"
                | "crowd"
                | "students"
                | "delegates"
                | "audiences"
                | "podcast"
                | "panel"
                | "counterpart"
                | "counterparts"
                | "diplomats"
                | "envoys"
                | "ambassadors"
                | "officials"
                | "ministers"
                | "leaders"
                | "guests"
                | "visitors"
                | "senators"
        )
}

/// Objects that make "expressed/raised/voiced X" a report of speech.
pub(crate) fn is_express_object(w: &str) -> bool {
    matches!(
        w,
        "concern"
            | "concerns"
            | "hope"
            | "hopes"
            | "support"
            | "opposition"
            | "regret"
            | "readiness"
            | "willingness"
            | "satisfaction"
            | "dissatisfaction"
            | "confidence"
            | "gratitude"
            | "appreciation"
            | "doubt"
            | "doubts"
            | "objection"
            | "objections"
            | "alarm"
            | "condolences"
            | "disappointment"
            | "frustration"
            | "anger"
            | "outrage"
            | "interest"
            | "questions"
            | "worries"
            | "fears"
            | "displeasure"
            | "solidarity"
            | "reservations"
            | "the"
            | "its"
            | "their"
            | "his"
            | "her"
            | "deep"
            | "serious"
            | "strong"
            | "grave"
            | "firm"
            | "full"
            | "great"
    )
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
    Some(match w {
        "he" | "his" | "him" => Pron::He,
        "she" | "her" => Pron::She,
        "it" | "its" => Pron::It,
        "they" | "their" | "them" => Pron::They,
        "we" | "i" | "our" => Pron::First,
        _ => return None,
    })
}

/// Determiners and possessive determiners that may open a noun phrase.
pub(crate) fn is_det(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "this"
            | "these"
            | "both"
            | "another"
            | "some"
            | "several"
            | "many"
            | "senior"
            | "other"
    )
}

/// Prepositions that join parts of a noun phrase ("ministers *of* the G7",
/// "an aide *to* Putin").
pub(crate) fn is_connector(w: &str) -> bool {
    matches!(w, "of" | "to" | "for" | "at" | "from" | "in")
}

/// Prepositions that govern a noun phrase, which then cannot be the subject
/// of a following verb ("in *a statement* posted online").
pub(crate) fn is_preposition(w: &str) -> bool {
    is_connector(w)
        || matches!(
            w,
            "on" | "by"
                | "with"
                | "via"
                | "during"
                | "after"
                | "before"
                | "through"
                | "under"
                | "over"
                | "amid"
                | "into"
                | "about"
                | "against"
        )
}

/// Lower-case words that can be part of a speaker noun phrase.
pub(crate) fn is_np_word(w: &str) -> bool {
    is_role_head(w)
        || matches!(
            w,
            "two"
                | "three"
                | "reporter"
                | "journalist"
                | "top"
                | "chief"
                | "foreign"
                | "defence"
                | "defense"
                | "security"
                | "national"
                | "deputy"
                | "vice"
                | "prime"
                | "state"
                | "news"
                | "general"
                | "senior"
                | "high-ranking"
                | "former"
                | "then"
                | "current"
                | "joint"
                | "official"
                | "press"
                | "military"
                | "presidential"
                | "russian"
                | "chinese"
                | "american"
                | "western"
                | "ukrainian"
                | "european"
                | "countries"
                | "country"
                | "nations"
                | "allies"
                | "party"
                | "communist"
                | "interior"
                | "economic"
                | "trade"
                | "finance"
                | "commerce"
                | "federal"
                | "permanent"
                | "central"
                | "unnamed"
                | "anonymous"
                | "two-day"
                | "annual"
                | "final"
                | "latest"
                | "ministerial"
                | "summit"
        )
}

/// Head nouns of role descriptions ("the statement", "a spokesperson",
/// "the council", "the ministers").
pub(crate) fn is_role_head(w: &str) -> bool {
    is_statement_head(w)
        || is_spokes_head(w)
        || is_plural_people(w)
        || is_dependent_head(w)
        || matches!(
            w,
            "minister"
                | "ministry"
                | "council"
                | "president"
                | "premier"
                | "diplomat"
                | "leader"
                | "government"
                | "agency"
                | "agencies"
                | "media"
                | "chancellor"
                | "secretary"
                | "alliance"
                | "bloc"
                | "commission"
                | "office"
                | "department"
                | "administration"
                | "embassy"
                | "envoy"
                | "ambassador"
                | "chairman"
                | "head"
                | "mission"
                | "kremlin"
                | "cabinet"
                | "parliament"
                | "army"
                | "delegation"
                | "side"
                | "outlet"
                | "broadcaster"
                | "network"
                | "daily"
                | "tabloid"
                | "radio"
                | "newspaper"
                | "channel"
                | "television"
                | "tv"
                | "ministries"
                | "governments"
                | "reporters"
                | "journalists"
                | "lawmakers"
                | "audience"
                | "conference"
                | "briefing"
                | "counterpart"
                | "counterparts"
                | "group"
        )
}

/// "the statement", "the readout": a text issued by a body.
pub(crate) fn is_statement_head(w: &str) -> bool {
    matches!(
        w,
        "statement"
            | "statements"
            | "readout"
            | "communique"
            | "communiqué"
            | "declaration"
            | "release"
            | "notice"
            | "document"
            | "report"
            | "transcript"
    )
}

/// "a spokesperson", "the spokesman": speaks for the most recent body.
pub(crate) fn is_spokes_head(w: &str) -> bool {
    matches!(
        w,
        "spokesperson"
            | "spokesman"
            | "spokeswoman"
            | "spokespeople"
            | "spokespersons"
            | "representative"
    )
}

/// Plural person nouns that refer back to a group ("the ministers").
pub(crate) fn is_plural_people(w: &str) -> bool {
    matches!(
        w,
        "ministers"
            | "diplomats"
            | "officials"
            | "leaders"
            | "members"
            | "delegations"
            | "sides"
            | "envoys"
            | "presidents"
            | "participants"
            | "representatives"
    )
}

/// Nouns for a person who depends on someone named after a connector: "an
/// aide to Putin" is not Putin.
pub(crate) fn is_dependent_head(w: &str) -> bool {
    matches!(
        w,
        "aide"
            | "aides"
            | "adviser"
            | "advisor"
            | "advisers"
            | "advisors"
            | "source"
            | "sources"
            | "spokesperson"
            | "spokesman"
            | "spokeswoman"
            | "representative"
            | "member"
            | "members"
            | "associate"
            | "ally"
            | "critic"
            | "critics"
            | "friend"
            | "official"
            | "officials"
            | "analyst"
            | "analysts"
            | "expert"
            | "experts"
    )
}

/// Nouns for a post or a mission placed somewhere: in "the Chinese embassy
/// *in* Washington" or "ambassador *to* China", what follows is a place.
pub(crate) fn is_post_head(w: &str) -> bool {
    matches!(
        w,
        "embassy"
            | "embassies"
            | "consulate"
            | "consulates"
            | "mission"
            | "ambassador"
            | "ambassadors"
            | "envoy"
            | "envoys"
            | "delegation"
            | "correspondent"
            | "bureau"
    )
}

/// Person nouns that a place may follow ("a European *diplomat* in Beijing",
/// "*analysts* at the embassy"): the place is not the speaker.
pub(crate) fn is_located_person(w: &str) -> bool {
    (is_dependent_head(w) && !is_spokes_head(w))
        || is_plural_people(w)
        || matches!(
            w,
            "diplomat"
                | "observer"
                | "observers"
                | "scholar"
                | "scholars"
                | "researcher"
                | "researchers"
                | "academic"
                | "academics"
                | "economist"
                | "economists"
        )
}

/// Title words that make a named person an official of the body named before
/// them ("U.S. Deputy *Secretary* of State Kurt Campbell", "NATO *spokesperson*
/// ...").
pub(crate) fn is_official_title(w: &str) -> bool {
    is_spokes_head(w)
        || matches!(
            w,
            "secretary"
                | "undersecretary"
                | "minister"
                | "ambassador"
                | "envoy"
                | "official"
                | "director"
                | "administrator"
                | "commander"
                | "admiral"
                | "general"
                | "coordinator"
        )
}

/// Capitalised title words that precede a name and are not part of it.
pub(crate) fn is_title(w: &str) -> bool {
    matches!(
        w,
        "president"
            | "prime"
            | "minister"
            | "foreign"
            | "defence"
            | "defense"
            | "vice"
            | "premier"
            | "chancellor"
            | "secretary"
            | "general"
            | "spokesman"
            | "spokesperson"
            | "spokeswoman"
            | "ambassador"
            | "envoy"
            | "senator"
            | "sen."
            | "rep."
            | "mr."
            | "mrs."
            | "ms."
            | "dr."
            | "mr"
            | "mrs"
            | "ms"
            | "dr"
            | "chinese"
            | "russian"
            | "american"
            | "ukrainian"
            | "european"
            | "senior"
            | "deputy"
            | "national"
            | "security"
            | "adviser"
            | "advisor"
            | "state"
            | "council"
            | "ministry"
            | "chief"
            | "leader"
            | "chairman"
            | "director"
            | "head"
            | "commander"
            | "gen."
            | "admiral"
            | "colonel"
            | "lieutenant"
            | "official"
            | "top"
            | "diplomat"
            | "former"
            | "ex"
            | "king"
            | "queen"
            | "pope"
            | "us"
            | "u.s."
            | "white"
            | "house"
            | "kremlin"
            | "interior"
            | "finance"
            | "trade"
            | "commerce"
            | "party"
            | "communist"
            | "politburo"
            | "member"
            | "agency"
            | "news"
            | "the"
            | "a"
            | "an"
            | "british"
            | "french"
            | "german"
            | "japanese"
            | "indian"
            | "nato"
            | "un"
            | "eu"
            | "g7"
            | "standing"
            | "committee"
    )
}

/// The side a nationality adjective or country possessive points to.
pub(crate) fn nationality_side(w: &str) -> Option<Side> {
    Some(match w {
        "chinese" | "china" | "beijing" => Side::China,
        "russian" | "russia" | "moscow" | "kremlin" => Side::Russia,
        "american" | "us" | "u.s." | "washington" | "western" | "g7" | "nato" | "european"
        | "eu" => Side::West,
        _ => return None,
    })
}

/// Adverbs and auxiliaries that may stand between a subject and its cue
/// ("Wang *also* told", "NATO members *have* branded").
pub(crate) fn is_skippable_adverb(w: &str) -> bool {
    matches!(
        w,
        "also"
            | "nonetheless"
            | "nevertheless"
            | "later"
            | "again"
            | "further"
            | "reportedly"
            | "previously"
            | "then"
            | "separately"
            | "repeatedly"
            | "earlier"
            | "once"
            | "has"
            | "have"
            | "had"
            | "was"
            | "were"
            | "is"
            | "are"
            | "will"
            | "would"
            | "could"
            | "may"
            | "might"
            | "recently"
            | "publicly"
            | "privately"
            | "openly"
            | "explicitly"
            | "firmly"
            | "bluntly"
            | "frequently"
            | "often"
            | "always"
            | "never"
            | "not"
            | "already"
            | "has also"
            | "subsequently"
            | "specifically"
            | "jointly"
            | "reiterated"
            | "had also"
            | "likewise"
            | "similarly"
            | "meanwhile"
            | "however"
            | "yesterday"
            | "today"
            | "tonight"
            | "now"
            | "just"
            | "even"
            | "clearly"
            | "strongly"
            | "directly"
            | "personally"
            | "angrily"
            | "sharply"
            | "pointedly"
    )
}

/// Words that begin a time expression ("on Tuesday", "last week").
pub(crate) fn is_time_word(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "week"
            | "month"
            | "year"
            | "weekend"
            | "morning"
            | "afternoon"
            | "evening"
            | "night"
            | "day"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

/// Prepositions and time words that start an adverbial after a cue ("said
/// *in* a statement", "said *on* Monday", "said *following* talks").
pub(crate) fn is_adverbial_start(w: &str) -> bool {
    matches!(
        w,
        "in" | "on"
            | "at"
            | "during"
            | "after"
            | "before"
            | "following"
            | "last"
            | "earlier"
            | "this"
            | "late"
            | "ahead"
            | "from"
            | "via"
            | "when"
            | "while"
            | "through"
            | "over"
            | "under"
            | "upon"
            | "later"
            | "yesterday"
            | "today"
            | "separately"
            | "again"
            | "also"
            | "publicly"
            | "repeatedly"
            | "previously"
            | "recently"
            | "once"
            | "afterwards"
            | "shortly"
            | "as"
            | "amid"
            | "with"
            | "without"
            | "by"
            | "according"
            | "quoted"
            | "citing"
            | "alongside"
            | "next"
    ) || is_time_word(w)
}

/// Words after a comma that end a reported clause.
pub(crate) fn ends_clause_after_comma(w: &str) -> bool {
    matches!(
        w,
        "according"
            | "saying"
            | "adding"
            | "noting"
            | "stressing"
            | "as"
            | "while"
            | "whereas"
            | "which"
            | "unlike"
            | "quoted"
            | "citing"
            | "warning"
            | "insisting"
            | "calling"
            | "urging"
            | "describing"
            | "arguing"
            | "explaining"
            | "commenting"
            | "referring"
            | "speaking"
            | "responding"
            | "reacting"
            | "although"
            | "though"
            | "despite"
            | "amid"
            | "before"
            | "after"
            | "even"
    )
}

/// Words after a quoted term that show it is not used as a modifier of a
/// following noun (`a "decisive enabler" of the war`).
pub(crate) fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "of" | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "with"
            | "by"
            | "from"
            | "and"
            | "or"
            | "but"
            | "as"
            | "is"
            | "was"
            | "are"
            | "were"
            | "that"
            | "which"
            | "who"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "against"
            | "over"
            | "under"
            | "between"
            | "into"
            | "than"
            | "be"
            | "been"
            | "being"
            | "it"
            | "its"
            | "he"
            | "she"
            | "they"
            | "this"
            | "these"
            | "said"
            | "says"
            | "told"
            | "could"
            | "should"
            | "can"
            | "may"
            | "might"
            | "must"
            | "not"
            | "if"
            | "when"
            | "while"
            | "after"
            | "before"
            | "since"
            | "because"
            | "so"
            | "then"
            | "there"
            | "here"
            | "about"
            | "during"
            | "without"
            | "within"
            | "across"
            | "toward"
            | "towards"
            | "through"
            | "upon"
            | "amid"
            | "did"
            | "does"
            | "do"
            | "also"
            | "only"
            | "even"
    )
}

/// Determiners and similar words before a quoted term used as a label
/// (`their "no limits" partnership`, `the so-called "..."`).
pub(crate) fn is_label_det(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "their"
            | "its"
            | "his"
            | "her"
            | "our"
            | "this"
            | "that"
            | "these"
            | "those"
            | "so-called"
            | "new"
            | "so"
    )
}
