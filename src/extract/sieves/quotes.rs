//! Stage one for quotations in marks: an ordered list of sieves, each
//! recognising one construction and naming the mention that speaks.
//!
//! The exclusive sieves ([`QUOTE_SIEVES`]) run in order until one claims the
//! quotation (a claim may leave it without a speaker, which ends the list:
//! `“...” – Someone` that resolves to nobody is still a dash tail). The
//! fallback sieves ([`FALLBACK_SIEVES`]) then run, in order, only on a
//! quotation still a scare quote without a speaker. Every sieve can be
//! switched off by its [`Sieve`] tag.

use super::*;

/// What the sieves see of one sentence.
pub(super) struct SentCtx<'a, 'd> {
    pub doc: &'a Doc<'d>,
    /// Sentence index.
    pub si: usize,
    /// First token of the clause (after any dateline).
    pub cs: usize,
    /// One past the sentence's last token.
    pub t1: usize,
    /// Paragraph of the sentence.
    pub para: usize,
    /// The sentence's kept attributions, resolved.
    pub attrs: &'a [Attr],
    pub hist: &'a History,
    /// (sentence, speaker, cue) of a colon introduction ending a sentence.
    pub colon_who: Option<&'a (usize, Who, Option<CueText>)>,
    /// (sentence, who, via) of the last attributed quotation.
    pub last: Option<&'a (usize, Who, Option<String>)>,
}

/// Who a sieve names, and how.
pub(super) struct By {
    pub who: Who,
    pub cue: Option<CueText>,
    pub via: Option<String>,
    pub sieve: Sieve,
    /// The attribution (index in the sentence's list) whose content is
    /// exactly the quotation.
    pub direct_attr: Option<usize>,
    /// Whether the speaker joins the history (a speaker named only by the
    /// next sentence).
    pub remember: bool,
}

impl By {
    fn new(who: Who, sieve: Sieve) -> By {
        By {
            who,
            cue: None,
            via: None,
            sieve,
            direct_attr: None,
            remember: false,
        }
    }
}

/// A sieve's answer for one quotation.
pub(super) enum Verdict {
    /// Not this sieve's construction: try the next.
    Pass,
    /// The sieve's construction: the quotation's kind and, when the mention
    /// resolves, who speaks.
    Claim(QuoteKind, Option<By>),
}

/// A quotation sieve: the sentence and the quotation's index.
pub(super) type QuoteSieve = fn(&SentCtx, usize) -> Verdict;

/// The exclusive quotation sieves, most precise first, with the tag that
/// switches each off (`None`: always on). The two cue sieves are switched
/// off with the cue sieves (`cue_before`, `cue_after`, `according_to`,
/// `quoted_as`) whose attributions they use: a switched-off cue sieve's
/// attributions are dropped before these run.
pub(super) const QUOTE_SIEVES: &[(Option<Sieve>, QuoteSieve)] = &[
    (None, cue_direct),
    (None, cue_containing),
    (Some(Sieve::DashTail), dash_tail_sieve),
    (Some(Sieve::ColonIntro), name_colon_sieve),
    (Some(Sieve::ColonIntro), colon_intro),
    (Some(Sieve::NextSentence), next_sentence),
    (Some(Sieve::PreviousQuote), previous_quote),
    (None, unattributed_opening),
];

/// Fallbacks for a quotation still a scare quote with no speaker, in order.
pub(super) const FALLBACK_SIEVES: &[(Option<Sieve>, QuoteSieve)] = &[
    (Some(Sieve::GoverningSubject), governing_subject_sieve),
    (Some(Sieve::AfterPostposed), after_postposed),
];

pub(super) fn by_attr(doc: &Doc, a: &Attr) -> Option<By> {
    let who = a.who.clone()?;
    Some(By {
        cue: Some(cue_text(doc, a)),
        via: a.via.clone(),
        ..By::new(who, a.sieve())
    })
}

