//! A cue's reported content: after the cue (`Wang said (that) CLAUSE`),
//! before it (`"...," Wang said`, `CLAUSE, the ministry said`), or around
//! it when the attribution is parenthetical.

use super::*;

/// Reported content after the cue. Returns whether anything other than an
/// adverbial follows the cue (only then can the content come before it).
pub(super) fn find_complement(doc: &Doc, a: &mut Attr, t1: usize) -> bool {
    let cw = doc.w(a.c_last - 1).to_string();
    let class = match a.kind {
        AKind::Verb(c) => c,
        _ => CueClass::Say,
    };
    let (j, addressee) = after_addressee(doc, a, &cw, class, t1);
    if let Some(r) = quote_after_punct(doc, a, j, t1) {
        return r;
    }
    let (start, quote_first) = match clause_start(doc, a, class, j, t1) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let mut start = start;
    // "referred to X as Y": the content follows "to".
    if doc.w(start) == "to" && doc.is_word(start) && is_bare_as_label(&cw) {
        start += 1;
    }
    // "accused of doing X", "warned of X": the content follows "of".
    if doc.w(start) == "of"
        && doc.is_word(start)
        && (class == CueClass::Criticise || cw.starts_with("warn"))
    {
        start += 1;
    }
    let via_that = start > j;
    if !via_that && bare_addressee(doc, start, t1) {
        return false;
    }
    let shape = Shape {
        w: doc.w(j),
        first: doc.w(start),
        via_that,
        quote_first,
        addressee,
    };
    if content_ok(doc, a, &cw, class, start, t1, &shape) {
        set_content(doc, a, class, start, t1);
    }
    true
}

/// Where the content can start after the cue: past the subject of an
/// inverted cue, past an addressee ("told reporters in a conference call
/// that ...": it ends before a place or time adverbial), and past a
/// parenthetical relay ("said, according to Tass, that ..."). Also whether
/// an addressee was skipped.
fn after_addressee(doc: &Doc, a: &Attr, cw: &str, class: CueClass, t1: usize) -> (usize, bool) {
    let mut j = if a.inverted {
        a.subj.map_or(a.c1, |np| np.t1)
    } else {
        a.c1
    };
    let mut addressee = false;
    if takes_addressee(cw)
        && class != CueClass::Criticise
        && doc.is_word(j)
        && doc.w(j) != "that"
        && !is_adverbial_start(doc.w(j))
    {
        let np_end = np_after(doc, j, t1).map(|np| {
            (j + 1..np.t1)
                .find(|&x| matches!(doc.w(x), "in" | "at" | "on" | "during"))
                .unwrap_or(np.t1)
        });
        let end = np_end.max(audience_end(doc, j, t1));
        if let Some(e) = end {
            j = e;
            addressee = true;
        }
    }
    if doc.is_punct(j, ",") && doc.w(j + 1) == "according" && doc.w(j + 2) == "to" {
        if let Some(c) = (j + 3..t1.min(j + 12)).find(|&x| doc.is_punct(x, ",")) {
            if doc.w(c + 1) == "that" && doc.is_word(c + 1) {
                j = c + 1;
            }
        }
    }
    (j, addressee)
}

/// A quotation opened right after a colon or comma at `j` is the content
/// (`Some(true)`); a colon ending the sentence marks the content as the
/// next paragraph (`Some(false)`); anything else is `None`.
fn quote_after_punct(doc: &Doc, a: &mut Attr, j: usize, t1: usize) -> Option<bool> {
    if (doc.is_punct(j, ":") || doc.is_punct(j, ",")) && j + 1 < t1 {
        if let Some(q) = doc.opening_at(j + 1) {
            take_quote(doc, a, q, j + 1, t1);
            return Some(true);
        }
    }
    if doc.is_punct(j, ":") && j + 1 >= t1 {
        a.colon = true;
        return Some(false);
    }
    None
}

