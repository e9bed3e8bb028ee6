//! Sieves and mention rules added for constructions of real news: quoted
//! fragments no cue governs, headlines, passive and interrupted attributions,
//! and who speaks when a body relays a person.

use super::*;

/// Quote-to-mention sieve for a fragment no cue governs: when the clause's
/// subject before it names a speaker (`X reiterated the line that “...”`,
/// `X believes that “...”`, `X calls Y “...”`, or after a fronted
/// participle, `Calling Y “...”, X said`), the fragment is X's words, a
/// partial quote. A scare quote needs an explicit marker ("so-called",
/// "the guise of", "what ... calls") or a label form (`the “...” policy`).
pub(super) fn governing_subject(
    doc: &Doc,
    cs: usize,
    t1: usize,
    qi: usize,
    hist: &History,
    para: usize,
) -> Option<Who> {
    let o = doc.tok_at(doc.quotes[qi].open);
    if o <= cs + 1 {
        return None;
    }
    let possessor = doc.toks[o - 1].kind == TokKind::Poss
        || matches!(doc.w(o - 1), "his" | "her" | "its" | "their") && doc.is_word(o - 1);
    if is_label(doc, qi) || possessor || scare_marker(doc, cs, o) {
        return None;
    }
    let np = main_subject(doc, cs, t1)?;
    // `Calling Y “...”, X warned ...`: a fronted participle of saying
    // before the subject.
    let first = doc.w(cs);
    let fronted = doc.is_word(cs)
        && (cue_class(first) == Some(CueClass::Participle) || is_label_participle(first))
        && o < np.t0;
    // Else the subject ends before the fragment, and a word of its clause
    // stands between them (the verb).
    if !fronted && (np.t1 >= o || !(np.t1..o).any(|i| doc.is_word(i))) {
        return None;
    }
    if doc.opening_at(np.t0).is_some() {
        return None;
    }
    let who = resolve(doc, np, hist, para);
    who.id
        .as_deref()
        .is_some_and(|id| id != "other")
        .then_some(who)
}

/// An explicit scare marker before the quotation opening at token `o`:
/// "so-called", "the guise of", "what X calls/called/dubs".
pub(super) fn scare_marker(doc: &Doc, cs: usize, o: usize) -> bool {
    if o == 0 {
        return false;
    }
    let w = |i: usize| if doc.is_word(i) { doc.w(i) } else { "" };
    if w(o - 1) == "so-called" || (o >= 2 && w(o - 1) == "of" && w(o - 2) == "guise") {
        return true;
    }
    (o.saturating_sub(6).max(cs)..o).any(|i| w(i) == "what")
}

/// Whether a fragment inside the reported content of `a` is the writer's
/// label, a scare quote: an explicit marker, or a label form inside a
/// relative clause of the content ("which declared a “...” partnership"),
/// whose subject is not the speaker.
pub(super) fn writers_label(doc: &Doc, a: &Attr, qi: usize) -> bool {
    let o = doc.tok_at(doc.quotes[qi].open);
    let c0 = a.content().map_or(o, |(c0, _)| c0);
    if o == 0 || scare_marker(doc, c0, o) {
        return true;
    }
    let relative = (c0..o).any(|i| doc.is_word(i) && matches!(doc.w(i), "which" | "who"));
    relative && is_label(doc, qi)
}

pub(super) fn is_label(doc: &Doc, qi: usize) -> bool {
    let q = &doc.quotes[qi];
    let words = doc.toks[doc.tok_at(q.start)..doc.tok_at(q.end)]
        .iter()
        .filter(|t| t.kind == TokKind::Word)
        .count();
    if words == 0 || words > 4 {
        return false;
    }
    let ob = doc.tok_at(q.open);
    if ob == 0 {
        return false;
    }
    let prev_t = &doc.toks[ob - 1];
    let prev = &doc.lower[prev_t.start..prev_t.end];
    if prev == "so-called" {
        return true;
    }
    let det = prev_t.kind == TokKind::Poss || (prev_t.kind == TokKind::Word && is_label_det(prev));
    let after = doc.tok_at(q.close.max(q.end + 1));
    let next_ok = doc.toks.get(after).is_some_and(|t| {
        t.kind == TokKind::Word
            && doc.text[t.start..].starts_with(char::is_lowercase)
            && !is_function_word(&doc.lower[t.start..t.end])
    });
    det && next_ok
}

