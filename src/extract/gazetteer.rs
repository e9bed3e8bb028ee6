//! Gazetteer matching: finds the names, aliases and role nouns of the speaker
//! table in a token stream.
//!
//! Phrases are tokenised with the same tokenizer as articles and indexed by
//! their first token (lower case), so a lookup costs one hash probe per word
//! and no allocation. Possessives match whatever their apostrophe glyph.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::tokens::{tokenize, Tok, TokKind};
use crate::speakers::{Gender, Side, SpeakerKind, SpeakerTable};

/// How a phrase refers to its speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum How {
    /// A role noun ("China's top diplomat"), valid during its period.
    Role,
    /// An alias ("Wang").
    Alias,
    /// The display name ("Wang Yi").
    Name,
}

/// One speaker of the table, as attribution sees it.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// The id attribution reports (the speaker's `counts_as` or its id).
    pub report: String,
    pub kind: SpeakerKind,
    pub side: Side,
    pub gender: Option<Gender>,
    /// Lower-case last words of the name, aliases and roles ("council",
    /// "ministry", "diplomat"), for "the council"-style descriptions.
    pub heads: Vec<String>,
}

#[derive(Clone)]
struct Phrase {
    /// Lower-case tokens; possessives as `'s` or `'`.
    toks: Vec<String>,
    entry: usize,
    how: How,
    /// Match only with exactly this casing (all-caps aliases such as "US").
    exact: Option<String>,
    /// The first word must be capitalised in the text (person names).
    cap: bool,
    from: Option<String>,
    to: Option<String>,
}

/// A match of a phrase in a document.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GMatch {
    /// Token range.
    pub t0: usize,
    pub t1: usize,
    pub entry: usize,
    pub how: How,
}

/// The compiled speaker table.
#[derive(Clone)]
pub(crate) struct Gazetteer {
    pub entries: Vec<Entry>,
    phrases: Vec<Phrase>,
    by_first: HashMap<String, Vec<usize>, BuildHasherDefault<Fnv>>,
}

/// FNV-1a: the gazetteer is looked up once per word of every article, with
/// short keys and no untrusted key choice, where SipHash's cost showed up
/// as a seventh of extraction time.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

fn norm_tok(text: &str, t: &Tok) -> String {
    match t.kind {
        TokKind::Poss if t.end - t.start > 1 && text[t.start..t.end].ends_with(['s', 'S']) => {
            "'s".to_string()
        }
        TokKind::Poss => "'".to_string(),
        _ => text[t.start..t.end].to_ascii_lowercase(),
    }
}

/// Whether a document token (lower-cased text `lw`) equals phrase token `p`.
fn tok_eq(lower: &str, t: &Tok, p: &str) -> bool {
    match t.kind {
        TokKind::Poss => {
            let s_end = lower[t.start..t.end].ends_with('s');
            (p == "'s" && s_end) || (p == "'" && !s_end)
        }
        _ => &lower[t.start..t.end] == p,
    }
}

impl Gazetteer {
    /// Compiles a speaker table.
    pub fn new(table: &SpeakerTable) -> Self {
        let mut entries = Vec::new();
        let mut phrases = Vec::new();
        let mut buf = Vec::new();
        for sp in table.iter() {
            let idx = entries.len();
            let mut heads: Vec<String> = Vec::new();
            let mut add = |text: &str, how: How, from: Option<String>, to: Option<String>| {
                tokenize(text, &mut buf);
                if buf.is_empty() {
                    return;
                }
                let toks: Vec<String> = buf.iter().map(|t| norm_tok(text, t)).collect();
                if let Some(last) = toks.last() {
                    if !heads.contains(last) {
                        heads.push(last.clone());
                    }
                }
                let all_caps = text.len() >= 2
                    && text.chars().any(char::is_alphabetic)
                    && text.chars().all(|c| !c.is_lowercase());
                let cap = how != How::Role && sp.kind == SpeakerKind::Person;
                phrases.push(Phrase {
                    toks,
                    entry: idx,
                    how,
                    exact: all_caps.then(|| text.to_string()),
                    cap,
                    from,
                    to,
                });
            };
            add(&sp.name, How::Name, None, None);
            for a in &sp.aliases {
                add(a, How::Alias, None, None);
            }
            for r in &sp.roles {
                add(&r.noun, How::Role, r.from.clone(), r.to.clone());
            }
            entries.push(Entry {
                report: sp.reported_id().to_string(),
                kind: sp.kind,
                side: sp.side,
                gender: sp.pronoun_gender(),
                heads,
            });
        }
        let mut by_first: HashMap<String, Vec<usize>, BuildHasherDefault<Fnv>> = HashMap::default();
        for (i, p) in phrases.iter().enumerate() {
            by_first.entry(p.toks[0].clone()).or_default().push(i);
        }
        // Longest phrases first, so the first match found is the longest.
        for v in by_first.values_mut() {
            v.sort_by_key(|&i| std::cmp::Reverse(phrases[i].toks.len()));
        }
        Gazetteer {
            entries,
            phrases,
            by_first,
        }
    }

