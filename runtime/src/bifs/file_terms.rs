//! A compact reader of Erlang terms in text, for `file:consult/1`: a file
//! of `Term.` forms.
//!
//! The runtime cannot use the compiler's lexer and parser, so this is a
//! small scanner and recursive-descent parser of the term subset: atoms
//! (plain and quoted), integers (`16#ff`, `1_000`), floats, characters
//! (`$a`, `$\n`), strings (adjacent ones concatenated), lists (with `|`
//! tails), tuples, maps (`#{K => V}`) and binaries (`<<"ab">>`,
//! `<<1,2>>`, `<<1:16/little>>`). Errors are OTP's `{Line, Module,
//! Message}` triples:
//!
//! - `{L, erl_scan, {string, Quote, Text}}` for an unterminated string or
//!   quoted atom, `{L, erl_scan, char}` for a `$` at the end of input,
//!   `{L, erl_scan, {illegal, What}}` for a malformed token;
//! - `{L, erl_parse, ["syntax error before: ", TokenText]}` (`TokenText` is
//!   `[]` at the end of input);
//! - `{L, erl_parse, "bad term"}` for an expression that is valid syntax
//!   but not a term (variables, operators, calls, `:=` in a map).
//!
//! Nesting is limited to [`MAX_DEPTH`] levels (beyond it the term is a
//! `bad term`) so hostile input cannot exhaust the native stack.

use num_bigint::BigInt;
use num_traits::{ToPrimitive, Zero};

use crate::abi::Term;
use crate::atom;
use crate::binary::make_bitstring_from_vec;
use crate::format::{atoms::atom_text, float::shortest, strings::quoted_string, Encoding};
use crate::term::{
    cons, make_bigint, make_float, make_heap_binary, make_list_with_tail, make_map_from_pairs,
    make_string, make_tuple, TermAlloc,
};

/// Deepest nesting of lists, tuples, maps and binaries accepted.
pub const MAX_DEPTH: usize = 200;

/// A term read from text.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Int(BigInt),
    Float(f64),
    Atom(String),
    /// A string literal: a list of character codes.
    Str(Vec<u32>),
    List(Vec<Value>, Option<Box<Value>>),
    Tuple(Vec<Value>),
    Map(Vec<(Value, Value)>),
    /// A bitstring: bytes and its size in bits.
    Bits(Vec<u8>, usize),
}

