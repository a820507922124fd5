//! `kiln_frontend::parse_file`: lex, preprocess and parse a file on disk.

use kiln_frontend::ast::{AttributeKind, Form};
use kiln_frontend::preprocessor::PreprocessOptions;

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("kiln-parse-file-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn parses_a_module_with_an_include_and_macros() {
    let dir = temp_dir("ok");
    std::fs::write(dir.join("defs.hrl"), "-record(point, {x = 0, y = 0}).\n-define(ORIGIN, #point{}).\n").unwrap();
    std::fs::write(
        dir.join("geo.erl"),
        "-module(geo).\n-include(\"defs.hrl\").\n-export([origin/0]).\norigin() -> {?MODULE, ?ORIGIN}.\n",
    )
    .unwrap();
    let (sources, result) = kiln_frontend::parse_file(&dir.join("geo.erl"), &PreprocessOptions::default());
    let module = result.unwrap_or_else(|errs| panic!("{}", errs[0].render(&sources)));
    let kinds: Vec<&str> = module
        .forms
        .iter()
        .map(|f| match f {
            Form::Attribute(a) => match &a.kind {
                AttributeKind::Module(_) => "module",
                AttributeKind::Record { .. } => "record",
                AttributeKind::Export(_) => "export",
                _ => "attribute",
            },
            Form::Function(_) => "function",
        })
        .filter(|k| *k != "attribute")
        .collect();
    assert_eq!(kinds, ["module", "record", "export", "function"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn reports_syntax_errors_with_file_line_and_column() {
    let dir = temp_dir("err");
    let path = dir.join("bad.erl");
    std::fs::write(&path, "-module(bad).\nf() -> -> ok.\ng() -> (.\n").unwrap();
    let (sources, result) = kiln_frontend::parse_file(&path, &PreprocessOptions::default());
    let errs = result.expect_err("syntax errors");
    let located: Vec<String> = errs.iter().map(|d| format!("{}: {}", sources.location(d.span), d.message)).collect();
    let name = path.display();
    assert_eq!(
        located,
        vec![format!("{name}:2:8: syntax error before: '->'"), format!("{name}:3:9: syntax error before: '.'")]
    );
    let _ = std::fs::remove_dir_all(&dir);
}
