//! The scanner: text to tokens, with OTP's `erl_scan` errors, and the
//! token text that `erl_parse` syntax errors quote.

use num_bigint::BigInt;

use crate::format::{atoms::atom_text, float::shortest, strings::quoted_string, Encoding};

use super::ReadError;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Atom(String),
    Var(String),
    Int(BigInt),
    Float(f64),
    Char(u32),
    Str(Vec<u32>),
    /// A reserved word (`fun`, `div`, ...).
    Reserved(&'static str),
    Punct(String),
    Dot,
    Eof,
}

#[derive(Debug, Clone)]
pub(super) struct Token {
    pub(super) tok: Tok,
    pub(super) line: u32,
}

const RESERVED: &[&str] = &[
    "after", "and", "andalso", "band", "begin", "bnot", "bor", "bsl", "bsr", "bxor", "case", "catch", "cond", "div",
    "end", "fun", "if", "let", "not", "of", "or", "orelse", "receive", "rem", "try", "when", "xor", "maybe", "else",
];

const OPERATORS: &[&str] = &[
    "=:=", "=/=", "...", "<<", ">>", "=>", ":=", "||", "->", "==", "/=", "=<", ">=", "++", "--", "<-", "<=", "::", "..",
];

pub(super) struct Scanner<'a> {
    pub(super) chars: &'a [char],
    pub(super) pos: usize,
    pub(super) line: u32,
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || c == '_'
        || c == '@'
        || (('\u{c0}'..='\u{ff}').contains(&c) && c != '\u{d7}' && c != '\u{f7}')
}

fn is_lower_start(c: char) -> bool {
    c.is_ascii_lowercase() || (('\u{df}'..='\u{ff}').contains(&c) && c != '\u{f7}')
}

fn is_upper_start(c: char) -> bool {
    c.is_ascii_uppercase() || c == '_' || (('\u{c0}'..='\u{de}').contains(&c) && c != '\u{d7}')
}

impl<'a> Scanner<'a> {
    fn peek(&self, k: usize) -> Option<char> {
        self.chars.get(self.pos + k).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek(0)?;
        self.pos += 1;
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }

    fn skip_blank(&mut self) {
        while let Some(c) = self.peek(0) {
            if c == '%' {
                while let Some(c) = self.peek(0) {
                    if c == '\n' {
                        break;
                    }
                    self.pos += 1;
                }
            } else if c.is_whitespace() || (c as u32) < 32 {
                self.bump();
            } else {
                break;
            }
        }
    }

    /// One escape sequence after a backslash; `None` at the end of input.
    fn escape(&mut self) -> Option<u32> {
        let c = self.bump()?;
        Some(match c {
            '0'..='7' => {
                let mut v = c as u32 - '0' as u32;
                for _ in 0..2 {
                    match self.peek(0) {
                        Some(d @ '0'..='7') => {
                            self.pos += 1;
                            v = v * 8 + (d as u32 - '0' as u32);
                        }
                        _ => break,
                    }
                }
                v
            }
            'x' => {
                if self.peek(0) == Some('{') {
                    let start = self.pos;
                    self.pos += 1;
                    let mut v: u32 = 0;
                    let mut ok = false;
                    while let Some(d) = self.peek(0).and_then(|d| d.to_digit(16)) {
                        self.pos += 1;
                        v = v.saturating_mul(16).saturating_add(d);
                        ok = true;
                    }
                    if ok && self.peek(0) == Some('}') {
                        self.pos += 1;
                        v
                    } else {
                        self.pos = start;
                        'x' as u32
                    }
                } else {
                    let mut v = 0;
                    let mut n = 0;
                    while n < 2 {
                        match self.peek(0).and_then(|d| d.to_digit(16)) {
                            Some(d) => {
                                self.pos += 1;
                                v = v * 16 + d;
                                n += 1;
                            }
                            None => break,
                        }
                    }
                    if n == 0 {
                        'x' as u32
                    } else {
                        v
                    }
                }
            }
            '^' => match self.bump() {
                Some(c) => c as u32 & 31,
                None => return None,
            },
            'n' => 10,
            'r' => 13,
            't' => 9,
            'v' => 11,
            'b' => 8,
            'f' => 12,
            'e' => 27,
            's' => 32,
            'd' => 127,
            other => other as u32,
        })
    }

    /// An unterminated string error: OTP quotes its first 16 characters.
    fn unterminated(&self, start: usize, quote: char, line: u32) -> ReadError {
        let text: String = self.chars[start..].iter().take(16).collect();
        ReadError::Unterminated { line, quote, text }
    }

    /// The body of a quoted string or atom (the opening quote consumed).
    fn quoted(&mut self, quote: char, line: u32) -> Result<Vec<u32>, ReadError> {
        let start = self.pos;
        let mut out = Vec::new();
        loop {
            match self.bump() {
                None => return Err(self.unterminated(start, quote, line)),
                Some(c) if c == quote => return Ok(out),
                Some('\\') => match self.escape() {
                    Some(v) => out.push(v),
                    None => return Err(self.unterminated(start, quote, line)),
                },
                Some(c) => out.push(c as u32),
            }
        }
    }

