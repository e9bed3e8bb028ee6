//! Quote-mark scanning: pairs opening and closing marks into quotation spans.
//!
//! One pass over the text, paragraph by paragraph (a paragraph ends at a
//! newline). Curly and straight double quotes are the primary marks; single
//! quotes are read as inner quotes inside a double-quoted span, and as the
//! quote marks of a headline that has no double marks. Whether a mark
//! opens or closes is decided from its neighbours first (a mark after a space
//! and before a letter opens) and from its glyph second, so mis-typed curly
//! marks and straight marks both work. Apostrophes (`Russia’s`, `parties’`)
//! never open a quote.
//!
//! Recovery from unbalanced marks never looks back more than one mark: an
//! opening mark met inside an open quote means the earlier one was never
//! closed, so the earlier one is dropped; a stray closing mark is ignored; a
//! quote still open at the end of a paragraph continues into the next
//! paragraph when that one starts with an opening mark (the news convention
//! for a multi-paragraph quote), and is otherwise kept as `unclosed`, running
//! to the paragraph's end (an excerpt cut mid-quote); the sieves keep an
//! unclosed quote only when a speaker governs it.

/// A quotation span found by the scanner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QSpan {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Start of the content (just after the opening mark).
    pub start: usize,
    /// End of the content (the closing mark, or the trimmed paragraph end).
    pub end: usize,
    /// Just after the closing mark (equals `end` when there is none).
    pub close: usize,
    /// An inner (single-quoted) quotation inside a top-level one.
    pub nested: bool,
    /// Index of the top-level span this one is nested in.
    pub parent: Option<usize>,
    /// Index of the previous segment of the same multi-paragraph quote.
    pub cont_of: Option<usize>,
    /// Opened and never closed: runs to the end of its paragraph. The
    /// sieves keep it only when a speaker governs it.
    pub unclosed: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Open,
    Close,
}

fn is_double(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '«' | '»'
    )
}

fn is_single(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}')
}

/// Any quote mark, double or single.
pub(crate) fn is_quote_mark(c: char) -> bool {
    is_double(c) || is_single(c)
}

/// Glyph preference: `Some(Open)` for marks that only open, `Some(Close)` for
/// marks that only close, `None` for straight marks.
fn glyph(c: char) -> Option<Class> {
    match c {
        '\u{201C}' | '\u{201E}' | '\u{201F}' | '«' | '\u{2018}' | '\u{201A}' | '\u{201B}' => {
            Some(Class::Open)
        }
        '\u{201D}' | '»' | '\u{2019}' => Some(Class::Close),
        _ => None,
    }
}

fn opens_after(p: Option<char>) -> bool {
    p.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p) || is_quote_mark(p))
}

fn classify(prev: Option<char>, c: char, next: Option<char>, in_quote: bool) -> Class {
    let open_ctx = opens_after(prev) && next.is_some_and(|n| !n.is_whitespace());
    let close_ctx = !opens_after(prev) && next.is_none_or(|n| !n.is_alphanumeric());
    match (open_ctx, close_ctx) {
        (true, false) => Class::Open,
        (false, true) => Class::Close,
        _ => match glyph(c) {
            Some(g) => g,
            None if in_quote => Class::Close,
            None => Class::Open,
        },
    }
}

/// Whether `s` holds a double quote mark (`"`, U+201C..U+201F, « »), by a
/// byte scan: the same answer as `s.contains(is_double)` without decoding.
fn has_double(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, &x)| match x {
        b'"' => true,
        0xE2 => {
            b.get(i + 1) == Some(&0x80) && b.get(i + 2).is_some_and(|y| (0x9C..=0x9F).contains(y))
        }
        0xC2 => matches!(b.get(i + 1), Some(0xAB | 0xBB)),
        _ => false,
    })
}

