//! Resolution rules, most precise first: each takes the phrase in a
//! [`Ctx`] and returns the speaker, or nothing to pass it on to the next.
//! Their order is [`RULES`]; the module doc of [`super`] tells it in prose.

use super::super::doc::Doc;
use super::super::gazetteer::{Entry, How};
use super::super::lexicon::*;
use super::super::tokens::TokKind;
use super::find::trailing_name;
use super::resolve::{
    entry_who, last_full_name_with_surname, mention_has_word, name_who, official_of, recent_entry,
    resolve, resolve_pronoun, Ctx,
};
use super::{cat_of, Cat, Np, Who};
use crate::speakers::{Side, SpeakerKind};

/// A resolution rule: the speaker of the phrase, or `None` to pass.
pub(super) type Rule = fn(&Ctx) -> Option<Who>;

/// The resolution rules in the order they are tried, with their names.
pub(super) const RULES: &[(&str, Rule)] = &[
    ("pronoun", pronoun_rule),
    ("coordination", coordination),
    ("dependent_of", dependent_of),
    ("counterpart", counterpart),
    ("place_after_post", place_after_post),
    ("gazetteer_phrase", gazetteer_phrase),
    ("possessor_side", possessor_side),
    ("unknown_name", unknown_name),
    ("statement_or_spokesperson", statement_or_spokesperson),
    ("plural_people", plural_people),
    ("same_role_noun", same_role_noun),
    ("body_by_context", body_by_context),
    ("role_refers_back", role_refers_back),
];

/// The side of the first later title of the same office that carries a
/// nationality: "the foreign ministry" opening an article, before any
/// speaker or country it could belong to, then "Russian Deputy Foreign
/// Minister X" is Russia's. Needs a qualified name ("foreign ministry", not
/// "ministry"); looks at most 400 tokens ahead, and at most three words
/// before the qualifier for the nationality.
fn side_named_later(doc: &Doc, np: Np, words: &[&str]) -> Option<Side> {
    if words.len() < 2 {
        return None;
    }
    let key = words[0];
    let end = (np.t1 + 400).min(doc.toks.len());
    (np.t1..end).find_map(|i| {
        if !doc.is_word(i) || doc.w(i) != key {
            return None;
        }
        (i.saturating_sub(3).max(np.t1)..i)
            .rev()
            .find_map(|j| doc.is_word(j).then(|| nationality_side(doc.w(j))).flatten())
    })
}

/// Whether the phrase opens with "the" or "this".
fn definite(cx: &Ctx) -> bool {
    matches!(cx.doc.w(cx.np.t0), "the" | "this")
}

/// The side of the first nationality word in the phrase ("the Chinese
/// minister").
fn np_side(cx: &Ctx) -> Option<Side> {
    (cx.np.t0..cx.np.t1).find_map(|i| nationality_side(cx.doc.w(i)))
}

/// The phrase's last word, its head.
fn head<'a>(cx: &Ctx<'a, '_>) -> &'a str {
    cx.doc.w(cx.np.t1 - 1)
}

/// A one-word pronoun: the most recent compatible speaker (or subject).
fn pronoun_rule(cx: &Ctx) -> Option<Who> {
    let Np { t0, t1 } = cx.np;
    if t1 - t0 != 1 {
        return None;
    }
    let p = pronoun(cx.doc.w(t0))?;
    Some(resolve_pronoun(cx.doc, cx.np, p, cx.hist, cx.para, cx.pos))
}

/// A coordination outside any gazetteer phrase ("Russia and China") is
/// nobody in the table.
fn coordination(cx: &Ctx) -> Option<Who> {
    let (doc, ms) = (cx.doc, cx.ms());
    let coordinated = (cx.np.t0..cx.np.t1)
        .any(|i| doc.w(i) == "and" && !ms.iter().any(|m| m.t0 <= i && i < m.t1));
    coordinated.then(|| Who::other(doc, cx.np, Cat::Plural))
}

