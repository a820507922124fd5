//! The binary BIFs against OTP (`runtime/testdata/binary_bif_cases.txt`,
//! from `gen_binary_bif_cases.escript`).

use super::binary::*;
use crate::abi::Term;
use crate::atom;
use crate::compare::exact_eq;
use crate::format::{format_term, Mode};
use crate::process::Process;
use crate::term::testing::unhex;
use crate::term::{list_to_vec, tuple_elements, BifResult};

const CASES: &str = include_str!("../../testdata/binary_bif_cases.txt");

/// Calls `module:name(args)`; `None` for a function not implemented here.
fn call(p: &mut Process, module: &str, name: &str, a: &[Term]) -> Option<BifResult> {
    let utf8 = atom::intern("utf8");
    let ten = crate::abi::tag::small(10);
    let nil = crate::abi::tag::NIL;
    if module == "binary" {
        return super::binary_module::call(p, name, a);
    }
    Some(match (name, a) {
        ("byte_size", &[x]) => byte_size(x),
        ("bit_size", &[x]) => bit_size(x),
        ("binary_part", &[x, y]) => binary_part_2(p, x, y),
        ("binary_part", &[x, y, z]) => binary_part(p, x, y, z),
        ("split_binary", &[x, y]) => split_binary(p, x, y),
        ("binary_to_list", &[x]) => binary_to_list(p, x),
        ("binary_to_list", &[x, y, z]) => binary_to_list_3(p, x, y, z),
        ("bitstring_to_list", &[x]) => bitstring_to_list(p, x),
        ("list_to_binary", &[x]) => list_to_binary(p, x),
        ("iolist_to_binary", &[x]) => iolist_to_binary(p, x),
        ("iolist_size", &[x]) => iolist_size(p, x),
        ("iolist_to_iovec", &[x]) => iolist_to_iovec(p, x),
        ("list_to_bitstring", &[x]) => list_to_bitstring(p, x),
        ("binary_to_atom", &[x]) => binary_to_atom(x, utf8),
        ("binary_to_atom", &[x, e]) => binary_to_atom(x, e),
        ("binary_to_existing_atom", &[x]) => binary_to_existing_atom(x, utf8),
        ("binary_to_existing_atom", &[x, e]) => binary_to_existing_atom(x, e),
        ("binary_to_integer", &[x]) => binary_to_integer(p, x, ten),
        ("binary_to_integer", &[x, b]) => binary_to_integer(p, x, b),
        ("binary_to_float", &[x]) => binary_to_float(p, x),
        ("float_to_binary", &[x]) => float_to_binary(p, x, nil),
        ("float_to_binary", &[x, o]) => float_to_binary(p, x, o),
        ("float_to_list", &[x, o]) => float_to_list_2(p, x, o),
        ("integer_to_binary", &[x]) => integer_to_binary(p, x, ten),
        ("integer_to_binary", &[x, b]) => integer_to_binary(p, x, b),
        ("atom_to_binary", &[x]) => atom_to_binary(p, x, utf8),
        ("atom_to_binary", &[x, e]) => atom_to_binary(p, x, e),
        _ => return None,
    })
}

#[test]
fn binary_bifs_match_otp() {
    let mut p = Process::new(0);
    let mut lines = CASES.lines();
    let (mut count, mut skipped) = (0, 0);
    let mut failures = Vec::new();
    while let Some(line) = lines.next() {
        let input = crate::etf::decode_in(&mut p, &unhex(line.strip_prefix("B ").expect("B line"))).expect("case");
        let want_line = lines.next().expect("result line");
        let e = tuple_elements(input).expect("{M, F, A}");
        let args = list_to_vec(e[2]).expect("argument list");
        let (m, f) = (atom::name(e[0]), atom::name(e[1]));
        let Some(got) = call(&mut p, m, f, &args) else {
            skipped += 1;
            continue;
        };
        count += 1;
        let (kind, hex) = want_line.split_at(2);
        let want = crate::etf::decode_in(&mut p, &unhex(hex)).expect("expected term");
        let ok = match (kind, got) {
            ("= ", Ok(t)) => exact_eq(t, want),
            ("! ", Err(err)) => exact_eq(err.reason(), want),
            _ => false,
        };
        if !ok {
            let shown = match got {
                Ok(t) => format_term(t, Mode::Write),
                Err(err) => format!("error:{err:?}"),
            };
            failures.push(format!(
                "{m}:{f}{}: got {shown}, want {kind}{}",
                format_term(e[2], Mode::Write),
                format_term(want, Mode::Write)
            ));
        }
    }
    assert!(failures.is_empty(), "{} of {count} differ ({skipped} skipped):\n{}", failures.len(), failures.join("\n"));
    assert_eq!(skipped, 0, "{skipped} cases not implemented");
}
