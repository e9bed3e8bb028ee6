//! A document prepared for attribution: its text, an ASCII-lower-cased copy,
//! tokens, quotation spans, sentences and gazetteer matches, all computed once.
//!
//! Every look at a token through the accessors below is counted in
//! [`Doc::work`], the measure of how much looking around the sieves did
//! (see [`super::Work`]).

use std::cell::Cell;

use super::gazetteer::{GMatch, Gazetteer};
use super::marks::{self, QSpan};
use super::sentences::{self, Sent};
use super::tokens::{tokenize, Tok, TokKind};

pub(crate) struct Doc<'a> {
    pub text: &'a str,
    /// `text` with ASCII letters lower-cased: same byte offsets.
    pub lower: String,
    pub toks: Vec<Tok>,
    /// Top-level spans first (document order), nested ones after.
    pub quotes: Vec<QSpan>,
    /// Number of top-level spans at the front of `quotes`.
    pub n_top: usize,
    pub sents: Vec<Sent>,
    /// Gazetteer matches outside quotations (longest at each start), in order.
    pub matches: Vec<GMatch>,
    pub gaz: &'a Gazetteer,
    /// Token examinations through the accessors so far.
    pub work: Cell<u64>,
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str, gaz: &'a Gazetteer, date: Option<&'a str>) -> Self {
        let lower = text.to_ascii_lowercase();
        let quotes = marks::scan(text);
        let n_top = quotes.iter().take_while(|q| !q.nested).count();
        let mut toks = Vec::with_capacity(text.len() / 5);
        tokenize(text, &mut toks);
        // Mark the tokens inside each top-level quotation's content.
        let mut tops: Vec<(usize, usize, usize)> = quotes[..n_top]
            .iter()
            .enumerate()
            .map(|(i, q)| (q.start, q.end, i))
            .collect();
        tops.sort_unstable();
        let mut qi = 0;
        for t in toks.iter_mut() {
            while qi < tops.len() && tops[qi].1 <= t.start {
                qi += 1;
            }
            if let Some(&(s, e, i)) = tops.get(qi) {
                if s <= t.start && t.end <= e {
                    t.quote = i as u32 + 1;
                }
            }
        }
        let mut sents = sentences::split(text, &quotes);
        let mut ti = 0;
        for s in sents.iter_mut() {
            while ti < toks.len() && toks[ti].start < s.start {
                ti += 1;
            }
            s.t0 = ti;
            while ti < toks.len() && toks[ti].end <= s.end {
                ti += 1;
            }
            s.t1 = ti;
        }
        let mut matches = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            if toks[i].quote == 0 {
                if let Some(m) = gaz.match_at(text, &lower, &toks, i, date) {
                    matches.push(m);
                }
            }
            i += 1;
        }
        Doc {
            text,
            lower,
            toks,
            quotes,
            n_top,
            sents,
            matches,
            gaz,
            work: Cell::new(0),
        }
    }

    /// Counts one token examination.
    fn tick(&self) {
        self.work.set(self.work.get() + 1);
    }

    /// Counts `steps` steps of a loop that looks at no token (pairs of cues).
    pub fn count_work(&self, steps: usize) {
        self.work.set(self.work.get() + steps as u64);
    }

    /// Lower-cased text of token `i` ("" past the end).
    pub fn w(&self, i: usize) -> &str {
        self.tick();
        self.toks.get(i).map_or("", |t| &self.lower[t.start..t.end])
    }

    /// Original text of token `i`.
    pub fn raw(&self, i: usize) -> &str {
        self.tick();
        self.toks.get(i).map_or("", |t| &self.text[t.start..t.end])
    }

    /// Whether token `i` is a word outside quotations.
    pub fn is_word(&self, i: usize) -> bool {
        self.tick();
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == TokKind::Word && t.quote == 0)
    }

    /// Whether token `i` is a word starting with an upper-case letter.
    pub fn is_cap(&self, i: usize) -> bool {
        self.is_word(i)
            && self
                .raw(i)
                .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
    }

    /// Whether token `i` is the punctuation character `c` outside quotes.
    pub fn is_punct(&self, i: usize, c: &str) -> bool {
        self.tick();
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == TokKind::Punct && t.quote == 0 && self.raw(i) == c)
    }

    /// The top-level quotation whose opening mark is token `i`.
    pub fn opening_at(&self, i: usize) -> Option<usize> {
        self.tick();
        let t = self.toks.get(i)?;
        if t.kind != TokKind::Punct {
            return None;
        }
        let top = &self.quotes[..self.n_top];
        let k = top.partition_point(|q| q.open < t.start);
        (k < top.len() && top[k].open == t.start).then_some(k)
    }

    /// The top-level quotation whose closing mark is token `i`.
    pub fn closing_at(&self, i: usize) -> Option<usize> {
        self.tick();
        let t = self.toks.get(i)?;
        if t.kind != TokKind::Punct {
            return None;
        }
        let top = &self.quotes[..self.n_top];
        let k = top.partition_point(|q| q.close < t.end);
        (k < top.len() && top[k].close == t.end && top[k].close > top[k].end).then_some(k)
    }

    /// The first token at or after byte `b`.
    pub fn tok_at(&self, b: usize) -> usize {
        self.tick();
        self.toks.partition_point(|t| t.start < b)
    }

    /// Gazetteer matches lying within tokens `[t0, t1)`.
    pub fn matches_in(&self, t0: usize, t1: usize) -> impl Iterator<Item = &GMatch> + '_ {
        self.tick();
        let a = self.matches.partition_point(|m| m.t0 < t0);
        let b = self.matches.partition_point(|m| m.t0 < t1);
        self.matches[a..b].iter().filter(move |m| m.t1 <= t1)
    }
}
