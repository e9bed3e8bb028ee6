//! The attributions of one sentence: for every cue, its subject and its
//! content (after the cue, before it, or around it), the relays, and which
//! cue stays when one sits inside another's content.

use super::*;

/// Every attribution of the sentence `cs..t1` that has a subject and
/// content, after the nesting rule; not yet resolved.
pub(super) fn sentence_attrs(doc: &Doc, cs: usize, t1: usize) -> Vec<Attr> {
    let mut attrs = find_cues(doc, cs, t1);
    let mut pending_via: Option<Np> = None;
    for k in 0..attrs.len() {
        let (before, rest) = attrs.split_at_mut(k);
        let a = &mut rest[0];
        match a.kind {
            AKind::AccordingTo => according_to(doc, a, cs, t1),
            AKind::QuotedAs { passive } => quoted_as(doc, a, passive, cs, t1),
            AKind::ViaMark => via_mark(doc, a, before, &mut pending_via, t1),
            AKind::Verb(class) => verb_cue(doc, a, class, before, &mut pending_via, cs, t1),
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
    mark_relays(doc, &mut attrs);
    nest(doc, &mut attrs);
    attrs
}

/// An attribution whose subject is a news outlet relays.
pub(super) fn mark_relays(doc: &Doc, attrs: &mut [Attr]) {
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
}

/// Nesting: a cue inside another's content is dropped, unless the outer one
/// only relays (or speaks for the person inside), which then becomes the
/// inner one's channel.
pub(super) fn nest(doc: &Doc, attrs: &mut [Attr]) {
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
}

/// `according to X, CLAUSE` / `CLAUSE, according to X`: X and the content.
pub(super) fn according_to(doc: &Doc, a: &mut Attr, cs: usize, t1: usize) {
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

/// `X was quoted as saying ...` / `the statement quoted X as saying ...`:
/// the speaker, the relaying text and the content.
pub(super) fn quoted_as(doc: &Doc, a: &mut Attr, passive: bool, cs: usize, t1: usize) {
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

/// `quoted in/by X` after an attribution: X is the previous cue's channel,
/// or the next cue's when none came before.
pub(super) fn via_mark(
    doc: &Doc,
    a: &mut Attr,
    before: &mut [Attr],
    pending_via: &mut Option<Np>,
    t1: usize,
) {
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
        *pending_via = np;
    }
    a.keep = false;
}

/// A verb cue: its subject (or the issuer of the statement it names), its
/// content after or before it, whether it relays, and the outlet named after it.
pub(super) fn verb_cue(
    doc: &Doc,
    a: &mut Attr,
    class: CueClass,
    before: &[Attr],
    pending_via: &mut Option<Np>,
    cs: usize,
    t1: usize,
) {
    if let Some(v) = pending_via.take() {
        a.via_np = Some(v);
    }
    find_subject(doc, a, cs, t1, before);
    if let Some(src) = a.subj.and_then(|np| statement_issuer(doc, np, cs)) {
        a.subj = Some(src);
    }
    if a.subj.is_none() {
        a.keep = false;
        return;
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
