//! A verb cue's subject: before it across adverbs, appositives and
//! relative clauses; the main clause's for participles and coordinated
//! verbs; after it when inverted. And the audience a cue addresses.

use super::*;

/// Subject of a verb cue; sets `inverted` when it follows the cue.
pub(super) fn find_subject(doc: &Doc, a: &mut Attr, cs: usize, t1: usize, earlier: &[Attr]) {
    let participle = matches!(a.kind, AKind::Verb(CueClass::Participle))
        || (a.c0 == cs && fronted_participle(doc, cs).is_some());
    if participle {
        a.subj = participle_subject(doc, a.c0, cs, t1, earlier);
        return;
    }
    let k = subject_end(doc, cs, a.c0);
    if linked_subject(doc, a, cs, k, t1, earlier) {
        return;
    }
    if k > cs && doc.is_punct(k - 1, ",") {
        if apposition_subject(doc, a, cs, k) {
            return;
        }
    } else if let Some(np) = np_before(doc, cs, k) {
        if let Some(np) = plain_subject(doc, cs, np) {
            a.subj = Some(np);
        }
        return;
    }
    // Inverted: `"...," said Wang` / `CLAUSE, said the ministry`.
    let i = a.c0;
    if i > cs && (doc.is_punct(i - 1, ",") || doc.closing_at(i - 1).is_some()) {
        if let Some(np) = np_after(doc, a.c1, t1) {
            a.subj = Some(np);
            a.inverted = true;
        }
    }
}

/// A participle's subject: the phrase right before it, else the subject of
/// the last earlier cue of the sentence, else the main clause's.
fn participle_subject(doc: &Doc, i: usize, cs: usize, t1: usize, earlier: &[Attr]) -> Option<Np> {
    if let Some(np) = np_before(doc, cs, i).filter(|np| np.t1 == i) {
        return Some(np);
    }
    if let Some(p) = earlier
        .iter()
        .rev()
        .find(|p| p.subj.is_some() && p.kind != AKind::ViaMark)
    {
        return p.subj;
    }
    main_subject(doc, cs, t1)
}

/// Where the subject ends before the cue at `i`: back across adverbs
/// ("also", "firmly"), time phrases ("on Tuesday"), "went on to" and a
/// dated parenthesis.
fn subject_end(doc: &Doc, cs: usize, i: usize) -> usize {
    let mut k = i;
    loop {
        if k > cs && doc.is_word(k - 1) && is_skippable_adverb(doc.w(k - 1))
            || manner_adverb(doc, cs, k)
        {
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
        if went_on_to(doc, cs, k) {
            k -= 3;
            continue;
        }
        if let Some(o) = dated_parenthesis(doc, cs, k) {
            k = o;
            continue;
        }
        break;
    }
    k
}

/// A conjunction or relative word right before the subject end `k`: "and
/// said" shares an earlier cue's subject (else the main clause's), "that
/// said" and a restrictive "which" have none here, ", who said" is the
/// phrase before the comma. Returns whether it decided.
fn linked_subject(
    doc: &Doc,
    a: &mut Attr,
    cs: usize,
    k: usize,
    t1: usize,
    earlier: &[Attr],
) -> bool {
    if k <= cs || !doc.is_word(k - 1) {
        return false;
    }
    match doc.w(k - 1) {
        "and" | "but" | "or" => {
            if k - 1 > cs {
                a.subj =
                    coordinated_subject(before_cues(earlier)).or_else(|| main_subject(doc, cs, t1));
            }
            true
        }
        "that" => true,
        "which" if !doc.is_punct(k.saturating_sub(2), ",") => true,
        "who" | "which" => {
            let e = if doc.is_punct(k - 2, ",") {
                k - 2
            } else {
                k - 1
            };
            a.subj = np_before(doc, cs, e);
            a.relative = e == k - 2;
            true
        }
        _ => false,
    }
}

/// A comma before the cue: an appositive or relative clause between commas
/// ("Wang, the top envoy, said"), the subject before it; or a name in
/// apposition ("The ministry's spokeswoman, Maria Zakharova, said"), the
/// name. Returns whether it found one.
fn apposition_subject(doc: &Doc, a: &mut Attr, cs: usize, k: usize) -> bool {
    if k < 2 {
        return false;
    }
    let Some(m) = (cs..k - 1).rev().find(|&m| doc.is_punct(m, ",")) else {
        return false;
    };
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
            return true;
        }
    }
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
    }
    name
}

/// The phrase right before the cue, unless it is a possessive or the object
/// of a preposition: "said in a statement posted on its website" has no
/// second speaker, but the agent of "a statement released by the ministry
/// said" is one.
fn plain_subject(doc: &Doc, cs: usize, np: Np) -> Option<Np> {
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
    (doc.toks[np.t1 - 1].kind != TokKind::Poss && !governed).then_some(np)
}

/// `X claimed A, and stressed B`: a cue coordinated with an earlier verb
/// cue of the sentence shares its subject.
fn coordinated_subject<'a>(mut earlier: impl Iterator<Item = &'a Attr>) -> Option<Np> {
    earlier
        .find(|p| p.keep && matches!(p.kind, AKind::Verb(_)) && p.subj.is_some())
        .and_then(|p| p.subj)
}

/// The earlier cues of the sentence, last first.
fn before_cues(earlier: &[Attr]) -> impl Iterator<Item = &Attr> {
    earlier.iter().rev()
}

/// `the ministry effusively denied`: a lower-case word in "-ly" of six
/// letters or more right before token `k`, after no determiner (so that
/// "the assembly said" keeps its subject).
fn manner_adverb(doc: &Doc, cs: usize, k: usize) -> bool {
    if k < cs + 2 || !doc.is_word(k - 1) {
        return false;
    }
    let w = doc.w(k - 1);
    w.len() >= 6
        && w.ends_with("ly")
        && doc.raw(k - 1).starts_with(char::is_lowercase)
        && !is_np_word(w)
        && !(doc.is_word(k - 2) && (is_det(doc.w(k - 2)) || pronoun(doc.w(k - 2)).is_some()))
        && doc.toks[k - 2].kind != TokKind::Poss
}

/// `Wang on Monday (March 7) said`: the opening of a parenthesis of a few
/// words with a number (a date) that ends just before token `k`.
fn dated_parenthesis(doc: &Doc, cs: usize, k: usize) -> Option<usize> {
    if k <= cs + 2 || !doc.is_punct(k - 1, ")") {
        return None;
    }
    let o = (k.saturating_sub(6).max(cs)..k - 1)
        .rev()
        .find(|&x| doc.is_punct(x, "("))?;
    let inner = o + 1..k - 1;
    let dated = inner
        .clone()
        .any(|x| doc.raw(x).starts_with(|c: char| c.is_ascii_digit()));
    (o > cs
        && dated
        && inner
            .clone()
            .all(|x| doc.is_word(x) || doc.is_punct(x, ",")))
    .then_some(o)
}

/// End of an audience or forum addressed by a cue such as "told": a few
/// words ending in an audience noun ("a regular news briefing", "Russia's
/// state television"), then any name in apposition ("broadcaster CCTV").
pub(super) fn audience_end(doc: &Doc, j: usize, t1: usize) -> Option<usize> {
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
