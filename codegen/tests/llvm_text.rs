//! The LLVM IR text of small modules: every transfer between Erlang code
//! is `musttail`, both targets verify, snapshots of the exact text.

mod support;

use kiln_codegen::{compile_module, emit_llvm_text, OptLevel, Target};
use kiln_ir::ssa::BlockKind::{Continuation, Normal};
use kiln_ir::ssa::*;
use support::*;

const B0: BlockId = BlockId(0);

/// `main(_) -> ok.`
fn tiny() -> Module {
    let mut fb = Fb::named("main", 1, true);
    let ok = fb.op(B0, atom("ok"));
    fb.term(B0, Terminator::Return(ok));
    module("tiny", vec![fb.finish()])
}

/// `f(X) -> g(X) + 1.` with `g/1` remote, plus a tail call.
fn call_and_add() -> Module {
    let mut fb = Fb::named("f", 1, true);
    let x = fb.param(0);
    let (b1, p1) = fb.block(Continuation, 2);
    fb.term(B0, Terminator::Call { callee: remote("other", "g", 1), args: vec![x], cont: bc(b1, &[x]) });
    let one = fb.op(b1, small(1));
    let s = fb.op(b1, bif("+", &[p1[0], one]));
    let (b2, p2) = fb.block(Normal, 1);
    fb.term(b1, Terminator::Jump(bc(b2, &[s])));
    fb.term(b2, Terminator::TailCall { callee: local("h", 1), args: vec![p2[0]] });
    let mut h = Fb::named("h", 1, false);
    let y = h.param(0);
    let live = h.test_heap(B0, 2, &[y]);
    let nil = h.op(B0, Op::Const(Const::Nil));
    let c = h.op(B0, Op::Cons(live[0], nil));
    h.term(B0, Terminator::Return(c));
    module("calls", vec![fb.finish(), h.finish()])
}

#[test]
fn snapshot_tiny() {
    insta::assert_snapshot!(emit_llvm_text(&tiny(), Target::X86_64Linux).unwrap());
}

#[test]
fn snapshot_call_and_add() {
    insta::assert_snapshot!(emit_llvm_text(&call_and_add(), Target::X86_64Linux).unwrap());
}

#[test]
fn snapshot_call_and_add_wasm32() {
    insta::assert_snapshot!(emit_llvm_text(&call_and_add(), Target::Wasm32Wasip1).unwrap());
}

/// Every kind of transfer: local, remote, fun, dynamic, apply, raise,
/// return, a BIF that can fail, a handler and a wait.
fn transfers() -> Module {
    let mut fb = Fb::named("main", 1, true);
    let x = fb.param(0);
    let (c1, p1) = fb.block(Continuation, 2);
    fb.term(B0, Terminator::Call { callee: local("main", 1), args: vec![x], cont: bc(c1, &[x]) });
    let (c2, p2) = fb.block(Continuation, 2);
    fb.term(c1, Terminator::Call { callee: Callee::Fun(p1[0]), args: vec![p1[1]], cont: bc(c2, &[p1[1]]) });
    let (c3, p3) = fb.block(Continuation, 2);
    fb.term(
        c2,
        Terminator::Call {
            callee: Callee::Dynamic { module: p2[0], name: p2[1] },
            args: vec![p2[1]; 6],
            cont: bc(c3, &[p2[1]]),
        },
    );
    let (c4, p4) = fb.block(Continuation, 2);
    fb.term(
        c3,
        Terminator::Call {
            callee: Callee::ApplyList { module: Some(p3[0]), fun: p3[1], args: p3[0] },
            args: vec![],
            cont: bc(c4, &[p3[1]]),
        },
    );
    let (h, hp) = fb.block(kiln_ir::ssa::BlockKind::TryHandler, 2);
    let (body, bp) = fb.block(Normal, 1);
    fb.term(c4, Terminator::PushHandler { handler: bc(h, &[p4[0]]), body: bc(body, &[p4[1]]) });
    let e = fb.op(body, bif("element", &[bp[0], bp[0]]));
    let (w, _) = fb.block(Continuation, 2);
    fb.term(body, Terminator::Wait { resume: bc(w, &[e]) });
    fb.term(w, Terminator::TailCall { callee: remote("m", "f", 0), args: vec![] });
    let class = fb.op(h, Op::ExcClass);
    let reason = fb.op(h, Op::ExcReason);
    let trace = fb.op(h, Op::ExcTrace);
    let z = fb.op(h, Op::IsNil(hp[1]));
    let (r1, _) = fb.block(Normal, 0);
    let (r2, _) = fb.block(Normal, 0);
    fb.term(h, Terminator::Branch { cond: z, then: bc(r1, &[]), otherwise: bc(r2, &[]) });
    fb.term(r1, Terminator::Reraise { class, reason, trace });
    fb.term(r2, Terminator::Raise { class, reason });
    module("transfers", vec![fb.finish()])
}

