//! Syntax errors: OTP's messages at OTP's positions, every form's error
//! reported, and no panics on any input.

mod common;

use common::{lex, parse_err, render};
use kiln_frontend::parser;
use kiln_frontend::span::{FileId, Span};
use kiln_frontend::token::{Token, TokenKind};

/// Each case is one form after `-module(q).`; the expected diagnostics are
/// the ones `erlc` 25 prints (apart from the few noted).
const CASES: &[(&str, &str)] = &[
    ("foo() -> -> ok.", "2:10: syntax error before: '->'"),
    ("bar(X) -> X + .", "2:15: syntax error before: '.'"),
    ("baz() -> 'hello world' x.", "2:24: syntax error before: x"),
    ("q() -> \"abc\" x.", "2:14: syntax error before: x"),
    ("r() -> foo Bar.", "2:12: syntax error before: Bar"),
    ("s() -> 1 2.", "2:10: syntax error before: 2"),
    ("t() -> $a 3.", "2:11: syntax error before: 3"),
    ("u() -> 1.5 end.", "2:12: syntax error before: 'end'"),
    ("v() -> case.", "2:12: syntax error before: '.'"),
    ("w() -> case X of end.", "2:18: syntax error before: 'end'"),
    ("f(0) -> a; g(1) -> b.", "2:12: head mismatch"),
    ("f(0) -> a; f(1, 2) -> b.", "2:12: head mismatch"),
    ("-record(r, {foo()}).", "2:13: bad record field"),
    ("-record(r, a).", "2:12: bad record declaration"),
    ("-record(R, {a}).", "2:9: bad record declaration"),
    ("-type T :: a.", "2:2: bad type declaration"),
    ("-foo(a, b).", "2:9: bad attribute"),
    ("-foo(X).", "2:6: bad attribute"),
    ("-module(1).", "2:9: bad module declaration"),
    ("-export([f/1], a).", "2:16: bad export declaration"),
    ("-export([f/a]).", "2:12: bad function arity"),
    ("-export([1/2]).", "2:10: bad function name"),
    ("-export([f]).", "2:9: bad Name/Arity"),
    ("-import(x, [a]).", "2:12: bad Name/Arity"),
    ("-compile({a, X}).", "2:10: bad attribute"),
    ("-type t(a) :: a.", "2:9: bad type variable"),
    ("-type t(_) :: a.", "2:9: bad type variable"),
    ("-spec f() -> ok when foo(X).", "2:22: unsupported constraint foo"),
    ("-spec f() -> ok when is_subtype(x, a).", "2:33: bad type variable"),
    ("-type b() :: <<X:8>>.", "2:16: Bad binary type"),
    ("-type b() :: <<_:8, _:8>>.", "2:23: syntax error before: 8"),
    ("x() -> fun F(X) -> X; G(Y) -> Y end.", "2:23: head mismatch"),
    ("x() -> fun F(X) -> X; (Y) -> Y end.", "2:23: head mismatch"),
    ("x() -> try a end.", "2:14: syntax error before: 'end'"),
    ("x() -> <<X:8*2>>.", "2:13: syntax error before: '*'"),
    ("x() -> <<X+1 || X <- Y>>.", "2:11: syntax error before: '+'"),
    ("x() -> 'case'(1) ?= a.", "2:18: syntax error before: '?='"),
    ("x(a:b) -> 1.", "2:4: syntax error before: ':'"),
    ("x(fun foo/1) -> 1.", "2:3: syntax error before: 'fun'"),
    ("x(X#{}) -> 1.", "2:4: syntax error before: '#'"),
    ("x() -> [a|b|c].", "2:12: syntax error before: '|'"),
    ("x() -> {a b}.", "2:11: syntax error before: b"),
    ("x() -> \"a\" $b.", "2:12: syntax error before: $b"),
    ("x() -> 'end' end.", "2:14: syntax error before: 'end'"),
    ("x() -> when.", "2:8: syntax error before: 'when'"),
    ("x() -> X#{}#r{}.", "2:13: syntax error before: r"),
    ("x() -> X#r{}#{}.", "2:14: syntax error before: '{'"),
    ("x() -> f()#r.f.", "2:11: syntax error before: '#'"),
    ("x() -> begin end.", "2:14: syntax error before: 'end'"),
    ("x() -> f(X) when X.", "2:13: syntax error before: 'when'"),
    // erlc reports these two later, in erl_lint / with a crash.
    ("x() -> #r{B = 1}.", "2:11: field 'B' is not an atom or _ in record r"),
    ("-spec f(...) -> ok.", "2:9: syntax error before: '...'"),
];