/// Takes the quotation `q`, opening at token `at`, as the cue's content.
fn take_quote(doc: &Doc, a: &mut Attr, q: usize, at: usize, t1: usize) {
    let qq = &doc.quotes[q];
    let end = doc.tok_at(qq.close.max(qq.end));
    a.comp_direct = Some(q);
    a.comp = Some((at, end.max(at + 1).min(t1)));
}

/// The first token of the content at or after `j`, and whether it opens a
/// quotation; `Err` is what [`find_complement`] returns when there is none.
fn clause_start(
    doc: &Doc,
    a: &mut Attr,
    class: CueClass,
    j: usize,
    t1: usize,
) -> Result<(usize, bool), bool> {
    if j >= t1 {
        return Err(false);
    }
    let quote_first = doc.opening_at(j).is_some();
    if !quote_first && (!doc.is_word(j)) {
        return Err(!(doc.is_punct(j, ",")
            || doc.is_punct(j, ".")
            || doc.is_punct(j, ";")
            || doc.is_punct(j, "–")
            || doc.is_punct(j, "—")));
    }
    let w = doc.w(j);
    if quote_first {
        Ok((j, true))
    } else if w == "that" {
        Ok((j + 1, false))
    } else if is_adverbial_start(w) && class != CueClass::CallFor {
        that_after_adverbial(doc, a, j, t1).map(|s| (s, false))
    } else {
        Ok((j, false))
    }
}

/// After an adverbial ("said on Tuesday that ..."), the token after the
/// next "that" before a comma; a quotation after a colon ("Lavrov said on
/// Tuesday: “...”", "told a briefing in Moscow:") is taken at once.
fn that_after_adverbial(doc: &Doc, a: &mut Attr, j: usize, t1: usize) -> Result<usize, bool> {
    let mut x = j;
    while x < t1 && !doc.is_punct(x, ",") && !doc.is_punct(x, ";") {
        if doc.toks[x].quote == 0 && doc.w(x) == "that" && doc.is_word(x) {
            return Ok(x + 1);
        }
        if doc.opening_at(x).is_some() {
            break;
        }
        if doc.is_punct(x, ":") && doc.toks[x].quote == 0 {
            if let Some(q) = doc.opening_at(x + 1).filter(|_| x + 1 < t1) {
                take_quote(doc, a, q, x + 1, t1);
                return Err(true);
            }
            if x + 1 >= t1 {
                a.colon = true;
            }
            return Err(false);
        }
        x += 1;
    }
    Err(false)
}

/// "“...,” Xi said to Biden, ...": an addressee and no content after it.
fn bare_addressee(doc: &Doc, start: usize, t1: usize) -> bool {
    doc.w(start) == "to"
        && doc.is_word(start)
        && np_after(doc, start + 1, t1).is_some_and(|np| {
            doc.is_cap(np.t0)
                && (np.t1 >= t1 || doc.is_punct(np.t1, ",") || doc.is_punct(np.t1, "."))
        })
}

/// How the words after a cue begin, for [`content_ok`].
struct Shape<'a> {
    /// The word right after the cue (or its addressee).
    w: &'a str,
    /// The content's first word.
    first: &'a str,
    /// Whether the content follows a "that".
    via_that: bool,
    /// Whether the content opens with a quotation.
    quote_first: bool,
    /// Whether an addressee was skipped.
    addressee: bool,
}

