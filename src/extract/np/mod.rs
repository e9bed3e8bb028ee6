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
//!
//! Split by job: [`find`] finds the noun phrase around a cue, [`resolve`]
//! drives resolution over the ordered list of rules in [`rules`] and holds
//! the helpers they share (pronouns, names, table entries).

mod find;
mod resolve;
mod rules;

use std::collections::VecDeque;

use crate::speakers::{Gender, Side, SpeakerKind};

pub(crate) use find::{np_after, np_before};
pub(crate) use resolve::resolve;

use super::doc::Doc;
use super::lexicon::Pron;

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
