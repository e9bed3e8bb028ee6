//! Where a reported clause ends: an ordered list of small stop rules.

use super::*;

/// A rule that ends a reported clause: given the clause's first token `j0`,
/// a token `j` inside it (outside quote marks) and the sentence end `t1`,
/// whether the clause ends before `j`.
pub(super) type ClauseStop = fn(&Doc, usize, usize, usize) -> bool;

/// The rules that end a reported clause, tried in order at each token.
pub(super) const CLAUSE_STOPS: &[ClauseStop] = &[
    stop_according_to,
    stop_coordinated_cue,
    stop_semicolon,
    stop_comma_frame,
    stop_comma_relative_cue,
    stop_comma_without,
    stop_comma_speech_event,
    stop_comma_apposition_one_of,
    stop_comma_new_attribution,
    stop_comma_postposed,
];

/// The end of a reported clause starting at `j0` (exclusive): the first
/// token where a rule of [`CLAUSE_STOPS`] fires, else `t1`.
pub(super) fn clause_end(doc: &Doc, j0: usize, t1: usize) -> usize {
    let mut j = j0;
    while j < t1 {
        if doc.toks[j].quote == 0 && CLAUSE_STOPS.iter().any(|stop| stop(doc, j0, j, t1)) {
            break;
        }
        j += 1;
    }
    j
}

/// `... according to X`: the relay phrase is not the speaker's.
pub(super) fn stop_according_to(doc: &Doc, j0: usize, j: usize, _t1: usize) -> bool {
    j > j0 && doc.is_word(j) && doc.w(j) == "according" && doc.w(j + 1) == "to"
}

/// A cue verb could start a coordinated verb phrase of the same subject.
pub(super) fn is_coordinated_cue(doc: &Doc, i: usize) -> bool {
    is_finite_cue(doc, i)
        || (doc.is_word(i)
            && doc.raw(i).starts_with(char::is_lowercase)
            && matches!(
                cue_class(doc.w(i)),
                Some(CueClass::Criticise | CueClass::Label)
            ))
}

/// `said A and added B`, `warned of A and accused B`: a second cue of the
/// same subject starts a clause of its own.
pub(super) fn stop_coordinated_cue(doc: &Doc, j0: usize, j: usize, _t1: usize) -> bool {
    j > j0
        && doc.is_word(j)
        && doc.w(j) == "and"
        && doc.is_word(j + 1)
        && is_coordinated_cue(doc, j + 1)
}

pub(super) fn stop_semicolon(doc: &Doc, _j0: usize, j: usize, _t1: usize) -> bool {
    doc.is_punct(j, ";")
}

/// `..., saying ...`, `..., according to ...`, `..., while ...`: the
/// reporter's frame after a comma (a soft break keeps quoted words after it
/// as the speaker's); `..., meanwhile stressing ...` with an adverb first.
pub(super) fn stop_comma_frame(doc: &Doc, _j0: usize, j: usize, t1: usize) -> bool {
    if !doc.is_punct(j, ",") {
        return false;
    }
    let mut k = j + 1;
    if doc.is_word(k) && matches!(doc.w(k), "meanwhile" | "also" | "further") {
        k += 1;
    }
    let w2 = doc.w(k);
    if !(doc.is_word(k) && ends_clause_after_comma(w2)) {
        return false;
    }
    let hard = matches!(w2, "according" | "quoted" | "citing") || cue_class(w2).is_some();
    let quote_follows = (k..t1).any(|x| doc.toks[x].quote != 0);
    hard || !quote_follows
}

/// `..., which said ...`, `..., who he said ...`, `..., and added ...`.
pub(super) fn stop_comma_relative_cue(doc: &Doc, _j0: usize, j: usize, _t1: usize) -> bool {
    if !doc.is_punct(j, ",") {
        return false;
    }
    let w2 = doc.w(j + 1);
    let k = j + 2;
    ((w2 == "which" || w2 == "who")
        && (is_finite_cue(doc, k) || is_subject_pronoun(doc.w(k)) && is_finite_cue(doc, k + 1)))
        || (w2 == "and" && is_coordinated_cue(doc, k))
}

/// `..., without elaborating`: the reporter's comment.
pub(super) fn stop_comma_without(doc: &Doc, _j0: usize, j: usize, _t1: usize) -> bool {
    doc.is_punct(j, ",")
        && doc.w(j + 1) == "without"
        && doc.is_word(j + 2)
        && doc.w(j + 2).ends_with("ing")
}

/// `..., in a phone call with X`, `..., during talks in Y`: the speech event
/// the reporter names, not the speaker's words.
pub(super) fn stop_comma_speech_event(doc: &Doc, _j0: usize, j: usize, _t1: usize) -> bool {
    if !doc.is_punct(j, ",") || !matches!(doc.w(j + 1), "in" | "during" | "at") {
        return false;
    }
    (j + 2..j + 6).any(|k| {
        doc.is_word(k)
            && (is_remarks_noun(doc.w(k))
                || matches!(
                    doc.w(k),
                    "call"
                        | "meeting"
                        | "talks"
                        | "conversation"
                        | "briefing"
                        | "conference"
                        | "visit"
                ))
    })
}

/// `..., one of several issues that ...`: the reporter's apposition.
pub(super) fn stop_comma_apposition_one_of(doc: &Doc, _j0: usize, j: usize, _t1: usize) -> bool {
    doc.is_punct(j, ",") && doc.w(j + 1) == "one" && doc.w(j + 2) == "of"
}

/// `A, the NATO chief said B`: a new attribution starts after the comma.
pub(super) fn stop_comma_new_attribution(doc: &Doc, _j0: usize, j: usize, t1: usize) -> bool {
    if !doc.is_punct(j, ",") {
        return false;
    }
    let Some(np) = np_after(doc, j + 1, t1) else {
        return false;
    };
    let mut m = np.t1;
    while doc.is_word(m) && is_skippable_adverb(doc.w(m)) {
        m += 1;
    }
    is_finite_cue(doc, m) && doc.w(m + 1) != "," && m + 1 < t1 && !doc.is_punct(m + 1, ".")
}

/// `A, Lavrov said.`: an attribution after the content ends it.
pub(super) fn stop_comma_postposed(doc: &Doc, _j0: usize, j: usize, t1: usize) -> bool {
    doc.is_punct(j, ",") && postposed_tail(doc, j + 1, t1)
}
