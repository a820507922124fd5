//! Snapshots of the AST text of modules that together use every construct
//! of the grammar (`tests/fixtures/*.erl`).

mod common;

use kiln_frontend::ast_text::{module_to_text, module_to_text_with_spans};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn snapshot_of(name: &str) -> String {
    module_to_text(&common::parse_ok(&fixture(name)))
}

#[test]
fn attributes() {
    insta::assert_snapshot!(snapshot_of("attributes.erl"));
}

#[test]
fn types() {
    insta::assert_snapshot!(snapshot_of("types.erl"));
}

#[test]
fn expressions() {
    insta::assert_snapshot!(snapshot_of("expressions.erl"));
}

#[test]
fn data() {
    insta::assert_snapshot!(snapshot_of("data.erl"));
}

#[test]
fn patterns() {
    insta::assert_snapshot!(snapshot_of("patterns.erl"));
}

#[test]
fn spans() {
    let src = "-module(s).\nf(X) ->\n    case X of\n        [A | B] -> A + B;\n        _ -> <<X:8>>\n    end.\n";
    let (sm, toks) = common::lex(src);
    let m = kiln_frontend::parser::parse_module(&toks).expect("parses");
    insta::assert_snapshot!(module_to_text_with_spans(&m, &sm));
}
