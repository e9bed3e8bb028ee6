//! Speaker mentions: noun-phrase boundaries around a cue, and resolution of
//! a mention to a speaker (stage two of attribution: mention -> speaker).
//!
//! Resolution order, most precise first: a pronoun resolves to the most
//! recent compatible speaker (or subject); a coordination ("Russia and China")
//! is nobody in the table; "an aide to X" is not X, nor is "X's
//! counterpart"; in "the Chinese embassy in Washington", "ambassador to
//! China" or "a European diplomat in Beijing", what follows "in"/"to"/"at" is
//! a place; a name, alias or role noun of the gazetteer gives its id (a role followed
//! by an unknown name, "Defence Minister Li Shangfu", is the unknown name,
//! unless an official title ties it to an organisation, "Pentagon press
//! secretary Pat Ryder"; an alias followed by more of a name, "Wang
//! Xiaolong", is another person; a surname alone takes the id of the known
//! full name, or the slug of the unknown one, seen last before it, and so does
//! an alias that is a bare surname: "Wang" after "Wang Wenbin" is the
//! spokesman, not Wang Yi); "his foreign ministry"
//! is the ministry of the possessor's side; a definite description ("the
//! statement", "the council", "a spokesperson", "the ministers") resolves
//! against earlier speakers ("the diplomat" first against a speaker
//! introduced with that noun); an unknown capitalised name gets a slug id; any
//! other description gets `other`.

use std::collections::VecDeque;

use super::doc::Doc;
use super::gazetteer::{Entry, GMatch, How};
use super::lexicon::*;
use super::tokens::TokKind;
use crate::speakers::{Gender, Side, SpeakerKind};

/// A noun phrase: a token range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Np {
    pub t0: usize,
    pub t1: usize,
}

/// What kind of referent a resolved mention is, for pronoun agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cat {
    Person(Option<Gender>),
    Org,
    Group,
    Outlet,
    /// A plural description nobody in the table matches ("the officials").
    Plural,
    Unknown,
}

/// A resolved speaker mention.
#[derive(Debug, Clone)]
pub(crate) struct Who {
    /// Canonical id, slug or `other`; `None` when a pronoun found no antecedent.
    pub id: Option<String>,
    pub start: usize,
    pub end: usize,
    pub cat: Cat,
    pub side: Option<Side>,
}

/// A speaker seen earlier in the document.
#[derive(Debug, Clone)]
pub(crate) struct Seen {
    pub who: Who,
    pub para: usize,
}

/// How many earlier speakers resolution looks back over: the last
/// `MAX_HISTORY` attributions of an article (real articles have far fewer),
/// so that resolving a mention costs a bounded time however long the
/// article is.
pub(crate) const MAX_HISTORY: usize = 256;

/// The discourse state used by resolution.
#[derive(Default)]
pub(crate) struct History {
    /// Speakers of the last [`MAX_HISTORY`] attributions, in order.
    pub speakers: VecDeque<Seen>,
}

impl History {
    /// Records a speaker, forgetting the oldest beyond [`MAX_HISTORY`].
    pub fn push(&mut self, seen: Seen) {
        if self.speakers.len() == MAX_HISTORY {
            self.speakers.pop_front();
        }
        self.speakers.push_back(seen);
    }
}

fn cat_of(kind: SpeakerKind, gender: Option<Gender>) -> Cat {
    match kind {
        SpeakerKind::Person => Cat::Person(gender),
        SpeakerKind::Organisation => Cat::Org,
        SpeakerKind::Group => Cat::Group,
        SpeakerKind::Outlet => Cat::Outlet,
    }
}

fn compatible(p: Pron, c: Cat) -> bool {
    match p {
        Pron::He => matches!(c, Cat::Person(None | Some(Gender::Male)) | Cat::Unknown),
        Pron::She => matches!(c, Cat::Person(None | Some(Gender::Female)) | Cat::Unknown),
        Pron::It => matches!(c, Cat::Org | Cat::Outlet),
        Pron::They => matches!(c, Cat::Group | Cat::Plural),
        Pron::First => false,
    }
}

/// Words that stop a noun phrase even when capitalised (sentence-initial
/// "But", "In", "Last").
fn stops_np(w: &str) -> bool {
    is_function_word(w) && !matches!(w, "it" | "its" | "he" | "she" | "they")
        || is_adverbial_start(w)
        || is_skippable_adverb(w)
        || matches!(
            w,
            "but" | "and" | "yet" | "speaking" | "both" | "which" | "who" | "that"
        )
}

