use super::*;
use crate::token::TokenKind as K;

fn kinds(text: &str) -> Vec<TokenKind> {
    match lex(FileId(0), text) {
        Ok(tokens) => tokens.into_iter().map(|t| t.kind).collect(),
        Err(d) => panic!("unexpected lex error for {text:?}: {} at {:?}", d.message, d.span),
    }
}

fn one(text: &str) -> TokenKind {
    let mut k = kinds(text);
    assert_eq!(k.len(), 1, "{text:?} gave {k:?}");
    k.remove(0)
}

/// The message and byte range of the first error.
fn error(text: &str) -> (String, u32, u32) {
    match lex(FileId(0), text) {
        Ok(tokens) => panic!("expected an error for {text:?}, got {tokens:?}"),
        Err(d) => (d.message, d.span.start, d.span.end),
    }
}

fn int(s: &str) -> TokenKind {
    K::Integer(s.to_string())
}

fn atom(s: &str) -> TokenKind {
    K::Atom(s.to_string())
}

fn var(s: &str) -> TokenKind {
    K::Var(s.to_string())
}

fn string(s: &str) -> TokenKind {
    K::String(s.to_string())
}

#[test]
fn decimal_integers() {
    assert_eq!(one("0"), int("0"));
    assert_eq!(one("007"), int("7"));
    assert_eq!(one("1_000_000"), int("1000000"));
    assert_eq!(one("123456789012345678901234567890"), int("123456789012345678901234567890"));
    // `_` must be between digits, as in erl_scan.
    assert_eq!(kinds("1_a"), vec![int("1"), var("_a")]);
    assert_eq!(kinds("1__0"), vec![int("1"), var("__0")]);
    assert_eq!(kinds("10_"), vec![int("10"), var("_")]);
}

#[test]
fn based_integers() {
    assert_eq!(one("16#FF"), int("255"));
    assert_eq!(one("16#ff_ff"), int("65535"));
    assert_eq!(one("16#FF_FF"), int("65535"));
    assert_eq!(one("2#1010"), int("10"));
    assert_eq!(one("8#777"), int("511"));
    assert_eq!(one("36#Zz"), int("1295"));
    assert_eq!(one("1_6#FF"), int("255"));
    assert_eq!(one("16#FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"), int("340282366920938463463374607431768211455"));
    assert_eq!(one("10#0"), int("0"));
    // Digits outside the base end the number.
    assert_eq!(kinds("2#12"), vec![int("1"), int("2")]);
    assert_eq!(kinds("2#1_2"), vec![int("1"), var("_2")]);
    assert_eq!(kinds("16#FF.5"), vec![int("255"), K::Period, int("5")]);
    assert_eq!(kinds("2#1#1"), vec![int("1"), K::Hash, int("1")]);
}

#[test]
fn based_integer_errors() {
    assert_eq!(error("37#1"), ("invalid base 37 in integer literal".to_string(), 0, 2));
    assert_eq!(error("x = 1#0"), ("invalid base 1 in integer literal".to_string(), 4, 5));
    assert_eq!(error("0#1"), ("invalid base 0 in integer literal".to_string(), 0, 1));
    assert_eq!(error("16#"), ("missing digits after `16#`".to_string(), 0, 3));
    assert_eq!(error("16#g"), ("missing digits after `16#`".to_string(), 0, 3));
    assert_eq!(error("16#_1"), ("missing digits after `16#`".to_string(), 0, 3));
}

#[test]
fn floats() {
    assert_eq!(one("1.0"), K::Float(1.0));
    assert_eq!(one("1.0e10"), K::Float(1.0e10));
    assert_eq!(one("2.5E-3"), K::Float(2.5e-3));
    assert_eq!(one("1.5e+2"), K::Float(150.0));
    assert_eq!(one("1_0.0_1"), K::Float(10.01));
    assert_eq!(one("1_000.0_1e1_0"), K::Float(1.00001e13));
    assert_eq!(one("1.0e-400"), K::Float(0.0));
    // `1.` followed by a non-digit is an integer and a dot.
    assert_eq!(kinds("1.e3"), vec![int("1"), K::Period, atom("e3")]);
    assert_eq!(kinds("1. "), vec![int("1"), K::Dot]);
    assert_eq!(kinds("1.0."), vec![K::Float(1.0), K::Dot]);
    assert_eq!(kinds("1e10"), vec![int("1"), atom("e10")]);
    assert_eq!(kinds("X.1"), vec![var("X"), K::Period, int("1")]);
}

