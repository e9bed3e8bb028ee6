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
//!
//! One job per file: `cues` (cue words, clause start, main subject),
//! `subject` (a cue's subject and audience), `content` (a cue's reported
//! content), `clause` (where a reported clause ends), `attrs` (a sentence's
//! attributions and the nesting rule), `quotes` (the ordered quotation
//! sieves), `fragments` (the sieves and mention rules added for real news),
//! and here the run loop. Any sieve can be switched off by its [`Sieve`]
//! tag (`Extractor::without`), for ablation.

use super::doc::Doc;
use super::lexicon::*;
use super::np::{np_after, np_before, resolve, Cat, History, Np, Seen, Who};
use super::tokens::TokKind;
use super::{Quote, QuoteKind, Sieve, Span};

mod attrs;
mod clause;
mod content;
mod cues;
mod fragments;
mod quotes;
mod subject;
mod utterance;

use attrs::*;
use clause::*;
use content::*;
use cues::*;
use fragments::*;
use quotes::*;
use subject::*;

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
    /// The subject came through a non-restrictive relative (`X, which
    /// calls ..., has ...`): the content ends with the relative clause.
    relative: bool,
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
            relative: false,
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

/// Everything the sieves produce for one document.
pub(crate) struct Output {
    pub quotes: Vec<Quote>,
}