/// `cue_before` / `cue_after` / `according_to` / `quoted_as`, direct: a cue
/// whose content is exactly the quotation (`Wang said: “...”`, `“...,”
/// Wang said`).
pub(super) fn cue_direct(c: &SentCtx, qi: usize) -> Verdict {
    // Only the first such attribution counts, and only with a speaker.
    let Some(x) = c
        .attrs
        .iter()
        .position(|a| a.keep && (a.post_direct == Some(qi) || a.comp_direct == Some(qi)))
    else {
        return Verdict::Pass;
    };
    let Some(mut by) = by_attr(c.doc, &c.attrs[x]) else {
        return Verdict::Pass;
    };
    by.direct_attr = Some(x);
    Verdict::Claim(QuoteKind::Direct, Some(by))
}

/// The same cue sieves, partial: the innermost attribution whose content
/// contains the quotation (`called for China to “press Russia”`); a
/// sentence-initial quotation in content before the cue is direct. A label
/// of the writer's inside the content stays a scare quote.
pub(super) fn cue_containing(c: &SentCtx, qi: usize) -> Verdict {
    let doc = c.doc;
    let q = &doc.quotes[qi];
    let containing = c
        .attrs
        .iter()
        .filter(|a| a.keep && a.who.is_some())
        .filter_map(|a| {
            let (c0, c1) = a.content()?;
            let (b0, b1) = span_of(doc, c0, c1);
            (b0 <= q.open && q.close.max(q.end) <= b1).then_some((b1 - b0, a))
        })
        .min_by_key(|(len, _)| *len)
        .map(|(_, a)| a);
    let Some(a) = containing else {
        return Verdict::Pass;
    };
    let initial = doc.opening_at(c.cs) == Some(qi);
    let kind = if initial && a.post.is_none() {
        QuoteKind::Direct
    } else {
        QuoteKind::Partial
    };
    if kind == QuoteKind::Partial && writers_label(doc, a, qi) {
        return Verdict::Claim(QuoteKind::Scare, None);
    }
    Verdict::Claim(kind, by_attr(doc, a))
}

/// `dash_tail`: a headline quotation followed by a dash and its speaker,
/// `“...” – Lavrov`.
pub(super) fn dash_tail_sieve(c: &SentCtx, qi: usize) -> Verdict {
    if c.doc.opening_at(c.cs) != Some(qi) {
        return Verdict::Pass;
    }
    let Some(np) = dash_tail(c.doc, qi, c.t1) else {
        return Verdict::Pass;
    };
    let who = resolve(c.doc, np, c.hist, c.para);
    match who.id {
        Some(_) => Verdict::Claim(QuoteKind::Direct, Some(By::new(who, Sieve::DashTail))),
        None => Verdict::Claim(QuoteKind::Scare, None),
    }
}

/// `colon_intro`, headline style: `Lavrov: “We will not be lectured”`.
pub(super) fn name_colon_sieve(c: &SentCtx, qi: usize) -> Verdict {
    let Some(np) = name_colon(c.doc, c.cs, qi) else {
        return Verdict::Pass;
    };
    let who = resolve(c.doc, np, c.hist, c.para);
    match who.id {
        Some(_) => Verdict::Claim(QuoteKind::Direct, Some(By::new(who, Sieve::ColonIntro))),
        None => Verdict::Claim(QuoteKind::Scare, None),
    }
}

/// Whether the quotation opens its sentence (or continues an earlier
/// paragraph's) and reads as a clause: the run-of-quotes sieves' ground.
pub(super) fn opening_clause(c: &SentCtx, qi: usize) -> bool {
    let doc = c.doc;
    let q = &doc.quotes[qi];
    if doc.opening_at(c.cs) != Some(qi) && q.cont_of.is_none() {
        return false;
    }
    let text = &doc.text[q.start..q.end];
    let clause_like =
        text.split_whitespace().count() >= 4 || text.trim_end().ends_with(['.', ',', '!', '?']);
    clause_like || q.cont_of.is_some()
}

/// `colon_intro`: the previous sentence ends with a colon introduction
/// (`Wang said:` / `Lavrov put it bluntly:`).
pub(super) fn colon_intro(c: &SentCtx, qi: usize) -> Verdict {
    if !opening_clause(c, qi) {
        return Verdict::Pass;
    }
    let Some((_, who, cue)) = c.colon_who.filter(|(csi, _, _)| *csi + 1 == c.si) else {
        return Verdict::Pass;
    };
    let by = By {
        cue: cue.clone(),
        ..By::new(who.clone(), Sieve::ColonIntro)
    };
    Verdict::Claim(QuoteKind::Direct, Some(by))
}