/// Quote-to-mention sieve for a fragment after a postposed attribution in
/// the same sentence (`A, an official said, given “...”`): the content
/// goes on after the attribution, so the fragment is that speaker's, unless
/// a scare marker or a label form says otherwise.
pub(super) fn postposed_before<'a>(doc: &Doc, attrs: &'a [Attr], qi: usize) -> Option<&'a Attr> {
    let o = doc.tok_at(doc.quotes[qi].open);
    if is_label(doc, qi) || scare_marker(doc, 0, o) {
        return None;
    }
    attrs.iter().rfind(|a| {
        a.keep && a.post.is_some() && a.c1 <= o && a.who.as_ref().is_some_and(|w| w.id.is_some())
    })
}

/// Quote-to-mention sieve for `“...” – NAME` (a headline or teaser): a
/// dash right after the closing mark, then a noun phrase that ends the
/// sentence.
pub(super) fn dash_tail(doc: &Doc, qi: usize, t1: usize) -> Option<Np> {
    let q = &doc.quotes[qi];
    if q.unclosed {
        return None;
    }
    let c = doc.tok_at(q.close);
    let dash = ["–", "—", "-"].iter().any(|d| doc.is_punct(c, d));
    if !dash {
        return None;
    }
    let np = np_after(doc, c + 1, t1)?;
    let ends = np.t1 >= t1 || (np.t1 + 1 == t1 && doc.toks[np.t1].kind == TokKind::Punct);
    ends.then_some(np)
}

/// Quote-to-mention sieve for a headline without quote marks that names
/// its source: `X: CLAIM` or `CLAIM — X`, X a speaker of the table and the
/// headline a paragraph of its own not ending in a full stop.
pub(super) fn headline_report(
    doc: &Doc,
    si: usize,
    cs: usize,
    t1: usize,
    hist: &History,
) -> Option<Quote> {
    let sent = doc.sents[si];
    let before_ok = sent.start == 0 || doc.text[..sent.start].ends_with('\n');
    let after = &doc.text[sent.end..];
    let alone = before_ok && (after.is_empty() || after.starts_with('\n'));
    let line = doc.text[sent.start..sent.end].trim_end();
    if !alone || line.ends_with(['.', '?', '!']) || (cs..t1).any(|i| doc.toks[i].quote != 0) {
        return None;
    }
    let whole = |a: usize, b: usize| doc.matches_in(a, b).any(|m| m.t0 == a && m.t1 == b);
    let colon = (cs + 1..(cs + 5).min(t1)).find(|&i| doc.is_punct(i, ":"));
    let dash = (cs + 1..t1)
        .rev()
        .take(5)
        .find(|&i| ["—", "–"].iter().any(|d| doc.is_punct(i, d)));
    let (np, c0, c1) = match (colon, dash) {
        (Some(c), _) if whole(cs, c) => (Np { t0: cs, t1: c }, c + 1, t1),
        (_, Some(d)) if whole(d + 1, t1) => (Np { t0: d + 1, t1 }, cs, d),
        _ => return None,
    };
    if (c0..c1)
        .filter(|&i| doc.toks[i].kind == TokKind::Word)
        .count()
        < 3
    {
        return None;
    }
    let who = resolve(doc, np, hist, sent.para);
    who.id.as_ref()?;
    let (b0, b1) = span_of(doc, c0, trim_end(doc, c0, c1));
    let mut rec = indirect_at(doc, b0, b1);
    attribute(&mut rec, doc, &who, None, None, Sieve::Headline);
    Some(rec)
}

/// Mention for a sentence `This was stated by X.` / `The (corresponding)
/// statement was made by X ...`: the agent `X`.
pub(super) fn passive_by(doc: &Doc, cs: usize, t1: usize) -> Option<Np> {
    let mut k = cs;
    match doc.w(k) {
        "this" | "that" | "it" => k += 1,
        "the" => {
            k += 1;
            if doc.w(k) == "corresponding" {
                k += 1;
            }
            if !matches!(doc.w(k), "statement" | "remark" | "remarks" | "assessment") {
                return None;
            }
            k += 1;
        }
        _ => return None,
    }
    let said = matches!(doc.w(k), "was" | "were")
        && matches!(
            doc.w(k + 1),
            "stated" | "said" | "made" | "announced" | "noted" | "voiced"
        )
        && doc.w(k + 2) == "by";
    if !said || !(cs..k + 3).all(|i| doc.is_word(i)) {
        return None;
    }
    np_after(doc, k + 3, t1)
}

