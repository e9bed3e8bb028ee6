//! Cue finding: the cue words of a sentence outside quotation marks
//! ("said", "told", "called for", "according to", "quoted ... as saying"),
//! the clause start, the main clause's subject, and the outlet or issuer
//! named around a cue.

use super::*;

pub(super) fn is_subject_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she" | "it" | "they" | "we" | "i")
}

/// First token of the clause: skips a dateline (`BEIJING, Sept 18 (AFP) –`).
pub(super) fn clause_start(doc: &Doc, t0: usize, t1: usize) -> usize {
    let first = doc.raw(t0);
    let caps = first.len() >= 3
        && first
            .chars()
            .all(|c| c.is_uppercase() || !c.is_alphabetic())
        && first.chars().any(char::is_alphabetic);
    if caps && doc.is_word(t0) {
        for i in t0 + 1..t1.min(t0 + 16) {
            if matches!(doc.raw(i), "–" | "—" | "-") && doc.toks[i].kind == TokKind::Punct {
                return i + 1;
            }
        }
    }
    t0
}

/// Whether a gazetteer phrase starts at token `i`.
pub(super) fn starts_match(doc: &Doc, i: usize) -> bool {
    doc.matches_in(i, doc.toks.len())
        .next()
        .is_some_and(|m| m.t0 == i)
}

/// The main clause's subject: skips a leading conjunction and a fronted
/// adverbial ("In March, ...", "Speaking to Wang, ...").
pub(super) fn main_subject(doc: &Doc, cs: usize, t1: usize) -> Option<Np> {
    let mut i = cs;
    if doc.is_word(i)
        && matches!(
            doc.w(i),
            "but" | "and" | "yet" | "so" | "still" | "meanwhile" | "however"
        )
    {
        i += 1;
        if doc.is_punct(i, ",") {
            i += 1;
        }
    }
    if doc.is_word(i) {
        let w = doc.w(i);
        // "Beijing hit back, saying ...": a name ending in "-ing" is no
        // fronted participle.
        let participle =
            w.ends_with("ing") && nationality_side(w).is_none() && !starts_match(doc, i);
        if is_adverbial_start(w) || participle || w == "asked" || w == "according" {
            if let Some(c) = (i..t1.min(i + 30)).find(|&k| doc.is_punct(k, ",")) {
                i = c + 1;
            }
        }
    }
    np_after(doc, i, t1)
}

/// "a statement released by X", "a readout from X": the body `X` that
/// issued a text named by `np`, and the token just past it.
pub(super) fn statement_source(doc: &Doc, np: Np, t1: usize) -> Option<(Np, usize)> {
    if !is_statement_head(doc.w(np.t1 - 1)) {
        return None;
    }
    let mut k = np.t1;
    if doc.is_word(k)
        && matches!(
            doc.w(k),
            "released" | "issued" | "published" | "posted" | "put" | "distributed"
        )
    {
        k += 1;
        if doc.w(k) == "out" {
            k += 1;
        }
    }
    if !matches!(doc.w(k), "by" | "from") || !doc.is_word(k) {
        return None;
    }
    let src = np_after(doc, k + 1, t1)?;
    Some((src, src.t1))
}

/// The outlet that carried the words, named right after the cue: "said in
/// remarks broadcast by the state RIA Novosti agency", "told ... in an
/// interview with China Central Television". Only a news outlet of the table
/// or a phrase headed by a media noun counts.
pub(super) fn channel_after(doc: &Doc, j0: usize, t1: usize) -> Option<Np> {
    let lim = t1.min(j0 + 8);
    let x = (j0..lim)
        .take_while(|&x| doc.toks[x].quote == 0 && doc.w(x) != "that")
        .find(|&x| doc.is_word(x) && doc.w(x) == "in")?;
    let mut k = x + 1;
    if doc.is_word(k) && is_det(doc.w(k)) {
        k += 1;
    }
    if !doc.is_word(k) || !is_remarks_noun(doc.w(k)) {
        return None;
    }
    k += 1;
    let np = if doc.w(k) == "with" {
        np_after(doc, k + 1, t1)?
    } else if is_carried_participle(doc.w(k)) && matches!(doc.w(k + 1), "by" | "on") {
        np_after(doc, k + 2, t1)?
    } else {
        return None;
    };
    let outlet = doc
        .matches_in(np.t0, np.t1)
        .any(|m| doc.gaz.entries[m.entry].kind == crate::speakers::SpeakerKind::Outlet);
    (outlet || is_media_head(doc.w(np.t1 - 1))).then_some(np)
}

pub(super) fn is_finite_cue(doc: &Doc, i: usize) -> bool {
    doc.is_word(i)
        && doc.raw(i).starts_with(char::is_lowercase)
        && matches!(
            cue_class(doc.w(i)),
            Some(
                CueClass::Say
                    | CueClass::Weak
                    | CueClass::Report
                    | CueClass::CallFor
                    | CueClass::Express
                    | CueClass::Pledge
            )
        )
}

