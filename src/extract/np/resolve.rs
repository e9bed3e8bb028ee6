//! Resolution driver (stage two of attribution: mention -> speaker): runs
//! the ordered rules of [`super::rules`] on a noun phrase, first answer wins,
//! and holds the helpers the rules share.

use std::cell::OnceCell;

use super::super::doc::Doc;
use super::super::gazetteer::{Entry, GMatch, How};
use super::super::lexicon::*;
use super::find::is_sentence_initial;
use super::rules::RULES;
use super::{cat_of, compatible, slug, Cat, History, Np, Who};
use crate::speakers::{Gender, SpeakerKind};

/// What every resolution rule sees: the phrase, the discourse state, and
/// facts about the phrase computed once.
pub(super) struct Ctx<'a, 'd> {
    pub doc: &'a Doc<'d>,
    pub np: Np,
    pub hist: &'a History,
    pub para: usize,
    /// Byte offset where the phrase starts.
    pub pos: usize,
    /// First token after leading determiners (not after a possessive
    /// pronoun: "his ministry" keeps "his").
    pub h: usize,
    ms: OnceCell<Vec<GMatch>>,
}

impl Ctx<'_, '_> {
    /// Gazetteer matches inside the phrase (computed on first use, so a
    /// pronoun costs no gazetteer look-up).
    pub fn ms(&self) -> &[GMatch] {
        self.ms.get_or_init(|| {
            self.doc
                .matches_in(self.np.t0, self.np.t1)
                .copied()
                .collect()
        })
    }

    /// The resolved speaker `who`, re-spanned to this phrase.
    pub fn respan(&self, who: &Who) -> Who {
        Who {
            start: self.doc.toks[self.np.t0].start,
            end: self.doc.toks[self.np.t1 - 1].end,
            ..who.clone()
        }
    }
}

/// Resolves a noun phrase to a speaker: the first rule of [`RULES`] that
/// answers, else `other`.
pub(crate) fn resolve(doc: &Doc, np: Np, hist: &History, para: usize) -> Who {
    let (t0, t1) = (np.t0, np.t1);
    let mut h = t0;
    while h < t1
        && doc.is_word(h)
        && is_det(doc.w(h))
        && !matches!(doc.w(h), "his" | "her" | "its" | "their")
    {
        h += 1;
    }
    let cx = Ctx {
        doc,
        np,
        hist,
        para,
        pos: doc.toks[t0].start,
        h,
        ms: OnceCell::new(),
    };
    if let Some(w) = RULES.iter().find_map(|(_, rule)| rule(&cx)) {
        return w;
    }
    let cat = if doc.w(t1 - 1).ends_with('s') {
        Cat::Plural
    } else {
        Cat::Unknown
    };
    Who::other(doc, np, cat)
}

/// Whether the mention of `who` contains the lower-case word `w`.
pub(super) fn mention_has_word(doc: &Doc, who: &Who, w: &str) -> bool {
    doc.lower
        .get(who.start..who.end)
        .is_some_and(|m| m.split(|c: char| !c.is_alphanumeric()).any(|x| x == w))
}

/// The most recent gazetteer mention before `pos` whose entry satisfies `f`.
pub(super) fn recent_entry(doc: &Doc, pos: usize, f: impl Fn(&Entry) -> bool) -> Option<usize> {
    let k = doc.matches.partition_point(|m| doc.toks[m.t0].start < pos);
    doc.matches[..k]
        .iter()
        .rev()
        .take(200)
        .find(|m| f(&doc.gaz.entries[m.entry]))
        .map(|m| m.entry)
}

/// The speaker `e` of the table, named by `np`.
pub(super) fn entry_who(doc: &Doc, np: Np, e: &Entry) -> Who {
    Who::new(
        Some(e.report.clone()),
        doc,
        np,
        cat_of(e.kind, e.gender),
        Some(e.side),
    )
}

/// A person titled as an official of the body `e` ("US Ambassador to China
/// Nicholas Burns", "Pentagon press secretary Pat Ryder"): speaks for it.
pub(super) fn official_of(doc: &Doc, np: Np, e: &Entry) -> Who {
    Who::new(
        Some(e.report.clone()),
        doc,
        np,
        Cat::Person(None),
        Some(e.side),
    )
}