#[test]
fn messages_and_positions_match_erlc() {
    for (form, want) in CASES {
        let errs = parse_err(&format!("-module(q).\n{form}\n"));
        assert_eq!(errs, vec![want.to_string()], "form: {form}");
    }
}

#[test]
fn every_bad_form_is_reported_and_good_forms_survive() {
    let src = "-module(m).\nf() -> -> ok.\ng() -> ok.\nh() -> (.\n-export([f/a]).\ni() -> ok.\n";
    let (sm, toks) = lex(src);
    let (forms, errs) = parser::parse_forms(&toks);
    assert_eq!(
        render(&sm, &errs),
        vec!["2:8: syntax error before: '->'", "4:9: syntax error before: '.'", "5:12: bad function arity",]
    );
    assert_eq!(forms.len(), 3, "module, g/0 and i/0 parse");
}

#[test]
fn missing_final_dot_is_end_of_input() {
    let (sm, toks) = lex("-module(m).\nf() -> ok");
    let errs = parser::parse_module(&toks).unwrap_err();
    assert_eq!(render(&sm, &errs), vec!["2:10: unexpected end of input"]);
    assert!(errs[0].notes.iter().any(|n| n.contains("`.`")), "{:?}", errs[0].notes);
}

#[test]
fn short_expected_lists_become_a_note() {
    let (_, toks) = lex("-module(m).\nf() -> case X of a -> b c.\n");
    let errs = parser::parse_module(&toks).unwrap_err();
    assert_eq!(errs[0].message, "syntax error before: c");
    let (_, toks) = lex("-module(m).\nf() -> fun g/x.\n");
    let errs = parser::parse_module(&toks).unwrap_err();
    assert_eq!(errs[0].message, "syntax error before: x");
    assert_eq!(errs[0].notes, vec!["expected an integer".to_string()]);
    let (_, toks) = lex("-module(m).\nf() -> #.\n");
    let errs = parser::parse_module(&toks).unwrap_err();
    assert_eq!(errs[0].message, "syntax error before: '.'");
    assert_eq!(errs[0].notes, vec!["expected an atom, '{'".to_string()]);
}

#[test]
fn parse_exprs_parses_an_expression_sequence() {
    let (_, toks) = lex("X = 1, X + 2.");
    let es = parser::parse_exprs(&toks).expect("parses");
    assert_eq!(es.len(), 2);
    let (sm, toks) = lex("X = .");
    let err = parser::parse_exprs(&toks).unwrap_err();
    assert_eq!(render(&sm, &[err]), vec!["1:5: syntax error before: '.'"]);
}

fn fixture_tokens() -> Vec<Vec<Token>> {
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<_> = std::fs::read_dir(&dir).expect("fixtures").flatten().map(|e| e.path()).collect();
    names.sort();
    names
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("readable fixture");
            lex(&text).1
        })
        .collect()
}

#[test]
fn every_truncation_of_the_fixtures_is_handled() {
    for toks in fixture_tokens() {
        for n in 0..=toks.len() {
            let _ = parser::parse_module(&toks[..n]);
            // Also drop one token in the middle.
            if n < toks.len() {
                let mut holed = toks.clone();
                holed.remove(n);
                let _ = parser::parse_module(&holed);
            }
        }
    }
}