    fn digits(&mut self, radix: u32) -> String {
        let mut s = String::new();
        while let Some(c) = self.peek(0) {
            if c.is_digit(radix) {
                s.push(c);
                self.pos += 1;
            } else if c == '_' && !s.is_empty() && self.peek(1).is_some_and(|d| d.is_digit(radix)) {
                self.pos += 1;
            } else {
                break;
            }
        }
        s
    }

    fn number(&mut self, line: u32) -> Result<Tok, ReadError> {
        let int = self.digits(10);
        if self.peek(0) == Some('#') && self.peek(1).is_some_and(|c| c.is_ascii_alphanumeric()) {
            let base: u32 = int.parse().unwrap_or(0);
            if !(2..=36).contains(&base) {
                return Err(ReadError::Illegal { line, what: "base" });
            }
            self.pos += 1;
            let ds = self.digits(base);
            if ds.is_empty() {
                return Err(ReadError::Illegal { line, what: "integer" });
            }
            let v = BigInt::parse_bytes(ds.as_bytes(), base).ok_or(ReadError::Illegal { line, what: "integer" })?;
            return Ok(Tok::Int(v));
        }
        if self.peek(0) == Some('.') && self.peek(1).is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
            let frac = self.digits(10);
            let mut text = format!("{int}.{frac}");
            if matches!(self.peek(0), Some('e' | 'E')) {
                let sign = matches!(self.peek(1), Some('+' | '-'));
                let first = if sign { self.peek(2) } else { self.peek(1) };
                if first.is_some_and(|c| c.is_ascii_digit()) {
                    text.push('e');
                    self.pos += 1;
                    if sign {
                        text.push(self.bump().unwrap_or('+'));
                    }
                    text.push_str(&self.digits(10));
                }
            }
            return match text.parse::<f64>() {
                Ok(f) if f.is_finite() => Ok(Tok::Float(f)),
                _ => Err(ReadError::Illegal { line, what: "float" }),
            };
        }
        let v = BigInt::parse_bytes(int.as_bytes(), 10).ok_or(ReadError::Illegal { line, what: "integer" })?;
        Ok(Tok::Int(v))
    }

    pub(super) fn next(&mut self) -> Result<Token, ReadError> {
        self.skip_blank();
        let line = self.line;
        let Some(c) = self.peek(0) else {
            return Ok(Token { tok: Tok::Eof, line });
        };
        let tok = if c.is_ascii_digit() {
            self.number(line)?
        } else if is_lower_start(c) {
            let mut s = String::new();
            while let Some(c) = self.peek(0).filter(|&c| is_name_char(c)) {
                s.push(c);
                self.pos += 1;
            }
            match RESERVED.iter().find(|r| **r == s) {
                Some(r) => Tok::Reserved(r),
                None if s.chars().count() > 255 => return Err(ReadError::Illegal { line, what: "atom" }),
                None => Tok::Atom(s),
            }
        } else if is_upper_start(c) {
            let mut s = String::new();
            while let Some(c) = self.peek(0).filter(|&c| is_name_char(c)) {
                s.push(c);
                self.pos += 1;
            }
            Tok::Var(s)
        } else if c == '"' {
            self.pos += 1;
            Tok::Str(self.quoted('"', line)?)
        } else if c == '\'' {
            self.pos += 1;
            let cs = self.quoted('\'', line)?;
            let s: Option<String> = cs.iter().map(|&c| char::from_u32(c)).collect();
            match s {
                Some(s) if s.chars().count() <= 255 => Tok::Atom(s),
                _ => return Err(ReadError::Illegal { line, what: "atom" }),
            }
        } else if c == '$' {
            self.pos += 1;
            match self.bump() {
                None => return Err(ReadError::Char { line }),
                Some('\\') => match self.escape() {
                    Some(v) => Tok::Char(v),
                    None => return Err(ReadError::Char { line }),
                },
                Some(c) => Tok::Char(c as u32),
            }
        } else if c == '.' && self.peek(1).is_none_or(|n| n.is_whitespace() || n == '%' || (n as u32) < 32) {
            self.pos += 1;
            Tok::Dot
        } else {
            let rest = &self.chars[self.pos..];
            let op = OPERATORS.iter().find(|op| op.chars().zip(rest).filter(|(a, b)| a == *b).count() == op.len());
            match op {
                Some(op) => {
                    self.pos += op.len();
                    Tok::Punct(op.to_string())
                }
                None => {
                    self.pos += 1;
                    Tok::Punct(c.to_string())
                }
            }
        };
        Ok(Token { tok, line })
    }
}

/// OTP's text for a token in a syntax error message.
pub(super) fn token_text(t: &Tok) -> Option<String> {
    Some(match t {
        Tok::Atom(a) => atom_text(a, Encoding::Unicode),
        Tok::Var(v) => v.clone(),
        Tok::Int(i) => i.to_string(),
        Tok::Float(f) => shortest(*f),
        Tok::Char(c) => {
            let mut s = String::from("$");
            let q = quoted_string(&[*c], Encoding::Unicode);
            s.push_str(&q[1..q.len() - 1]);
            s
        }
        Tok::Str(s) => quoted_string(s, Encoding::Unicode),
        Tok::Reserved(r) => format!("'{r}'"),
        Tok::Punct(p) => atom_text(p, Encoding::Unicode),
        Tok::Dot => "'.'".to_string(),
        Tok::Eof => return None,
    })
}