/// The previous sentence of the same paragraph, reported by `np`, when it
/// holds no quote marks.
pub(super) fn previous_sentence_report(
    doc: &Doc,
    si: usize,
    np: Np,
    hist: &History,
) -> Option<Quote> {
    let prev = *doc.sents.get(si.checked_sub(1)?)?;
    let cur = doc.sents[si];
    if prev.para != cur.para
        || prev.t0 >= prev.t1
        || (prev.t0..prev.t1).any(|i| doc.toks[i].quote != 0)
    {
        return None;
    }
    let who = resolve(doc, np, hist, cur.para);
    who.id.as_ref()?;
    let end = trim_end(doc, prev.t0, prev.t1);
    let (b0, b1) = span_of(doc, prev.t0, end);
    let mut rec = indirect_at(doc, b0, b1);
    attribute(&mut rec, doc, &who, None, None, Sieve::PassiveBy);
    Some(rec)
}

/// Quote-to-mention sieve for `SUBJECT, according to X, VERB ...` (a short
/// subject interrupted by the source): the words after the second comma
/// are X's. Sets the content and says whether it did.
pub(super) fn interrupted_according(
    doc: &Doc,
    a: &mut Attr,
    cs: usize,
    np_end: usize,
    t1: usize,
) -> bool {
    let short_subject = a.c0 > cs + 1
        && a.c0 <= cs + 4
        && doc.is_punct(a.c0 - 1, ",")
        && (cs..a.c0 - 1).all(|i| doc.is_word(i) && cue_class(doc.w(i)).is_none());
    if !short_subject || !doc.is_punct(np_end, ",") {
        return false;
    }
    let start = np_end + 1;
    let end = trim_end(doc, start, clause_end(doc, start, t1));
    if end <= start + 1 {
        return false;
    }
    a.comp = Some((start, end));
    true
}

/// Quote-to-mention sieve for a fronted `As X noted, CLAUSE`: the clause
/// after the comma is X's. Sets the content and says whether it did.
pub(super) fn fronted_as(doc: &Doc, a: &mut Attr, cs: usize, t1: usize) -> bool {
    let Some(np) = a.subj else { return false };
    let as_first = np.t0 == cs + 1 && doc.is_word(cs) && doc.w(cs) == "as";
    if !as_first || a.comp.is_some() || !doc.is_punct(a.c1, ",") {
        return false;
    }
    let start = a.c1 + 1;
    let end = trim_end(doc, start, clause_end(doc, start, t1));
    if end > start + 1 {
        a.comp = Some((start, end));
        return true;
    }
    false
}

/// Mention rule: `X issued a statement saying ...`: the issuer `X` speaks,
/// not the indefinite text.
pub(super) fn statement_issuer(doc: &Doc, np: Np, cs: usize) -> Option<Np> {
    let indefinite = matches!(doc.w(np.t0), "a" | "an");
    let head = doc.w(np.t1 - 1);
    if !indefinite || !is_statement_head(head) || np.t0 <= cs {
        return None;
    }
    let v = np.t0 - 1;
    let issued = doc.is_word(v)
        && matches!(
            doc.w(v),
            "issued" | "released" | "published" | "posted" | "put" | "sent" | "made"
        );
    if !issued {
        return None;
    }
    let mut k = v;
    while k > cs && doc.is_word(k - 1) && is_skippable_adverb(doc.w(k - 1)) {
        k -= 1;
    }
    np_before(doc, cs, k).filter(|s| s.t1 == k)
}

/// Nesting rule: a body or its statement reporting what a named person said
/// ("the ministry said Xi told Biden that ...", "“...”, Wang said ..., a
/// statement from the ministry said") is only the channel: the person
/// speaks.
pub(super) fn speaks_for_person(doc: &Doc, outer: Np, inner: Np) -> bool {
    use crate::speakers::SpeakerKind;
    let kind_in = |np: Np, k: &[SpeakerKind]| {
        doc.matches_in(np.t0, np.t1)
            .any(|m| k.contains(&doc.gaz.entries[m.entry].kind))
    };
    let body = is_statement_head(doc.w(outer.t1 - 1))
        || kind_in(
            outer,
            &[
                SpeakerKind::Organisation,
                SpeakerKind::Group,
                SpeakerKind::Outlet,
            ],
        );
    let person = kind_in(inner, &[SpeakerKind::Person])
        || (doc.matches_in(inner.t0, inner.t1).next().is_none() && doc.is_cap(inner.t1 - 1));
    body && person && !kind_in(outer, &[SpeakerKind::Person])
}
