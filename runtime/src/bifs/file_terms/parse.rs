//! The recursive-descent parser of the term subset, over the tokens of
//! one form.

use num_bigint::BigInt;
use num_traits::{ToPrimitive, Zero};

use super::bits::{BitWriter, Seg, Spec};
use super::scan::{token_text, Tok, Token};
use super::{ReadError, Value, MAX_DEPTH};

pub(super) struct Parser {
    pub(super) toks: Vec<Token>,
    pub(super) pos: usize,
    /// The first place the term is not a term (variables, operators).
    pub(super) bad: Option<u32>,
}

impl Parser {
    fn peek(&self) -> &Token {
        // The token list always ends with `Dot` or `Eof`, and parsing
        // stops there.
        &self.toks[self.pos.min(self.toks.len() - 1)]
    }

    pub(super) fn next(&mut self) -> Token {
        let t = self.peek().clone();
        if self.pos < self.toks.len() - 1 {
            self.pos += 1;
        }
        t
    }

    pub(super) fn error(&self, t: &Token) -> ReadError {
        if t.tok == Tok::Eof {
            // At the end of input OTP reports the last token's line.
            let line = self.toks.len().checked_sub(2).map_or(t.line, |i| self.toks[i].line);
            ReadError::Syntax { line, before: None }
        } else {
            ReadError::Syntax { line: t.line, before: token_text(&t.tok) }
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
                "+" | "-" | "*" | "/" | "++" | "--" | "==" | "/=" | "=<" | "<" | ">=" | ">" | "=:=" | "=/=" | "!" | "="
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

    pub(super) fn expr(&mut self, depth: usize) -> Result<Value, ReadError> {
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
                            "integer" | "float" | "binary" | "bytes" | "bitstring" | "bits" | "utf8" | "utf16"
                            | "utf32" => spec.kind = Some(a.clone()),
                            "big" => spec.little = false,
                            "little" | "native" if cfg!(target_endian = "little") || a == "little" => {
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