pub(super) fn name_who(doc: &Doc, np: Np, name: Np, hist: &History) -> Who {
    let mut s = slug(&doc.text[doc.toks[name.t0].start..doc.toks[name.t1 - 1].end]);
    // A surname alone refers back to the full name seen earlier ("Tanabe"
    // after "Hiroshi Tanabe").
    if name.t1 - name.t0 == 1 {
        let tail = format!("_{s}");
        let unknown = hist.speakers.iter().rev().find_map(|h| {
            h.who
                .id
                .as_deref()
                .filter(|id| id.ends_with(&tail) && doc.gaz.entries.iter().all(|e| e.report != *id))
                .map(|id| (h.who.start, id))
        });
        // "Lin" after "spokesman Lin Jian": a known person's full name, with
        // the surname first or last.
        let known = last_full_name_with_surname(doc, name.t0);
        match (known, unknown) {
            (Some(m), u) if u.is_none_or(|(at, _)| at < doc.toks[m.t0].start) => {
                let e = &doc.gaz.entries[m.entry];
                return entry_who(doc, np, e);
            }
            (_, Some((_, full))) => s = full.to_string(),
            _ => {}
        }
    }
    // "Sergey Larvov": a known person's full name with a typo.
    if name.t1 - name.t0 >= 2 {
        let words: Vec<&str> = (name.t0..name.t1).map(|i| doc.w(i)).collect();
        if let Some(e) = doc.gaz.person_near(&words) {
            return entry_who(doc, np, &doc.gaz.entries[e]);
        }
    }
    let known = doc.gaz.entries.iter().any(|e| e.report == s);
    let id = if s.is_empty() || known {
        "other".to_string()
    } else {
        s
    };
    Who::new(Some(id), doc, np, Cat::Unknown, None)
}

/// The last full name (two words or more) of a known person, before token
/// `t`, whose first or last word is the word at `t`: the person a surname
/// alone at `t` refers back to.
pub(super) fn last_full_name_with_surname<'d>(doc: &'d Doc, t: usize) -> Option<&'d GMatch> {
    let w = doc.w(t);
    let pos = doc.toks[t].start;
    let k = doc.matches.partition_point(|m| doc.toks[m.t0].start < pos);
    doc.matches[..k].iter().rev().take(200).find(|m| {
        m.how == How::Name
            && m.t1 >= m.t0 + 2
            && doc.gaz.entries[m.entry].kind == SpeakerKind::Person
            && (doc.w(m.t0) == w || doc.w(m.t1 - 1) == w)
    })
}

pub(super) fn resolve_pronoun(
    doc: &Doc,
    np: Np,
    p: Pron,
    hist: &History,
    para: usize,
    pos: usize,
) -> Who {
    let mut who = Who::new(None, doc, np, Cat::Unknown, None);
    if p == Pron::First {
        return who;
    }
    // A named speaker once called "she" is not a later "he" (and back).
    let mut ruled_out: Vec<&str> = Vec::new();
    let spk = hist.speakers.iter().rev().find(|s| {
        let id = s.who.id.as_deref().unwrap_or("other");
        if ruled_out.contains(&id) {
            return false;
        }
        if compatible(p, s.who.cat) {
            return true;
        }
        if id != "other" && matches!(s.who.cat, Cat::Person(Some(_))) {
            ruled_out.push(id);
        }
        false
    });
    // What "he"/"she" says about a speaker of unknown gender.
    let gendered = |c: Cat| match (p, c) {
        (Pron::He, Cat::Person(None) | Cat::Unknown) => Cat::Person(Some(Gender::Male)),
        (Pron::She, Cat::Person(None) | Cat::Unknown) => Cat::Person(Some(Gender::Female)),
        _ => c,
    };
    if let Some(s) = spk {
        if s.para + 1 >= para {
            who.id = s.who.id.clone();
            who.cat = gendered(s.who.cat);
            who.side = s.who.side;
            return who;
        }
    }
    let k = doc.matches.partition_point(|m| doc.toks[m.t0].start < pos);
    // The most recent compatible mention earlier in the same sentence.
    let si = doc.sents.partition_point(|s| s.end <= pos);
    let sent_start = doc.sents.get(si).map_or(0, |s| s.start);
    let same = doc.matches[..k]
        .iter()
        .rev()
        .take_while(|m| doc.toks[m.t0].start >= sent_start)
        .find(|m| {
            let e = &doc.gaz.entries[m.entry];
            compatible(p, cat_of(e.kind, e.gender))
        });
    if let Some(m) = same {
        let e = &doc.gaz.entries[m.entry];
        who.id = Some(e.report.clone());
        who.cat = cat_of(e.kind, e.gender);
        who.side = Some(e.side);
        return who;
    }
    // The most recent compatible mention that opened its sentence.
    let subj = doc.matches[..k].iter().rev().take(100).find(|m| {
        let e = &doc.gaz.entries[m.entry];
        compatible(p, cat_of(e.kind, e.gender)) && is_sentence_initial(doc, m.t0)
    });
    // The last compatible speaker wins over an earlier sentence-initial
    // mention: in `"...," Lavrov said.` / `Zakharova said ...` / `"...," he
    // added.`, he is Lavrov, not a man named in an earlier sentence.
    let subj = subj
        .filter(|m| spk.is_none_or(|s| s.para + 3 < para || doc.toks[m.t0].start > s.who.start));
    if let Some(m) = subj {
        let e = &doc.gaz.entries[m.entry];
        who.id = Some(e.report.clone());
        who.cat = cat_of(e.kind, e.gender);
        who.side = Some(e.side);
    } else if let Some(s) = spk {
        who.id = s.who.id.clone();
        who.cat = s.who.cat;
        who.side = s.who.side;
    }
    who
}
