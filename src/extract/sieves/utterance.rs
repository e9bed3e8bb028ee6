//! The segments of one utterance share a speaker: a segment no sieve gave a
//! firm speaker takes the first firmly attributed segment's (else, when it
//! has none at all, the first segment's that has any).
//!
//! One pass over the quotations, with the first donor of each utterance kept
//! up to date, so the work is linear in the number of quotations however long
//! an utterance is (a multi-paragraph quotation of thousands of paragraphs).

use super::{QuoteKind, Sieve, TopRec};
use crate::extract::Quote;

/// Attributed by a sieve that only guesses from a neighbour, or not at all.
fn weak(q: &Quote) -> bool {
    q.speaker.is_none() || matches!(q.sieve, Some(Sieve::PreviousQuote | Sieve::NextSentence))
}

/// Gives every weakly attributed segment of an utterance the speaker of the
/// first firmly attributed segment of the same utterance (in document order,
/// as the segments stand when it is its turn), or, for a segment with no
/// speaker, that of the first segment with any speaker; every quotation
/// takes its utterance number. With `share` false (the `same_utterance`
/// sieve switched off) only the utterance numbers are set.
pub(super) fn share_speakers(tops: &mut [TopRec], share: bool) {
    let n = tops.len();
    // Per utterance: the first segment attributed firmly, and with any speaker.
    let mut first_firm: Vec<Option<usize>> = vec![None; n];
    let mut first_spoken: Vec<Option<usize>> = vec![None; n];
    for (j, t) in tops.iter().enumerate() {
        let Some(q) = &t.quote else { continue };
        if q.speaker.is_some() {
            first_spoken[t.utterance].get_or_insert(j);
            if !weak(q) {
                first_firm[t.utterance].get_or_insert(j);
            }
        }
    }
    for i in 0..n {
        let u = tops[i].utterance;
        if let Some(q) = tops[i].quote.as_ref().filter(|q| share && weak(q)) {
            // A weak segment is in neither list unless it has a speaker, and
            // then the fallback is not used: no segment is its own donor.
            let donor = first_firm[u]
                .or(first_spoken[u].filter(|_| q.speaker.is_none()))
                .and_then(|j| tops[j].quote.clone());
            if let (Some(d), Some(q)) = (donor, tops[i].quote.as_mut()) {
                q.speaker = d.speaker;
                q.speaker_text = d.speaker_text;
                q.speaker_span = d.speaker_span;
                q.cue = d.cue;
                q.cue_span = d.cue_span;
                q.via = d.via;
                q.kind = QuoteKind::Direct;
                q.sieve = Some(Sieve::SameUtterance);
                // Now firmly attributed: a donor for the segments after it.
                for first in [&mut first_firm[u], &mut first_spoken[u]] {
                    *first = Some(first.map_or(i, |f| f.min(i)));
                }
            }
        }
        if let Some(q) = tops[i].quote.as_mut() {
            q.utterance = u;
        }
    }
}