/// Whether a paragraph looks like a headline: short, and not ending as a
/// sentence does.
fn is_headline(para: &str) -> bool {
    let t = para.trim_end();
    !t.ends_with(['.', '!', '?', ':', ';']) && t.split_whitespace().count() <= 25
}

/// Scans `text` for quotations. Top-level spans come first in document order;
/// nested spans are appended after them and point to their parent.
pub(crate) fn scan(text: &str) -> Vec<QSpan> {
    let primary_double = has_double(text);
    let mut out: Vec<QSpan> = Vec::new();
    let mut pending_cont: Option<usize> = None;
    let mut para_start = 0;
    while para_start <= text.len() {
        let para_end = text[para_start..]
            .find('\n')
            .map_or(text.len(), |i| para_start + i);
        let para = &text[para_start..para_end];
        if para.bytes().any(|b| !b.is_ascii_whitespace()) {
            // A headline quotes with single marks even when the body uses
            // double ones ("Lavrov accuses West of 'double standards'").
            let double_here = primary_double && (has_double(para) || !is_headline(para));
            scan_paragraph(
                text,
                para_start,
                para_end,
                double_here,
                &mut out,
                &mut pending_cont,
            );
        }
        if para_end >= text.len() {
            break;
        }
        para_start = para_end + 1;
    }
    if primary_double {
        let top = out.len();
        for i in 0..top {
            if text[out[i].open..].starts_with(is_double) {
                scan_nested(text, i, &mut out);
            }
        }
    }
    out
}

fn scan_paragraph(
    text: &str,
    ps: usize,
    pe: usize,
    double: bool,
    out: &mut Vec<QSpan>,
    pending_cont: &mut Option<usize>,
) {
    let para = &text[ps..pe];
    let is_mark = |c: char| if double { is_double(c) } else { is_single(c) };
    let cont = pending_cont.take();
    // (opening mark, content start, previous segment)
    let mut open: Option<(usize, usize, Option<usize>)> = None;
    // Only bytes that can start a quote mark are looked at: `"`, `'`, and
    // the lead bytes of the curly marks (U+2018..U+201F) and of « ».
    let bytes = para.as_bytes();
    let first_non_space = para
        .find(|c: char| !c.is_whitespace())
        .unwrap_or(para.len());
    let mut from = 0;
    while let Some(k) = bytes[from..]
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | 0xE2 | 0xC2))
    {
        let i = from + k;
        let Some(c) = para[i..].chars().next() else {
            break;
        };
        from = i + c.len_utf8();
        if !is_mark(c) {
            continue;
        }
        let prev = para[..i].chars().next_back();
        let next = para[from..].chars().next();
        let apostrophe =
            prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
        // The paragraph's first mark, with only space before it.
        let first_mark = i == first_non_space;
        if !apostrophe || double {
            let at = ps + i;
            match classify(prev, c, next, open.is_some()) {
                Class::Open => {
                    let seg = if first_mark { cont } else { None };
                    open = Some((at, at + c.len_utf8(), seg));
                }
                Class::Close => {
                    if let Some((o, s, seg)) = open.take() {
                        out.push(QSpan {
                            open: o,
                            start: s,
                            end: at,
                            close: at + c.len_utf8(),
                            nested: false,
                            parent: None,
                            cont_of: seg,
                            unclosed: false,
                        });
                    }
                }
            }
        }
    }
    if let Some((o, s, seg)) = open {
        // Multi-paragraph quote: the next non-empty paragraph opens again.
        let rest = &text[pe..];
        let mut chars = rest.trim_start().chars();
        let first = chars.next();
        let second = chars.next();
        let continues =
            first.is_some_and(|f| is_mark(f) && classify(None, f, second, false) == Class::Open);
        let end = s + text[s..pe].trim_end().len();
        if end > s {
            if continues {
                *pending_cont = Some(out.len());
            }
            out.push(QSpan {
                open: o,
                start: s,
                end,
                close: end,
                nested: false,
                parent: None,
                cont_of: seg,
                unclosed: !continues,
            });
        }
    }
}