struct TopRec {
    quote: Option<Quote>,
    utterance: usize,
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

/// A channel's name: its id when the table knows it, else its text.
fn via_name(doc: &Doc, w: &Who) -> String {
    match &w.id {
        Some(id) if id != "other" => id.clone(),
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

/// The running state of one document's attribution.
struct State {
    hist: History,
    tops: Vec<TopRec>,
    indirect: Vec<Quote>,
    /// (sentence, speaker, cue) of a colon introduction ending a sentence.
    colon_who: Option<(usize, Who, Option<CueText>)>,
    /// (sentence, who, via) of the last attributed quotation.
    last: Option<(usize, Who, Option<String>)>,
    /// First top-level quotation not before the current sentence.
    qcursor: usize,
}

/// Runs every sieve over a prepared document, except those in `off`.
pub(crate) fn run(doc: &Doc, off: &[Sieve]) -> Output {
    let mut st = State {
        hist: History::default(),
        tops: (0..doc.n_top)
            .map(|i| TopRec {
                quote: None,
                utterance: i,
            })
            .collect(),
        indirect: Vec::new(),
        colon_who: None,
        last: None,
        qcursor: 0,
    };
    for si in 0..doc.sents.len() {
        let s = doc.sents[si];
        if s.t0 >= s.t1 {
            continue;
        }
        let cs = clause_start(doc, s.t0, s.t1);
        let mut attrs = sentence_attrs(doc, cs, s.t1);
        for a in attrs.iter_mut().filter(|a| off.contains(&a.sieve())) {
            a.keep = false;
        }
        resolve_attrs(doc, &mut st, &mut attrs, si, cs);
        let qi_end = sentence_quotes(doc, &mut st, &attrs, si, cs, off);
        sentence_reports(doc, &mut st, &attrs, si, cs, off);
        remember_last(&mut st, &attrs, si, qi_end);
    }
    same_utterance(doc, &mut st.tops, off);
    assemble(doc, st, off)
}

/// Resolves the sentence's attributions in cue order (each speaker joins the
/// history), and notes a colon introduction ending the sentence.
fn resolve_attrs(doc: &Doc, st: &mut State, attrs: &mut [Attr], si: usize, cs: usize) {
    let s = doc.sents[si];
    for a in attrs.iter_mut().filter(|a| a.keep) {
        let Some(np) = a.subj else { continue };
        let who = resolve(doc, np, &st.hist, s.para);
        let via_who = a.via_np.map(|v| resolve(doc, v, &st.hist, s.para));
        a.via = via_who.as_ref().map(|w| via_name(doc, w));
        if who.id.is_some() {
            st.hist.push(Seen {
                who: who.clone(),
                para: s.para,
            });
        }
        // `A, a statement from the ministry said. B, it added.`: a body of
        // the table that relays a person is an antecedent too.
        if let Some(v) = via_who.filter(|v| {
            v.cat == Cat::Org && v.id.as_deref().is_some_and(|id| id != "other") && v.id != who.id
        }) {
            st.hist.push(Seen {
                who: v,
                para: s.para,
            });
        }
        a.who = Some(who);
        if a.colon {
            st.colon_who = Some((
                si,
                a.who.clone().unwrap_or_else(unreachable_who),
                Some(cue_text(doc, a)),
            ));
        }
    }
    // "Lavrov put it bluntly:" introduces the next sentence's quotation.
    if doc.text[s.start..s.end].ends_with(':')
        && st.colon_who.as_ref().is_none_or(|(c, _, _)| *c != si)
    {
        if let Some(np) = main_subject(doc, cs, s.t1) {
            let who = resolve(doc, np, &st.hist, s.para);
            if who.id.as_deref().is_some_and(|id| id != "other") {
                st.colon_who = Some((si, who, None));
            }
        }
    }
}

/// Runs the quotation sieves over the sentence's quotations; returns the
/// index past its last one.
fn sentence_quotes(
    doc: &Doc,
    st: &mut State,
    attrs: &[Attr],
    si: usize,
    cs: usize,
    off: &[Sieve],
) -> usize {
    let s = doc.sents[si];
    while st.qcursor < doc.n_top && doc.quotes[st.qcursor].open < s.start {
        st.qcursor += 1;
    }
    let on = |tag: &Option<Sieve>| tag.is_none_or(|t| !off.contains(&t));
    let mut qi = st.qcursor;
    let mut prev_direct: Option<usize> = None;
    while qi < doc.n_top && doc.quotes[qi].open < s.end {
        let mut rec = quote_from(doc, qi, QuoteKind::Scare, st.tops[qi].utterance);
        let ctx = SentCtx {
            doc,
            si,
            cs,
            t1: s.t1,
            para: s.para,
            attrs,
            hist: &st.hist,
            colon_who: st.colon_who.as_ref(),
            last: st.last.as_ref(),
        };
        let claim = |list: &[(Option<Sieve>, QuoteSieve)]| {
            list.iter()
                .filter(|(tag, _)| on(tag))
                .find_map(|(_, sieve)| match sieve(&ctx, qi) {
                    Verdict::Pass => None,
                    Verdict::Claim(kind, by) => Some((kind, by)),
                })
        };
        let (mut kind, mut by) = claim(QUOTE_SIEVES).unwrap_or((QuoteKind::Scare, None));
        if kind == QuoteKind::Scare {
            if let Some((k, b)) = claim(FALLBACK_SIEVES) {
                (kind, by) = (k, b);
            }
        }
        rec.kind = kind;
        if let Some(b) = &by {
            attribute(&mut rec, doc, &b.who, b.cue.clone(), b.via.clone(), b.sieve);
            if let Some(x) = b.direct_attr {
                // `“X,” he said, “Y.”`: both halves are one utterance.
                if attrs[x].comp_direct == Some(qi) {
                    if let Some(p) = prev_direct.filter(|&p| {
                        attrs.iter().any(|b| {
                            b.keep && b.post_direct == Some(p) && b.comp_direct == Some(qi)
                        })
                    }) {
                        st.tops[qi].utterance = st.tops[p].utterance;
                        rec.utterance = st.tops[p].utterance;
                    }
                }
                prev_direct = Some(qi);
            }
        }
        if let Some(b) = by.filter(|b| b.remember && b.who.id.is_some()) {
            st.hist.push(Seen {
                who: b.who,
                para: s.para,
            });
        }
        // A pronoun resolved to the previous quotation's speaker keeps its channel.
        if rec.via.is_none() && rec.kind == QuoteKind::Direct {
            if let (Some((lsi, lw, lvia)), Some(sp)) = (&st.last, &rec.speaker) {
                let pronominal = rec
                    .speaker_text
                    .as_deref()
                    .is_some_and(|t| pronoun(&t.to_ascii_lowercase()).is_some());
                if pronominal && lw.id.as_deref() == Some(sp) && lsi + 3 >= si {
                    rec.via = lvia.clone();
                }
            }
        }
        st.tops[qi].quote = Some(rec);
        qi += 1;
    }
    qi
}

/// Reported speech without marks: the sentence's attributions with content
/// that is no single quotation, then the headline and passive sieves.
fn sentence_reports(
    doc: &Doc,
    st: &mut State,
    attrs: &[Attr],
    si: usize,
    cs: usize,
    off: &[Sieve],
) {
    let t1 = doc.sents[si].t1;
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
        st.indirect.push(rec);
    }
    // Headlines `X: CLAIM` and `CLAIM — X`.
    if !off.contains(&Sieve::Headline) && !attrs.iter().any(|a| a.keep) {
        if let Some(rec) = headline_report(doc, si, cs, t1, &st.hist) {
            st.indirect.push(rec);
        }
    }
    // "This was stated by X.": the previous sentence is X's.
    if !off.contains(&Sieve::PassiveBy) {
        if let Some(np) = passive_by(doc, cs, t1) {
            if let Some(rec) = previous_sentence_report(doc, si, np, &st.hist) {
                st.indirect.push(rec);
            }
        }
    }
}

/// Remembers the last attributed quotation or report of the sentence, for
/// the previous-quote sieve of the next.
fn remember_last(st: &mut State, attrs: &[Attr], si: usize, qi_end: usize) {
    let last_here = st.tops[st.qcursor..qi_end]
        .iter()
        .rev()
        .filter_map(|r| r.quote.as_ref())
        .find(|q| q.speaker.is_some() && q.kind != QuoteKind::Scare)
        .map(|q| (q.speaker.clone(), q.speaker_span, q.via.clone()));
    if let Some((Some(id), Some(sp), via)) = last_here {
        let cat = st
            .hist
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
        st.last = Some((si, who, via));
    } else if let Some(a) = attrs
        .iter()
        .rev()
        .find(|a| a.keep && a.who.as_ref().is_some_and(|w| w.id.is_some()))
    {
        st.last = Some((
            si,
            a.who.clone().unwrap_or_else(unreachable_who),
            a.via.clone(),
        ));
    }
}

/// `same_utterance`: the segments of a multi-paragraph quotation (and the
/// halves of an interrupted one) share an utterance; a segment no strong
/// sieve attributed takes the speaker of one that was.
fn same_utterance(doc: &Doc, tops: &mut [TopRec], off: &[Sieve]) {
    for i in 0..doc.n_top {
        if let Some(p) = doc.quotes[i].cont_of {
            tops[i].utterance = tops[p].utterance;
        }
    }
    utterance::share_speakers(tops, !off.contains(&Sieve::SameUtterance));
}

/// The document's quotations in order: top-level ones (an unclosed one only
/// when a speaker governs it), `enclosing_quote` for the quotations nested
/// in them, and the reported speech.
fn assemble(doc: &Doc, st: State, off: &[Sieve]) -> Output {
    let State { tops, indirect, .. } = st;
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
    let enclosing = !off.contains(&Sieve::EnclosingQuote);
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
        if enclosing {
            rec.speaker = parent.speaker.clone();
            rec.speaker_text = parent.speaker_text.clone();
            rec.speaker_span = parent.speaker_span;
            rec.via = parent.via.clone();
            rec.sieve = parent.speaker.as_ref().map(|_| Sieve::EnclosingQuote);
        }
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
