//! Plain-text articles read in bounded sections, so that `extract` holds at
//! most [`SECTION_BYTES`] of one file at a time however large the file is.
//!
//! A file no larger than that is one section, read whole, so an article is
//! extracted exactly as if it had been read in one go. A larger file is cut
//! after the last line break in the second half of each [`SECTION_BYTES`]
//! window (a paragraph boundary), else at the last white space there, else
//! at the last character boundary; each section is extracted on its own and
//! its quotes' offsets are moved by the section's offset, so that they stay
//! offsets in the whole (decoded) file.
//!
//! Decoding is the whole file's: a leading byte order mark is dropped, and
//! invalid UTF-8 is read as U+FFFD with one warning naming the file and the
//! first bad byte's offset in it (offsets after that point are in the
//! decoded text).

use std::io::{self, Read};

/// The largest section, in bytes.
pub(super) const SECTION_BYTES: usize = 256 * 1024;

/// One section of a file, decoded.
pub(super) struct Section {
    /// Its text.
    pub text: String,
    /// Byte offset of `text` in the decoded file.
    pub offset: usize,
    /// Bytes of the file it came from (for progress).
    pub raw_len: u64,
    /// The file's decoding warning, on the section where it arose.
    pub warning: Option<String>,
    /// 0 for the file's first section, then 1, 2, ...
    pub index: usize,
}

/// Reads a file as a sequence of [`Section`]s.
pub(super) struct Sections<R> {
    reader: R,
    name: String,
    /// Bytes read and not yet handed out.
    buf: Vec<u8>,
    eof: bool,
    /// File offset of `buf[0]`.
    raw_offset: u64,
    /// Decoded bytes handed out so far.
    text_offset: usize,
    index: usize,
    warned: bool,
}

impl<R: Read> Sections<R> {
    /// Sections of `reader`, a file named `name` in messages.
    pub fn new(reader: R, name: String) -> Self {
        Sections {
            reader,
            name,
            buf: Vec::new(),
            eof: false,
            raw_offset: 0,
            text_offset: 0,
            index: 0,
            warned: false,
        }
    }

    /// The next section, `None` at the end of the file. A read error is
    /// returned as it is.
    pub fn next_section(&mut self) -> io::Result<Option<Section>> {
        // One byte more than a section, to know whether the file goes on.
        while !self.eof && self.buf.len() <= SECTION_BYTES {
            let have = self.buf.len();
            self.buf.resize(SECTION_BYTES + 1, 0);
            match self.reader.read(&mut self.buf[have..]) {
                Ok(n) => {
                    self.buf.truncate(have + n);
                    self.eof = n == 0;
                }
                Err(e) => {
                    self.buf.truncate(have);
                    if e.kind() != io::ErrorKind::Interrupted {
                        return Err(e);
                    }
                }
            }
        }
        if self.buf.is_empty() {
            return Ok(None);
        }
        let cut = if self.buf.len() <= SECTION_BYTES {
            self.buf.len()
        } else {
            cut_point(&self.buf[..SECTION_BYTES])
        };
        let rest = self.buf.split_off(cut);
        let mut raw = std::mem::replace(&mut self.buf, rest);
        let raw_len = raw.len() as u64;
        let mut at = self.raw_offset;
        if self.index == 0 && raw.starts_with(quotestance::advanced::data::BOM) {
            raw.drain(..quotestance::advanced::data::BOM.len());
            at += quotestance::advanced::data::BOM.len() as u64;
        }
        let (text, warning) = match String::from_utf8(raw) {
            Ok(text) => (text, None),
            Err(e) => {
                let bad = at + e.utf8_error().valid_up_to() as u64;
                let warning = (!self.warned).then(|| {
                    format!(
                        "{}: not valid UTF-8 at byte {bad}: invalid bytes read as U+FFFD \
                         (offsets after byte {bad} are in the decoded text)",
                        self.name
                    )
                });
                self.warned = true;
                (String::from_utf8_lossy(e.as_bytes()).into_owned(), warning)
            }
        };
        let section = Section {
            offset: self.text_offset,
            raw_len,
            warning,
            index: self.index,
            text,
        };
        self.raw_offset += raw_len;
        self.text_offset += section.text.len();
        self.index += 1;
        Ok(Some(section))
    }
}

/// Where to end a section taken from the front of `window` (a full
/// [`SECTION_BYTES`] of a longer file): just after the last line break in its
/// second half, else the last white space there, else the last character
/// boundary.
fn cut_point(window: &[u8]) -> usize {
    let half = window.len() / 2;
    let second = &window[half..];
    if let Some(k) = second.iter().rposition(|&b| b == b'\n') {
        return half + k + 1;
    }
    if let Some(k) = second
        .iter()
        .rposition(|&b| matches!(b, b' ' | b'\t' | b'\r'))
    {
        return half + k + 1;
    }
    // Back over continuation bytes (10xxxxxx) to a character's first byte.
    let mut end = window.len();
    while end > half && window[end - 1] & 0xC0 == 0x80 {
        end -= 1;
    }
    match window.get(end - 1) {
        // `end - 1` starts a character that may be cut: keep it whole.
        Some(&b) if b >= 0xC0 => end - 1,
        _ => window.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(bytes: &[u8]) -> Vec<Section> {
        let mut s = Sections::new(bytes, "f.txt".to_string());
        let mut out = Vec::new();
        while let Some(x) = s.next_section().unwrap() {
            out.push(x);
        }
        out
    }

    #[test]
    fn a_small_file_is_one_section_without_its_byte_order_mark() {
        let got = all(b"\xEF\xBB\xBFWang said so.\nHe left.");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].text, "Wang said so.\nHe left.");
        assert_eq!((got[0].offset, got[0].raw_len), (0, 25));
        assert!(all(b"").is_empty());
    }

    #[test]
    fn a_large_file_is_cut_after_line_breaks_and_offsets_add_up() {
        let para = "The talks went on and on, the minister said.\n";
        let text = para.repeat(3 * SECTION_BYTES / para.len());
        let got = all(text.as_bytes());
        assert!(got.len() >= 3, "{}", got.len());
        let mut joined = String::new();
        for s in &got {
            assert_eq!(s.offset, joined.len());
            assert!(s.text.len() <= SECTION_BYTES);
            assert!(s.text.ends_with('\n') || s.index + 1 == got.len());
            joined.push_str(&s.text);
        }
        assert_eq!(joined, text);
        assert_eq!(
            got.iter().map(|s| s.raw_len).sum::<u64>(),
            text.len() as u64
        );
    }

    #[test]
    fn no_white_space_cuts_at_a_character_boundary_and_bad_bytes_warn_once() {
        let mut bytes = "é".repeat(SECTION_BYTES).into_bytes();
        bytes[10] = 0xFF;
        bytes.extend_from_slice(b"\xFF tail");
        let got = all(&bytes);
        assert!(got.len() >= 2);
        let warnings: Vec<_> = got.iter().filter_map(|s| s.warning.as_deref()).collect();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].starts_with("f.txt: not valid UTF-8 at byte 10:"));
        // Only the bad bytes became U+FFFD (the 0xFF, the é it broke, the
        // last 0xFF): every other é is whole, across the cut too.
        let joined: String = got.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined.matches('\u{FFFD}').count(), 3);
        assert_eq!(joined.matches('é').count(), SECTION_BYTES - 1);
    }
}