/// Why reading failed, as OTP reports it.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadError {
    /// `{string, Quote, Text}`: a string or quoted atom not closed.
    Unterminated {
        line: u32,
        quote: char,
        text: String,
    },
    /// `char`: `$` at the end of input.
    Char { line: u32 },
    /// `{illegal, What}`.
    Illegal { line: u32, what: &'static str },
    /// `["syntax error before: ", Text]`; `None` at the end of input.
    Syntax { line: u32, before: Option<String> },
    /// `"bad term"`.
    BadTerm { line: u32 },
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
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
struct Token {
    tok: Tok,
    line: u32,
}

const RESERVED: &[&str] = &[
    "after", "and", "andalso", "band", "begin", "bnot", "bor", "bsl", "bsr", "bxor", "case",
    "catch", "cond", "div", "end", "fun", "if", "let", "not", "of", "or", "orelse", "receive",
    "rem", "try", "when", "xor", "maybe", "else",
];

const OPERATORS: &[&str] = &[
    "=:=", "=/=", "...", "<<", ">>", "=>", ":=", "||", "->", "==", "/=", "=<", ">=", "++", "--",
    "<-", "<=", "::", "..",
];

struct Scanner<'a> {
    chars: &'a [char],
    pos: usize,
    line: u32,
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
                return Err(ReadError::Illegal {
                    line,
                    what: "integer",
                });
            }
            let v = BigInt::parse_bytes(ds.as_bytes(), base).ok_or(ReadError::Illegal {
                line,
                what: "integer",
            })?;
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
                _ => Err(ReadError::Illegal {
                    line,
                    what: "float",
                }),
            };
        }
        let v = BigInt::parse_bytes(int.as_bytes(), 10).ok_or(ReadError::Illegal {
            line,
            what: "integer",
        })?;
        Ok(Tok::Int(v))
    }

    fn next(&mut self) -> Result<Token, ReadError> {
        self.skip_blank();
        let line = self.line;
        let Some(c) = self.peek(0) else {
            return Ok(Token {
                tok: Tok::Eof,
                line,
            });
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
                None if s.chars().count() > 255 => {
                    return Err(ReadError::Illegal { line, what: "atom" })
                }
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
        } else if c == '.'
            && self
                .peek(1)
                .is_none_or(|n| n.is_whitespace() || n == '%' || (n as u32) < 32)
        {
            self.pos += 1;
            Tok::Dot
        } else {
            let rest = &self.chars[self.pos..];
            let op = OPERATORS
                .iter()
                .find(|op| op.chars().zip(rest).filter(|(a, b)| a == *b).count() == op.len());
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
fn token_text(t: &Tok) -> Option<String> {
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

struct Parser {
    toks: Vec<Token>,
    pos: usize,
    /// The first place the term is not a term (variables, operators).
    bad: Option<u32>,
}

impl Parser {
    fn peek(&self) -> &Token {
        // The token list always ends with `Dot` or `Eof`, and parsing
        // stops there.
        &self.toks[self.pos.min(self.toks.len() - 1)]
    }

    fn next(&mut self) -> Token {
        let t = self.peek().clone();
        if self.pos < self.toks.len() - 1 {
            self.pos += 1;
        }
        t
    }

    fn error(&self, t: &Token) -> ReadError {
        if t.tok == Tok::Eof {
            // At the end of input OTP reports the last token's line.
            let line = self
                .toks
                .len()
                .checked_sub(2)
                .map_or(t.line, |i| self.toks[i].line);
            ReadError::Syntax { line, before: None }
        } else {
            ReadError::Syntax {
                line: t.line,
                before: token_text(&t.tok),
            }
        }
    }

    fn is_punct(&self, p: &str) -> bool {
        matches!(&self.peek().tok, Tok::Punct(q) if q == p)
    }

    fn expect(&mut self, p: &str) -> Result<(), ReadError> {
        let t = self.next();
        match &t.tok {
            Tok::Punct(q) if q == p => Ok(()),
            _ => Err(self.error(&t)),
        }
    }

    fn mark_bad(&mut self, line: u32) {
        self.bad.get_or_insert(line);
    }

    fn binary_op(&self) -> bool {
        match &self.peek().tok {
            Tok::Punct(p) => matches!(
                p.as_str(),
                "+" | "-"
                    | "*"
                    | "/"
                    | "++"
                    | "--"
                    | "=="
                    | "/="
                    | "=<"
                    | "<"
                    | ">="
                    | ">"
                    | "=:="
                    | "=/="
                    | "!"
                    | "="
            ),
            Tok::Reserved(r) => {
                matches!(
                    *r,
                    "div"
                        | "rem"
                        | "band"
                        | "bor"
                        | "bxor"
                        | "bsl"
                        | "bsr"
                        | "and"
                        | "or"
                        | "xor"
                        | "andalso"
                        | "orelse"
                )
            }
            _ => false,
        }
    }

    fn expr(&mut self, depth: usize) -> Result<Value, ReadError> {
        let v = self.unary(depth)?;
        if self.binary_op() {
            let op = self.next();
            self.mark_bad(op.line);
            self.expr(depth + 1)?;
        }
        Ok(v)
    }

    fn unary(&mut self, depth: usize) -> Result<Value, ReadError> {
        if depth > MAX_DEPTH {
            let line = self.peek().line;
            return Err(ReadError::BadTerm { line });
        }
        let neg = self.is_punct("-");
        if neg || self.is_punct("+") {
            let op = self.next();
            let v = self.unary(depth + 1)?;
            return Ok(match v {
                Value::Int(i) if neg => Value::Int(-i),
                Value::Float(f) if neg => Value::Float(-f),
                v @ (Value::Int(_) | Value::Float(_)) => v,
                v => {
                    self.mark_bad(op.line);
                    v
                }
            });
        }
        if matches!(self.peek().tok, Tok::Reserved("not" | "bnot")) {
            let op = self.next();
            self.mark_bad(op.line);
            return self.unary(depth + 1);
        }
        self.primary(depth)
    }

    fn seq(&mut self, close: &str, depth: usize) -> Result<Vec<Value>, ReadError> {
        let mut out = Vec::new();
        if self.is_punct(close) {
            self.next();
            return Ok(out);
        }
        loop {
            out.push(self.expr(depth + 1)?);
            let t = self.next();
            match &t.tok {
                Tok::Punct(p) if p == "," => {}
                Tok::Punct(p) if p == close => return Ok(out),
                _ => return Err(self.error(&t)),
            }
        }
    }

    fn primary(&mut self, depth: usize) -> Result<Value, ReadError> {
        let t = self.next();
        match t.tok {
            Tok::Int(i) => Ok(Value::Int(i)),
            Tok::Float(f) => Ok(Value::Float(f)),
            Tok::Char(c) => Ok(Value::Int(BigInt::from(c))),
            Tok::Atom(a) => {
                if self.is_punct("(") {
                    // A call: valid syntax, not a term.
                    self.next();
                    self.mark_bad(t.line);
                    self.seq(")", depth)?;
                }
                Ok(Value::Atom(a))
            }
            Tok::Var(_) => {
                self.mark_bad(t.line);
                Ok(Value::Atom(String::new()))
            }
            Tok::Str(mut s) => {
                while let Tok::Str(more) = &self.peek().tok {
                    s.extend_from_slice(more);
                    self.next();
                }
                Ok(Value::Str(s))
            }
            Tok::Punct(ref p) => match p.as_str() {
                "{" => Ok(Value::Tuple(self.seq("}", depth)?)),
                "(" => {
                    let v = self.expr(depth + 1)?;
                    self.expect(")")?;
                    Ok(v)
                }
                "[" => self.list(depth),
                "#" => {
                    self.expect("{")?;
                    self.map(depth)
                }
                "<<" => self.binary(depth),
                _ => Err(self.error(&t)),
            },
            _ => Err(self.error(&t)),
        }
    }

    fn list(&mut self, depth: usize) -> Result<Value, ReadError> {
        let mut elems = Vec::new();
        if self.is_punct("]") {
            self.next();
            return Ok(Value::List(elems, None));
        }
        loop {
            elems.push(self.expr(depth + 1)?);
            let t = self.next();
            match &t.tok {
                Tok::Punct(p) if p == "," => {}
                Tok::Punct(p) if p == "]" => return Ok(Value::List(elems, None)),
                Tok::Punct(p) if p == "|" => {
                    let tail = self.expr(depth + 1)?;
                    self.expect("]")?;
                    return Ok(Value::List(elems, Some(Box::new(tail))));
                }
                _ => return Err(self.error(&t)),
            }
        }
    }

    fn map(&mut self, depth: usize) -> Result<Value, ReadError> {
        let mut pairs = Vec::new();
        if self.is_punct("}") {
            self.next();
            return Ok(Value::Map(pairs));
        }
        loop {
            let k = self.expr(depth + 1)?;
            let t = self.next();
            match &t.tok {
                Tok::Punct(p) if p == "=>" => {}
                Tok::Punct(p) if p == ":=" => self.mark_bad(t.line),
                _ => return Err(self.error(&t)),
            }
            let v = self.expr(depth + 1)?;
            pairs.push((k, v));
            let t = self.next();
            match &t.tok {
                Tok::Punct(p) if p == "," => {}
                Tok::Punct(p) if p == "}" => return Ok(Value::Map(pairs)),
                _ => return Err(self.error(&t)),
            }
        }
    }

    fn binary(&mut self, depth: usize) -> Result<Value, ReadError> {
        let mut bits = BitWriter::default();
        if self.is_punct(">>") {
            self.next();
            return Ok(Value::Bits(bits.bytes, bits.len));
        }
        loop {
            let line = self.peek().line;
            let neg = self.is_punct("-");
            if neg {
                self.next();
            }
            let t = self.next();
            let value = match t.tok {
                Tok::Int(i) => Seg::Int(if neg { -i } else { i }),
                Tok::Char(c) => Seg::Int(BigInt::from(c)),
                Tok::Float(f) => Seg::Float(if neg { -f } else { f }),
                Tok::Str(s) if !neg => Seg::Str(s),
                Tok::Var(_) | Tok::Atom(_) => {
                    self.mark_bad(t.line);
                    Seg::Int(BigInt::zero())
                }
                Tok::Punct(ref p) if p == "(" && !neg => {
                    let v = self.expr(depth + 1)?;
                    self.expect(")")?;
                    match v {
                        Value::Int(i) => Seg::Int(i),
                        Value::Float(f) => Seg::Float(f),
                        _ => {
                            self.mark_bad(t.line);
                            Seg::Int(BigInt::zero())
                        }
                    }
                }
                _ => return Err(self.error(&t)),
            };
            let mut size = None;
            if self.is_punct(":") {
                self.next();
                let t = self.next();
                match t.tok {
                    Tok::Int(n) => size = Some(n.to_usize().unwrap_or(usize::MAX)),
                    Tok::Var(_) => self.mark_bad(t.line),
                    _ => return Err(self.error(&t)),
                }
            }
            let mut spec = Spec::default();
            if self.is_punct("/") {
                self.next();
                loop {
                    let t = self.next();
                    match &t.tok {
                        Tok::Atom(a) => match a.as_str() {
                            "integer" | "float" | "binary" | "bytes" | "bitstring" | "bits"
                            | "utf8" | "utf16" | "utf32" => spec.kind = Some(a.clone()),
                            "big" => spec.little = false,
                            "little" | "native"
                                if cfg!(target_endian = "little") || a == "little" =>
                            {
                                spec.little = true
                            }
                            "native" => spec.little = false,
                            "signed" | "unsigned" => {}
                            "unit" => {
                                self.expect(":")?;
                                let u = self.next();
                                match u.tok {
                                    Tok::Int(n) => spec.unit = n.to_usize(),
                                    _ => return Err(self.error(&u)),
                                }
                            }
                            _ => self.mark_bad(t.line),
                        },
                        _ => return Err(self.error(&t)),
                    }
                    if self.is_punct("-") {
                        self.next();
                    } else {
                        break;
                    }
                }
            }
            if self.bad.is_none() && !bits.put(value, size, &spec) {
                self.mark_bad(line);
            }
            let t = self.next();
            match &t.tok {
                Tok::Punct(p) if p == "," => {}
                Tok::Punct(p) if p == ">>" => return Ok(Value::Bits(bits.bytes, bits.len)),
                _ => return Err(self.error(&t)),
            }
        }
    }
}

enum Seg {
    Int(BigInt),
    Float(f64),
    Str(Vec<u32>),
}

#[derive(Default)]
struct Spec {
    kind: Option<String>,
    little: bool,
    unit: Option<usize>,
}

/// Bits appended most significant first.
#[derive(Default)]
struct BitWriter {
    bytes: Vec<u8>,
    len: usize,
}

/// The largest binary literal segment accepted, in bits.
const MAX_SEGMENT_BITS: usize = 1 << 24;
/// The largest binary literal accepted, in bits (128 MiB).
const MAX_BINARY_BITS: usize = 1 << 30;

impl BitWriter {
    fn push_bit(&mut self, b: bool) {
        if self.len.is_multiple_of(8) {
            self.bytes.push(0);
        }
        if b {
            let i = self.len / 8;
            self.bytes[i] |= 0x80 >> (self.len % 8);
        }
        self.len += 1;
    }

    fn push_bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            for k in (0..8).rev() {
                self.push_bit(b >> k & 1 == 1);
            }
        }
    }

    fn push_int(&mut self, v: &BigInt, bits: usize, little: bool) {
        // Two's complement, truncated to `bits`.
        let mut le = v.to_signed_bytes_le();
        let fill = if v.sign() == num_bigint::Sign::Minus {
            0xff
        } else {
            0
        };
        let nbytes = bits.div_ceil(8);
        le.resize(nbytes.max(le.len()), fill);
        le.truncate(nbytes);
        if little && bits.is_multiple_of(8) {
            self.push_bytes(&le);
        } else {
            for i in (0..bits).rev() {
                self.push_bit(le[i / 8] >> (i % 8) & 1 == 1);
            }
        }
    }

    fn push_char(&mut self, c: u32, kind: &str, little: bool) -> bool {
        match kind {
            "utf8" => match char::from_u32(c) {
                Some(ch) => {
                    let mut buf = [0; 4];
                    self.push_bytes(ch.encode_utf8(&mut buf).as_bytes());
                }
                None => return false,
            },
            "utf16" => match char::from_u32(c) {
                Some(ch) => {
                    let mut buf = [0; 2];
                    for u in ch.encode_utf16(&mut buf) {
                        let b = if little {
                            u.to_le_bytes()
                        } else {
                            u.to_be_bytes()
                        };
                        self.push_bytes(&b);
                    }
                }
                None => return false,
            },
            _ => match char::from_u32(c) {
                Some(_) => self.push_bytes(&if little {
                    c.to_le_bytes()
                } else {
                    c.to_be_bytes()
                }),
                None => return false,
            },
        }
        true
    }

    /// Appends a segment; false if it is not a valid literal segment.
    fn put(&mut self, value: Seg, size: Option<usize>, spec: &Spec) -> bool {
        if self.len > MAX_BINARY_BITS {
            return false;
        }
        let kind = spec.kind.as_deref().unwrap_or("integer");
        match (value, kind) {
            (Seg::Str(s), "utf8" | "utf16" | "utf32") => {
                s.iter().all(|&c| self.push_char(c, kind, spec.little))
            }
            (Seg::Int(i), "utf8" | "utf16" | "utf32") => match i.to_u32() {
                Some(c) if size.is_none() => self.push_char(c, kind, spec.little),
                _ => false,
            },
            (Seg::Str(s), "integer") => {
                let bits = size.unwrap_or(8).saturating_mul(spec.unit.unwrap_or(1));
                if bits > MAX_SEGMENT_BITS {
                    return false;
                }
                for c in s {
                    self.push_int(&BigInt::from(c), bits, spec.little);
                }
                true
            }
            (Seg::Int(i), "integer") => {
                let bits = size.unwrap_or(8).saturating_mul(spec.unit.unwrap_or(1));
                if bits > MAX_SEGMENT_BITS {
                    return false;
                }
                self.push_int(&i, bits, spec.little);
                true
            }
            (Seg::Int(i), "float") => match i.to_f64() {
                Some(f) => self.put(Seg::Float(f), size, spec),
                None => false,
            },
            (Seg::Float(f), "float") => {
                match size.unwrap_or(64).saturating_mul(spec.unit.unwrap_or(1)) {
                    64 => self.push_bytes(&if spec.little {
                        f.to_le_bytes()
                    } else {
                        f.to_be_bytes()
                    }),
                    32 => {
                        let g = f as f32;
                        self.push_bytes(&if spec.little {
                            g.to_le_bytes()
                        } else {
                            g.to_be_bytes()
                        })
                    }
                    _ => return false,
                }
                true
            }
            _ => false,
        }
    }
}

/// Decodes file contents: UTF-8, or Latin-1 when it is not valid UTF-8.
pub fn decode_text(bytes: &[u8]) -> Vec<char> {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.chars().collect(),
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    }
}