/// "an aide to X" is not X; "a spokesman for X" and "members of X" are X
/// when X is a body or group.
fn dependent_of(cx: &Ctx) -> Option<Who> {
    let (doc, np, h, t1) = (cx.doc, cx.np, cx.h, cx.np.t1);
    if !(h + 2 < t1 + 1 && h + 1 < t1 && is_dependent_head(doc.w(h)) && is_connector(doc.w(h + 1)))
    {
        return None;
    }
    let head = doc.w(h);
    let rest = Np { t0: h + 2, t1 };
    if rest.t0 < rest.t1 && (is_spokes_head(head) || matches!(head, "member" | "members")) {
        let r = resolve(doc, rest, cx.hist, cx.para);
        if matches!(r.cat, Cat::Org | Cat::Group) {
            return Some(Who::new(r.id, doc, np, r.cat, r.side));
        }
    }
    let cat = if head.ends_with('s') {
        Cat::Plural
    } else {
        Cat::Person(None)
    };
    Some(Who::other(doc, np, cat))
}

/// "Lavrov's Chinese counterpart" is not Lavrov (a name after it, "his
/// counterpart Wang Yi", is resolved by later rules).
fn counterpart(cx: &Ctx) -> Option<Who> {
    let (doc, np) = (cx.doc, cx.np);
    let last = head(cx);
    if !matches!(last, "counterpart" | "counterparts")
        || !(np.t0..np.t1).any(|i| doc.toks[i].kind == TokKind::Poss)
    {
        return None;
    }
    let cat = if last.ends_with('s') {
        Cat::Plural
    } else {
        Cat::Person(None)
    };
    Some(Who::other(doc, np, cat))
}

/// "the Chinese embassy in Washington", "ambassador to China Igor
/// Morgulov", "a European diplomat in Beijing": what follows "in"/"to"/"at"
/// after a post is a place, not the speaker.
fn place_after_post(cx: &Ctx) -> Option<Who> {
    let (doc, np, ms) = (cx.doc, cx.np, cx.ms());
    let Np { t0, t1 } = np;
    let c = (cx.h + 1..t1).find(|&i| {
        let prev = doc.w(i - 1);
        doc.is_word(i)
            && match doc.w(i) {
                "in" | "at" => is_post_head(prev) || is_located_person(prev),
                "to" => is_post_head(prev),
                _ => false,
            }
    })?;
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
                return Some(official_of(doc, np, e));
            }
        }
        return Some(name_who(doc, np, name, cx.hist));
    }
    let r = resolve(doc, Np { t0, t1: c }, cx.hist, cx.para);
    let cat = match (r.id.as_deref(), doc.w(c - 1)) {
        (Some("other"), "embassy" | "embassies" | "consulate" | "consulates" | "mission") => {
            Cat::Org
        }
        _ => r.cat,
    };
    Some(Who {
        start: doc.toks[t0].start,
        end: doc.toks[t1 - 1].end,
        cat,
        ..r
    })
}

/// A name, alias or role noun of the gazetteer (the one ending last, then
/// the longest) gives its id; see [`title_then_name`] and
/// [`bare_surname_alias`] for the names around it.
fn gazetteer_phrase(cx: &Ctx) -> Option<Who> {
    let (doc, np) = (cx.doc, cx.np);
    let m = cx.ms().iter().max_by_key(|m| (m.t1, m.t1 - m.t0, m.how))?;
    let e = &doc.gaz.entries[m.entry];
    if let Some(w) = title_then_name(cx, m.t0, m.t1, m.how, e) {
        return Some(w);
    }
    if let Some(w) = bare_surname_alias(cx, m.t0, m.t1, m.how, e) {
        return Some(w);
    }
    if let Some(w) = persons_government(doc, np, m.t1, e) {
        return Some(w);
    }
    Some(entry_who(doc, np, e))
}

