//! Attribution: cue finding, reported-content spans, and the ordered sieves
//! that give each quotation its speaker (stage one: quote -> mention).
//!
//! Per sentence, every cue outside quotation marks ("said", "told",
//! "called for", "according to", "quoted ... as saying", ...) gets a subject
//! mention (before it, across adverbs and appositives; after it when
//! inverted; the main clause's subject for participles and coordinated verbs)
//! and either content after it (`Wang said (that) CLAUSE`) or, when nothing
//! follows, content before it (`"...," Wang said` / `CLAUSE, the ministry
//! said`). A cue inside another cue's content is dropped, unless the outer
//! one only relays (`according to Xinhua`, `Tass reported`), in which case the
//! outer one becomes the inner one's `via`.
//!
//! Quotations then take, in order: the cue whose content is exactly the
//! quotation (direct), the innermost cue whose content contains it
//! (partial), and for a sentence-initial quotation with no cue of its own: a
//! colon introduction in the previous sentence, an attribution in the next
//! sentence, then the speaker of the previous quotation in a run of
//! quotations. A quotation no sieve attributes is left without a speaker; a
//! short quoted term used as a label, or outside any reported speech, is a
//! scare quote.

use super::doc::Doc;
use super::lexicon::*;
use super::np::{np_after, np_before, resolve, Cat, History, Np, Seen, Who};
use super::tokens::TokKind;
use super::{Quote, QuoteKind, Sieve, Span};

mod clause;
mod fragments;
mod utterance;

use clause::*;
use fragments::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AKind {
    Verb(CueClass),
    AccordingTo,
    QuotedAs {
        passive: bool,
    },
    /// "quoted in/by X" after an attribution: only a channel.
    ViaMark,
}

#[derive(Debug, Clone)]
struct Attr {
    c0: usize,
    c1: usize,
    /// Last token of a discontinuous cue ("quoted ... as saying").
    c_last: usize,
    kind: AKind,
    subj: Option<Np>,
    inverted: bool,
    via_np: Option<Np>,
    /// Token range of the content after the cue.
    comp: Option<(usize, usize)>,
    comp_direct: Option<usize>,
    /// Token range of the content before the attribution.
    post: Option<(usize, usize)>,
    post_direct: Option<usize>,
    colon: bool,
    keep: bool,
    relay: bool,
    who: Option<Who>,
    via: Option<String>,
}

impl Attr {
    fn new(c0: usize, c1: usize, kind: AKind) -> Attr {
        Attr {
            c0,
            c1,
            c_last: c1,
            kind,
            subj: None,
            inverted: false,
            via_np: None,
            comp: None,
            comp_direct: None,
            post: None,
            post_direct: None,
            colon: false,
            keep: true,
            relay: false,
            who: None,
            via: None,
        }
    }

    fn content(&self) -> Option<(usize, usize)> {
        self.comp.or(self.post)
    }

    fn sieve(&self) -> Sieve {
        match self.kind {
            AKind::AccordingTo => Sieve::AccordingTo,
            AKind::QuotedAs { .. } => Sieve::QuotedAs,
            _ if self.post.is_some() || self.post_direct.is_some() => Sieve::CueAfter,
            _ => Sieve::CueBefore,
        }
    }
}

fn is_subject_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she" | "it" | "they" | "we" | "i")
}