/// Reads every `Term.` form of `text`.
pub fn read_terms(text: &[char]) -> Result<Vec<Value>, ReadError> {
    let mut sc = Scanner {
        chars: text,
        pos: 0,
        line: 1,
    };
    let mut out = Vec::new();
    loop {
        // Scan one form: tokens up to a dot or the end of input.
        let mut toks = Vec::new();
        loop {
            let t = sc.next()?;
            let end = matches!(t.tok, Tok::Dot | Tok::Eof);
            toks.push(t);
            if end {
                break;
            }
        }
        if toks.len() == 1 && toks[0].tok == Tok::Eof {
            return Ok(out);
        }
        let mut p = Parser {
            toks,
            pos: 0,
            bad: None,
        };
        let v = p.expr(0)?;
        let t = p.next();
        if t.tok != Tok::Dot {
            return Err(p.error(&t));
        }
        if let Some(line) = p.bad {
            return Err(ReadError::BadTerm { line });
        }
        out.push(v);
    }
}

/// Builds the term of a value (`None` on `system_limit`: an integer too
/// large or an atom table that is full).
pub fn build<H: TermAlloc + ?Sized>(h: &mut H, v: &Value) -> Option<Term> {
    Some(match v {
        Value::Int(i) => make_bigint(h, i).ok()?,
        Value::Float(f) => make_float(h, *f),
        Value::Atom(a) => atom::try_intern(a).ok()?,
        Value::Str(s) => {
            let st: String = s
                .iter()
                .map(|&c| char::from_u32(c).unwrap_or('\u{fffd}'))
                .collect();
            if st.chars().map(|c| c as u32).eq(s.iter().copied()) {
                make_string(h, &st)
            } else {
                let items: Vec<Term> = s
                    .iter()
                    .map(|&c| crate::abi::tag::small(i64::from(c)))
                    .collect();
                make_list_with_tail(h, &items, crate::abi::tag::NIL)
            }
        }
        Value::List(elems, tail) => {
            let tail = match tail {
                Some(t) => build(h, t)?,
                None => crate::abi::tag::NIL,
            };
            let items: Option<Vec<Term>> = elems.iter().map(|e| build(h, e)).collect();
            let mut list = tail;
            for t in items?.into_iter().rev() {
                list = cons(h, t, list);
            }
            list
        }
        Value::Tuple(elems) => {
            let items: Option<Vec<Term>> = elems.iter().map(|e| build(h, e)).collect();
            make_tuple(h, &items?)
        }
        Value::Map(pairs) => {
            let mut ps = Vec::with_capacity(pairs.len());
            for (k, v) in pairs {
                ps.push((build(h, k)?, build(h, v)?));
            }
            make_map_from_pairs(h, ps)
        }
        Value::Bits(bytes, len) => {
            if len % 8 == 0 {
                if bytes.len() <= 64 {
                    make_heap_binary(h, bytes)
                } else {
                    crate::binary::make_binary_from_vec(h, bytes.clone())
                }
            } else {
                make_bitstring_from_vec(h, bytes.clone(), *len)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Result<Vec<Value>, ReadError> {
        read_terms(&s.chars().collect::<Vec<_>>())
    }

    fn int(i: i64) -> Value {
        Value::Int(BigInt::from(i))
    }

    fn atom(a: &str) -> Value {
        Value::Atom(a.to_string())
    }

    fn str(s: &str) -> Value {
        Value::Str(s.chars().map(|c| c as u32).collect())
    }

    fn syntax(line: u32, before: &str) -> ReadError {
        ReadError::Syntax {
            line,
            before: Some(before.to_string()),
        }
    }

    #[test]
    fn terms() {
        let got = read("{a, 1}.\n[1,2|x]. \"st\" \"r\". 'q a'. -5. +3. 1.5e3. $a. $\\n. 16#ff. 1_000. {}. [].\n").unwrap();
        assert_eq!(
            got,
            vec![
                Value::Tuple(vec![atom("a"), int(1)]),
                Value::List(vec![int(1), int(2)], Some(Box::new(atom("x")))),
                str("str"),
                atom("q a"),
                int(-5),
                int(3),
                Value::Float(1500.0),
                int(97),
                int(10),
                int(255),
                int(1000),
                Value::Tuple(vec![]),
                Value::List(vec![], None),
            ]
        );
        assert_eq!(read("%% c\n a. % t\n").unwrap(), vec![atom("a")]);
        assert_eq!(read("").unwrap(), vec![]);
        assert_eq!(
            read("foo@bar. 'A'. \"a\\x{41}\\101\\^A\".").unwrap(),
            vec![atom("foo@bar"), atom("A"), str("aAA\u{1}")]
        );
        assert_eq!(
            read("#{a => 1, \"k\" => [x]}.").unwrap(),
            vec![Value::Map(vec![
                (atom("a"), int(1)),
                (str("k"), Value::List(vec![atom("x")], None))
            ])]
        );
        assert_eq!(
            read("99999999999999999999999.").unwrap(),
            vec![Value::Int("99999999999999999999999".parse().unwrap())]
        );
    }

    #[test]
    fn binaries() {
        let b = |s: &str| match read(s).unwrap().pop() {
            Some(Value::Bits(bytes, len)) => (bytes, len),
            other => panic!("{other:?}"),
        };
        assert_eq!(b("<<\"bin\">>."), (b"bin".to_vec(), 24));
        assert_eq!(b("<<1,2,3>>."), (vec![1, 2, 3], 24));
        assert_eq!(b("<<>>."), (vec![], 0));
        assert_eq!(b("<<300>>."), (vec![44], 8));
        assert_eq!(b("<<1:16>>."), (vec![0, 1], 16));
        assert_eq!(b("<<1:16/little>>."), (vec![1, 0], 16));
        assert_eq!(b("<<-1>>."), (vec![255], 8));
        assert_eq!(b("<<\"é\"/utf8>>."), ("é".as_bytes().to_vec(), 16));
        assert_eq!(b("<<1:1>>."), (vec![0x80], 1));
        assert_eq!(b("<<\"ab\", 3, \"c\">>."), (vec![97, 98, 3, 99], 32));
    }

    #[test]
    fn errors() {
        assert_eq!(
            read("{a, 1}\n"),
            Err(ReadError::Syntax {
                line: 1,
                before: None
            })
        );
        assert_eq!(read("{a, 1}.\n{b,}.\n"), Err(syntax(2, "'}'")));
        assert_eq!(read("\n\n[1,2.\n"), Err(syntax(3, "'.'")));
        assert_eq!(read("{a b}."), Err(syntax(1, "b")));
        assert_eq!(read("[1 2]."), Err(syntax(1, "2")));
        assert_eq!(read("{a \"s\"}."), Err(syntax(1, "\"s\"")));
        assert_eq!(read("{a 1.5}."), Err(syntax(1, "1.5")));
        assert_eq!(read("{a $x}."), Err(syntax(1, "$x")));
        assert_eq!(read("{a X}."), Err(syntax(1, "X")));
        assert_eq!(read("{a 'B'}."), Err(syntax(1, "'B'")));
        assert_eq!(read("{a <<}."), Err(syntax(1, "'<<'")));
        assert_eq!(read("[1 | 2 | 3]."), Err(syntax(1, "'|'")));
        assert_eq!(read("{ok,\n\n bad b}."), Err(syntax(3, "b")));
        assert_eq!(
            read("\"abc\n"),
            Err(ReadError::Unterminated {
                line: 1,
                quote: '"',
                text: "abc\n".into()
            })
        );
        assert_eq!(
            read("{a, 'b\n"),
            Err(ReadError::Unterminated {
                line: 1,
                quote: '\'',
                text: "b\n".into()
            })
        );
        assert_eq!(read("a.\n\n$"), Err(ReadError::Char { line: 3 }));
        let long = format!("\"{}\n", "y".repeat(40));
        assert_eq!(
            read(&long),
            Err(ReadError::Unterminated {
                line: 1,
                quote: '"',
                text: "y".repeat(16)
            })
        );
        assert_eq!(read("a.\n X.\n"), Err(ReadError::BadTerm { line: 2 }));
        assert_eq!(read("foo(1)."), Err(ReadError::BadTerm { line: 1 }));
        assert_eq!(read("1 + 2."), Err(ReadError::BadTerm { line: 1 }));
        assert_eq!(read("#{a := 1}."), Err(ReadError::BadTerm { line: 1 }));
        assert_eq!(read("<<a>>."), Err(ReadError::BadTerm { line: 1 }));
        // Deep nesting is refused, not a stack overflow.
        let deep = "[".repeat(100_000);
        assert!(matches!(read(&deep), Err(ReadError::BadTerm { .. })));
    }

    #[test]
    fn build_terms() {
        let mut h = crate::term::testing::TestHeap::new();
        let vs = read("{a, [1, 2 | \"xy\"], #{k => <<1,2>>}, 1.5, -7}.").unwrap();
        let t = build(&mut h, &vs[0]).unwrap();
        assert_eq!(
            crate::format::format_term(t, crate::format::Mode::Write),
            "{a,[1,2,120,121],#{k => <<1,2>>},1.5,-7}"
        );
    }
}
