//! Noun-phrase finding: the speaker phrase before or after a cue, and the
//! capitalised name that ends a phrase.

use super::super::doc::Doc;
use super::super::lexicon::*;
use super::super::tokens::TokKind;
use super::Np;

/// Words that stop a noun phrase even when capitalised (sentence-initial
/// "But", "In", "Last").
pub(super) fn stops_np(w: &str) -> bool {
    is_function_word(w) && !matches!(w, "it" | "its" | "he" | "she" | "they")
        || is_adverbial_start(w)
        || is_skippable_adverb(w)
        || matches!(
            w,
            "but" | "and" | "yet" | "speaking" | "both" | "which" | "who" | "that"
        )
}

pub(super) fn word_ok(doc: &Doc, i: usize) -> bool {
    if !doc.is_word(i) {
        return false;
    }
    let w = doc.w(i);
    if is_np_word(w) {
        return true;
    }
    doc.is_cap(i) && !stops_np(w)
}

/// The noun phrase ending just before token `k`, not reaching before `lo`.
pub(crate) fn np_before(doc: &Doc, lo: usize, k: usize) -> Option<Np> {
    if k == 0 || k <= lo {
        return None;
    }
    // A lone subject pronoun.
    if doc.is_word(k - 1) && matches!(doc.w(k - 1), "he" | "she" | "it" | "they" | "we" | "i") {
        return Some(Np { t0: k - 1, t1: k });
    }
    let mut j = k;
    let mut after_det = false;
    while j > lo {
        let t = j - 1;
        let tok = &doc.toks[t];
        if tok.quote != 0 {
            break;
        }
        match tok.kind {
            TokKind::Poss => {
                if after_det || t <= lo || !doc.is_word(t - 1) {
                    break;
                }
                j -= 1;
            }
            TokKind::Punct => break,
            TokKind::Word => {
                let w = doc.w(t);
                if is_connector(w) || w == "and" {
                    if j < k
                        && t > lo
                        && (word_ok(doc, t - 1) || doc.toks[t - 1].kind == TokKind::Poss)
                    {
                        after_det = false;
                        j -= 1;
                        continue;
                    }
                    break;
                }
                if after_det {
                    // "A senior U.S. official": an article before a
                    // determiner-like adjective.
                    if matches!(w, "a" | "an" | "the")
                        && matches!(doc.w(t + 1), "senior" | "other" | "top")
                    {
                        j -= 1;
                    }
                    break;
                }
                if is_det(w)
                    || pronoun(w).is_some() && matches!(w, "his" | "her" | "its" | "their" | "our")
                {
                    after_det = true;
                    j -= 1;
                    continue;
                }
                if word_ok(doc, t) {
                    j -= 1;
                    continue;
                }
                break;
            }
        }
    }
    while j < k && doc.is_word(j) && (is_connector(doc.w(j)) || doc.w(j) == "and") {
        j += 1;
    }
    // A coordination only when the phrase starts cleanly (at the clause start
    // or after punctuation): in "an ally of Russia and NATO members said", the
    // subject is "NATO members".
    let clean = j == lo || j == 0 || doc.toks[j - 1].kind == TokKind::Punct;
    if !clean {
        if let Some(a) = (j..k).rev().find(|&i| doc.is_word(i) && doc.w(i) == "and") {
            j = a + 1;
        }
    }
    (j < k).then_some(Np { t0: j, t1: k })
}

/// The noun phrase starting at token `i`, not reaching `hi`.
pub(crate) fn np_after(doc: &Doc, i: usize, hi: usize) -> Option<Np> {
    if i >= hi {
        return None;
    }
    if doc.is_word(i) && matches!(doc.w(i), "he" | "she" | "it" | "they" | "we" | "i") {
        return Some(Np { t0: i, t1: i + 1 });
    }
    // "according to him": an object pronoun ("her" only when no noun
    // follows, else it is a possessive).
    if doc.is_word(i)
        && (matches!(doc.w(i), "him" | "them") || doc.w(i) == "her" && !doc.is_word(i + 1))
    {
        return Some(Np { t0: i, t1: i + 1 });
    }
    let mut j = i;
    let mut det_ok = true; // a determiner may come here
    while j < hi {
        let tok = &doc.toks[j];
        if tok.quote != 0 {
            break;
        }
        match tok.kind {
            TokKind::Poss => {
                if j == i {
                    break;
                }
                j += 1;
                det_ok = false;
            }
            TokKind::Punct => break,
            TokKind::Word => {
                let w = doc.w(j);
                if is_connector(w) || w == "and" {
                    let next_ok = j + 1 < hi
                        && (word_ok(doc, j + 1) || doc.is_word(j + 1) && is_det(doc.w(j + 1)));
                    if j > i && next_ok {
                        j += 1;
                        det_ok = true;
                        continue;
                    }
                    break;
                }
                if is_det(w) || matches!(w, "his" | "her" | "its" | "their" | "our") {
                    if !det_ok {
                        break;
                    }
                    j += 1;
                    det_ok = false;
                    continue;
                }
                if word_ok(doc, j) {
                    j += 1;
                    det_ok = false;
                    continue;
                }
                break;
            }
        }
    }
    while j > i
        && doc.is_word(j - 1)
        && (is_connector(doc.w(j - 1)) || doc.w(j - 1) == "and" || is_det(doc.w(j - 1)))
    {
        j -= 1;
    }
    (j > i).then_some(Np { t0: i, t1: j })
}

/// The run of capitalised non-title words ending a noun phrase at `t1`,
/// starting no earlier than `from`.
pub(super) fn trailing_name(doc: &Doc, from: usize, t1: usize) -> Option<Np> {
    let mut j = t1;
    while j > from
        && doc.is_cap(j - 1)
        && !is_title(doc.w(j - 1))
        && !stops_np(doc.w(j - 1))
        && !is_np_word(doc.w(j - 1))
    {
        j -= 1;
    }
    (j < t1).then_some(Np { t0: j, t1 })
}

/// Whether token `i` starts its sentence's subject (only capitalised words
/// and determiners before it in the sentence).
pub(super) fn is_sentence_initial(doc: &Doc, i: usize) -> bool {
    let b = doc.toks[i].start;
    let si = doc.sents.partition_point(|s| s.end <= b);
    let Some(s) = doc.sents.get(si) else {
        return false;
    };
    (s.t0..i).all(|j| word_ok(doc, j) || doc.toks[j].kind == TokKind::Poss)
}