/// First token of the clause: skips a dateline (`BEIJING, Sept 18 (AFP) –`).
fn clause_start(doc: &Doc, t0: usize, t1: usize) -> usize {
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
fn starts_match(doc: &Doc, i: usize) -> bool {
    doc.matches_in(i, doc.toks.len())
        .next()
        .is_some_and(|m| m.t0 == i)
}

/// The main clause's subject: skips a leading conjunction and a fronted
/// adverbial ("In March, ...", "Speaking to Wang, ...").
fn main_subject(doc: &Doc, cs: usize, t1: usize) -> Option<Np> {
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
fn statement_source(doc: &Doc, np: Np, t1: usize) -> Option<(Np, usize)> {
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
fn channel_after(doc: &Doc, j0: usize, t1: usize) -> Option<Np> {
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

fn is_finite_cue(doc: &Doc, i: usize) -> bool {
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
fn postposed_tail(doc: &Doc, k: usize, t1: usize) -> bool {
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

fn find_cues(doc: &Doc, cs: usize, t1: usize) -> Vec<Attr> {
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
        if passive || prev == "to" {
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

/// Subject of a verb cue; sets `inverted` when it follows the cue.
fn find_subject(doc: &Doc, a: &mut Attr, cs: usize, t1: usize, earlier: &[Attr]) {
    let i = a.c0;
    let participle = matches!(a.kind, AKind::Verb(CueClass::Participle));
    if participle {
        if let Some(np) = np_before(doc, cs, i).filter(|np| np.t1 == i) {
            a.subj = Some(np);
        } else if let Some(p) = earlier
            .iter()
            .rev()
            .find(|p| p.subj.is_some() && p.kind != AKind::ViaMark)
        {
            a.subj = p.subj;
        } else {
            a.subj = main_subject(doc, cs, t1);
        }
        return;
    }
    let mut k = i;
    loop {
        if k > cs && doc.is_word(k - 1) && is_skippable_adverb(doc.w(k - 1)) {
            k -= 1;
            continue;
        }
        if k >= cs + 2
            && doc.is_word(k - 1)
            && is_time_word(doc.w(k - 1))
            && matches!(
                doc.w(k - 2),
                "on" | "last" | "this" | "next" | "in" | "early" | "late"
            )
        {
            k -= 2;
            continue;
        }
        break;
    }
    if k > cs && doc.is_word(k - 1) {
        match doc.w(k - 1) {
            "and" | "but" | "or" => {
                if k - 1 > cs {
                    a.subj = main_subject(doc, cs, t1);
                }
                return;
            }
            "which" | "that" => return,
            "who" => {
                let e = if doc.is_punct(k - 2, ",") {
                    k - 2
                } else {
                    k - 1
                };
                a.subj = np_before(doc, cs, e);
                return;
            }
            _ => {}
        }
    }
    if k > cs && doc.is_punct(k - 1, ",") {
        // An appositive or relative clause between commas?
        if k >= 2 {
            let m = (cs..k - 1).rev().find(|&m| doc.is_punct(m, ","));
            if let Some(m) = m {
                let first = doc.w(m + 1);
                let appositive = m > cs
                    && m + 1 < k - 1
                    && doc.is_word(m + 1)
                    && (is_det(first)
                        || matches!(first, "who" | "which")
                        || doc.raw(m + 1).starts_with(char::is_lowercase));
                if appositive {
                    if let Some(np) = np_before(doc, cs, m) {
                        a.subj = Some(np);
                        return;
                    }
                }
                // "The ministry's spokeswoman, Maria Zakharova, said": the
                // name in apposition.
                let name = m > cs
                    && m + 1 < k - 1
                    && k - 1 - (m + 1) <= 4
                    && (m + 1..k - 1).all(|x| doc.is_word(x) && doc.is_cap(x))
                    && np_before(doc, cs, m).is_some_and(|np| np.t1 == m);
                if name {
                    a.subj = Some(Np {
                        t0: m + 1,
                        t1: k - 1,
                    });
                    return;
                }
            }
        }
    } else if let Some(np) = np_before(doc, cs, k) {
        // The object of a preposition is no subject: "said in a statement
        // posted on its website" has no second speaker.
        // But the agent of "a statement released by the ministry said" is.
        let p = np.t0.saturating_sub(1);
        let agent = matches!(doc.w(p), "by" | "from")
            && p > cs
            && doc.is_word(p - 1)
            && doc.w(p - 1).ends_with("ed");
        let governed = np.t0 > cs
            && doc.is_word(p)
            && doc.raw(p).starts_with(char::is_lowercase)
            && is_preposition(doc.w(p))
            && !agent;
        if doc.toks[np.t1 - 1].kind != TokKind::Poss && !governed {
            a.subj = Some(np);
        }
        return;
    }
    // Inverted: `"...," said Wang` / `CLAUSE, said the ministry`.
    if i > cs && (doc.is_punct(i - 1, ",") || doc.closing_at(i - 1).is_some()) {
        if let Some(np) = np_after(doc, a.c1, t1) {
            a.subj = Some(np);
            a.inverted = true;
        }
    }
}

/// End of an audience or forum addressed by a cue such as "told": a few
/// words ending in an audience noun ("a regular news briefing", "Russia's
/// state television"), then any name in apposition ("broadcaster CCTV").
fn audience_end(doc: &Doc, j: usize, t1: usize) -> Option<usize> {
    let mut k = j;
    if doc.is_word(k) && is_det(doc.w(k)) {
        k += 1;
    }
    let first = k;
    let lim = (k + 6).min(t1);
    let mut best = None;
    while k < lim {
        let t = &doc.toks[k];
        if t.quote != 0 {
            break;
        }
        if t.kind == TokKind::Poss {
            k += 1;
            continue;
        }
        let w = doc.w(k);
        if !doc.is_word(k)
            || w == "that"
            || is_adverbial_start(w)
            || (is_connector(w) && !(w == "of" && k > first))
            || (k > first && (is_det(w) || pronoun(w).is_some()))
        {
            break;
        }
        if is_audience_head(w) {
            best = Some(k + 1);
        }
        k += 1;
    }
    let e = best?;
    // A name in apposition, unless it is the subject of a reported clause
    // ("told reporters Beijing would ...").
    let mut n = e;
    while n < t1 && doc.is_cap(n) && !is_adverbial_start(doc.w(n)) {
        n += 1;
    }
    let apposition =
        n > e && (n >= t1 || !doc.is_word(n) || doc.w(n) == "that" || is_adverbial_start(doc.w(n)));
    Some(if apposition { n } else { e })
}

/// Reported content after the cue. Returns whether anything other than an
/// adverbial follows the cue (only then can the content come before it).
fn find_complement(doc: &Doc, a: &mut Attr, t1: usize) -> bool {
    let cw = doc.w(a.c_last - 1).to_string();
    let class = match a.kind {
        AKind::Verb(c) => c,
        _ => CueClass::Say,
    };
    let mut j = if a.inverted {
        a.subj.map_or(a.c1, |np| np.t1)
    } else {
        a.c1
    };
    let mut addressee = false;
    if takes_addressee(&cw)
        && class != CueClass::Criticise
        && doc.is_word(j)
        && doc.w(j) != "that"
        && !is_adverbial_start(doc.w(j))
    {
        // "told reporters in a conference call that ...": the addressee
        // ends before a place or time adverbial.
        let np_end = np_after(doc, j, t1).map(|np| {
            (j + 1..np.t1)
                .find(|&x| matches!(doc.w(x), "in" | "at" | "on" | "during"))
                .unwrap_or(np.t1)
        });
        let end = np_end.max(audience_end(doc, j, t1));
        if let Some(e) = end {
            j = e;
            addressee = true;
        }
    }
    // "Patrushev said, according to Tass, that ...": the relay phrase is
    // parenthetical.
    if doc.is_punct(j, ",") && doc.w(j + 1) == "according" && doc.w(j + 2) == "to" {
        if let Some(c) = (j + 3..t1.min(j + 12)).find(|&x| doc.is_punct(x, ",")) {
            if doc.w(c + 1) == "that" && doc.is_word(c + 1) {
                j = c + 1;
            }
        }
    }
    if (doc.is_punct(j, ":") || doc.is_punct(j, ",")) && j + 1 < t1 {
        if let Some(q) = doc.opening_at(j + 1) {
            let qq = &doc.quotes[q];
            let end = doc.tok_at(qq.close.max(qq.end));
            a.comp_direct = Some(q);
            a.comp = Some((j + 1, end.max(j + 2).min(t1)));
            return true;
        }
    }
    if doc.is_punct(j, ":") && j + 1 >= t1 {
        a.colon = true;
        return false;
    }
    if j >= t1 {
        return false;
    }
    let quote_first = doc.opening_at(j).is_some();
    if !quote_first && (!doc.is_word(j)) {
        return !(doc.is_punct(j, ",")
            || doc.is_punct(j, ".")
            || doc.is_punct(j, ";")
            || doc.is_punct(j, "–")
            || doc.is_punct(j, "—"));
    }
    let w = doc.w(j);
    let start;
    if quote_first {
        start = j;
    } else if w == "that" {
        start = j + 1;
    } else if is_adverbial_start(w) && class != CueClass::CallFor {
        let mut x = j;
        let mut found = None;
        while x < t1 && !doc.is_punct(x, ",") && !doc.is_punct(x, ";") {
            if doc.toks[x].quote == 0 && doc.w(x) == "that" && doc.is_word(x) {
                found = Some(x + 1);
                break;
            }
            if doc.opening_at(x).is_some() {
                break;
            }
            // "Lavrov said on Tuesday: “...”", "told a briefing in Moscow:".
            if doc.is_punct(x, ":") && doc.toks[x].quote == 0 {
                if let Some(q) = doc.opening_at(x + 1).filter(|_| x + 1 < t1) {
                    let qq = &doc.quotes[q];
                    let end = doc.tok_at(qq.close.max(qq.end));
                    a.comp_direct = Some(q);
                    a.comp = Some((x + 1, end.max(x + 2).min(t1)));
                    return true;
                }
                if x + 1 >= t1 {
                    a.colon = true;
                }
                return false;
            }
            x += 1;
        }
        match found {
            Some(s) => start = s,
            None => return false,
        }
    } else {
        start = j;
    }
    let mut start = start;
    // "accused of doing X", "warned of X": the content follows "of".
    if doc.w(start) == "of"
        && doc.is_word(start)
        && (class == CueClass::Criticise || cw.starts_with("warn"))
    {
        start += 1;
    }
    let via_that = start > j;
    let first = doc.w(start);
    // "“...,” Xi said to Biden, ...": an addressee and no content after it.
    if first == "to" && !via_that && doc.is_word(start) {
        let bare = np_after(doc, start + 1, t1).is_some_and(|np| {
            doc.is_cap(np.t0)
                && (np.t1 >= t1 || doc.is_punct(np.t1, ",") || doc.is_punct(np.t1, "."))
        });
        if bare {
            return false;
        }
    }
    let ok = match class {
        CueClass::Weak => via_that || quote_first,
        CueClass::Pledge => w == "to" || via_that,
        CueClass::Express => via_that || is_express_object(first),
        // "what Moscow calls a “...”": the writer's label, not speech.
        CueClass::Label if (a.c0.saturating_sub(3)..a.c0).any(|x| doc.w(x) == "what") => false,
        CueClass::Label => {
            let end = clause_end(doc, start, t1);
            if needs_as_label(&cw) {
                // "dismissed the statement as “nothing new”".
                (start..end)
                    .any(|x| doc.w(x) == "as" && doc.is_word(x) && doc.opening_at(x + 1).is_some())
            } else {
                cw == "branded" || cw == "dubbed" || (start..end).any(|x| doc.toks[x].quote != 0)
            }
        }
        CueClass::Say | CueClass::Participle => {
            let plain = matches!(
                cw.as_str(),
                "said"
                    | "says"
                    | "say"
                    | "told"
                    | "tells"
                    | "added"
                    | "adds"
                    | "wrote"
                    | "writes"
                    | "saying"
                    | "adding"
                    | "telling"
            );
            let to_ok = first == "to" && addressee;
            // "warned China over its support": a topic, not a clause.
            let topic = addressee
                && matches!(cw.as_str(), "warned" | "warns" | "warning")
                && !via_that
                && !quote_first
                && matches!(first, "over" | "about" | "of" | "against" | "on" | "for");
            if topic {
                return true;
            }
            !(matches!(first, "about" | "to" | "so" | "nothing" | "little") && !via_that && !to_ok)
                && (plain || via_that || !matches!(first, "a" | "an"))
        }
        CueClass::CallFor | CueClass::Report | CueClass::Criticise => true,
    };
    if !ok {
        return true;
    }
    let mut end = clause_end(doc, start, t1);
    if class == CueClass::Express {
        // The content is a noun phrase ("expressed concern over X"); a
        // non-restrictive relative clause after it is the reporter's gloss.
        if let Some(c) = (start..end).find(|&x| {
            doc.is_punct(x, ",") && matches!(doc.w(x + 1), "where" | "which" | "who" | "whose")
        }) {
            end = c;
        }
    }
    let end = trim_end(doc, start, end);
    let words = (start..end)
        .filter(|&x| doc.toks[x].kind == TokKind::Word)
        .count();
    if end > start && (words >= 2 || (start..end).any(|x| doc.toks[x].quote != 0)) {
        a.comp = Some((start, end));
    }
    true
}

/// Drops trailing punctuation that is not a closing quote mark.
fn trim_end(doc: &Doc, start: usize, mut end: usize) -> usize {
    while end > start {
        let t = &doc.toks[end - 1];
        if t.kind == TokKind::Punct && t.quote == 0 && doc.closing_at(end - 1).is_none() {
            end -= 1;
        } else {
            break;
        }
    }
    end
}

/// Content before a cue that has none after it.
fn find_postposed(doc: &Doc, a: &mut Attr, cs: usize) {
    let lead = match (a.inverted, a.subj) {
        (false, Some(np)) => np.t0,
        _ => a.c0,
    };
    let lead = match a.kind {
        AKind::QuotedAs { passive: true } => a.subj.map_or(lead, |np| np.t0),
        AKind::AccordingTo => a.c0,
        _ => lead,
    };
    if lead <= cs {
        return;
    }
    let p = lead - 1;
    let end = if doc.is_punct(p, ",") || doc.is_punct(p, "–") || doc.is_punct(p, "—") {
        p
    } else if doc.closing_at(p).is_some() {
        p + 1
    } else {
        return;
    };
    if end <= cs {
        return;
    }
    if let (Some(q), Some(qc)) = (doc.opening_at(cs), doc.closing_at(end - 1)) {
        if q == qc {
            a.post_direct = Some(q);
            a.post = None;
            return;
        }
    }
    let end = trim_end(doc, cs, end);
    if end > cs {
        a.post = Some((cs, end));
    }
}

/// A parenthetical attribution inside its content: "But behind the warm
/// words, diplomats say, Beijing remains wary" (the content is the clause
/// after it) or "The talks, officials said, went well" (the whole sentence).
fn parenthetical(doc: &Doc, a: &mut Attr, cs: usize, t1: usize) {
    let Some(np) = a.subj else { return };
    if a.inverted || a.post.is_none() || np.t0 <= cs + 1 || !doc.is_punct(np.t0 - 1, ",") {
        return;
    }
    let Some(m) = (a.c_last.max(a.c1)..t1.min(a.c1 + 4)).find(|&m| doc.is_punct(m, ",")) else {
        return;
    };
    // Only adverbials between the cue and the comma ("say privately,").
    let adverbial = |x: usize| {
        let w = doc.w(x);
        doc.is_word(x) && (is_skippable_adverb(w) || is_adverbial_start(w) || is_time_word(w))
    };
    if !(a.c1..m).all(adverbial) {
        return;
    }
    let w = doc.w(m + 1);
    if !doc.is_word(m + 1)
        || cue_class(w).is_some()
        || ends_clause_after_comma(w)
        || matches!(
            w,
            "according" | "citing" | "quoted" | "which" | "who" | "and" | "but" | "while"
        )
    {
        return;
    }
    let end = trim_end(doc, m + 1, clause_end(doc, m + 1, t1));
    let words = (m + 1..end).filter(|&x| doc.is_word(x)).count();
    if words < 3 {
        return;
    }
    let lead = doc.w(cs);
    let fronted = doc.is_word(cs)
        && (is_adverbial_start(lead) || matches!(lead, "but" | "and" | "yet" | "so" | "still"));
    if fronted && np.t0 - 1 <= cs + 10 {
        a.post = None;
        a.comp = Some((m + 1, end));
    } else if np_after(doc, cs, t1).is_some_and(|s| s.t1 == np.t0 - 1) {
        a.post = Some((cs, end));
    }
}

/// Everything the sieves produce for one document.
pub(crate) struct Output {
    pub quotes: Vec<Quote>,
}

struct TopRec {
    quote: Option<Quote>,
    utterance: usize,
    attributed_sent: Option<usize>,
}

fn span_of(doc: &Doc, t0: usize, t1: usize) -> (usize, usize) {
    (doc.toks[t0].start, doc.toks[t1 - 1].end)
}

/// A cue's text and span.
type CueText = (String, Span);

fn cue_text(doc: &Doc, a: &Attr) -> CueText {
    let (s, e) = span_of(doc, a.c0, a.c_last.max(a.c1));
    let text = match a.kind {
        AKind::QuotedAs { .. } if a.c_last > a.c0 + 3 => {
            let last2 = span_of(doc, a.c_last - 2, a.c_last);
            format!("{} ... {}", doc.raw(a.c0), &doc.text[last2.0..last2.1])
        }
        _ => doc.text[s..e].to_string(),
    };
    (text, Span { start: s, end: e })
}

fn via_string(doc: &Doc, np: Np, hist: &History, para: usize) -> String {
    let w = resolve(doc, np, hist, para);
    match w.id {
        Some(id) if id != "other" => id,
        _ => doc.text[w.start..w.end].to_string(),
    }
}

fn quote_from(doc: &Doc, qi: usize, kind: QuoteKind, utterance: usize) -> Quote {
    let q = &doc.quotes[qi];
    Quote {
        text: doc.text[q.start..q.end].to_string(),
        start: q.start,
        end: q.end,
        kind,
        speaker: None,
        speaker_text: None,
        speaker_span: None,
        cue: None,
        cue_span: None,
        via: None,
        utterance,
        sieve: None,
    }
}

fn attribute(
    quote: &mut Quote,
    doc: &Doc,
    who: &Who,
    cue: Option<(String, Span)>,
    via: Option<String>,
    sieve: Sieve,
) {
    quote.speaker = who.id.clone();
    quote.speaker_text = Some(doc.text[who.start..who.end].to_string());
    quote.speaker_span = Some(Span {
        start: who.start,
        end: who.end,
    });
    if let Some((c, s)) = cue {
        quote.cue = Some(c);
        quote.cue_span = Some(s);
    }
    quote.via = via;
    quote.sieve = Some(sieve);
}

/// The attribution a sentence gives right after a quotation ("Wang made the
/// remarks ...", "Lavrov said on Tuesday."), for the next-sentence sieve.
fn next_sentence_np(doc: &Doc, si: usize) -> Option<(Np, Option<(usize, usize)>)> {
    let s = doc.sents.get(si)?;
    let cs = clause_start(doc, s.t0, s.t1);
    if doc.opening_at(cs).is_some() {
        return None;
    }
    let np = np_after(doc, cs, s.t1)?;
    let mut k = np.t1;
    while doc.is_word(k) && is_skippable_adverb(doc.w(k)) && !matches!(doc.w(k), "was" | "were") {
        k += 1;
    }
    let w = doc.w(k);
    if matches!(w, "made" | "gave" | "delivered")
        && (k + 1..(k + 4).min(s.t1))
            .any(|x| matches!(doc.w(x), "remarks" | "comments" | "statement" | "speech"))
    {
        return Some((np, Some((k, k + 1))));
    }
    if matches!(w, "was" | "were") && doc.w(k + 1) == "speaking" {
        return Some((np, Some((k + 1, k + 2))));
    }
    if is_finite_cue(doc, k) {
        let m = k + 1;
        let bare = m >= s.t1
            || doc.is_punct(m, ".")
            || doc.is_word(m)
                && is_adverbial_start(doc.w(m))
                && !(m..s.t1).any(|x| doc.w(x) == "that");
        if bare {
            return Some((np, Some((k, k + 1))));
        }
    }
    None
}

/// `NAME: “...”` with nothing else before the quotation in its sentence (a
/// headline or a transcript line): the name, when the speaker table knows it
/// (so that `Update: “...”` names nobody).
fn name_colon(doc: &Doc, cs: usize, qi: usize) -> Option<Np> {
    let o = doc.tok_at(doc.quotes[qi].open);
    if o < cs + 2 || !doc.is_punct(o - 1, ":") {
        return None;
    }
    let np = np_after(doc, cs, o - 1)?;
    let known = doc.matches_in(np.t0, np.t1).next().is_some();
    (np.t0 == cs && np.t1 == o - 1 && doc.is_cap(cs) && known).then_some(np)
}

/// Runs every sieve over a prepared document.
pub(crate) fn run(doc: &Doc) -> Output {
    let mut hist = History::default();
    let mut tops: Vec<TopRec> = (0..doc.n_top)
        .map(|i| TopRec {
            quote: None,
            utterance: i,
            attributed_sent: None,
        })
        .collect();
    let mut indirect: Vec<Quote> = Vec::new();
    // (sentence, speaker, cue) of a colon introduction ending a sentence.
    let mut colon_who: Option<(usize, Who, Option<CueText>)> = None;
    // (sentence, who, via) of the last attributed quotation.
    let mut last: Option<(usize, Who, Option<String>)> = None;
    let mut qcursor = 0;

    for si in 0..doc.sents.len() {
        let s = doc.sents[si];
        let (t0, t1) = (s.t0, s.t1);
        if t0 >= t1 {
            continue;
        }
        let cs = clause_start(doc, t0, t1);
        let mut attrs = find_cues(doc, cs, t1);
        let mut pending_via: Option<Np> = None;
        for k in 0..attrs.len() {
            let (before, rest) = attrs.split_at_mut(k);
            let a = &mut rest[0];
            match a.kind {
                AKind::AccordingTo => {
                    a.subj = np_after(doc, a.c1, t1);
                    // "according to a readout released by the ministry": the
                    // ministry speaks; the phrase ends after it.
                    let mut np_end = a.subj.map_or(a.c1, |np| np.t1);
                    if let Some((src, end)) = a.subj.and_then(|np| statement_source(doc, np, t1)) {
                        a.subj = Some(src);
                        np_end = end;
                    }
                    if a.subj.is_some() {
                        if a.c0 == cs || (a.c0 == cs + 1 && doc.is_word(cs)) {
                            if doc.is_punct(np_end, ",") {
                                let start = np_end + 1;
                                let end = trim_end(doc, start, clause_end(doc, start, t1));
                                if end > start {
                                    a.comp = Some((start, end));
                                }
                            }
                        } else if !interrupted_according(doc, a, cs, np_end, t1) {
                            find_postposed(doc, a, cs);
                        }
                    }
                    a.relay = true;
                }
                AKind::QuotedAs { passive } => {
                    if passive {
                        a.subj = np_before(doc, cs, a.c0 - 1);
                        if doc.w(a.c0 + 1) == "by" {
                            a.via_np = np_after(doc, a.c0 + 2, a.c_last);
                        } else if doc.w(a.c_last) == "by" && doc.is_word(a.c_last) {
                            // `"...," Xi was quoted as saying by CCTV.`
                            a.via_np = np_after(doc, a.c_last + 1, t1);
                        }
                    } else {
                        a.via_np = np_before(doc, cs, a.c0);
                        let as_tok = a.c_last - 2;
                        a.subj = np_after(doc, a.c0 + 1, as_tok);
                    }
                    let follows = find_complement(doc, a, t1);
                    if a.comp.is_none() && !follows {
                        let lead_np = if passive { a.subj } else { a.via_np };
                        let saved = a.subj;
                        a.subj = lead_np;
                        find_postposed(doc, a, cs);
                        a.subj = saved;
                    }
                }
                AKind::ViaMark => {
                    let np = np_after(doc, a.c1, t1);
                    if let Some(prev) = before
                        .iter_mut()
                        .rev()
                        .find(|p| p.keep && p.kind != AKind::ViaMark)
                    {
                        if prev.via_np.is_none() {
                            prev.via_np = np;
                        }
                    } else {
                        // "Lavrov, quoted by Tass, said ...": the next cue's.
                        pending_via = np;
                    }
                    a.keep = false;
                }
                AKind::Verb(class) => {
                    if let Some(v) = pending_via.take() {
                        a.via_np = Some(v);
                    }
                    find_subject(doc, a, cs, t1, before);
                    if let Some(src) = a.subj.and_then(|np| statement_issuer(doc, np, cs)) {
                        a.subj = Some(src);
                    }
                    if a.subj.is_none() {
                        a.keep = false;
                        continue;
                    }
                    let follows = find_complement(doc, a, t1) || fronted_as(doc, a, cs, t1);
                    let continuation = a.comp_direct.is_some();
                    // A colon introduction ("In a statement, the ministry
                    // said:") has its content in the next sentence.
                    if ((a.comp.is_none() && !follows) || continuation) && !a.colon {
                        find_postposed(doc, a, cs);
                        parenthetical(doc, a, cs, t1);
                    }
                    if class == CueClass::Report {
                        a.relay = true;
                    }
                    if a.via_np.is_none() {
                        let from = match (a.inverted, a.subj) {
                            (true, Some(np)) => np.t1,
                            _ => a.c1,
                        };
                        a.via_np = channel_after(doc, from, t1);
                    }
                }
            }
            if a.keep
                && a.comp.is_none()
                && a.post.is_none()
                && a.post_direct.is_none()
                && a.comp_direct.is_none()
                && !a.colon
            {
                a.keep = false;
            }
        }
        // An attribution whose subject is a news outlet relays.
        for a in attrs.iter_mut() {
            if let Some(np) = a.subj {
                if doc
                    .matches_in(np.t0, np.t1)
                    .any(|m| doc.gaz.entries[m.entry].kind == crate::speakers::SpeakerKind::Outlet)
                {
                    a.relay = true;
                }
            }
        }
        // Nesting: a cue inside another's content.
        let n = attrs.len();
        doc.count_work(n * n);
        for x in 0..n {
            for y in 0..n {
                if x == y || !attrs[x].keep || !attrs[y].keep {
                    continue;
                }
                let Some((c0, c1)) = attrs[x].content() else {
                    continue;
                };
                let inner_cue = attrs[y].c0;
                if c0 <= inner_cue && inner_cue < c1 {
                    let inner_full = attrs[y].subj.is_some()
                        && (attrs[y].comp.is_some()
                            || attrs[y].post_direct.is_some()
                            || attrs[y].comp_direct.is_some()
                            || attrs[y].post.is_some());
                    let relays_person = attrs[x]
                        .subj
                        .zip(attrs[y].subj)
                        .is_some_and(|(o, i)| speaks_for_person(doc, o, i));
                    if (attrs[x].relay || relays_person) && inner_full {
                        attrs[x].keep = false;
                        let via_np = attrs[x].subj;
                        if attrs[y].via_np.is_none() {
                            attrs[y].via_np = via_np;
                        }
                    } else if attrs[y].post.is_some() && attrs[x].post.is_some() {
                        // Two postposed attributions: the later one is outer.
                        attrs[y].keep = false;
                    } else {
                        attrs[y].keep = false;
                    }
                }
            }
        }
        // Resolve in cue order.
        for a in attrs.iter_mut().filter(|a| a.keep) {
            let Some(np) = a.subj else { continue };
            let who = resolve(doc, np, &hist, s.para);
            a.via = a.via_np.map(|v| via_string(doc, v, &hist, s.para));
            if who.id.is_some() {
                hist.push(Seen {
                    who: who.clone(),
                    para: s.para,
                });
            }
            a.who = Some(who);
            if a.colon {
                colon_who = Some((
                    si,
                    a.who.clone().unwrap_or_else(unreachable_who),
                    Some(cue_text(doc, a)),
                ));
            }
        }

        // "Lavrov put it bluntly:" introduces the next sentence's quotation.
        if doc.text[s.start..s.end].ends_with(':')
            && colon_who.as_ref().is_none_or(|(c, _, _)| *c != si)
        {
            if let Some(np) = main_subject(doc, cs, t1) {
                let who = resolve(doc, np, &hist, s.para);
                if who.id.as_deref().is_some_and(|id| id != "other") {
                    colon_who = Some((si, who, None));
                }
            }
        }
        // Quotations in this sentence.
        while qcursor < doc.n_top && doc.quotes[qcursor].open < s.start {
            qcursor += 1;
        }
        let mut qi = qcursor;
        let mut prev_direct: Option<usize> = None;
        while qi < doc.n_top && doc.quotes[qi].open < s.end {
            let q = &doc.quotes[qi];
            let mut rec = quote_from(doc, qi, QuoteKind::Scare, tops[qi].utterance);
            let direct_attr = attrs
                .iter()
                .find(|a| a.keep && (a.post_direct == Some(qi) || a.comp_direct == Some(qi)));
            let containing = attrs
                .iter()
                .filter(|a| a.keep && a.who.is_some())
                .filter_map(|a| {
                    let (c0, c1) = a.content()?;
                    let (b0, b1) = span_of(doc, c0, c1);
                    (b0 <= q.open && q.close.max(q.end) <= b1).then_some((b1 - b0, a))
                })
                .min_by_key(|(len, _)| *len)
                .map(|(_, a)| a);
            let initial = doc.opening_at(cs) == Some(qi);
            if let Some(a) = direct_attr.filter(|a| a.who.is_some()) {
                rec.kind = QuoteKind::Direct;
                attribute(
                    &mut rec,
                    doc,
                    a.who.as_ref().unwrap_or(&unreachable_who()),
                    Some(cue_text(doc, a)),
                    a.via.clone(),
                    a.sieve(),
                );
                if a.comp_direct == Some(qi) {
                    if let Some(p) = prev_direct.filter(|&p| {
                        attrs.iter().any(|b| {
                            b.keep && b.post_direct == Some(p) && b.comp_direct == Some(qi)
                        })
                    }) {
                        tops[qi].utterance = tops[p].utterance;
                        rec.utterance = tops[p].utterance;
                    }
                }
                prev_direct = Some(qi);
            } else if let Some(a) = containing {
                rec.kind = if initial && a.post.is_none() {
                    QuoteKind::Direct
                } else {
                    QuoteKind::Partial
                };
                if let Some(who) = &a.who {
                    attribute(
                        &mut rec,
                        doc,
                        who,
                        Some(cue_text(doc, a)),
                        a.via.clone(),
                        a.sieve(),
                    );
                }
                if rec.kind == QuoteKind::Partial && writers_label(doc, a, qi) {
                    rec = quote_from(doc, qi, QuoteKind::Scare, tops[qi].utterance);
                }
            } else if let Some(np) = initial.then(|| dash_tail(doc, qi, t1)).flatten() {
                // Headline style: `“...” – Lavrov`.
                let who = resolve(doc, np, &hist, s.para);
                if who.id.is_some() {
                    rec.kind = QuoteKind::Direct;
                    attribute(&mut rec, doc, &who, None, None, Sieve::DashTail);
                }
            } else if let Some(np) = name_colon(doc, cs, qi) {
                // Headline style: `Lavrov: “We will not be lectured”`.
                let who = resolve(doc, np, &hist, s.para);
                if who.id.is_some() {
                    rec.kind = QuoteKind::Direct;
                    attribute(&mut rec, doc, &who, None, None, Sieve::ColonIntro);
                }
            } else if initial || q.cont_of.is_some() {
                let clause_like = doc.text[q.start..q.end].split_whitespace().count() >= 4
                    || doc.text[q.start..q.end]
                        .trim_end()
                        .ends_with(['.', ',', '!', '?']);
                if clause_like || q.cont_of.is_some() {
                    rec.kind = QuoteKind::Direct;
                    let colon = colon_who
                        .as_ref()
                        .filter(|(csi, _, _)| *csi + 1 == si)
                        .map(|(_, w, c)| (w.clone(), c.clone()));
                    if let Some((who, cue)) = colon {
                        attribute(&mut rec, doc, &who, cue, None, Sieve::ColonIntro);
                    } else if let Some((np, cue)) = next_sentence_np(doc, si + 1) {
                        let who = resolve(doc, np, &hist, s.para);
                        let cue = cue.map(|(c0, c1)| {
                            let (a, b) = span_of(doc, c0, c1);
                            (doc.text[a..b].to_string(), Span { start: a, end: b })
                        });
                        attribute(&mut rec, doc, &who, cue, None, Sieve::NextSentence);
                        if who.id.is_some() {
                            hist.push(Seen { who, para: s.para });
                        }
                    } else if let Some((_, who, via)) =
                        last.as_ref().filter(|(lsi, _, _)| *lsi + 1 == si)
                    {
                        attribute(&mut rec, doc, who, None, via.clone(), Sieve::PreviousQuote);
                    }
                }
            }
            if rec.kind == QuoteKind::Scare && rec.speaker.is_none() {
                if let Some(who) = governing_subject(doc, cs, t1, qi, &hist, s.para) {
                    rec.kind = QuoteKind::Partial;
                    attribute(&mut rec, doc, &who, None, None, Sieve::GoverningSubject);
                } else if let Some(a) = postposed_before(doc, &attrs, qi) {
                    rec.kind = QuoteKind::Partial;
                    let who = a.who.clone().unwrap_or_else(unreachable_who);
                    attribute(
                        &mut rec,
                        doc,
                        &who,
                        Some(cue_text(doc, a)),
                        a.via.clone(),
                        Sieve::AfterPostposed,
                    );
                }
            }
            if rec.speaker.is_some() || rec.speaker_text.is_some() {
                tops[qi].attributed_sent = Some(si);
            }
            // A pronoun resolved to the previous quotation's speaker keeps its channel.
            if rec.via.is_none() && rec.kind == QuoteKind::Direct {
                if let (Some((lsi, lw, lvia)), Some(sp)) = (&last, &rec.speaker) {
                    let pronominal = rec
                        .speaker_text
                        .as_deref()
                        .is_some_and(|t| pronoun(&t.to_ascii_lowercase()).is_some());
                    if pronominal && lw.id.as_deref() == Some(sp) && lsi + 3 >= si {
                        rec.via = lvia.clone();
                    }
                }
            }
            tops[qi].quote = Some(rec);
            qi += 1;
        }
        // Indirect speech.
        for a in attrs.iter().filter(|a| a.keep) {
            let Some(who) = &a.who else { continue };
            if a.comp_direct.is_some() || a.post_direct.is_some() {
                continue;
            }
            let Some((c0, c1)) = a.content() else {
                continue;
            };
            if let (Some(q), Some(qc)) = (doc.opening_at(c0), doc.closing_at(c1 - 1)) {
                if q == qc {
                    continue;
                }
            }
            let words = (c0..c1)
                .filter(|&x| doc.toks[x].kind == TokKind::Word)
                .count();
            if words < 2 {
                continue;
            }
            let (b0, b1) = span_of(doc, c0, c1);
            let mut rec = indirect_at(doc, b0, b1);
            attribute(
                &mut rec,
                doc,
                who,
                Some(cue_text(doc, a)),
                a.via.clone(),
                a.sieve(),
            );
            indirect.push(rec);
        }
        // Headlines `X: CLAIM` and `CLAIM — X`.
        if !attrs.iter().any(|a| a.keep) {
            if let Some(rec) = headline_report(doc, si, cs, t1, &hist) {
                indirect.push(rec);
            }
        }
        // "This was stated by X.": the previous sentence is X's.
        if let Some(np) = passive_by(doc, cs, t1) {
            if let Some(rec) = previous_sentence_report(doc, si, np, &hist) {
                indirect.push(rec);
            }
        }
        // Remember the last attributed quotation or report.
        let last_here = tops[qcursor..qi]
            .iter()
            .rev()
            .filter_map(|r| r.quote.as_ref())
            .find(|q| q.speaker.is_some() && q.kind != QuoteKind::Scare)
            .map(|q| (q.speaker.clone(), q.speaker_span, q.via.clone()));
        if let Some((Some(id), Some(sp), via)) = last_here {
            let cat = hist
                .speakers
                .iter()
                .rev()
                .find(|h| h.who.id.as_deref() == Some(id.as_str()))
                .map_or(Cat::Unknown, |h| h.who.cat);
            let who = Who {
                id: Some(id),
                start: sp.start,
                end: sp.end,
                cat,
                side: None,
            };
            last = Some((si, who, via));
        } else if let Some(a) = attrs
            .iter()
            .rev()
            .find(|a| a.keep && a.who.as_ref().is_some_and(|w| w.id.is_some()))
        {
            last = Some((
                si,
                a.who.clone().unwrap_or_else(unreachable_who),
                a.via.clone(),
            ));
        }
    }

    // Multi-paragraph quotations: segments share an utterance and a speaker.
    for i in 0..doc.n_top {
        if let Some(p) = doc.quotes[i].cont_of {
            tops[i].utterance = tops[p].utterance;
        }
    }
    utterance::share_speakers(&mut tops);
    let n = doc.n_top;

    // An unclosed quotation (an excerpt cut mid-quote) stays only when a
    // speaker governs it; so do the quotations nested in it.
    let dropped: Vec<bool> = tops
        .iter()
        .enumerate()
        .map(|(i, t)| {
            doc.quotes[i].unclosed && t.quote.as_ref().is_none_or(|q| q.speaker.is_none())
        })
        .collect();
    let mut quotes: Vec<Quote> = Vec::with_capacity(doc.quotes.len() + indirect.len());
    for (i, q) in doc.quotes.iter().enumerate().skip(n) {
        let Some(p) = q.parent.filter(|&p| !dropped[p]) else {
            continue;
        };
        let Some(parent) = tops[p].quote.as_ref() else {
            continue;
        };
        let words = doc.text[q.start..q.end].split_whitespace().count();
        let kind = if is_label(doc, i) || words <= 4 {
            QuoteKind::Scare
        } else {
            QuoteKind::Partial
        };
        let mut rec = quote_from(doc, i, kind, parent.utterance);
        rec.speaker = parent.speaker.clone();
        rec.speaker_text = parent.speaker_text.clone();
        rec.speaker_span = parent.speaker_span;
        rec.via = parent.via.clone();
        rec.sieve = parent.speaker.as_ref().map(|_| Sieve::EnclosingQuote);
        quotes.push(rec);
    }
    quotes.extend(
        tops.into_iter()
            .zip(&dropped)
            .filter(|(_, d)| !**d)
            .filter_map(|(t, _)| t.quote),
    );
    quotes.extend(indirect);
    quotes.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    Output { quotes }
}

fn unreachable_who() -> Who {
    Who {
        id: None,
        start: 0,
        end: 0,
        cat: Cat::Unknown,
        side: None,
    }
}

/// An indirect quote over bytes `b0..b1` of the article, not yet attributed.
pub(super) fn indirect_at(doc: &Doc, b0: usize, b1: usize) -> Quote {
    Quote {
        text: doc.text[b0..b1].to_string(),
        start: b0,
        end: b1,
        kind: QuoteKind::Indirect,
        speaker: None,
        speaker_text: None,
        speaker_span: None,
        cue: None,
        cue_span: None,
        via: None,
        utterance: 0,
        sieve: None,
    }
}