fn word_ok(doc: &Doc, i: usize) -> bool {
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

/// Slug id for an unknown name: lower case, words joined by `_`.
fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

impl Who {
    fn new(id: Option<String>, doc: &Doc, np: Np, cat: Cat, side: Option<Side>) -> Who {
        Who {
            id,
            start: doc.toks[np.t0].start,
            end: doc.toks[np.t1 - 1].end,
            cat,
            side,
        }
    }

    fn other(doc: &Doc, np: Np, cat: Cat) -> Who {
        Who::new(Some("other".to_string()), doc, np, cat, None)
    }
}

/// Resolves a noun phrase to a speaker.
pub(crate) fn resolve(doc: &Doc, np: Np, hist: &History, para: usize) -> Who {
    let (t0, t1) = (np.t0, np.t1);
    let pos = doc.toks[t0].start;
    // 1. A pronoun.
    if t1 - t0 == 1 {
        if let Some(p) = pronoun(doc.w(t0)) {
            return resolve_pronoun(doc, np, p, hist, para, pos);
        }
    }
    let ms: Vec<_> = doc.matches_in(t0, t1).copied().collect();
    // 2. A coordination outside any gazetteer phrase.
    let coordinated =
        (t0..t1).any(|i| doc.w(i) == "and" && !ms.iter().any(|m| m.t0 <= i && i < m.t1));
    if coordinated {
        return Who::other(doc, np, Cat::Plural);
    }
    // Skip leading determiners.
    let mut h = t0;
    while h < t1
        && doc.is_word(h)
        && is_det(doc.w(h))
        && !matches!(doc.w(h), "his" | "her" | "its" | "their")
    {
        h += 1;
    }
    // 3. "an aide to X", "a spokesman for X", "members of X".
    if h + 2 < t1 + 1 && h + 1 < t1 && is_dependent_head(doc.w(h)) && is_connector(doc.w(h + 1)) {
        let head = doc.w(h);
        let rest = Np { t0: h + 2, t1 };
        if rest.t0 < rest.t1 && (is_spokes_head(head) || matches!(head, "member" | "members")) {
            let r = resolve(doc, rest, hist, para);
            if matches!(r.cat, Cat::Org | Cat::Group) {
                return Who::new(r.id, doc, np, r.cat, r.side);
            }
        }
        let cat = if head.ends_with('s') {
            Cat::Plural
        } else {
            Cat::Person(None)
        };
        return Who::other(doc, np, cat);
    }
    // 3a. "Lavrov's Chinese counterpart" is not Lavrov (a name after it,
    // "his counterpart Wang Yi", is resolved below).
    if matches!(doc.w(t1 - 1), "counterpart" | "counterparts")
        && (t0..t1).any(|i| doc.toks[i].kind == TokKind::Poss)
    {
        let cat = if doc.w(t1 - 1).ends_with('s') {
            Cat::Plural
        } else {
            Cat::Person(None)
        };
        return Who::other(doc, np, cat);
    }
    // 3b. "the Chinese embassy in Washington", "ambassador to China Igor
    // Morgulov": what follows "in"/"to" is a place, not the speaker.
    if let Some(c) = (h + 1..t1).find(|&i| {
        let prev = doc.w(i - 1);
        doc.is_word(i)
            && match doc.w(i) {
                // "a European diplomat in Beijing" is no Beijing official.
                "in" | "at" => is_post_head(prev) || is_located_person(prev),
                "to" => is_post_head(prev),
                _ => false,
            }
    }) {
        let mut k = c + 1;
        if doc.is_word(k) && is_det(doc.w(k)) {
            k += 1;
        }
        if let Some(m) = ms.iter().find(|m| m.t0 == k) {
            k = m.t1;
        } else if doc.is_cap(k) {
            k += 1;
        }
        if let Some(name) = trailing_name(doc, k, t1) {
            // "US Ambassador to China Nicholas Burns": an official of the body
            // named before the post.
            if let Some(m) = ms.iter().rev().find(|m| m.t1 <= c) {
                let e = &doc.gaz.entries[m.entry];
                if e.kind == SpeakerKind::Organisation && is_official_title(doc.w(c - 1)) {
                    return official_of(doc, np, e);
                }
            }
            return name_who(doc, np, name, hist);
        }
        let r = resolve(doc, Np { t0, t1: c }, hist, para);
        let cat = match (r.id.as_deref(), doc.w(c - 1)) {
            (Some("other"), "embassy" | "embassies" | "consulate" | "consulates" | "mission") => {
                Cat::Org
            }
            _ => r.cat,
        };
        return Who {
            start: doc.toks[t0].start,
            end: doc.toks[t1 - 1].end,
            cat,
            ..r
        };
    }
    // 4. Gazetteer phrases: the one ending last (then the longest) is the head.
    if let Some(m) = ms.iter().max_by_key(|m| (m.t1, m.t1 - m.t0, m.how)) {
        let e = &doc.gaz.entries[m.entry];
        // A title followed by an unknown name: the name is the speaker,
        // unless the title makes them the body's spokesperson ("Pentagon
        // press secretary Pat Ryder" speaks for the Pentagon).
        if let Some(name) = trailing_name(doc, m.t1, t1) {
            // "Wang Xiaolong" is not Wang Yi: a person's alias followed at
            // once by more of a name is part of another name.
            if name.t0 == m.t1 && e.kind == SpeakerKind::Person && m.how != How::Role {
                return name_who(
                    doc,
                    np,
                    Np {
                        t0: m.t0,
                        t1: name.t1,
                    },
                    hist,
                );
            }
            let official = (m.t1..name.t0).any(|i| is_official_title(doc.w(i)));
            if official && matches!(e.kind, SpeakerKind::Organisation | SpeakerKind::Group) {
                return official_of(doc, np, e);
            }
            return name_who(doc, np, name, hist);
        }
        // A person's alias that is a bare surname ("Wang") means whoever of
        // that surname was named in full last: after "Wang Wenbin", not Wang
        // Yi.
        if m.how == How::Alias && m.t1 == m.t0 + 1 && e.kind == SpeakerKind::Person {
            if let Some(last) = last_full_name_with_surname(doc, m.t0) {
                return entry_who(doc, np, &doc.gaz.entries[last.entry]);
            }
        }
        if let Some(w) = persons_government(doc, np, m.t1, e) {
            return w;
        }
        return entry_who(doc, np, e);
    }
    // 5. "his foreign ministry": the possessor's side.
    if doc.is_word(h) && matches!(doc.w(h), "his" | "her" | "its" | "their") && h + 1 < t1 {
        let p = pronoun(doc.w(h)).unwrap_or(Pron::It);
        let owner = resolve_pronoun(doc, Np { t0: h, t1: h + 1 }, p, hist, para, pos);
        let words: Vec<&str> = (h + 1..t1).map(|i| doc.w(i)).collect();
        if let Some(side) = owner.side {
            if let Some(e) = doc.gaz.entries_ending_with(&words).find(|&e| {
                doc.gaz.entries[e].side == side && doc.gaz.entries[e].kind != SpeakerKind::Person
            }) {
                let e = &doc.gaz.entries[e];
                return entry_who(doc, np, e);
            }
        }
        return Who::other(doc, np, Cat::Unknown);
    }
    // 6. An unknown capitalised name.
    if let Some(name) = trailing_name(doc, h, t1) {
        return name_who(doc, np, name, hist);
    }
    // 7. A definite description.
    let head = doc.w(t1 - 1);
    let definite = doc.w(t0) == "the" || doc.w(t0) == "this";
    let side = (t0..t1).find_map(|i| nationality_side(doc.w(i)));
    if is_statement_head(head) || is_spokes_head(head) {
        if !definite && !is_spokes_head(head) {
            return Who::other(doc, np, Cat::Org);
        }
        let want = |c: Cat| {
            if is_spokes_head(head) {
                c == Cat::Org
            } else {
                matches!(c, Cat::Org | Cat::Group)
            }
        };
        if let Some(s) = hist
            .speakers
            .iter()
            .rev()
            .find(|s| want(s.who.cat) && side.is_none_or(|sd| s.who.side == Some(sd)))
        {
            return Who {
                start: doc.toks[t0].start,
                end: doc.toks[t1 - 1].end,
                ..s.who.clone()
            };
        }
        if let Some(e) = recent_entry(doc, pos, |e| {
            want(cat_of(e.kind, e.gender)) && side.is_none_or(|sd| e.side == sd)
        }) {
            let e = &doc.gaz.entries[e];
            return entry_who(doc, np, e);
        }
        return Who::other(doc, np, Cat::Org);
    }
    if is_plural_people(head) {
        if definite {
            if let Some(s) = hist
                .speakers
                .iter()
                .rev()
                .take_while(|s| s.para + 3 >= para)
                .find(|s| s.who.cat == Cat::Group)
            {
                return Who {
                    start: doc.toks[t0].start,
                    end: doc.toks[t1 - 1].end,
                    ..s.who.clone()
                };
            }
        }
        return Who::other(doc, np, Cat::Plural);
    }
    if definite && is_role_head(head) {
        // "A European diplomat ..." then "the diplomat said": the last
        // speaker named with the same noun, before any table entry with it.
        if let Some(s) = hist
            .speakers
            .iter()
            .rev()
            .take_while(|s| s.para + 3 >= para)
            .find(|s| mention_has_word(doc, &s.who, head))
        {
            return Who {
                start: doc.toks[t0].start,
                end: doc.toks[t1 - 1].end,
                ..s.who.clone()
            };
        }
        let singular = head.strip_suffix('s').unwrap_or(head);
        let has_head = |e: usize| {
            doc.gaz.entries[e]
                .heads
                .iter()
                .any(|h| h == head || h == singular)
        };
        if let Some(s) = hist.speakers.iter().rev().find(|s| {
            s.who.id.as_deref().is_some_and(|id| {
                doc.gaz
                    .entries
                    .iter()
                    .enumerate()
                    .any(|(i, e)| e.report == id && has_head(i))
            })
        }) {
            return Who {
                start: doc.toks[t0].start,
                end: doc.toks[t1 - 1].end,
                ..s.who.clone()
            };
        }
        if let Some(e) = recent_entry(doc, pos, |e| {
            e.heads.iter().any(|h| h == head || h == singular)
        }) {
            let e = &doc.gaz.entries[e];
            return entry_who(doc, np, e);
        }
    }
    if definite {
        if let Some(w) = body_by_context(doc, np, h, hist, pos) {
            return w;
        }
        if is_role_head(head) {
            if let Some(w) = role_refers_back(doc, np, side, hist, para) {
                return w;
            }
        }
    }
    let cat = if head.ends_with('s') {
        Cat::Plural
    } else {
        Cat::Unknown
    };
    Who::other(doc, np, cat)
}

/// Resolution rule: `President X's government` / `X's administration`, X a
/// person of the table, is the body of X's side whose name ends so (`US
/// government`), else the body the table names by the side's capital or
/// nationality ("Beijing" is the Chinese foreign ministry).
fn persons_government(doc: &Doc, np: Np, after: usize, e: &Entry) -> Option<Who> {
    let head = doc.w(np.t1 - 1);
    let possessive = doc.toks.get(after).is_some_and(|t| t.kind == TokKind::Poss);
    if e.kind != SpeakerKind::Person
        || !possessive
        || after + 2 != np.t1
        || !matches!(head, "government" | "administration")
    {
        return None;
    }
    let side = e.side;
    let body = doc
        .gaz
        .entries_ending_with(&[head])
        .find(|&b| {
            doc.gaz.entries[b].side == side && doc.gaz.entries[b].kind != SpeakerKind::Person
        })
        .or_else(|| doc.gaz.side_body(side))?;
    Some(entry_who(doc, np, &doc.gaz.entries[body]))
}

/// Resolution rule: a definite singular role noun nobody in the table holds
/// ("the diplomat", "the senior diplomat", "the deputy minister") is the
/// last person who spoke in the last three paragraphs, of the noun's
/// nationality when it has one ("the Chinese minister" is no Russian).
fn role_refers_back(
    doc: &Doc,
    np: Np,
    side: Option<Side>,
    hist: &History,
    para: usize,
) -> Option<Who> {
    if doc.w(np.t1 - 1).ends_with('s') {
        return None;
    }
    let s = hist
        .speakers
        .iter()
        .rev()
        .take_while(|s| s.para + 3 >= para)
        .find(|s| {
            matches!(s.who.cat, Cat::Person(_) | Cat::Unknown)
                && s.who.id.as_deref().is_some_and(|id| id != "other")
                && side.is_none_or(|sd| s.who.side == Some(sd))
        })?;
    Some(Who {
        start: doc.toks[np.t0].start,
        end: doc.toks[np.t1 - 1].end,
        ..s.who.clone()
    })
}

/// Resolution rule: a definite body named without its country ("the foreign
/// ministry", "the defence ministry") is the table's body of that name on
/// the side of the last speaker with a side, else of the last nationality
/// word before it.
fn body_by_context(doc: &Doc, np: Np, h: usize, hist: &History, pos: usize) -> Option<Who> {
    if h >= np.t1 || (h..np.t1).any(|i| !doc.is_word(i)) {
        return None;
    }
    let words: Vec<&str> = (h..np.t1).map(|i| doc.w(i)).collect();
    let cands: Vec<usize> = doc
        .gaz
        .entries_ending_with(&words)
        .filter(|&e| doc.gaz.entries[e].kind != SpeakerKind::Person)
        .collect();
    if cands.is_empty() {
        return None;
    }
    let side = hist
        .speakers
        .iter()
        .rev()
        .find_map(|s| s.who.side)
        .or_else(|| {
            let k = doc.toks.partition_point(|t| t.start < pos);
            (k.saturating_sub(400)..k)
                .rev()
                .find_map(|i| doc.is_word(i).then(|| nationality_side(doc.w(i))).flatten())
        })?;
    let e = cands
        .into_iter()
        .find(|&e| doc.gaz.entries[e].side == side)?;
    Some(entry_who(doc, np, &doc.gaz.entries[e]))
}

/// Whether the mention of `who` contains the lower-case word `w`.
fn mention_has_word(doc: &Doc, who: &Who, w: &str) -> bool {
    doc.lower
        .get(who.start..who.end)
        .is_some_and(|m| m.split(|c: char| !c.is_alphanumeric()).any(|x| x == w))
}

/// The most recent gazetteer mention before `pos` whose entry satisfies `f`.
fn recent_entry(
    doc: &Doc,
    pos: usize,
    f: impl Fn(&super::gazetteer::Entry) -> bool,
) -> Option<usize> {
    let k = doc.matches.partition_point(|m| doc.toks[m.t0].start < pos);
    doc.matches[..k]
        .iter()
        .rev()
        .take(200)
        .find(|m| f(&doc.gaz.entries[m.entry]))
        .map(|m| m.entry)
}

/// The run of capitalised non-title words ending a noun phrase at `t1`,
/// starting no earlier than `from`.
fn trailing_name(doc: &Doc, from: usize, t1: usize) -> Option<Np> {
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

/// The speaker `e` of the table, named by `np`.
fn entry_who(doc: &Doc, np: Np, e: &Entry) -> Who {
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
fn official_of(doc: &Doc, np: Np, e: &Entry) -> Who {
    Who::new(
        Some(e.report.clone()),
        doc,
        np,
        Cat::Person(None),
        Some(e.side),
    )
}

fn name_who(doc: &Doc, np: Np, name: Np, hist: &History) -> Who {
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
fn last_full_name_with_surname<'d>(doc: &'d Doc, t: usize) -> Option<&'d GMatch> {
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

fn resolve_pronoun(doc: &Doc, np: Np, p: Pron, hist: &History, para: usize, pos: usize) -> Who {
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

/// Whether token `i` starts its sentence's subject (only capitalised words
/// and determiners before it in the sentence).
fn is_sentence_initial(doc: &Doc, i: usize) -> bool {
    let b = doc.toks[i].start;
    let si = doc.sents.partition_point(|s| s.end <= b);
    let Some(s) = doc.sents.get(si) else {
        return false;
    };
    (s.t0..i).all(|j| word_ok(doc, j) || doc.toks[j].kind == TokKind::Poss)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_keeps_only_the_last_speakers() {
        let mut h = History::default();
        for k in 0..3 * MAX_HISTORY {
            let who = Who {
                id: Some(format!("s{k}")),
                start: k,
                end: k + 1,
                cat: Cat::Unknown,
                side: None,
            };
            h.push(Seen { who, para: k });
        }
        assert_eq!(h.speakers.len(), MAX_HISTORY);
        assert_eq!(h.speakers[0].para, 2 * MAX_HISTORY);
        assert_eq!(h.speakers.back().map(|s| s.para), Some(3 * MAX_HISTORY - 1));
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Li Shangfu"), "li_shangfu");
        assert_eq!(slug("Jake  Sullivan’s"), "jake_sullivan_s");
    }
}