#[test]
fn float_errors() {
    assert_eq!(error("1.0e"), ("invalid float literal `1.0e`: missing exponent digits".to_string(), 0, 4));
    assert_eq!(error("1.0e+ "), ("invalid float literal `1.0e+`: missing exponent digits".to_string(), 0, 5));
    assert_eq!(error("1.0e999"), ("float literal `1.0e999` is out of range".to_string(), 0, 7));
}

#[test]
fn char_literals() {
    let cases: &[(&str, u32)] = &[
        ("$a", 97),
        ("$ ", 32),
        ("$\n", 10),
        ("$é", 233),
        ("$😀", 0x1F600),
        ("$\\n", 10),
        ("$\\t", 9),
        ("$\\s", 32),
        ("$\\d", 127),
        ("$\\e", 27),
        ("$\\b", 8),
        ("$\\f", 12),
        ("$\\v", 11),
        ("$\\r", 13),
        ("$\\0", 0),
        ("$\\\\", 92),
        ("$\\'", 39),
        ("$\\\"", 34),
        ("$\\7", 7),
        ("$\\177", 127),
        ("$\\400", 256),
        ("$\\777", 511),
        ("$\\8", 56),
        ("$\\x7f", 127),
        ("$\\xFF", 255),
        ("$\\x{41}", 65),
        ("$\\x{1F600}", 0x1F600),
        ("$\\^A", 1),
        ("$\\^Z", 26),
        ("$\\^a", 1),
        ("$\\^z", 26),
        ("$\\^1", 17),
        ("$\\^é", 9),
        ("$\\X", 88),
        ("$\\q", 113),
        ("$$", 36),
        ("$%", 37),
    ];
    for (text, value) in cases {
        assert_eq!(one(text), K::Char(*value), "{text:?}");
    }
    // Octal escapes take at most three digits.
    assert_eq!(kinds("$\\1234"), vec![K::Char(83), int("4")]);
    assert_eq!(kinds("$\\xff1"), vec![K::Char(255), int("1")]);
    assert_eq!(kinds("$\\^\\n"), vec![K::Char(28), atom("n")]);
    assert_eq!(kinds("$a."), vec![K::Char(97), K::Dot]);
}

#[test]
fn char_errors() {
    assert_eq!(error("$"), ("unterminated character literal".to_string(), 0, 1));
    assert_eq!(error("$\\"), ("unterminated character literal".to_string(), 0, 2));
    assert_eq!(error("$\\^"), ("unterminated character literal".to_string(), 0, 3));
    assert_eq!(error("$\\xg"), ("invalid hexadecimal escape `\\xg`".to_string(), 1, 4));
    assert_eq!(error("$\\x1"), ("invalid hexadecimal escape `\\x1`".to_string(), 1, 4));
    assert_eq!(error("$\\x{}"), ("invalid hexadecimal escape `\\x{}`".to_string(), 1, 5));
    assert_eq!(error("$\\x{ff"), ("invalid hexadecimal escape `\\x{ff`".to_string(), 1, 6));
    assert_eq!(error("$\\x{110000}"), ("escape `\\x{110000}` is not a valid character".to_string(), 1, 11));
    assert_eq!(error("$\\x{D800}"), ("escape `\\x{D800}` is not a valid character".to_string(), 1, 9));
}