/// Calls with the uniform signature (`call i64 @kiln$...` or through a
/// code pointer) must all be `musttail` and followed by `ret`.
fn assert_all_transfers_musttail(text: &str) {
    let lines: Vec<&str> = text.lines().collect();
    let mut n = 0;
    for (i, l) in lines.iter().enumerate() {
        let erlang_call = l.contains("call i64 @\"kiln$") || l.contains("call i64 @kiln$") || l.contains("call i64 %");
        if erlang_call {
            n += 1;
            assert!(l.contains("musttail call"), "not musttail: {l}");
            assert!(lines[i + 1].trim_start().starts_with("ret i64 %st"), "not followed by ret: {}", lines[i + 1]);
        }
    }
    assert!(n > 0, "no transfers found");
}

#[test]
fn transfers_are_musttail_and_verify_on_every_target() {
    for target in [Target::X86_64Linux, Target::Wasm32Wasip1] {
        for m in [tiny(), call_and_add(), transfers()] {
            let text = emit_llvm_text(&m, target).unwrap();
            assert_all_transfers_musttail(&text);
            for opt in [OptLevel::O0, OptLevel::O2] {
                let obj = compile_module(&m, target, opt).unwrap();
                let magic: &[u8] = if target == Target::Wasm32Wasip1 { b"\0asm" } else { b"\x7fELF" };
                assert!(obj.starts_with(magic), "{target:?} object");
            }
        }
        let link =
            kiln_codegen::compile_link_module(&["m".into()], "m", &[("x".into(), "y".into(), 2)], target).unwrap();
        assert!(!link.is_empty());
    }
}

#[test]
fn wasm32_transfers_are_return_calls() {
    // `+tail-call` is on: the object's transfers are `return_call` and
    // `return_call_indirect`, never a `call` to Erlang code.
    let objdump = std::path::Path::new("/usr/lib/llvm-19/bin/llvm-objdump");
    if !objdump.is_file() {
        eprintln!("llvm-objdump-19 missing; skipped");
        return;
    }
    let obj = compile_module(&transfers(), Target::Wasm32Wasip1, OptLevel::O2).unwrap();
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join("transfers-wasm32.o");
    std::fs::write(&path, obj).unwrap();
    let out = std::process::Command::new(objdump).arg("-d").arg(&path).output().unwrap();
    let asm = String::from_utf8_lossy(&out.stdout);
    assert!(asm.contains("return_call\t") || asm.contains("return_call "), "{asm}");
    assert!(asm.contains("return_call_indirect"), "{asm}");
    // The only plain calls are to the runtime (apply, unwind, BIFs, stack):
    // they all return to the calling function.
    let transfers = asm.matches("return_call").count();
    assert!(transfers >= 8, "{transfers} return calls\n{asm}");
}

fn err(m: &Module) -> String {
    compile_module(m, Target::X86_64Linux, OptLevel::O0).unwrap_err().to_string()
}

#[test]
fn malformed_ssa_is_an_error_not_a_panic() {
    // A value used outside the block defining it.
    let mut fb = Fb::named("f", 0, true);
    let v = fb.op(B0, small(1));
    let (b1, _) = fb.block(Normal, 0);
    fb.term(B0, Terminator::Jump(bc(b1, &[])));
    fb.term(b1, Terminator::Return(v));
    // Not block-local, but dominance holds: compiles or errs, never panics.
    let _ = compile_module(&module("bad", vec![fb.finish()]), Target::X86_64Linux, OptLevel::O0);

    let mut fb = Fb::named("f", 0, true);
    fb.term(B0, Terminator::TailCall { callee: local("nope", 3), args: vec![] });
    assert!(err(&module("bad", vec![fb.finish()])).contains("undefined local function nope/3"));

    let mut fb = Fb::named("f", 0, true);
    let v = fb.op(B0, bif("no_such_bif", &[]));
    fb.term(B0, Terminator::Return(v));
    assert!(err(&module("bad", vec![fb.finish()])).contains("not a BIF"));

    let mut fb = Fb::named("f", 0, true);
    fb.term(B0, Terminator::Return(Value(99)));
    assert!(err(&module("bad", vec![fb.finish()])).contains("v99"));

    let mut fb = Fb::named("f", 0, true);
    let (b1, _) = fb.block(Normal, 1);
    fb.term(B0, Terminator::Call { callee: local("f", 0), args: vec![], cont: bc(b1, &[]) });
    fb.term(b1, Terminator::Unreachable);
    assert!(err(&module("bad", vec![fb.finish()])).contains("call continuation"));

    let mut fb = Fb::named("f", 0, true);
    fb.term(B0, Terminator::Jump(bc(BlockId(7), &[])));
    assert!(err(&module("bad", vec![fb.finish()])).contains("missing block"));

    let mut fb = Fb::named("f", 0, true);
    let v = fb.op(B0, Op::Literal(3));
    fb.term(B0, Terminator::Return(v));
    assert!(err(&module("bad", vec![fb.finish()])).contains("literal 3"));

    let mut m = module("bad", vec![]);
    m.literals.push(Literal::Integer("1x".into()));
    assert!(err(&m).contains("not a decimal integer"));
}