/// Whether what starts at `start` is reported content for a cue of this
/// class, rather than an object, topic or label of the writer's.
fn content_ok(
    doc: &Doc,
    a: &Attr,
    cw: &str,
    class: CueClass,
    start: usize,
    t1: usize,
    s: &Shape,
) -> bool {
    let (first, via_that, quote_first) = (s.first, s.via_that, s.quote_first);
    match class {
        // "denied playing any role": a gerund object is the content.
        CueClass::Weak => via_that || quote_first || is_gerund_object(doc, start),
        CueClass::Pledge => s.w == "to" || via_that,
        CueClass::Express => via_that || is_express_object(first),
        // "what Moscow calls a “...”": the writer's label, not speech.
        CueClass::Label if (a.c0.saturating_sub(3)..a.c0).any(|x| doc.w(x) == "what") => false,
        CueClass::Label => {
            let end = clause_end(doc, start, t1);
            if is_bare_as_label(cw) {
                (start..end).any(|x| doc.w(x) == "as" && doc.is_word(x))
            } else if needs_as_label(cw) {
                // "dismissed the statement as “nothing new”".
                (start..end)
                    .any(|x| doc.w(x) == "as" && doc.is_word(x) && doc.opening_at(x + 1).is_some())
            } else {
                cw == "branded" || cw == "dubbed" || (start..end).any(|x| doc.toks[x].quote != 0)
            }
        }
        CueClass::Say | CueClass::Participle => say_content_ok(cw, s),
        CueClass::CallFor | CueClass::Report | CueClass::Criticise => true,
    }
}

/// [`content_ok`] for a verb of saying: not "said about"/"said nothing",
/// not a topic ("warned China over its support"), and after a non-plain
/// verb not a bare object ("gave a speech").
fn say_content_ok(cw: &str, s: &Shape) -> bool {
    let (first, via_that) = (s.first, s.via_that);
    let plain = matches!(
        cw,
        "said"
            | "says"
            | "say"
            | "told"
            | "tells"
            | "added"
            | "adds"
            | "wrote"
            | "writes"
            | "saying"
            | "adding"
            | "telling"
    );
    let to_ok = first == "to" && s.addressee;
    let topic = s.addressee
        && matches!(cw, "warned" | "warns" | "warning")
        && !via_that
        && !s.quote_first
        && matches!(first, "over" | "about" | "of" | "against" | "on" | "for");
    if topic {
        return false;
    }
    !(matches!(first, "about" | "to" | "so" | "nothing" | "little") && !via_that && !to_ok)
        && (plain || via_that || !matches!(first, "a" | "an"))
}

/// Records the clause from `start` to its end as the cue's content (cut
/// before a reporter's relative gloss, or a relative clause's end), when it
/// has two words or a quotation.
fn set_content(doc: &Doc, a: &mut Attr, class: CueClass, start: usize, t1: usize) {
    let mut end = clause_end(doc, start, t1);
    if class == CueClass::Express {
        // The content is a noun phrase ("expressed concern over X"); a
        // non-restrictive relative clause after it is the reporter's gloss.
        if let Some(c) = (start..end).find(|&x| {
            doc.is_punct(x, ",") && matches!(doc.w(x + 1), "where" | "which" | "who" | "whose")
        }) {
            end = c;
        }
    }
    if a.relative {
        end = relative_end(doc, start, end);
    }
    let end = trim_end(doc, start, end);
    let words = (start..end)
        .filter(|&x| doc.toks[x].kind == TokKind::Word)
        .count();
    if end > start && (words >= 2 || (start..end).any(|x| doc.toks[x].quote != 0)) {
        a.comp = Some((start, end));
    }
}

/// Drops trailing punctuation that is not a closing quote mark.
pub(super) fn trim_end(doc: &Doc, start: usize, mut end: usize) -> usize {
    while end > start {
        let t = &doc.toks[end - 1];
        if t.kind == TokKind::Punct && t.quote == 0 && doc.closing_at(end - 1).is_none() {
            end -= 1;
        } else {
            break;
        }
    }
    end
}

