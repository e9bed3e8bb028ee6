//! The pool: unlabelled statements read from JSONL, each with its line.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use crate::data::{parse_statement_line, JsonlLines, Statement};
use crate::error::{Error, Location, Result, MAX_REPORTED_LINES};

/// A statement of the pool, with the line it was read from (1-based; 0 when
/// it was not read from a file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolStatement {
    /// The input line.
    pub line: u64,
    /// The statement.
    pub statement: Statement,
}

impl PoolStatement {
    /// A pool statement from `line`.
    pub fn new(line: u64, statement: Statement) -> Self {
        PoolStatement { line, statement }
    }

    /// The id if there is one, else `line N`: how reasons name it.
    pub fn name(&self) -> String {
        match &self.statement.id {
            Some(id) => id.clone(),
            None => format!("line {}", self.line),
        }
    }
}

/// Reads a pool from a JSONL file in `classify`'s input format (`text`,
/// optional `id` and `speaker`; other fields, `stance` included, ignored).
/// Blank lines are skipped; bad lines are reported all at once as in
/// [`crate::data::read_labelled`].
pub fn read_pool(path: impl AsRef<Path>) -> Result<Vec<PoolStatement>> {
    let path = path.as_ref();
    let name = path.display().to_string();
    let file = File::open(path).map_err(|e| Error::io(&name, e))?;
    read_pool_from(BufReader::new(file), name)
}

/// Reads a pool from any reader; `name` appears in errors.
pub fn read_pool_from<R: BufRead>(
    reader: R,
    name: impl Into<String>,
) -> Result<Vec<PoolStatement>> {
    let name = name.into();
    let mut lines = JsonlLines::new(reader, name.clone());
    let mut good = Vec::new();
    let mut errors = Vec::new();
    let mut total = 0u64;
    while let Some((no, line)) = lines.next_line() {
        let loc = Location::file(&name).with_line(no);
        match line.and_then(|l| parse_statement_line(l, &loc)) {
            Ok(s) => good.push(PoolStatement::new(no, s)),
            Err(e @ Error::Io { .. }) => return Err(e),
            Err(e) => {
                total += 1;
                if errors.len() < MAX_REPORTED_LINES {
                    errors.push(e);
                }
            }
        }
    }
    match total {
        0 => Ok(good),
        1 => Err(errors.pop().expect("one error kept")),
        _ => Err(Error::BadLines {
            file: name,
            errors,
            total,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pools_skip_blank_lines_and_report_every_bad_one() {
        let text = "{\"id\": 1, \"text\": \"one\"}\n\n  \n{\"text\": \"two\", \"stance\": {}}\n";
        let pool = read_pool_from(text.as_bytes(), "p.jsonl").unwrap();
        assert_eq!(pool.iter().map(|p| p.line).collect::<Vec<_>>(), [1, 4]);
        assert_eq!(pool[0].statement.id.as_deref(), Some("1"));
        let err = read_pool_from("{\"text\": \"\"}\n".as_bytes(), "p.jsonl").unwrap_err();
        assert_eq!(err.to_string(), "p.jsonl, line 1, field `text`: empty text");
        let err = read_pool_from(
            "{\"text\": 3}\nok\n{\"text\": \"x\"}\n".as_bytes(),
            "p.jsonl",
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.starts_with("p.jsonl: 2 bad lines\n  p.jsonl, line 1, field `text`"),
            "{msg}"
        );
        assert!(msg.contains("\n  p.jsonl, line 2: invalid JSON"), "{msg}");
    }
}