/// A small linear congruential generator: deterministic, no dependencies.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

fn token_pool() -> Vec<TokenKind> {
    use TokenKind::*;
    vec![
        Atom("a".into()),
        Atom("spec".into()),
        Atom("record".into()),
        Atom("type".into()),
        Atom("export".into()),
        Atom("module".into()),
        Atom("callback".into()),
        Var("X".into()),
        Var("_".into()),
        Integer("1".into()),
        Float(1.5),
        Char(97),
        String("s".into()),
        After,
        And,
        AndAlso,
        Band,
        Begin,
        Bnot,
        Bor,
        Bsl,
        Bsr,
        Bxor,
        Case,
        Catch,
        Cond,
        Div,
        Else,
        End,
        Fun,
        If,
        Let,
        Maybe,
        Not,
        Of,
        Or,
        OrElse,
        Receive,
        Rem,
        Try,
        When,
        Xor,
        LParen,
        RParen,
        LBrace,
        RBrace,
        LBracket,
        RBracket,
        LDoubleAngle,
        RDoubleAngle,
        Comma,
        Semicolon,
        Colon,
        ColonColon,
        Pipe,
        DoublePipe,
        Arrow,
        FatArrow,
        ColonEq,
        LeftArrow,
        LeftDoubleArrow,
        MaybeMatch,
        Hash,
        Period,
        DotDot,
        Ellipsis,
        Dot,
        Question,
        DoubleQuestion,
        Bang,
        Eq,
        EqEq,
        SlashEq,
        EqLt,
        Lt,
        GtEq,
        Gt,
        EqColonEq,
        EqSlashEq,
        Plus,
        Minus,
        Star,
        Slash,
        PlusPlus,
        MinusMinus,
    ]
}

#[test]
fn random_token_sequences_never_panic() {
    let pool = token_pool();
    let mut rng = Lcg(0x5eed);
    let fixtures: Vec<Token> = fixture_tokens().concat();
    for round in 0..4000 {
        let mut kinds: Vec<TokenKind> = if round % 2 == 0 {
            // A run of real code with a few tokens replaced, to get deep
            // into the grammar before going wrong.
            let start = rng.next() % fixtures.len();
            let end = (start + rng.next() % 80).min(fixtures.len());
            let mut run: Vec<TokenKind> = fixtures[start..end].iter().map(|t| t.kind.clone()).collect();
            for _ in 0..rng.next() % 4 {
                if !run.is_empty() {
                    let at = rng.next() % run.len();
                    run[at] = pool[rng.next() % pool.len()].clone();
                }
            }
            run
        } else {
            (0..rng.next() % 40).map(|_| pool[rng.next() % pool.len()].clone()).collect()
        };
        if round % 3 == 0 {
            kinds.insert(0, TokenKind::Minus);
        }
        let toks: Vec<Token> = kinds
            .into_iter()
            .enumerate()
            .map(|(i, kind)| Token { kind, span: Span::new(FileId(0), i, i + 1) })
            .collect();
        let _ = parser::parse_module(&toks);
        let _ = parser::parse_exprs(&toks);
    }
}

#[test]
fn maybe_and_else_are_atoms_unless_the_feature_decides() {
    // No `-feature`: either reading, whichever parses.
    assert!(common::parse("-module(m).\nf(maybe) -> else.\ng() -> maybe X ?= 1, X end.\n").is_ok());
    // Enabled: reserved words, as in OTP 27.
    let errs = parse_err("-module(m).\n-feature(maybe_expr, enable).\nf() -> maybe.\n");
    assert_eq!(errs, vec!["3:13: syntax error before: '.'"]);
    // Disabled: atoms, as OTP 25's default.
    let errs = parse_err("-module(m).\n-feature(maybe_expr, disable).\nf() -> maybe ok end.\n");
    assert_eq!(errs, vec!["3:14: syntax error before: ok"]);
}
