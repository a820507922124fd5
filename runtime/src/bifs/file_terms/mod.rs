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

use crate::abi::Term;
use crate::atom;
use crate::binary::make_bitstring_from_vec;
use crate::term::{
    cons, make_bigint, make_float, make_heap_binary, make_list_with_tail, make_map_from_pairs, make_string, make_tuple,
    TermAlloc,
};

use parse::Parser;
use scan::{Scanner, Tok};

mod bits;
mod parse;
mod scan;

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
    Unterminated { line: u32, quote: char, text: String },
    /// `char`: `$` at the end of input.
    Char { line: u32 },
    /// `{illegal, What}`.
    Illegal { line: u32, what: &'static str },
    /// `["syntax error before: ", Text]`; `None` at the end of input.
    Syntax { line: u32, before: Option<String> },
    /// `"bad term"`.
    BadTerm { line: u32 },
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
    let mut sc = Scanner { chars: text, pos: 0, line: 1 };
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
        let mut p = Parser { toks, pos: 0, bad: None };
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
            let st: String = s.iter().map(|&c| char::from_u32(c).unwrap_or('\u{fffd}')).collect();
            if st.chars().map(|c| c as u32).eq(s.iter().copied()) {
                make_string(h, &st)
            } else {
                let items: Vec<Term> = s.iter().map(|&c| crate::abi::tag::small(i64::from(c))).collect();
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
        ReadError::Syntax { line, before: Some(before.to_string()) }
    }

    #[test]
    fn terms() {
        let got =
            read("{a, 1}.\n[1,2|x]. \"st\" \"r\". 'q a'. -5. +3. 1.5e3. $a. $\\n. 16#ff. 1_000. {}. [].\n").unwrap();
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
            vec![Value::Map(vec![(atom("a"), int(1)), (str("k"), Value::List(vec![atom("x")], None))])]
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
        assert_eq!(read("{a, 1}\n"), Err(ReadError::Syntax { line: 1, before: None }));
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
        assert_eq!(read("\"abc\n"), Err(ReadError::Unterminated { line: 1, quote: '"', text: "abc\n".into() }));
        assert_eq!(read("{a, 'b\n"), Err(ReadError::Unterminated { line: 1, quote: '\'', text: "b\n".into() }));
        assert_eq!(read("a.\n\n$"), Err(ReadError::Char { line: 3 }));
        let long = format!("\"{}\n", "y".repeat(40));
        assert_eq!(read(&long), Err(ReadError::Unterminated { line: 1, quote: '"', text: "y".repeat(16) }));
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
