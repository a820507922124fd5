use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::stringify::stringify;
use super::*;

/// Preprocesses `src` as file `name` and renders the output tokens with
/// single spaces (`??`-style), or returns the diagnostics as
/// `"file:line:col: message"`.
fn run_named(name: &str, src: &str, opts: &PreprocessOptions) -> Result<String, Vec<String>> {
    let mut sources = SourceMap::new();
    let file = sources.add(name, src);
    match preprocess(&mut sources, file, opts) {
        Ok(tokens) => {
            check_invariants(&tokens);
            Ok(stringify(&tokens))
        }
        Err(diags) => Err(diags.iter().map(|d| format!("{}: {}", sources.location(d.span), d.message)).collect()),
    }
}

fn run(src: &str) -> Result<String, Vec<String>> {
    run_named("t.erl", src, &PreprocessOptions::default())
}

fn ok(src: &str) -> String {
    match run(src) {
        Ok(out) => out,
        Err(e) => panic!("unexpected errors for {src:?}: {e:#?}"),
    }
}

fn errors(src: &str) -> Vec<String> {
    match run(src) {
        Ok(out) => panic!("expected errors for {src:?}, got {out:?}"),
        Err(e) => e,
    }
}

/// Every form ends with a dot; no macro syntax is left.
fn check_invariants(tokens: &[Token]) {
    if let Some(last) = tokens.last() {
        assert_eq!(last.kind, TokenKind::Dot);
    }
    assert!(!tokens.iter().any(|t| matches!(t.kind, TokenKind::Question | TokenKind::DoubleQuestion)));
}

/// A fresh directory under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl std::ops::Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn temp_dir() -> TempDir {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("kiln-pp-test-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    TempDir(dir)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

fn run_file(path: &Path, opts: &PreprocessOptions) -> Result<String, Vec<String>> {
    let mut sources = SourceMap::new();
    match lex_and_preprocess(&mut sources, path, opts) {
        Ok(tokens) => {
            check_invariants(&tokens);
            Ok(stringify(&tokens))
        }
        Err(diags) => Err(diags.iter().map(|d| format!("{}: {}", sources.location(d.span), d.message)).collect()),
    }
}

// ---- macros ----

#[test]
fn simple_macros() {
    assert_eq!(ok("-define(X, 42).\nf() -> ?X."), "f ( ) -> 42 .");
    assert_eq!(ok("-define(x, {a, b}).\nf() -> ?x."), "f ( ) -> { a , b } .");
    assert_eq!(ok("-define(EMPTY, ).\nf() -> [?EMPTY]."), "f ( ) -> [ ] .");
    // Top-level commas belong to the body.
    assert_eq!(ok("-define(L, 1, 2).\nf() -> [?L]."), "f ( ) -> [ 1 , 2 ] .");
    // Macros using macros, defined in any order before use.
    assert_eq!(ok("-define(A, ?B + 1).\n-define(B, 2).\nf() -> ?A."), "f ( ) -> 2 + 1 .");
}

#[test]
fn macros_with_arguments() {
    assert_eq!(ok("-define(ADD(A, B), A + B).\nf() -> ?ADD(1, 2)."), "f ( ) -> 1 + 2 .");
    assert_eq!(ok("-define(Z(), zero).\nf() -> ?Z()."), "f ( ) -> zero .");
    assert_eq!(ok("-define(SQ(X), X * X).\nf(Y) -> ?SQ(?SQ(Y))."), "f ( Y ) -> Y * Y * Y * Y .");
    assert_eq!(
        ok("-define(MAX(A, B), max(A, B)).\nf() -> ?MAX(?MAX(1, 2), 3)."),
        "f ( ) -> max ( max ( 1 , 2 ) , 3 ) ."
    );
    // Argument boundaries respect every kind of bracket and block.
    let src = "-define(I(X), X).\n\
               f() -> ?I({a, b}), ?I([1, 2 | T]), ?I((1, 2)), ?I(<<1, 2>>),\n\
               ?I(fun (A, B) -> A end), ?I(fun F(A, B) -> F end), ?I(begin a, b end),\n\
               ?I(case x of a -> 1, 2; _ -> 3 end), ?I(if a, b -> c end),\n\
               ?I(try a, b catch _ -> c end), ?I(receive X, Y -> Y end), ?I(fun m:f/1).";
    assert_eq!(
        ok(src),
        "f ( ) -> { a , b } , [ 1 , 2 | T ] , ( 1 , 2 ) , << 1 , 2 >> , \
         fun ( A , B ) -> A end , fun F ( A , B ) -> F end , begin a , b end , \
         case x of a -> 1 , 2 ; _ -> 3 end , if a , b -> c end , \
         try a , b catch _ -> c end , receive X , Y -> Y end , fun m : f / 1 ."
    );
}