/// A table phrase followed by an unknown name: the name is the speaker
/// ("Defence Minister Li Shangfu"), unless an official title makes them the
/// body's spokesperson ("Pentagon press secretary Pat Ryder" speaks for the
/// Pentagon); a person's alias followed at once by more of a name ("Wang
/// Xiaolong") is part of another name.
fn title_then_name(cx: &Ctx, m0: usize, m1: usize, how: How, e: &Entry) -> Option<Who> {
    let (doc, np) = (cx.doc, cx.np);
    let name = trailing_name(doc, m1, np.t1)?;
    if name.t0 == m1 && e.kind == SpeakerKind::Person && how != How::Role {
        let full = Np {
            t0: m0,
            t1: name.t1,
        };
        return Some(name_who(doc, np, full, cx.hist));
    }
    let official = (m1..name.t0).any(|i| is_official_title(doc.w(i)));
    if official && matches!(e.kind, SpeakerKind::Organisation | SpeakerKind::Group) {
        return Some(official_of(doc, np, e));
    }
    Some(name_who(doc, np, name, cx.hist))
}

/// A person's alias that is a bare surname ("Wang") means whoever of that
/// surname was named in full last: after "Wang Wenbin", not Wang Yi.
fn bare_surname_alias(cx: &Ctx, m0: usize, m1: usize, how: How, e: &Entry) -> Option<Who> {
    if how != How::Alias || m1 != m0 + 1 || e.kind != SpeakerKind::Person {
        return None;
    }
    let last = last_full_name_with_surname(cx.doc, m0)?;
    Some(entry_who(cx.doc, cx.np, &cx.doc.gaz.entries[last.entry]))
}

/// "his foreign ministry": the body of that name on the possessor's side.
fn possessor_side(cx: &Ctx) -> Option<Who> {
    let (doc, np, h) = (cx.doc, cx.np, cx.h);
    if !(doc.is_word(h) && matches!(doc.w(h), "his" | "her" | "its" | "their") && h + 1 < np.t1) {
        return None;
    }
    let p = pronoun(doc.w(h)).unwrap_or(Pron::It);
    let owner = resolve_pronoun(doc, Np { t0: h, t1: h + 1 }, p, cx.hist, cx.para, cx.pos);
    let words: Vec<&str> = (h + 1..np.t1).map(|i| doc.w(i)).collect();
    if let Some(side) = owner.side {
        if let Some(e) = doc.gaz.entries_ending_with(&words).find(|&e| {
            doc.gaz.entries[e].side == side && doc.gaz.entries[e].kind != SpeakerKind::Person
        }) {
            return Some(entry_who(doc, np, &doc.gaz.entries[e]));
        }
    }
    Some(Who::other(doc, np, Cat::Unknown))
}

/// An unknown capitalised name gets a slug id (or the full name a surname
/// refers back to).
fn unknown_name(cx: &Ctx) -> Option<Who> {
    let name = trailing_name(cx.doc, cx.h, cx.np.t1)?;
    Some(name_who(cx.doc, cx.np, name, cx.hist))
}

/// "the statement", "a spokesperson": the last body (or group, for a
/// statement) that spoke, of the phrase's nationality when it has one, else
/// the last such table mention; an indefinite statement is `other`.
fn statement_or_spokesperson(cx: &Ctx) -> Option<Who> {
    let (doc, np) = (cx.doc, cx.np);
    let head = head(cx);
    let spokes = is_spokes_head(head);
    if !is_statement_head(head) && !spokes {
        return None;
    }
    if !definite(cx) && !spokes {
        return Some(Who::other(doc, np, Cat::Org));
    }
    let side = np_side(cx);
    let want = |c: Cat| {
        if spokes {
            c == Cat::Org
        } else {
            matches!(c, Cat::Org | Cat::Group)
        }
    };
    if let Some(s) = cx
        .hist
        .speakers
        .iter()
        .rev()
        .find(|s| want(s.who.cat) && side.is_none_or(|sd| s.who.side == Some(sd)))
    {
        return Some(cx.respan(&s.who));
    }
    if let Some(e) = recent_entry(doc, cx.pos, |e| {
        want(cat_of(e.kind, e.gender)) && side.is_none_or(|sd| e.side == sd)
    }) {
        return Some(entry_who(doc, np, &doc.gaz.entries[e]));
    }
    Some(Who::other(doc, np, Cat::Org))
}