/// Inner single-quoted spans inside top-level span `idx`.
fn scan_nested(text: &str, idx: usize, out: &mut Vec<QSpan>) {
    let (s, e) = (out[idx].start, out[idx].end);
    let content = &text[s..e];
    let mut open: Option<(usize, usize)> = None;
    let mut prev: Option<char> = text[..s].chars().next_back();
    let mut it = content.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let next = it.peek().map(|&(_, n)| n);
        if is_single(c) {
            let at = s + i;
            let open_ctx = opens_after(prev) && next.is_some_and(char::is_alphabetic);
            let close_ctx = prev.is_some_and(|p| !p.is_whitespace())
                && next.is_none_or(|n| !n.is_alphanumeric())
                && c != '\u{2018}';
            if close_ctx && open.is_some() {
                let (o, st) = open.take().unwrap_or_default();
                if at > st {
                    out.push(QSpan {
                        open: o,
                        start: st,
                        end: at,
                        close: at + c.len_utf8(),
                        nested: true,
                        parent: Some(idx),
                        cont_of: None,
                        unclosed: false,
                    });
                }
            } else if open_ctx && c != '\u{2019}' {
                open = Some((at, at + c.len_utf8()));
            }
        }
        prev = Some(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<&str> {
        scan(text).iter().map(|q| &text[q.start..q.end]).collect()
    }

    #[test]
    fn curly_and_straight_pairs() {
        assert_eq!(spans("He said “a b,” and \"c d\"."), vec!["a b,", "c d"]);
    }

    #[test]
    fn apostrophes_do_not_open() {
        let t = "“The parties’ positions,” Russia’s ministry said of the countries' ties.";
        assert_eq!(spans(t), vec!["The parties’ positions,"]);
    }

    #[test]
    fn inner_single_quotes() {
        let t = "He urged them to \"counter the 'dual containment' policy\".";
        assert_eq!(
            spans(t),
            vec!["counter the 'dual containment' policy", "dual containment"]
        );
        let q = scan(t);
        assert!(q[1].nested && q[1].parent == Some(0));
    }

    #[test]
    fn headline_single_quotes_in_a_double_quoted_article() {
        let t = "Lavrov decries West's 'double standards'\n\nHe said \"it is so\" today.";
        assert_eq!(spans(t), vec!["double standards", "it is so"]);
        // In a sentence of the body, single marks stay inner quotes only.
        let t = "He spoke of 'double standards'. \"Yes,\" he said.";
        assert_eq!(spans(t), vec!["Yes,"]);
    }

    #[test]
    fn double_mark_byte_scan_agrees_with_the_char_test() {
        for t in [
            "plain",
            "a \"b\"",
            "“x”",
            "„y‟",
            "«z»",
            "‘single’ only",
            "— dash – en",
        ] {
            assert_eq!(has_double(t), t.contains(is_double), "{t}");
        }
    }

    #[test]
    fn unbalanced_marks_recover() {
        let t = "He said “this never closes. Then “Another one,” she said. Stray” mark.";
        assert_eq!(spans(t), vec!["Another one,"]);
        let t = "“Unclosed at the end of a paragraph\nNext “fine” here.";
        assert_eq!(spans(t), vec!["Unclosed at the end of a paragraph", "fine"]);
        let unclosed: Vec<bool> = scan(t).iter().map(|q| q.unclosed).collect();
        assert_eq!(unclosed, vec![true, false]);
    }

    #[test]
    fn multi_paragraph_quotes_are_linked() {
        let t = "“First paragraph of the quote.\n\n“Second paragraph,” she said.";
        let q = scan(t);
        assert_eq!(q.len(), 2);
        assert_eq!(&t[q[0].start..q[0].end], "First paragraph of the quote.");
        assert_eq!(q[1].cont_of, Some(0));
        assert_eq!(&t[q[1].start..q[1].end], "Second paragraph,");
    }
}