#[test]
fn overloading_by_arity() {
    let src = "-define(F, none).\n-define(F(A), {one, A}).\n-define(F(A, B), {two, A, B}).\n\
               f() -> [?F, ?F(x), ?F(x, y)].";
    assert_eq!(ok(src), "f ( ) -> [ none , { one , x } , { two , x , y } ] .");
    // A lone parameterless definition accepts an argument list, which stays.
    assert_eq!(ok("-define(F, io:format).\nf() -> ?F(\"x\", [])."), "f ( ) -> io : format ( \"x\" , [ ] ) .");
}

#[test]
fn stringify_arguments() {
    let src = "-define(S(A), ??A).\nf() -> ?S(foo(1, \"s\", 'a b', $\\n, 1.0e10, [x|Y])).";
    assert_eq!(ok(src), r#"f ( ) -> "foo ( 1 , \"s\" , 'a b' , $\\n , 1.0e10 , [ x | Y ] )" ."#);
    // `? ?A` with a space works too; a non-parameter after `??` is kept as a variable.
    assert_eq!(ok("-define(S(A), {? ?A, ??B}).\nf() -> ?S(a  .b)."), r#"f ( ) -> { "a . b" , B } ."#);
    // The argument is stringified as written, before expansion.
    assert_eq!(ok("-define(X, 1).\n-define(S(A), ??A).\nf() -> ?S(?X + 1)."), r#"f ( ) -> "? X + 1" ."#);
    assert_eq!(ok("-define(S(A), ??A).\nf() -> ?S(16#ff)."), r#"f ( ) -> "255" ."#);
}

#[test]
fn undef_and_redefinition() {
    assert_eq!(ok("-define(X, 1).\n-undef(X).\n-define(X, 2).\nf() -> ?X."), "f ( ) -> 2 .");
    assert_eq!(errors("-define(X, 1).\n-undef(X).\nf() -> ?X."), vec!["t.erl:3:8: undefined macro 'X'"]);
    assert_eq!(errors("-define(X, 1).\n-define(X, 2)."), vec!["t.erl:2:9: redefining macro 'X'"]);
    assert_eq!(errors("-define(MODULE, m)."), vec!["t.erl:1:9: redefining predefined macro 'MODULE'"]);
    assert_eq!(errors("-define(LINE, 1)."), vec!["t.erl:1:9: redefining predefined macro 'LINE'"]);
    assert_eq!(errors("-undef(X, Y)."), vec!["t.erl:1:9: badly formed 'undef'"]);
}

#[test]
fn define_errors() {
    assert_eq!(errors("-define(X)."), vec!["t.erl:1:10: badly formed 'define'"]);
    assert_eq!(errors("-define X, 1."), vec!["t.erl:1:9: badly formed 'define'"]);
    assert_eq!(errors("-define(1, 1)."), vec!["t.erl:1:9: badly formed 'define'"]);
    assert_eq!(errors("-define(F(a), 1)."), vec!["t.erl:1:11: badly formed 'define'"]);
    assert_eq!(errors("-define(F(A, A), 1)."), vec!["t.erl:1:14: argument 'A' already used"]);
    assert_eq!(errors("-define(F(A) A)."), vec!["t.erl:1:14: badly formed define: missing comma"]);
    assert_eq!(errors("-define(X, 1 ."), vec!["t.erl:1:14: badly formed define: missing closing right parenthesis"]);
}

#[test]
fn macro_use_errors() {
    assert_eq!(errors("f() ->\n    ?FOO."), vec!["t.erl:2:5: undefined macro 'FOO'"]);
    assert_eq!(errors("f() -> ?foo(1, 2)."), vec!["t.erl:1:8: undefined macro 'foo/2'"]);
    assert_eq!(
        errors("-define(F(A), A).\n-define(F(A, B), B).\nf() -> ?F."),
        vec!["t.erl:3:8: argument mismatch for macro 'F'"]
    );
    assert_eq!(errors("-define(F(A), A).\nf() -> ?F(1, 2)."), vec!["t.erl:2:8: argument mismatch for macro 'F'"]);
    assert_eq!(errors("-define(F(A), A).\nf() -> ?F(1,)."), vec!["t.erl:2:8: badly formed argument for macro 'F'"]);
    assert_eq!(errors("-define(F(A), A).\nf() -> ?F(1."), vec!["t.erl:2:8: badly formed argument for macro 'F'"]);
    assert_eq!(errors("-define(A, ?B).\n-define(B, ?A).\nf() -> ?A."), vec!["t.erl:3:8: circular macro 'A'"]);
    assert_eq!(errors("-define(F(X), ?F(X)).\nf() -> ?F(1)."), vec!["t.erl:2:8: circular macro 'F/1'"]);
    assert_eq!(errors("f() -> ?(1)."), vec!["t.erl:1:8: illegal macro call '?('"]);
    assert_eq!(errors("f() -> ?1."), vec!["t.erl:1:8: illegal macro call '?1'"]);
    assert_eq!(errors("f() -> ??X."), vec!["t.erl:1:8: illegal macro call '??'"]);
    // Every bad form is reported, and the good ones still go through.
    assert_eq!(
        errors("a() -> ?A.\nb() -> ok.\nc() -> ?C."),
        vec!["t.erl:1:8: undefined macro 'A'", "t.erl:3:8: undefined macro 'C'"]
    );
}

#[test]
fn error_spans_cover_the_macro_use() {
    let mut sources = SourceMap::new();
    let file = sources.add("s.erl", "f() -> ?NOPE(1).");
    let diags = preprocess(&mut sources, file, &PreprocessOptions::default()).unwrap_err();
    assert_eq!(diags.len(), 1);
    assert_eq!((diags[0].span.start, diags[0].span.end), (7, 12));
    assert!(diags[0].render(&sources).contains("undefined macro 'NOPE/1'"));
}

// ---- predefined macros ----

#[test]
fn module_macros() {
    assert_eq!(ok("-module(m).\nf() -> {?MODULE, ?MODULE_STRING}."), "- module ( m ) . f ( ) -> { m , \"m\" } .");
    assert_eq!(ok("-module('a b').\nf() -> ?MODULE."), "- module ( 'a b' ) . f ( ) -> 'a b' .");
    assert_eq!(errors("f() -> ?MODULE.\n-module(m)."), vec!["t.erl:1:8: undefined macro 'MODULE'"]);
    // The module name may itself come from a macro.
    assert_eq!(ok("-define(M, mm).\n-module(?M).\nf() -> ?MODULE."), "- module ( mm ) . f ( ) -> mm .");
}

#[test]
fn line_file_machine_release() {
    assert_eq!(ok("f() ->\n\n  ?LINE."), "f ( ) -> 3 .");
    // In a macro body, ?LINE is the line of the (outermost) use.
    assert_eq!(ok("-define(L, ?LINE).\n\nf() ->\n  ?L."), "f ( ) -> 4 .");
    assert_eq!(
        run_named("src/a.erl", "f() -> ?FILE.", &PreprocessOptions::default()),
        Ok("f ( ) -> \"src/a.erl\" .".to_string())
    );
    assert_eq!(ok("f() -> {?MACHINE, ?OTP_RELEASE}."), "f ( ) -> { 'BEAM' , 25 } .");
    assert_eq!(ok("-ifdef(BEAM).\nf() -> ?BEAM.\n-endif."), "f ( ) -> true .");
    assert_eq!(
        ok("f() -> {?FEATURE_AVAILABLE(maybe_expr), ?FEATURE_ENABLED(foo)}."),
        "f ( ) -> { ( ( maybe_expr ) == maybe_expr ) , false } ."
    );
    // ?LINE works even after -undef, like epp.
    assert_eq!(ok("-undef(LINE).\nf() -> ?LINE."), "f ( ) -> 2 .");
}

#[test]
fn function_name_and_arity() {
    assert_eq!(ok("foo(A, B) -> {?FUNCTION_NAME, ?FUNCTION_ARITY}."), "foo ( A , B ) -> { foo , 2 } .");
    assert_eq!(ok("foo() -> ?FUNCTION_ARITY."), "foo ( ) -> 0 .");
    assert_eq!(ok("foo({A, B}, [C]) -> ?FUNCTION_ARITY."), "foo ( { A , B } , [ C ] ) -> 2 .");
    assert_eq!(ok("'q a'(X) -> ?FUNCTION_NAME."), "'q a' ( X ) -> 'q a' .");
    // Macros in the head are expanded first.
    assert_eq!(
        ok("-define(N, bar).\n-define(ARGS, A, B, C).\n?N(?ARGS) -> ?FUNCTION_ARITY."),
        "bar ( A , B , C ) -> 3 ."
    );
    // epp's quirk: a bracket before the first other token leaves the count at 0.
    assert_eq!(ok("a([]) -> ?FUNCTION_ARITY."), "a ( [ ] ) -> 0 .");
    assert_eq!(ok("c(<<>>, [x]) -> ?FUNCTION_ARITY."), "c ( << >> , [ x ] ) -> 1 .");
    assert_eq!(
        errors("-record(r, {a = ?FUNCTION_NAME})."),
        vec!["t.erl:1:17: ?FUNCTION_NAME can only be used within a function"]
    );
    assert_eq!(errors("?FUNCTION_ARITY() -> 1."), vec!["t.erl:1:1: ?FUNCTION_ARITY must not begin a form"]);
}

#[test]
fn command_line_defines() {
    let opts = PreprocessOptions {
        defines: vec![
            ("DEBUG".to_string(), None),
            ("LEVEL".to_string(), Some(crate::lexer::lex(FileId(0), "3").unwrap())),
        ],
        ..Default::default()
    };
    let src = "-ifdef(DEBUG).\nf() -> {?DEBUG, ?LEVEL}.\n-endif.";
    assert_eq!(run_named("t.erl", src, &opts), Ok("f ( ) -> { true , 3 } .".to_string()));
    assert_eq!(
        run_named("t.erl", "-define(DEBUG, 1).", &opts),
        Err(vec!["t.erl:1:9: redefining macro 'DEBUG'".to_string()])
    );
    let bad = PreprocessOptions { defines: vec![("MODULE".to_string(), None)], ..Default::default() };
    assert_eq!(run_named("t.erl", "", &bad), Err(vec!["t.erl:1:1: redefining predefined macro 'MODULE'".to_string()]));
}

// ---- conditionals ----

#[test]
fn ifdef_ifndef_else() {
    let src = "-define(A, 1).\n\
               -ifdef(A). a() -> 1. -else. a() -> 2. -endif.\n\
               -ifndef(A). b() -> 1. -else. b() -> 2. -endif.\n\
               -ifdef(B). c() -> 1. -endif.\n\
               -ifndef(B). d() -> 1. -endif.";
    assert_eq!(ok(src), "a ( ) -> 1 . b ( ) -> 2 . d ( ) -> 1 .");
    // Definitions in skipped branches do not happen.
    assert_eq!(errors("-ifdef(NO).\n-define(X, 1).\n-endif.\nf() -> ?X."), vec!["t.erl:4:8: undefined macro 'X'"]);
    // MODULE is not "defined" before -module.
    assert_eq!(ok("-ifdef(MODULE). a. -endif.\n-module(m).\n-ifdef(MODULE). b. -endif."), "- module ( m ) . b .");
}

#[test]
fn nested_conditionals() {
    let src = "-define(A, 1).\n\
               -ifdef(A).\n  -ifdef(B). x() -> 1. -else. x() -> 2. -endif.\n\
               -else.\n  -ifdef(A). y() -> 1. -else. y() -> 2. -endif.\n\
               -endif.";
    assert_eq!(ok(src), "x ( ) -> 2 .");
    let src =
        "-ifdef(NO).\n  -if(bad syntax here).\n  -elif(also bad).\n  -else.\n  -endif.\n-else.\nok() -> 1.\n-endif.";
    assert_eq!(ok(src), "ok ( ) -> 1 .");
}

#[test]
fn if_elif() {
    let src = "-if(?OTP_RELEASE >= 25).\na() -> new.\n-else.\na() -> old.\n-endif.";
    assert_eq!(ok(src), "a ( ) -> new .");
    let src = "-define(V, 2).\n\
               -if(?V == 1). v() -> one.\n-elif(?V == 2). v() -> two.\n-elif(true). v() -> other.\n-else. v() -> none.\n-endif.";
    assert_eq!(ok(src), "v ( ) -> two .");
    let src = "-if(false). a. -elif(false). b. -else. c. -endif.";
    assert_eq!(ok(src), "c .");
    let src = "-define(D, 1).\n-if(defined(D) andalso not defined(E)). yes. -endif.";
    assert_eq!(ok(src), "yes .");
    // A failing evaluation is false, not an error.
    assert_eq!(ok("-if(a + 1). a. -else. b. -endif."), "b .");
    // Conditions only evaluated when they matter.
    assert_eq!(ok("-if(true). a. -elif(?UNDEFINED). b. -endif."), "a .");
}

#[test]
fn conditional_errors() {
    assert_eq!(errors("-endif."), vec!["t.erl:1:2: unbalanced '-endif'"]);
    assert_eq!(errors("-else."), vec!["t.erl:1:2: unbalanced '-else'"]);
    assert_eq!(errors("-elif(true)."), vec!["t.erl:1:2: unbalanced '-elif'"]);
    assert_eq!(errors("\n-ifdef(X).\na."), vec!["t.erl:2:2: unterminated '-ifdef'"]);
    assert_eq!(
        errors("-if(true).\n-ifndef(X).\na."),
        vec!["t.erl:2:2: unterminated '-ifndef'", "t.erl:1:2: unterminated '-if'"]
    );
    assert_eq!(errors("-ifdef(X).\n-else.\n-else.\n-endif."), vec!["t.erl:3:2: repeated '-else'"]);
    assert_eq!(errors("-ifdef(X).\n-else.\n-elif(true).\n-endif."), vec!["t.erl:3:2: '-elif' following '-else'"]);
    assert_eq!(errors("-ifdef(X, Y).\na.\n-endif."), vec!["t.erl:1:9: badly formed 'ifdef'"]);
    assert_eq!(errors("-endif(X)."), vec!["t.erl:1:7: badly formed 'endif'"]);
    assert_eq!(errors("-if(min(1, 2) == 1).\n-endif."), vec!["t.erl:1:5: badly formed 'if'"]);
    assert_eq!(errors("-if(1, 2).\n-endif."), vec!["t.erl:1:6: syntax error in condition before `,`"]);
    assert_eq!(errors("-if true.\n-endif."), vec!["t.erl:1:5: badly formed 'if'"]);
    assert_eq!(errors("-if(?NOPE).\n-endif."), vec!["t.erl:1:5: undefined macro 'NOPE'"]);
}

#[test]
fn skipped_regions_ignore_lexical_errors() {
    assert_eq!(ok("-ifdef(NO).\nx() -> 1.0e.\n-endif.\nok."), "ok .");
    // A string in a skipped region still hides what it contains, as in epp.
    assert_eq!(errors("-ifdef(NO).\nx() -> \"a.\n-endif.\n\" y."), vec!["t.erl:1:2: unterminated '-ifdef'"]);
    assert_eq!(ok("-ifdef(NO).\nx() -> 37#1 ` 1.0e.\n-endif.\nok."), "ok .");
    assert_eq!(
        errors("x() -> 37#1.\ny() -> ` .\nok."),
        vec!["t.erl:1:8: invalid base 37 in integer literal", "t.erl:2:8: illegal character ```",]
    );
}

// ---- -error / -warning / -feature ----

#[test]
fn error_and_warning_directives() {
    assert_eq!(errors("-error(\"unsupported platform\")."), vec!["t.erl:1:1: unsupported platform"]);
    assert_eq!(errors("-define(M, \"via macro\").\n-error(?M)."), vec!["t.erl:2:1: via macro"]);
    assert_eq!(errors("-error({bad, 1})."), vec!["t.erl:1:1: { bad , 1 }"]);
    assert_eq!(errors("-error()."), vec!["t.erl:1:7: badly formed 'error'"]);
    assert_eq!(ok("-ifdef(NO).\n-error(\"skipped\").\n-endif.\nok."), "ok .");
    // Warnings do not fail preprocessing.
    let mut sources = SourceMap::new();
    let file = sources.add("w.erl", "-warning(\"careful\").\nok.");
    let (tokens, warnings) = preprocess_with_warnings(&mut sources, file, &PreprocessOptions::default()).unwrap();
    assert_eq!(stringify(&tokens), "ok .");
    assert_eq!(warnings.len(), 1);
    assert_eq!((warnings[0].severity, warnings[0].message.as_str()), (Severity::Warning, "careful"));
}

#[test]
fn maybe_and_else_are_atoms_unless_the_feature_is_enabled() {
    assert_eq!(ok("f() -> {maybe, else}."), "f ( ) -> { maybe , else } .");
    let mut sources = SourceMap::new();
    let file = sources.add("t.erl", "f() -> maybe.");
    let tokens = preprocess(&mut sources, file, &PreprocessOptions::default()).unwrap();
    assert_eq!(tokens[4].kind, TokenKind::Atom("maybe".into()));
    // `-else` is still the directive.
    assert_eq!(ok("-ifdef(X).\na.\n-else.\nb.\n-endif."), "b .");
    let enabled = "-module(m).\n-feature(maybe_expr, enable).\n\
                   f() -> {?FEATURE_ENABLED(maybe_expr), maybe ok end}.";
    let mut sources = SourceMap::new();
    let file = sources.add("t.erl", enabled);
    let tokens = preprocess(&mut sources, file, &PreprocessOptions::default()).unwrap();
    assert!(tokens.iter().any(|t| t.kind == TokenKind::Maybe));
    assert_eq!(stringify(&tokens), "- module ( m ) . f ( ) -> { ( ( maybe_expr ) == maybe_expr ) , maybe ok end } .");
    assert_eq!(ok("-feature(maybe_expr, enable).\n-feature(maybe_expr, disable).\nf() -> maybe."), "f ( ) -> maybe .");
}

#[test]
fn feature_directive_errors() {
    assert_eq!(errors("-feature(maybe_expr)."), vec!["t.erl:1:9: badly formed 'feature'"]);
    assert_eq!(errors("-feature(tuple_calls, enable)."), vec!["t.erl:1:10: the feature 'tuple_calls' does not exist"]);
    assert_eq!(
        errors("-module(m).\n-export([f/0]).\n-feature(maybe_expr, enable)."),
        vec!["t.erl:3:2: feature directive not allowed after exports or record definitions"]
    );
}

#[test]
fn unterminated_last_form() {
    assert_eq!(errors("a.\nf() -> ok"), vec!["t.erl:2:8: unexpected end of file: the last form has no final `.`"]);
    assert_eq!(errors("a.\nf() -> \"ok"), vec!["t.erl:2:8: unterminated string starting here"]);
    assert_eq!(ok("a.\n%% trailing comment\n"), "a .");
}

#[test]
fn other_attributes_pass_through() {
    assert_eq!(
        ok("-export([f/0]).\n-record(r, {a}).\n-file(\"x.erl\", 1)."),
        "- export ( [ f / 0 ] ) . - record ( r , { a } ) . - file ( \"x.erl\" , 1 ) ."
    );
}

// ---- includes ----

#[test]
fn include_relative_and_include_dirs() {
    let dir = temp_dir();
    write(&dir, "src/local.hrl", "-define(LOCAL, local).\n");
    write(&dir, "include/shared.hrl", "-define(SHARED, shared).\n-include(\"nested.hrl\").\n");
    write(&dir, "include/nested.hrl", "nested() -> ?FILE.\n");
    let main = write(
        &dir,
        "src/m.erl",
        "-module(m).\n-include(\"local.hrl\").\n-include(\"shared.hrl\").\nf() -> {?LOCAL, ?SHARED, ?FILE}.\n",
    );
    let opts = PreprocessOptions { include_dirs: vec![dir.join("include")], ..Default::default() };
    let nested = dir.join("include/nested.hrl");
    let expected = format!(
        "- module ( m ) . nested ( ) -> {:?} . f ( ) -> {{ local , shared , {:?} }} .",
        nested.to_string_lossy(),
        main.to_string_lossy()
    );
    assert_eq!(run_file(&main, &opts), Ok(expected));
    // Without the include directory the shared header is not found.
    let errs = run_file(&main, &PreprocessOptions::default()).unwrap_err();
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(errs[0].ends_with("3:10: can't find include file \"shared.hrl\""), "{errs:?}");
}

#[test]
fn included_tokens_point_into_the_header() {
    let dir = temp_dir();
    write(&dir, "h.hrl", "\n\nh() -> ?LINE.\n");
    let main = write(&dir, "m.erl", "-include(\"h.hrl\").\n");
    let mut sources = SourceMap::new();
    let tokens = lex_and_preprocess(&mut sources, &main, &PreprocessOptions::default()).unwrap();
    assert_eq!(stringify(&tokens), "h ( ) -> 3 .");
    assert_eq!(sources.files().len(), 2);
    assert!(sources.location(tokens[0].span).ends_with("h.hrl:3:1"));
}

#[test]
fn include_lib_resolves_applications() {
    let dir = temp_dir();
    let libs = dir.join("lib");
    write(&libs, "app-1.2/include/a.hrl", "-define(V, old).\n");
    write(&libs, "app-1.10/include/a.hrl", "-define(V, new).\n");
    write(&libs, "other/include/o.hrl", "-define(O, other).\n");
    let main = write(
        &dir,
        "m.erl",
        "-include_lib(\"app/include/a.hrl\").\n-include_lib(\"other/include/o.hrl\").\nf() -> {?V, ?O}.\n",
    );
    let opts = PreprocessOptions { lib_dirs: vec![libs.clone()], ..Default::default() };
    assert_eq!(run_file(&main, &opts), Ok("f ( ) -> { new , other } .".to_string()));
    // include_lib tries the plain search first.
    write(&dir, "app/include/a.hrl", "-define(V, local).\n");
    assert_eq!(run_file(&main, &opts), Ok("f ( ) -> { local , other } .".to_string()));
    let missing = write(&dir, "n.erl", "-include_lib(\"nope/include/x.hrl\").\n");
    assert_eq!(
        run_file(&missing, &opts).unwrap_err()[0].split_once(": ").unwrap().1,
        "can't find include lib \"nope/include/x.hrl\""
    );
}

#[test]
fn include_errors() {
    let dir = temp_dir();
    write(&dir, "a.hrl", "-include(\"b.hrl\").\n");
    write(&dir, "b.hrl", "-include(\"a.hrl\").\n");
    write(&dir, "open.hrl", "-ifdef(X).\n");
    let main = write(
        &dir,
        "m.erl",
        "-include(\"a.hrl\").\n-include(\"open.hrl\").\n-endif.\n-include(a.hrl).\n-include(\"x\" \"y\" z).\n",
    );
    let errs = run_file(&main, &PreprocessOptions::default()).unwrap_err();
    let messages: Vec<&str> = errs.iter().map(|e| e.split_once(": ").unwrap().1).collect();
    assert_eq!(
        messages,
        vec![
            "recursive include of \"a.hrl\"",
            "unterminated '-ifdef'",
            "unbalanced '-endif'",
            "badly formed 'include'",
            "badly formed 'include'",
        ]
    );
    assert!(errs[0].contains("b.hrl:1:10"), "{errs:?}");
    // Adjacent strings form one name.
    write(&dir, "ab.hrl", "ab.\n");
    let main = write(&dir, "m2.erl", "-include(\"a\" \"b.hrl\").\n");
    assert_eq!(run_file(&main, &PreprocessOptions::default()), Ok("ab .".to_string()));
}

#[test]
fn include_depth_is_limited() {
    let dir = temp_dir();
    for i in 0..10 {
        write(&dir, &format!("h{i}.hrl"), &format!("-include(\"h{}.hrl\").\n", i + 1));
    }
    write(&dir, "h10.hrl", "deep.\n");
    let main = write(&dir, "m.erl", "-include(\"h0.hrl\").\n");
    let errs = run_file(&main, &PreprocessOptions::default()).unwrap_err();
    assert_eq!(errs.len(), 1);
    assert!(errs[0].ends_with("include too deep"), "{errs:?}");
}

#[test]
fn unreadable_main_file() {
    let dir = temp_dir();
    let errs = run_file(&dir.join("missing.erl"), &PreprocessOptions::default()).unwrap_err();
    assert_eq!(errs.len(), 1);
    assert!(errs[0].contains("missing.erl:1:1: cannot read `"), "{errs:?}");
}

#[test]
fn latin1_source_files() {
    let dir = temp_dir();
    let path = dir.join("l.erl");
    std::fs::write(&path, b"%% -*- coding: latin-1 -*-\nf() -> \"\xe9\".\n").unwrap();
    assert_eq!(run_file(&path, &PreprocessOptions::default()), Ok("f ( ) -> \"é\" .".to_string()));
}

// ---- robustness ----

#[test]
fn no_panic_on_prefixes_and_random_input() {
    use crate::lexer::tests::{Lcg, SAMPLE};
    let opts = PreprocessOptions::default();
    let directives = "-ifdef(X).\n-define(F(A), ??A ?A).\n-if(1 + 2 > ?LINE).\n-else.\n-endif.\n-undef(F).\n";
    let text = format!("{directives}{SAMPLE}");
    for end in 0..=text.len() {
        if text.is_char_boundary(end) {
            let mut sources = SourceMap::new();
            let file = sources.add("p.erl", &text[..end]);
            let _ = preprocess(&mut sources, file, &opts);
        }
    }
    let mut rng = Lcg(7);
    let pieces = [
        "-define(",
        "-ifdef(",
        "-if(",
        "-elif(",
        "-else",
        "-endif",
        "-undef(",
        "-include(\"",
        "-error(",
        "?",
        "??",
        "X",
        "F",
        "(",
        ")",
        ",",
        ".",
        " ",
        "\n",
        "fun",
        "end",
        "begin",
        "\"",
        "'",
        "$",
        "16#",
        "1",
        "A",
        "[",
        "]",
        "{",
        "}",
        "<<",
        ">>",
        "defined(",
        "andalso",
        "?LINE",
        "?FUNCTION_NAME",
        "?MODULE",
        "-module(m).",
        "f() ->",
    ];
    // More iterations on demand: KILN_FUZZ_ITERS=1000000 cargo test ...
    let iterations = std::env::var("KILN_FUZZ_ITERS").ok().and_then(|n| n.parse().ok()).unwrap_or(3000);
    for _ in 0..iterations {
        let len = (rng.next() % 60) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let mut sources = SourceMap::new();
        let file = sources.add("b.erl", String::from_utf8_lossy(&bytes).into_owned());
        let _ = preprocess(&mut sources, file, &opts);
    }
    for _ in 0..iterations {
        let n = rng.next() % 30;
        let src: String = (0..n).map(|_| pieces[rng.next() as usize % pieces.len()]).collect();
        let mut sources = SourceMap::new();
        let file = sources.add("r.erl", src);
        if let Ok(tokens) = preprocess(&mut sources, file, &opts) {
            check_invariants(&tokens);
        }
    }
}

/// Truncated and corrupted copies of real OTP sources must not panic
/// (`cargo test -p kiln-frontend --lib -- --ignored mutated_otp_sources`).
#[test]
#[ignore]
fn mutated_otp_sources() {
    use crate::lexer::tests::Lcg;
    let mut rng = Lcg(99);
    let mut files: Vec<PathBuf> = std::fs::read_dir("/usr/lib/erlang/lib/stdlib-4.2/src")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "erl"))
        .collect();
    files.sort();
    let opts = PreprocessOptions { lib_dirs: vec![PathBuf::from("/usr/lib/erlang/lib")], ..Default::default() };
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        for _ in 0..10 {
            let mut copy = bytes[..rng.next() as usize % (bytes.len() + 1)].to_vec();
            for _ in 0..rng.next() % 8 {
                if !copy.is_empty() {
                    let at = rng.next() as usize % copy.len();
                    copy[at] = b"\"'$.%?()-#\\\n"[rng.next() as usize % 12];
                }
            }
            let mut sources = SourceMap::new();
            let file = sources.add(path.to_string_lossy(), decode_source(&copy));
            let _ = preprocess(&mut sources, file, &opts);
        }
    }
}