/// "the ministers", "officials": a group that spoke in the last three
/// paragraphs when definite, else a plural nobody.
fn plural_people(cx: &Ctx) -> Option<Who> {
    if !is_plural_people(head(cx)) {
        return None;
    }
    if definite(cx) {
        if let Some(s) = cx
            .hist
            .speakers
            .iter()
            .rev()
            .take_while(|s| s.para + 3 >= cx.para)
            .find(|s| s.who.cat == Cat::Group)
        {
            return Some(cx.respan(&s.who));
        }
    }
    Some(Who::other(cx.doc, cx.np, Cat::Plural))
}

/// "A European diplomat ..." then "the diplomat said": the last speaker of
/// the last three paragraphs named with the same noun, else the last
/// speaker whose table entry has that head, else the last table mention
/// with it.
fn same_role_noun(cx: &Ctx) -> Option<Who> {
    let (doc, head) = (cx.doc, head(cx));
    if !definite(cx) || !is_role_head(head) {
        return None;
    }
    if let Some(s) = cx
        .hist
        .speakers
        .iter()
        .rev()
        .take_while(|s| s.para + 3 >= cx.para)
        .find(|s| mention_has_word(doc, &s.who, head))
    {
        return Some(cx.respan(&s.who));
    }
    let singular = head.strip_suffix('s').unwrap_or(head);
    let has_head = |e: usize| {
        doc.gaz.entries[e]
            .heads
            .iter()
            .any(|h| h == head || h == singular)
    };
    if let Some(s) = cx.hist.speakers.iter().rev().find(|s| {
        s.who.id.as_deref().is_some_and(|id| {
            doc.gaz
                .entries
                .iter()
                .enumerate()
                .any(|(i, e)| e.report == id && has_head(i))
        })
    }) {
        return Some(cx.respan(&s.who));
    }
    let e = recent_entry(doc, cx.pos, |e| {
        e.heads.iter().any(|h| h == head || h == singular)
    })?;
    Some(entry_who(doc, cx.np, &doc.gaz.entries[e]))
}

/// `President X's government` / `X's administration`, X a
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

/// A definite singular role noun nobody in the table holds
/// ("the diplomat", "the senior diplomat", "the deputy minister") is the
/// last person who spoke in the last three paragraphs, of the noun's
/// nationality when it has one ("the Chinese minister" is no Russian).
fn role_refers_back(cx: &Ctx) -> Option<Who> {
    if !definite(cx) || !is_role_head(head(cx)) {
        return None;
    }
    let (doc, np, hist, para, side) = (cx.doc, cx.np, cx.hist, cx.para, np_side(cx));
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

/// A definite body named without its country ("the foreign
/// ministry", "the defence ministry") is the table's body of that name on
/// the side of the last speaker with a side, else of the last nationality
/// word before it, else of a later title of the same office
/// ([`side_named_later`]).
fn body_by_context(cx: &Ctx) -> Option<Who> {
    let (doc, np, h, hist, pos) = (cx.doc, cx.np, cx.h, cx.hist, cx.pos);
    if !definite(cx) {
        return None;
    }
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
    let body_of = |side: Side| {
        cands
            .iter()
            .copied()
            .find(|&e| doc.gaz.entries[e].side == side)
    };
    let earlier = hist
        .speakers
        .iter()
        .rev()
        .find_map(|s| s.who.side)
        .or_else(|| {
            let k = doc.toks.partition_point(|t| t.start < pos);
            (k.saturating_sub(400)..k)
                .rev()
                .find_map(|i| doc.is_word(i).then(|| nationality_side(doc.w(i))).flatten())
        });
    let e = earlier
        .and_then(body_of)
        .or_else(|| side_named_later(doc, np, &words).and_then(body_of))?;
    Some(entry_who(doc, np, &doc.gaz.entries[e]))
}