/// Content before a cue that has none after it.
pub(super) fn find_postposed(doc: &Doc, a: &mut Attr, cs: usize) {
    let lead = match (a.inverted, a.subj) {
        (false, Some(np)) => np.t0,
        _ => a.c0,
    };
    let lead = match a.kind {
        AKind::QuotedAs { passive: true } => a.subj.map_or(lead, |np| np.t0),
        AKind::AccordingTo => a.c0,
        _ => lead,
    };
    if lead <= cs {
        return;
    }
    let p = lead - 1;
    let end = if doc.is_punct(p, ",") || doc.is_punct(p, "–") || doc.is_punct(p, "—") {
        p
    } else if doc.closing_at(p).is_some() {
        p + 1
    } else {
        return;
    };
    if end <= cs {
        return;
    }
    if let (Some(q), Some(qc)) = (doc.opening_at(cs), doc.closing_at(end - 1)) {
        if q == qc {
            a.post_direct = Some(q);
            a.post = None;
            return;
        }
    }
    let end = trim_end(doc, cs, end);
    if end > cs {
        a.post = Some((cs, end));
    }
}

/// A parenthetical attribution inside its content: "But behind the warm
/// words, diplomats say, Beijing remains wary" (the content is the clause
/// after it) or "The talks, officials said, went well" (the whole sentence).
pub(super) fn parenthetical(doc: &Doc, a: &mut Attr, cs: usize, t1: usize) {
    let Some(np) = a.subj else { return };
    if a.inverted || a.post.is_none() || np.t0 <= cs + 1 || !doc.is_punct(np.t0 - 1, ",") {
        return;
    }
    let Some(m) = (a.c_last.max(a.c1)..t1.min(a.c1 + 4)).find(|&m| doc.is_punct(m, ",")) else {
        return;
    };
    // Only adverbials between the cue and the comma ("say privately,").
    let adverbial = |x: usize| {
        let w = doc.w(x);
        doc.is_word(x) && (is_skippable_adverb(w) || is_adverbial_start(w) || is_time_word(w))
    };
    if !(a.c1..m).all(adverbial) {
        return;
    }
    let w = doc.w(m + 1);
    if !doc.is_word(m + 1)
        || cue_class(w).is_some()
        || ends_clause_after_comma(w)
        || matches!(
            w,
            "according" | "citing" | "quoted" | "which" | "who" | "and" | "but" | "while"
        )
    {
        return;
    }
    let end = trim_end(doc, m + 1, clause_end(doc, m + 1, t1));
    let words = (m + 1..end).filter(|&x| doc.is_word(x)).count();
    if words < 3 {
        return;
    }
    let lead = doc.w(cs);
    let fronted = doc.is_word(cs)
        && (is_adverbial_start(lead) || matches!(lead, "but" | "and" | "yet" | "so" | "still"));
    if fronted && np.t0 - 1 <= cs + 10 {
        a.post = None;
        a.comp = Some((m + 1, end));
    } else if np_after(doc, cs, t1).is_some_and(|s| s.t1 == np.t0 - 1) {
        a.post = Some((cs, end));
    }
}

/// `denied playing any role`, `admitted having met`: a lower-case word in
/// "-ing" (not a noun of the table) opening the content.
pub(super) fn is_gerund_object(doc: &Doc, i: usize) -> bool {
    let w = doc.w(i);
    doc.is_word(i)
        && w.len() > 5
        && w.ends_with("ing")
        && doc.raw(i).starts_with(char::is_lowercase)
        && !is_np_word(w)
        && !matches!(
            w,
            "nothing" | "something" | "anything" | "everything" | "during"
        )
}

/// The end of a non-restrictive relative clause's content (`X, which calls
/// its war a “special operation,” has ...`): at its first comma, a comma
/// just inside a closing mark included (the mark stays in the content).
pub(super) fn relative_end(doc: &Doc, start: usize, end: usize) -> usize {
    let comma = |x: usize| doc.toks[x].kind == TokKind::Punct && doc.raw(x) == ",";
    (start + 1..end)
        .find(|&x| comma(x) && (doc.toks[x].quote == 0 || doc.closing_at(x + 1).is_some()))
        .map_or(end, |x| {
            if doc.closing_at(x + 1).is_some() {
                x + 2
            } else {
                x
            }
        })
}