/// `next_sentence`: the next sentence names the speaker (`Wang made the
/// remarks ...`, `Lavrov said on Tuesday.`).
pub(super) fn next_sentence(c: &SentCtx, qi: usize) -> Verdict {
    if !opening_clause(c, qi) {
        return Verdict::Pass;
    }
    let Some((np, cue)) = next_sentence_np(c.doc, c.si + 1) else {
        return Verdict::Pass;
    };
    let who = resolve(c.doc, np, c.hist, c.para);
    let cue = cue.map(|(c0, c1)| {
        let (a, b) = span_of(c.doc, c0, c1);
        (c.doc.text[a..b].to_string(), Span { start: a, end: b })
    });
    let by = By {
        cue,
        remember: true,
        ..By::new(who, Sieve::NextSentence)
    };
    Verdict::Claim(QuoteKind::Direct, Some(by))
}

/// `previous_quote`: in a run of quotations, the speaker of the quotation in
/// the sentence before.
pub(super) fn previous_quote(c: &SentCtx, qi: usize) -> Verdict {
    if !opening_clause(c, qi) {
        return Verdict::Pass;
    }
    let Some((_, who, via)) = c.last.filter(|(lsi, _, _)| *lsi + 1 == c.si) else {
        return Verdict::Pass;
    };
    let by = By {
        via: via.clone(),
        ..By::new(who.clone(), Sieve::PreviousQuote)
    };
    Verdict::Claim(QuoteKind::Direct, Some(by))
}

/// A sentence-initial quotation no sieve attributes: direct with no speaker
/// when it reads as a clause, else left to the fallbacks.
pub(super) fn unattributed_opening(c: &SentCtx, qi: usize) -> Verdict {
    let q = &c.doc.quotes[qi];
    if c.doc.opening_at(c.cs) != Some(qi) && q.cont_of.is_none() {
        return Verdict::Pass;
    }
    let kind = if opening_clause(c, qi) {
        QuoteKind::Direct
    } else {
        QuoteKind::Scare
    };
    Verdict::Claim(kind, None)
}

/// `governing_subject`: a fragment no cue governs, after the clause's
/// subject naming a speaker (`X believes that “...”`, `X calls Y “...”`).
pub(super) fn governing_subject_sieve(c: &SentCtx, qi: usize) -> Verdict {
    match governing_subject(c.doc, c.cs, c.t1, qi, c.hist, c.para) {
        Some(who) => Verdict::Claim(
            QuoteKind::Partial,
            Some(By::new(who, Sieve::GoverningSubject)),
        ),
        None => Verdict::Pass,
    }
}

/// `after_postposed`: a fragment after a postposed attribution in its
/// sentence (`A, an official said, given “...”`).
pub(super) fn after_postposed(c: &SentCtx, qi: usize) -> Verdict {
    let Some(a) = postposed_before(c.doc, c.attrs, qi) else {
        return Verdict::Pass;
    };
    let by = By {
        cue: Some(cue_text(c.doc, a)),
        via: a.via.clone(),
        ..By::new(
            a.who.clone().unwrap_or_else(unreachable_who),
            Sieve::AfterPostposed,
        )
    };
    Verdict::Claim(QuoteKind::Partial, Some(by))
}

/// The attribution a sentence gives right after a quotation ("Wang made the
/// remarks ...", "Lavrov said on Tuesday."), for the next-sentence sieve.
pub(super) fn next_sentence_np(doc: &Doc, si: usize) -> Option<(Np, Option<(usize, usize)>)> {
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
pub(super) fn name_colon(doc: &Doc, cs: usize, qi: usize) -> Option<Np> {
    let o = doc.tok_at(doc.quotes[qi].open);
    if o < cs + 2 || !doc.is_punct(o - 1, ":") {
        return None;
    }
    let np = np_after(doc, cs, o - 1)?;
    let known = doc.matches_in(np.t0, np.t1).next().is_some();
    (np.t0 == cs && np.t1 == o - 1 && doc.is_cap(cs) && known).then_some(np)
}