#[test]
fn strings() {
    assert_eq!(one(r#""""#), string(""));
    assert_eq!(one(r#""hello world""#), string("hello world"));
    assert_eq!(one(r#""\n\t\s\d\e\b\f\v\r\0\\\'\"""#), string("\n\t \u{7f}\u{1b}\u{8}\u{c}\u{b}\r\0\\'\""));
    assert_eq!(one(r#""\7\177\0123""#), string("\u{7}\u{7f}\n3"));
    assert_eq!(one(r#""\x41\x{1F600}\^A\^z""#), string("A😀\u{1}\u{1a}"));
    assert_eq!(one(r#""\q\X""#), string("qX"));
    assert_eq!(one("\"line\nbreak\""), string("line\nbreak"));
    assert_eq!(one("\"é😀\""), string("é😀"));
    assert_eq!(one(r#""\777""#), string("\u{1ff}"));
    // Adjacent strings stay separate tokens.
    assert_eq!(kinds(r#""a" "b""#), vec![string("a"), string("b")]);
    // Comment characters and dots inside strings are text.
    assert_eq!(kinds("\"% no. \" x"), vec![string("% no. "), atom("x")]);
}

#[test]
fn string_errors() {
    assert_eq!(error("x = \"abc"), ("unterminated string starting here".to_string(), 4, 5));
    assert_eq!(error("\"abc\\"), ("unterminated string starting here".to_string(), 0, 1));
    assert_eq!(error("\"a\\x{41\""), ("invalid hexadecimal escape `\\x{41`".to_string(), 2, 7));
    assert_eq!(error("\"\\x{D800}\" x"), ("escape `\\x{D800}` is not a valid character".to_string(), 1, 9));
    assert_eq!(error("'ab"), ("unterminated quoted atom starting here".to_string(), 0, 1));
}

#[test]
fn atoms_and_variables() {
    assert_eq!(one("foo"), atom("foo"));
    assert_eq!(one("fooBar_1@node"), atom("fooBar_1@node"));
    assert_eq!(one("a@b"), atom("a@b"));
    assert_eq!(one("'hello world'"), atom("hello world"));
    assert_eq!(one("'it\\'s'"), atom("it's"));
    assert_eq!(one("'\\n'"), atom("\n"));
    assert_eq!(one("''"), atom(""));
    // Quoted reserved words are plain atoms.
    assert_eq!(one("'case'"), atom("case"));
    assert_eq!(one("åäö"), atom("åäö"));
    assert_eq!(one("ßx"), atom("ßx"));
    assert_eq!(one("X"), var("X"));
    assert_eq!(one("_"), var("_"));
    assert_eq!(one("_Foo@1"), var("_Foo@1"));
    assert_eq!(one("ÅÄ"), var("ÅÄ"));
    assert_eq!(one("Øre"), var("Øre"));
    let long = "a".repeat(256);
    assert_eq!(error(&long), ("atom is too long".to_string(), 0, 256));
    assert_eq!(one(&"a".repeat(255)), atom(&"a".repeat(255)));
}

#[test]
fn reserved_words() {
    let words = [
        ("after", K::After),
        ("and", K::And),
        ("andalso", K::AndAlso),
        ("band", K::Band),
        ("begin", K::Begin),
        ("bnot", K::Bnot),
        ("bor", K::Bor),
        ("bsl", K::Bsl),
        ("bsr", K::Bsr),
        ("bxor", K::Bxor),
        ("case", K::Case),
        ("catch", K::Catch),
        ("cond", K::Cond),
        ("div", K::Div),
        ("else", K::Else),
        ("end", K::End),
        ("fun", K::Fun),
        ("if", K::If),
        ("let", K::Let),
        ("maybe", K::Maybe),
        ("not", K::Not),
        ("of", K::Of),
        ("or", K::Or),
        ("orelse", K::OrElse),
        ("receive", K::Receive),
        ("rem", K::Rem),
        ("try", K::Try),
        ("when", K::When),
        ("xor", K::Xor),
    ];
    for (text, kind) in words {
        assert_eq!(one(text), kind);
    }
    assert_eq!(one("cases"), atom("cases"));
}

#[test]
fn punctuation() {
    let ops = [
        ("(", K::LParen),
        (")", K::RParen),
        ("{", K::LBrace),
        ("}", K::RBrace),
        ("[", K::LBracket),
        ("]", K::RBracket),
        ("<<", K::LDoubleAngle),
        (">>", K::RDoubleAngle),
        (",", K::Comma),
        (";", K::Semicolon),
        (":", K::Colon),
        ("::", K::ColonColon),
        ("|", K::Pipe),
        ("||", K::DoublePipe),
        ("->", K::Arrow),
        ("=>", K::FatArrow),
        (":=", K::ColonEq),
        ("<-", K::LeftArrow),
        ("<=", K::LeftDoubleArrow),
        ("?=", K::MaybeMatch),
        ("#", K::Hash),
        ("?", K::Question),
        ("??", K::DoubleQuestion),
        ("!", K::Bang),
        ("=", K::Eq),
        ("==", K::EqEq),
        ("/=", K::SlashEq),
        ("=<", K::EqLt),
        ("<", K::Lt),
        (">=", K::GtEq),
        (">", K::Gt),
        ("=:=", K::EqColonEq),
        ("=/=", K::EqSlashEq),
        ("+", K::Plus),
        ("-", K::Minus),
        ("*", K::Star),
        ("/", K::Slash),
        ("++", K::PlusPlus),
        ("--", K::MinusMinus),
        ("..", K::DotDot),
        ("...", K::Ellipsis),
        (".", K::Dot),
    ];
    for (text, kind) in ops {
        assert_eq!(one(text), kind, "{text:?}");
        assert_eq!(kinds(&format!("{text} ")), vec![kind.clone()], "{text:?} + space");
    }
    // Longest match, as erl_scan: `=<<` is `=<` then `<`.
    assert_eq!(kinds("X=<<1>>"), vec![var("X"), K::EqLt, K::Lt, int("1"), K::RDoubleAngle]);
    assert_eq!(kinds("<=<"), vec![K::LeftDoubleArrow, K::Lt]);
    assert_eq!(kinds("???"), vec![K::DoubleQuestion, K::Question]);
    assert_eq!(kinds("=/x"), vec![K::Eq, K::Slash, atom("x")]);
    assert_eq!(kinds("a:=b"), vec![atom("a"), K::ColonEq, atom("b")]);
}

#[test]
fn dot_rule() {
    assert_eq!(kinds("a."), vec![atom("a"), K::Dot]);
    assert_eq!(kinds("a.\n"), vec![atom("a"), K::Dot]);
    assert_eq!(kinds("a.%c"), vec![atom("a"), K::Dot]);
    assert_eq!(kinds("a.\t"), vec![atom("a"), K::Dot]);
    assert_eq!(kinds("a.b"), vec![atom("a"), K::Period, atom("b")]);
    assert_eq!(kinds("R#r.f"), vec![var("R"), K::Hash, atom("r"), K::Period, atom("f")]);
    assert_eq!(kinds(". ."), vec![K::Dot, K::Dot]);
    assert_eq!(kinds("1..2"), vec![int("1"), K::DotDot, int("2")]);
}

#[test]
fn comments_and_whitespace() {
    assert_eq!(kinds("a % comment . here\nb"), vec![atom("a"), atom("b")]);
    assert_eq!(kinds("%% only a comment"), vec![]);
    assert_eq!(kinds(" \t\r\n\u{0}\u{a0}a\u{85}b"), vec![atom("a"), atom("b")]);
    assert_eq!(kinds(""), vec![]);
}

#[test]
fn spans() {
    let tokens = lex(FileId(3), "foo(X) ->\n  \"s\".").unwrap();
    let spans: Vec<(u32, u32)> = tokens.iter().map(|t| (t.span.start, t.span.end)).collect();
    assert_eq!(spans, vec![(0, 3), (3, 4), (4, 5), (5, 6), (7, 9), (12, 15), (15, 16)]);
    assert!(tokens.iter().all(|t| t.span.file == FileId(3)));
}

#[test]
fn illegal_characters() {
    assert_eq!(error("a ` b"), ("illegal character ```".to_string(), 2, 3));
    assert_eq!(error("x = €"), ("illegal character `€`".to_string(), 4, 7));
    assert_eq!(error("x = \u{2028}"), ("illegal character `\\u{2028}`".to_string(), 4, 7));
    assert_eq!(error("ƒoo"), ("illegal character `ƒ`".to_string(), 0, 2));
    assert_eq!(error("& x"), ("illegal character `&`".to_string(), 0, 1));
}

#[test]
fn recovering_reports_every_error() {
    let (tokens, errors) = lex_recovering(FileId(0), "a & b. 37#1 c. \"ok\".");
    let kinds: Vec<_> = tokens.iter().map(|t| t.kind.clone()).collect();
    assert_eq!(kinds, vec![atom("a"), atom("b"), K::Dot, atom("c"), K::Dot, string("ok"), K::Dot]);
    let found: Vec<(usize, &str)> = errors.iter().map(|e| (e.token_index, e.diagnostic.message.as_str())).collect();
    assert_eq!(found, vec![(1, "illegal character `&`"), (3, "invalid base 37 in integer literal")]);
}

#[test]
fn diagnostics_render_with_location() {
    let mut sources = crate::span::SourceMap::new();
    let file = sources.add("t.erl", "f() ->\n    \"abc.\n");
    let d = lex(file, &sources.get(file).text.clone()).unwrap_err();
    assert_eq!(sources.location(d.span), "t.erl:2:5");
    assert!(d.render(&sources).contains("unterminated string starting here"));
}

/// A small deterministic generator, so the no-panic tests need no crates.
pub(crate) struct Lcg(pub u64);

impl Lcg {
    pub(crate) fn next(&mut self) -> u32 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as u32
    }
}

pub(crate) const SAMPLE: &str = r#"%% A sample exercising most of the syntax.
-module(sample).
-export([f/1, g/0]).
-define(X(A), {A, ??A}).
-record(r, {a = 1 :: integer(), b = "s\x{41}\n"}).
f(X) when X > 16#FF_FF, is_float(1.0e-3) -> [$a, $\^A, $\x{1F600}, 'q a', <<1:8, "b"/utf8>>];
f(#r{a = A} = R) -> R#r.a + A band 2#101 bsl 3;
f(_) -> fun (Y) -> Y ++ "é" -- [] end.
g() -> ?X(1 + 2), X = 1_000, receive {ok, M} -> M after 10 -> X end, #{a => 1, b := 2}.
"#;

#[test]
fn no_panic_on_prefixes_and_random_input() {
    for end in 0..=SAMPLE.len() {
        if SAMPLE.is_char_boundary(end) {
            let _ = lex_recovering(FileId(0), &SAMPLE[..end]);
            let _ = lex(FileId(0), &SAMPLE[..end]);
        }
    }
    let mut rng = Lcg(42);
    let alphabet = b"aZ_0123456789#$\\\"'.%{}()[]<>=:-+*/?!|, \n\texXf^";
    for _ in 0..3000 {
        let len = (rng.next() % 40) as usize;
        let bytes: Vec<u8> = (0..len)
            .map(
                |_| if rng.next() % 4 == 0 { rng.next() as u8 } else { alphabet[rng.next() as usize % alphabet.len()] },
            )
            .collect();
        let text = String::from_utf8_lossy(&bytes);
        let _ = lex_recovering(FileId(0), &text);
    }
}

/// Lexes every installed OTP source file (`cargo test -p kiln-frontend --lib
/// -- --ignored otp_sources_lex`); the preprocessor's real-world check is
/// the `otp_sources` example.
#[test]
#[ignore]
fn otp_sources_lex() {
    let mut failures = Vec::new();
    let mut count = 0;
    for app in std::fs::read_dir("/usr/lib/erlang/lib").into_iter().flatten().flatten() {
        for entry in std::fs::read_dir(app.path().join("src")).into_iter().flatten().flatten() {
            let path = entry.path();
            if !matches!(path.extension().and_then(|e| e.to_str()), Some("erl" | "hrl")) {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let text = match String::from_utf8(bytes.clone()) {
                Ok(text) => text,
                Err(_) => bytes.iter().map(|b| *b as char).collect(),
            };
            count += 1;
            if let Err(d) = lex(FileId(0), &text) {
                failures.push(format!("{}: {} at {:?}", path.display(), d.message, d.span));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {count} failed:\n{}", failures.len(), failures.join("\n"));
    eprintln!("lexed {count} files");
}