    /// The longest phrase starting at token `i`, if any. `text` is the
    /// article, `lower` its ASCII-lower-cased copy (same byte offsets).
    pub fn match_at(
        &self,
        text: &str,
        lower: &str,
        toks: &[Tok],
        i: usize,
        date: Option<&str>,
    ) -> Option<GMatch> {
        let t = toks.get(i)?;
        if t.kind != TokKind::Word {
            return None;
        }
        let cands = self.by_first.get(&lower[t.start..t.end])?;
        'cand: for &pi in cands {
            let p = &self.phrases[pi];
            let n = p.toks.len();
            if i + n > toks.len() {
                continue;
            }
            for (k, pt) in p.toks.iter().enumerate() {
                let dt = &toks[i + k];
                if dt.quote != t.quote || !tok_eq(lower, dt, pt) {
                    continue 'cand;
                }
            }
            if let Some(exact) = &p.exact {
                if &text[t.start..toks[i + n - 1].end] != exact {
                    continue;
                }
            }
            if p.cap && !text[t.start..].starts_with(char::is_uppercase) {
                continue;
            }
            if let Some(d) = date {
                if p.from.as_deref().is_some_and(|f| d < f)
                    || p.to.as_deref().is_some_and(|e| d > e)
                {
                    continue;
                }
            }
            return Some(GMatch {
                t0: i,
                t1: i + n,
                entry: p.entry,
                how: p.how,
            });
        }
        None
    }

    /// The person whose full name (two words or more) is `words` (lower
    /// case) but for one word misspelled by one edit or one swap of
    /// neighbouring letters ("Sergey Larvov"), when that word has five
    /// letters or more and the same first letter: a typo in a known name.
    pub fn person_near(&self, words: &[&str]) -> Option<usize> {
        if words.len() < 2 {
            return None;
        }
        let mut found = None;
        for p in &self.phrases {
            if p.how == How::Role || p.toks.len() != words.len() {
                continue;
            }
            if self.entries[p.entry].kind != SpeakerKind::Person {
                continue;
            }
            let mut diff = p.toks.iter().zip(words).filter(|(a, b)| a != b);
            let (Some((a, b)), None) = (diff.next(), diff.next()) else {
                continue;
            };
            if a.chars().count() >= 5 && a.as_bytes()[0] == b.as_bytes()[0] && one_edit(a, b) {
                if found.is_some_and(|f| f != p.entry) {
                    return None;
                }
                found = Some(p.entry);
            }
        }
        found
    }

    /// The organisation of `side` that the table names by a one-word place
    /// or nationality of that side ("Beijing", "Washington", "Kremlin"): who
    /// speaks for the side's government. The first such entry of the table.
    pub fn side_body(&self, side: Side) -> Option<usize> {
        self.phrases
            .iter()
            .filter(|p| {
                p.toks.len() == 1 && self.entries[p.entry].kind == SpeakerKind::Organisation
            })
            .filter(|p| self.entries[p.entry].side == side)
            .filter(|p| super::lexicon::nationality_side(&p.toks[0]) == Some(side))
            .map(|p| p.entry)
            .min()
    }

    /// The entries whose name or alias ends with the given lower-case words
    /// (e.g. `["foreign", "ministry"]`), for "his foreign ministry".
    pub fn entries_ending_with<'a>(
        &'a self,
        words: &'a [&'a str],
    ) -> impl Iterator<Item = usize> + 'a {
        self.phrases
            .iter()
            .filter(move |p| {
                p.how != How::Role
                    && p.toks.len() > words.len()
                    && p.toks[p.toks.len() - words.len()..]
                        .iter()
                        .zip(words)
                        .all(|(a, b)| a == b)
            })
            .map(|p| p.entry)
    }
}

/// Whether `a` and `b` differ by one insertion, deletion, substitution or
/// swap of neighbouring characters.
fn one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a == b {
        return false;
    }
    let pre = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[pre..], &b[pre..]);
    let suf = ra
        .iter()
        .rev()
        .zip(rb.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&ra[..ra.len() - suf], &rb[..rb.len() - suf]);
    match (ma.len(), mb.len()) {
        (1, 1) | (0, 1) | (1, 0) => true,
        (2, 2) => ma[0] == mb[1] && ma[1] == mb[0],
        _ => false,
    }
}