/// Whether tokens from `k` are `NP cue [adverbial]` or `cue NP` up to the
/// end of the sentence or a comma: an attribution after its content.
pub(super) fn postposed_tail(doc: &Doc, k: usize, t1: usize) -> bool {
    let after_cue = |mut m: usize| -> bool {
        if doc.is_word(m) && takes_addressee(doc.w(m - 1)) {
            if let Some(np) = np_after(doc, m, t1) {
                m = np.t1;
            }
        } else if doc.is_word(m) && doc.w(m) == "to" {
            // "“...,” Xi said to Biden.": the addressee.
            if let Some(np) = np_after(doc, m + 1, t1).filter(|np| doc.is_cap(np.t0)) {
                m = np.t1;
            }
        }
        if m >= t1 || doc.is_punct(m, ",") || doc.is_punct(m, ".") {
            return true;
        }
        if doc.is_word(m) && is_adverbial_start(doc.w(m)) {
            let mut x = m;
            while x < t1 && !doc.is_punct(x, ",") {
                if doc.w(x) == "that" || doc.toks[x].quote != 0 {
                    return false;
                }
                x += 1;
            }
            return true;
        }
        false
    };
    if is_finite_cue(doc, k) {
        return np_after(doc, k + 1, t1).is_some_and(|np| after_cue(np.t1));
    }
    let Some(np) = np_after(doc, k, t1) else {
        return false;
    };
    let mut m = np.t1;
    while doc.is_word(m) && is_skippable_adverb(doc.w(m)) {
        m += 1;
    }
    is_finite_cue(doc, m) && after_cue(m + 1)
}

pub(super) fn find_cues(doc: &Doc, cs: usize, t1: usize) -> Vec<Attr> {
    let mut out = Vec::new();
    let mut i = cs;
    while i < t1 {
        if !doc.is_word(i) {
            i += 1;
            continue;
        }
        let w = doc.w(i);
        let lower_initial = doc.raw(i).starts_with(char::is_lowercase);
        let prev = if i > cs { doc.w(i - 1) } else { "" };
        if w == "according" && doc.w(i + 1) == "to" {
            out.push(Attr::new(i, i + 2, AKind::AccordingTo));
            i += 2;
            continue;
        }
        if i == cs {
            if let Some(class) = fronted_participle(doc, i) {
                out.push(Attr::new(i, i + 1, AKind::Verb(class)));
                i += 1;
                continue;
            }
        }
        if !lower_initial {
            i += 1;
            continue;
        }
        if matches!(w, "quoted" | "cited" | "quotes" | "cites") {
            let found = (i + 1..t1.min(i + 14)).find(|&j| {
                doc.w(j) == "as"
                    && matches!(doc.w(j + 1), "saying" | "telling" | "having" | "describing")
            });
            if let Some(j) = found {
                let passive = matches!(prev, "was" | "were" | "is" | "been" | "being");
                let mut a = Attr::new(i, j + 2, AKind::QuotedAs { passive });
                a.c_last = j + 2;
                out.push(a);
                i = j + 2;
                continue;
            }
            if matches!(doc.w(i + 1), "in" | "by") {
                out.push(Attr::new(i, i + 2, AKind::ViaMark));
                i += 2;
                continue;
            }
            i += 1;
            continue;
        }
        let passive = matches!(
            prev,
            "was" | "were" | "been" | "being" | "is" | "are" | "be"
        );
        if passive || (prev == "to" && !went_on_to(doc, cs, i)) {
            i += 1;
            continue;
        }
        if matches!(w, "called" | "calls" | "call" | "calling")
            && matches!(doc.w(i + 1), "for" | "on")
        {
            let class = if w == "calling" {
                CueClass::Participle
            } else {
                CueClass::CallFor
            };
            out.push(Attr::new(i, i + 2, AKind::Verb(class)));
            i += 2;
            continue;
        }
        // "the communique read": a text's wording.
        if matches!(w, "read" | "reads") && i > cs && is_statement_head(prev) {
            out.push(Attr::new(i, i + 1, AKind::Verb(CueClass::Say)));
            i += 1;
            continue;
        }
        if matches!(w, "pointed" | "points") && doc.w(i + 1) == "out" && doc.is_word(i + 1) {
            out.push(Attr::new(i, i + 2, AKind::Verb(CueClass::Say)));
            i += 2;
            continue;
        }
        if let Some(class) = cue_class(w) {
            let base = matches!(w, "say" | "tell" | "call");
            let modal = matches!(
                prev,
                "will"
                    | "would"
                    | "could"
                    | "should"
                    | "can"
                    | "may"
                    | "might"
                    | "did"
                    | "not"
                    | "does"
                    | "do"
                    | "must"
            );
            if !(base && modal) {
                out.push(Attr::new(i, i + 1, AKind::Verb(class)));
            }
        }
        i += 1;
    }
    out
}

/// `Calling Y “...”, X warned`, `Accusing Y of Z, X said`: a participle of
/// saying or labelling that opens the sentence; its subject is the main
/// clause's.
pub(super) fn fronted_participle(doc: &Doc, i: usize) -> Option<CueClass> {
    let w = doc.w(i);
    if !doc.is_word(i) || !w.ends_with("ing") {
        return None;
    }
    match cue_class(w) {
        Some(CueClass::Participle) => Some(CueClass::Participle),
        _ if is_label_participle(w) && !matches!(doc.w(i + 1), "for" | "on") => {
            Some(CueClass::Label)
        }
        _ => None,
    }
}

/// Whether the cue at `i` follows `went on to` / `goes on to` (`X went on
/// to call Y “...”`): the cue is the subject's own.
pub(super) fn went_on_to(doc: &Doc, cs: usize, i: usize) -> bool {
    i >= cs + 3
        && doc.w(i - 1) == "to"
        && doc.w(i - 2) == "on"
        && matches!(doc.w(i - 3), "went" | "goes" | "go")
}
