//! Large inputs: long lists, many clauses, long tuples.
//!
//! Parsing itself never recurses (lalrpop's LR driver is a loop, and the
//! text printer walks list spines iteratively), but a long list literal is a
//! deep chain of `Cons` boxes, and the derived `Drop`, `Clone` and
//! `PartialEq` of the AST recurse along it. These tests, like the compiler
//! driver should, run on a thread with a large stack.

mod common;

fn with_big_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new().stack_size(256 << 20).spawn(f).expect("spawn").join().expect("no panic");
}

#[test]
fn long_list_literal() {
    with_big_stack(long_list_literal_body);
}

fn long_list_literal_body() {
    let items: Vec<String> = (0..20_000).map(|i| i.to_string()).collect();
    let src = format!("-module(m).\nf() -> [{}].\n", items.join(", "));
    let m = common::parse_ok(&src);
    let text = kiln_frontend::ast_text::module_to_text(&m);
    assert_eq!(text.lines().filter(|l| l.trim_start().starts_with("integer")).count(), 20_000);
}

#[test]
fn many_clauses_and_long_tuples() {
    with_big_stack(many_clauses_and_long_tuples_body);
}

fn many_clauses_and_long_tuples_body() {
    let clauses: Vec<String> = (0..5_000).map(|i| format!("f({i}) -> {{{i}, {i}}}")).collect();
    let elems: Vec<String> = (0..20_000).map(|i| format!("a{i}")).collect();
    let src = format!("-module(m).\n{}.\ng() -> {{{}}}.\n", clauses.join(";\n"), elems.join(", "));
    let m = common::parse_ok(&src);
    assert_eq!(m.forms.len(), 3);
}
