//! End-to-end tests: hand-built SSA modules compiled, linked with the mock
//! runtime and run on every available target (x86_64; wasm32 under node),
//! at O0 and O2.

mod support;

use kiln_ir::ssa::BlockKind::{CatchHandler, Continuation, Normal, TryHandler};
use kiln_ir::ssa::*;
use support::*;

const B0: BlockId = BlockId(0);

/// `main(_) -> Body` where `body` fills block 0 and returns the value to
/// display; main then returns `ok`.
fn main_displaying(body: impl FnOnce(&mut Fb) -> (BlockId, Value)) -> Function {
    let mut fb = Fb::named("main", 1, true);
    let (b, v) = body(&mut fb);
    fb.op(b, bif("display", &[v]));
    let ok = fb.op(b, atom("ok"));
    fb.term(b, Terminator::Return(ok));
    fb.finish()
}

/// `main(_) -> display(F(Args))` with a non-tail call of `callee`.
fn main_calling(callee: Callee, args: &[i64]) -> Function {
    let mut fb = Fb::named("main", 1, true);
    let vals: Vec<Value> = args.iter().map(|&a| fb.op(B0, small(a))).collect();
    let (b1, p) = fb.block(Continuation, 1);
    fb.term(B0, Terminator::Call { callee, args: vals, cont: bc(b1, &[]) });
    fb.op(b1, bif("display", &[p[0]]));
    let ok = fb.op(b1, atom("ok"));
    fb.term(b1, Terminator::Return(ok));
    fb.finish()
}

#[test]
fn main_returns() {
    let mut fb = Fb::named("main", 1, true);
    let ok = fb.op(B0, atom("ok"));
    fb.term(B0, Terminator::Return(ok));
    check("main_returns", &[module("m", vec![fb.finish()])], &[], "", 0);
}

#[test]
fn display_constants() {
    let main = main_displaying(|fb| {
        let a = fb.op(B0, small(-42));
        let b = fb.op(B0, atom("hello_world")); // not predefined: atom slot
        let c = fb.op(B0, Op::Const(Const::Nil));
        let t = fb.test_heap(B0, 4, &[a, b, c]);
        let tup = fb.op(B0, Op::Tuple(t));
        (B0, tup)
    });
    check("display_constants", &[module("m", vec![main])], &[], "{-42,hello_world,[]}\n", 0);
}

/// `fib(N) -> if N < 2 -> N; true -> fib(N - 1) + fib(N - 2) end.`
fn fib() -> Function {
    let mut fb = Fb::named("fib", 1, false);
    let n = fb.param(0);
    let two = fb.op(B0, small(2));
    let lt = fb.op(B0, bif("<", &[n, two]));
    let c = fb.op(B0, Op::IsTrue(lt));
    let (b1, p1) = fb.block(Normal, 1);
    let (b2, p2) = fb.block(Normal, 1);
    fb.term(B0, Terminator::Branch { cond: c, then: bc(b1, &[n]), otherwise: bc(b2, &[n]) });
    fb.term(b1, Terminator::Return(p1[0]));
    let one = fb.op(b2, small(1));
    let m = fb.op(b2, bif("-", &[p2[0], one]));
    let (b3, p3) = fb.block(Continuation, 2);
    fb.term(b2, Terminator::Call { callee: local("fib", 1), args: vec![m], cont: bc(b3, &[p2[0]]) });
    let two = fb.op(b3, small(2));
    let m2 = fb.op(b3, bif("-", &[p3[1], two]));
    let (b4, p4) = fb.block(Continuation, 2);
    fb.term(b3, Terminator::Call { callee: local("fib", 1), args: vec![m2], cont: bc(b4, &[p3[0]]) });
    let s = fb.op(b4, bif("+", &[p4[1], p4[0]]));
    fb.term(b4, Terminator::Return(s));
    fb.finish()
}

#[test]
fn fibonacci() {
    check("fib", &[module("m", vec![main_calling(local("fib", 1), &[20]), fib()])], &[], "6765\n", 0);
}

/// `sum(0) -> 0; sum(N) -> N + sum(N - 1).` (not tail recursive)
fn sum() -> Function {
    let mut fb = Fb::named("sum", 1, false);
    let n = fb.param(0);
    let zero = fb.op(B0, small(0));
    let z = fb.op(B0, Op::WordEq(n, zero));
    let (b1, _) = fb.block(Normal, 0);
    let (b2, p2) = fb.block(Normal, 1);
    fb.term(B0, Terminator::Branch { cond: z, then: bc(b1, &[]), otherwise: bc(b2, &[n]) });
    let zero = fb.op(b1, small(0));
    fb.term(b1, Terminator::Return(zero));
    let one = fb.op(b2, small(1));
    let m = fb.op(b2, bif("-", &[p2[0], one]));
    let (b3, p3) = fb.block(Continuation, 2);
    fb.term(b2, Terminator::Call { callee: local("sum", 1), args: vec![m], cont: bc(b3, &[p2[0]]) });
    let s = fb.op(b3, bif("+", &[p3[1], p3[0]]));
    fb.term(b3, Terminator::Return(s));
    fb.finish()
}

#[test]
fn deep_recursion_million_frames() {
    check(
        "deep_sum",
        &[module("m", vec![main_calling(local("sum", 1), &[1_000_000]), sum()])],
        &[],
        "500000500000\n",
        0,
    );
}

/// `count(0) -> done; count(N) -> count(N - 1).` (a tail-recursive loop
/// long enough to be preempted many times)
#[test]
fn tail_loop_yields() {
    let mut fb = Fb::named("count", 1, false);
    let n = fb.param(0);
    let zero = fb.op(B0, small(0));
    let z = fb.op(B0, Op::WordEq(n, zero));
    let (b1, _) = fb.block(Normal, 0);
    let (b2, p2) = fb.block(Normal, 1);
    fb.term(B0, Terminator::Branch { cond: z, then: bc(b1, &[]), otherwise: bc(b2, &[n]) });
    let done = fb.op(b1, atom("done"));
    fb.term(b1, Terminator::Return(done));
    let one = fb.op(b2, small(1));
    let m = fb.op(b2, bif("-", &[p2[0], one]));
    fb.term(b2, Terminator::TailCall { callee: local("count", 1), args: vec![m] });
    check(
        "tail_loop",
        &[module("m", vec![main_calling(local("count", 1), &[3_000_000]), fb.finish()])],
        &[],
        "done\n",
        0,
    );
}

/// `mk(0, Acc) -> Acc; mk(N, Acc) -> mk(N - 1, [{N} | Acc]).`
fn mk() -> Function {
    let mut fb = Fb::named("mk", 2, false);
    let (n, acc) = (fb.param(0), fb.param(1));
    let zero = fb.op(B0, small(0));
    let z = fb.op(B0, Op::WordEq(n, zero));
    let (b1, p1) = fb.block(Normal, 1);
    let (b2, p2) = fb.block(Normal, 2);
    fb.term(B0, Terminator::Branch { cond: z, then: bc(b1, &[acc]), otherwise: bc(b2, &[n, acc]) });
    fb.term(b1, Terminator::Return(p1[0]));
    let live = fb.test_heap(b2, 4, &p2);
    let t = fb.op(b2, Op::Tuple(vec![live[0]]));
    let cell = fb.op(b2, Op::Cons(t, live[1]));
    let one = fb.op(b2, small(1));
    let m = fb.op(b2, bif("-", &[live[0], one]));
    fb.term(b2, Terminator::TailCall { callee: local("mk", 2), args: vec![m, cell] });
    fb.finish()
}

/// `total([], S) -> S; total([{X} | T], S) -> total(T, S + X).`
fn total() -> Function {
    let mut fb = Fb::named("total", 2, false);
    let (l, s) = (fb.param(0), fb.param(1));
    let c = fb.op(B0, Op::IsCons(l));
    let (b1, p1) = fb.block(Normal, 2);
    let (b2, p2) = fb.block(Normal, 1);
    fb.term(B0, Terminator::Branch { cond: c, then: bc(b1, &[l, s]), otherwise: bc(b2, &[s]) });
    fb.term(b2, Terminator::Return(p2[0]));
    let h = fb.op(b1, Op::Hd(p1[0]));
    let t = fb.op(b1, Op::Tl(p1[0]));
    let x = fb.op(b1, Op::Element { tuple: h, index: 0 });
    let s2 = fb.op(b1, bif("+", &[p1[1], x]));
    fb.term(b1, Terminator::TailCall { callee: local("total", 2), args: vec![t, s2] });
    fb.finish()
}

#[test]
fn lists_survive_collections() {
    // L = mk(N, []), display([length(L) | total(L, 0)]), display of a short one.
    let mut fb = Fb::named("main", 1, true);
    let n = fb.op(B0, small(50_000));
    let nil = fb.op(B0, Op::Const(Const::Nil));
    let (b1, p1) = fb.block(Continuation, 1);
    fb.term(B0, Terminator::Call { callee: local("mk", 2), args: vec![n, nil], cont: bc(b1, &[]) });
    let len = fb.op(b1, bif("length", &[p1[0]]));
    let zero = fb.op(b1, small(0));
    let (b2, p2) = fb.block(Continuation, 2);
    fb.term(b1, Terminator::Call { callee: local("total", 2), args: vec![p1[0], zero], cont: bc(b2, &[len]) });
    let live = fb.test_heap(b2, 2, &[p2[1], p2[0]]);
    let pair = fb.op(b2, Op::Cons(live[0], live[1]));
    fb.op(b2, bif("display", &[pair]));
    let three = fb.op(b2, small(3));
    let nil = fb.op(b2, Op::Const(Const::Nil));
    let (b3, p3) = fb.block(Continuation, 1);
    fb.term(b2, Terminator::Call { callee: local("mk", 2), args: vec![three, nil], cont: bc(b3, &[]) });
    fb.op(b3, bif("display", &[p3[0]]));
    fb.term(b3, Terminator::Return(p3[0]));
    let m = module("m", vec![fb.finish(), mk(), total()]);
    check("lists", &[m], &[], "[50000|1250025000]\n[{1},{2},{3}]\n", 0);
}

/// `build(0) -> []; build(N) -> T = {N}, R = build(N - 1), [T | R].`: the
/// tuple is saved in the frame across a call that collects.
#[test]
fn frames_are_gc_roots() {
    let mut fb = Fb::named("build", 1, false);
    let n = fb.param(0);
    let zero = fb.op(B0, small(0));
    let z = fb.op(B0, Op::WordEq(n, zero));
    let (b1, _) = fb.block(Normal, 0);
    let (b2, p2) = fb.block(Normal, 1);
    fb.term(B0, Terminator::Branch { cond: z, then: bc(b1, &[]), otherwise: bc(b2, &[n]) });
    let nil = fb.op(b1, Op::Const(Const::Nil));
    fb.term(b1, Terminator::Return(nil));
    let live = fb.test_heap(b2, 2, &p2);
    let t = fb.op(b2, Op::Tuple(vec![live[0]]));
    let one = fb.op(b2, small(1));
    let m = fb.op(b2, bif("-", &[live[0], one]));
    let (b3, p3) = fb.block(Continuation, 2);
    fb.term(b2, Terminator::Call { callee: local("build", 1), args: vec![m], cont: bc(b3, &[t]) });
    let live = fb.test_heap(b3, 2, &p3);
    let c = fb.op(b3, Op::Cons(live[1], live[0]));
    fb.term(b3, Terminator::Return(c));
    let main = main_calling(local("build", 1), &[4]);
    check("frames_gc", &[module("m", vec![main.clone(), fb.f.clone()])], &[], "[{4},{3},{2},{1}]\n", 0);

    // Deep enough to collect many times with frames full of tuples.
    let mut main = Fb::named("main", 1, true);
    let n = main.op(B0, small(100_000));
    let (b1, p1) = main.block(Continuation, 1);
    main.term(B0, Terminator::Call { callee: local("build", 1), args: vec![n], cont: bc(b1, &[]) });
    let zero = main.op(b1, small(0));
    let (b2, p2) = main.block(Continuation, 1);
    main.term(b1, Terminator::Call { callee: local("total", 2), args: vec![p1[0], zero], cont: bc(b2, &[]) });
    main.op(b2, bif("display", &[p2[0]]));
    main.term(b2, Terminator::Return(p2[0]));
    check("frames_gc_deep", &[module("m", vec![main.finish(), fb.finish(), total()])], &[], "5000050000\n", 0);
}

/// `try throw(oops) catch C:R -> {C, R} end`, and `catch 1 + a`.
#[test]
fn try_and_catch() {
    let mut fb = Fb::named("main", 1, true);
    // try ... catch: the handler gets the exception class and reason.
    let (h, _) = fb.block(TryHandler, 1);
    let (body, _) = fb.block(Normal, 0);
    fb.term(B0, Terminator::PushHandler { handler: bc(h, &[]), body: bc(body, &[]) });
    let class = fb.op(body, atom("throw"));
    let reason = fb.op(body, atom("oops"));
    fb.term(body, Terminator::Raise { class, reason });
    let c = fb.op(h, Op::ExcClass);
    let r = fb.op(h, Op::ExcReason);
    let live = fb.test_heap(h, 3, &[c, r]);
    let t = fb.op(h, Op::Tuple(live));
    fb.op(h, bif("display", &[t]));
    // catch 1 + a: a CATCH frame, the BIF raises badarith.
    let (ch, chp) = fb.block(CatchHandler, 1);
    let (body2, _) = fb.block(Normal, 0);
    fb.term(h, Terminator::PushHandler { handler: bc(ch, &[]), body: bc(body2, &[]) });
    let one = fb.op(body2, small(1));
    let a = fb.op(body2, atom("a"));
    let s = fb.op(body2, bif("+", &[one, a]));
    fb.op0(body2, Op::PopHandler { handler: ch });
    let (after, ap) = fb.block(Normal, 1);
    fb.term(body2, Terminator::Jump(bc(after, &[s])));
    let _ = chp;
    let v = fb.op(ch, Op::CatchValue);
    fb.term(ch, Terminator::Jump(bc(after, &[v])));
    fb.op(after, bif("display", &[ap[0]]));
    // A try whose body succeeds pops its frame and goes on.
    let (h3, _) = fb.block(TryHandler, 2);
    let (body3, _) = fb.block(Normal, 0);
    let saved = fb.op(after, atom("saved"));
    fb.term(after, Terminator::PushHandler { handler: bc(h3, &[saved]), body: bc(body3, &[]) });
    fb.op0(body3, Op::PopHandler { handler: h3 });
    let fine = fb.op(body3, atom("fine"));
    fb.op(body3, bif("display", &[fine]));
    fb.term(body3, Terminator::Return(fine));
    let bad = fb.op(h3, atom("bad"));
    fb.term(h3, Terminator::Return(bad));
    check_both(
        "try_catch",
        &[module("m", vec![fb.finish()])],
        &[],
        "{throw,oops}\n{EXIT,{badarith,[]}}\nfine\n",
        // The real runtime's stack trace: the raising function (hand-built
        // IR has no lines: its head's). `1 + a` has no `erlang:'+'` entry:
        // OTP's JIT adds a small literal inline.
        "{throw,oops}\n{'EXIT',{badarith,[{m,main,1,[{file,\"m.erl\"},{line,1}]}]}}\nfine\n",
        0,
    )
}

#[test]
fn uncaught_error_exits_127() {
    let main = main_displaying(|fb| {
        let a = fb.op(B0, atom("a"));
        let one = fb.op(B0, small(1));
        (B0, fb.op(B0, bif("+", &[a, one])))
    });
    for_each_runtime("uncaught", &[module("m", vec![main])], |out, what| {
        assert_eq!(out.status.code(), Some(127), "{what}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("badarith"), "{what}");
    });
}

/// Closures: `K = 10, F = fun(X) -> X + K end, F(5)`, called directly and
/// through `apply/2`.
#[test]
fn closures() {
    let mut body = Fb::lambda("-main/1-fun-0-", 1, 0);
    let (x, clo) = (body.param(0), body.param(1));
    let k = body.op(B0, Op::FunFree { fun: clo, index: 0 });
    let s = body.op(B0, bif("+", &[x, k]));
    body.term(B0, Terminator::Return(s));

    let mut fb = Fb::named("main", 1, true);
    let k = fb.op(B0, small(10));
    let live = fb.test_heap(B0, 3, &[k]);
    let f = fb.op(B0, Op::MakeFun { lambda: 0, free: live });
    let five = fb.op(B0, small(5));
    let (b1, p1) = fb.block(Continuation, 2);
    fb.term(B0, Terminator::Call { callee: Callee::Fun(f), args: vec![five], cont: bc(b1, &[f]) });
    fb.op(b1, bif("display", &[p1[0]]));
    // apply(F, [7]) in tail position.
    let seven = fb.op(b1, small(7));
    let nil = fb.op(b1, Op::Const(Const::Nil));
    let live = fb.test_heap(b1, 2, &[seven, nil, p1[1]]);
    let args = fb.op(b1, Op::Cons(live[0], live[1]));
    let (b2, p2) = fb.block(Continuation, 1);
    fb.term(
        b1,
        Terminator::Call {
            callee: Callee::ApplyList { module: None, fun: live[2], args },
            args: vec![],
            cont: bc(b2, &[]),
        },
    );
    fb.op(b2, bif("display", &[p2[0]]));
    // Calling a non-fun raises badfun.
    fb.term(b2, Terminator::TailCall { callee: Callee::Fun(p2[0]), args: vec![] });

    let mut m = module("m", vec![fb.finish(), body.finish()]);
    m.lambdas.push(Lambda { name: "-main/1-fun-0-".into(), arity: 1, num_free: 1, function: 1 });
    for_each_runtime("closures", &[m], |out, what| {
        assert_eq!(String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n"), "15\n17\n", "{what}");
        assert_eq!(out.status.code(), Some(127), "{what}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("{badfun,17}"), "{what}");
    });
}

#[test]
fn literals() {
    let main = main_displaying(|fb| (B0, fb.op(B0, Op::Literal(0))));
    let mut m = module("m", vec![main]);
    m.literals.push(Literal::Tuple(vec![
        Literal::Atom("hello".into()),
        Literal::Cons(
            Box::new(Literal::Integer("1".into())),
            Box::new(Literal::Cons(Box::new(Literal::Integer("-300".into())), Box::new(Literal::Nil))),
        ),
        Literal::String(vec![97, 98]),
    ]));
    check_both("literals", &[m], &[], "{hello,[1,-300],[97,98]}\n", "{hello,[1,-300],\"ab\"}\n", 0);
}

/// Remote calls: to another module, to a BIF wrapper, through `M:F(...)`,
/// and to a function defined nowhere (an `undef` stub).
#[test]
fn remote_calls() {
    let mut twice = Fb::named("twice", 1, true);
    let x = twice.param(0);
    let s = twice.op(B0, bif("+", &[x, x]));
    twice.term(B0, Terminator::Return(s));
    let other = module("other", vec![twice.finish()]);

    let mut fb = Fb::named("main", 1, true);
    let a = fb.op(B0, small(21));
    let (b1, p1) = fb.block(Continuation, 1);
    fb.term(B0, Terminator::Call { callee: remote("other", "twice", 1), args: vec![a], cont: bc(b1, &[]) });
    fb.op(b1, bif("display", &[p1[0]]));
    let one = fb.op(b1, small(1));
    let (b2, p2) = fb.block(Continuation, 1);
    fb.term(b1, Terminator::Call { callee: remote("erlang", "+", 2), args: vec![p1[0], one], cont: bc(b2, &[]) });
    fb.op(b2, bif("display", &[p2[0]]));
    let one = fb.op(b2, small(1));
    let m = fb.op(b2, atom("erlang"));
    let f = fb.op(b2, atom("-"));
    let (b3, p3) = fb.block(Continuation, 1);
    fb.term(
        b2,
        Terminator::Call { callee: Callee::Dynamic { module: m, name: f }, args: vec![p2[0], one], cont: bc(b3, &[]) },
    );
    fb.op(b3, bif("display", &[p3[0]]));
    // try nowhere:f(1) catch error:R -> R end
    let (h, _) = fb.block(TryHandler, 1);
    let (body, _) = fb.block(Normal, 0);
    fb.term(b3, Terminator::PushHandler { handler: bc(h, &[]), body: bc(body, &[]) });
    let one = fb.op(body, small(1));
    let (b4, _) = fb.block(Continuation, 1);
    fb.term(body, Terminator::Call { callee: remote("nowhere", "f", 1), args: vec![one], cont: bc(b4, &[]) });
    fb.term(b4, Terminator::Unreachable);
    let r = fb.op(h, Op::ExcReason);
    fb.op(h, bif("display", &[r]));
    fb.term(h, Terminator::Return(r));
    let main = module("main", vec![fb.finish()]);
    check("remote", &[main, other], &[("nowhere".into(), "f".into(), 1)], "42\n43\n42\nundef\n", 0);
}

/// More than `REG_ARGS` arguments travel in `proc->args`.
#[test]
fn many_arguments() {
    let mut f = Fb::named("f", 6, false);
    let ps: Vec<Value> = (0..6).map(|i| f.param(i)).collect();
    let live = f.test_heap(B0, 7, &ps);
    let t = f.op(B0, Op::Tuple(live));
    f.term(B0, Terminator::Return(t));
    let main = main_calling(local("f", 6), &[1, 2, 3, 4, 5, 6]);
    check("many_args", &[module("m", vec![main, f.finish()])], &[], "{1,2,3,4,5,6}\n", 0);
}

/// `self() ! hello, receive X -> display(X) end, receive after 10 -> timeout end`
#[test]
fn receive_and_timeout() {
    let mut fb = Fb::named("main", 1, true);
    let me = fb.op(B0, Op::Bif { module: "erlang".into(), name: "self".into(), args: vec![], guard: true, line: 0 });
    let hello = fb.op(B0, atom("hello"));
    fb.op(B0, bif("!", &[me, hello]));
    let (peek, _) = fb.block(Normal, 0);
    fb.term(B0, Terminator::Jump(bc(peek, &[])));
    let msg = fb.op(peek, Op::RecvPeek);
    let none = fb.op(peek, Op::IsNonValue(msg));
    let (wait, _) = fb.block(Normal, 0);
    let (got, gp) = fb.block(Normal, 1);
    fb.term(peek, Terminator::Branch { cond: none, then: bc(wait, &[]), otherwise: bc(got, &[msg]) });
    let (resumed, _) = fb.block(Continuation, 1);
    fb.term(wait, Terminator::Wait { resume: bc(resumed, &[]) });
    fb.term(resumed, Terminator::Jump(bc(peek, &[])));
    fb.op0(got, Op::RecvAccept);
    fb.op(got, bif("display", &[gp[0]]));
    // receive after 10 -> timeout end
    let ten = fb.op(got, small(10));
    let expired = fb.op(got, Op::RecvTimer(ten));
    let (timeout, _) = fb.block(Normal, 0);
    let (peek2, _) = fb.block(Normal, 0);
    fb.term(got, Terminator::Branch { cond: expired, then: bc(timeout, &[]), otherwise: bc(peek2, &[]) });
    let msg = fb.op(peek2, Op::RecvPeek);
    let none = fb.op(peek2, Op::IsNonValue(msg));
    let (wait2, _) = fb.block(Normal, 0);
    fb.term(peek2, Terminator::Branch { cond: none, then: bc(wait2, &[]), otherwise: bc(timeout, &[]) });
    let (resumed2, _) = fb.block(Continuation, 1);
    fb.term(wait2, Terminator::Wait { resume: bc(resumed2, &[]) });
    let fired = fb.op(resumed2, Op::RecvTimedOut);
    fb.term(resumed2, Terminator::Branch { cond: fired, then: bc(timeout, &[]), otherwise: bc(peek2, &[]) });
    let t = fb.op(timeout, atom("timeout"));
    fb.op(timeout, bif("display", &[t]));
    fb.term(timeout, Terminator::Return(t));
    check("receive", &[module("m", vec![fb.finish()])], &[], "hello\ntimeout\n", 0);
}

/// Type tests, `=:=` and Bool/Int values crossing calls and frames.
#[test]
fn tests_and_unboxed_values() {
    let mut fb = Fb::named("main", 1, true);
    let one = fb.op(B0, small(1));
    let a = fb.op(B0, atom("a"));
    let nil = fb.op(B0, Op::Const(Const::Nil));
    let live = fb.test_heap(B0, 8, &[one, a, nil]);
    let (one, a, nil) = (live[0], live[1], live[2]);
    let tup = fb.op(B0, Op::Tuple(vec![one, a]));
    let cell = fb.op(B0, Op::Cons(one, nil));
    let tup2 = fb.op(B0, Op::Tuple(vec![one, a]));
    let tests = [
        Op::IsSmall(one),
        Op::IsSmall(a),
        Op::IsAtom(a),
        Op::IsNil(nil),
        Op::IsCons(cell),
        Op::IsList(nil),
        Op::IsList(tup),
        Op::IsTuple(tup),
        Op::IsTuple(cell),
        Op::IsTupleArity { value: tup, arity: 2 },
        Op::IsTupleArity { value: tup, arity: 3 },
        Op::ExactEq(tup, tup2),
        Op::ExactEq(one, a),
    ];
    let bools: Vec<Value> = tests.into_iter().map(|t| fb.op(B0, t)).collect();
    // Pass a Bool and an Int through a frame and a call.
    let flag = bools[0];
    let int = fb.op(B0, Op::Const(Const::Int(-7)));
    let (b1, p1) = fb.block_typed(Continuation, &[Type::Term, Type::Bool, Type::Int]);
    let mut terms = Vec::new();
    for b in &bools {
        terms.push(fb.op(B0, Op::BoolToTerm(*b)));
    }
    let live = fb.test_heap(B0, 2 * terms.len() as u32, &terms);
    let mut list = fb.op(B0, Op::Const(Const::Nil));
    for t in live.iter().rev() {
        list = fb.op(B0, Op::Cons(*t, list));
    }
    fb.term(B0, Terminator::Call { callee: local("id", 1), args: vec![list], cont: bc(b1, &[flag, int]) });
    fb.op(b1, bif("display", &[p1[0]]));
    let bt = fb.op(b1, Op::BoolToTerm(p1[1]));
    fb.op(b1, bif("display", &[bt]));
    fb.op(b1, bif("display", &[p1[2]]));
    let ok = fb.op(b1, atom("ok"));
    fb.term(b1, Terminator::Return(ok));

    let mut id = Fb::named("id", 1, false);
    let x = id.param(0);
    id.term(B0, Terminator::Return(x));
    check(
        "tests",
        &[module("m", vec![fb.finish(), id.finish()])],
        &[],
        "[true,false,true,true,true,true,false,true,false,true,false,true,false]\ntrue\n-7\n",
        0,
    );
}

/// Small-integer fast paths fall back to the BIF on overflow.
#[test]
fn arithmetic_overflow_falls_back() {
    let main = main_displaying(|fb| {
        let max = fb.op(B0, small(kiln_runtime::abi::tag::SMALL_MAX));
        let one = fb.op(B0, small(1));
        let s = fb
            .op(B0, Op::Bif { module: "erlang".into(), name: "+".into(), args: vec![max, one], guard: true, line: 0 });
        let failed = fb.op(B0, Op::IsNonValue(s));
        (B0, fb.op(B0, Op::BoolToTerm(failed)))
    });
    // The mock's BIF has no bignums: it fails, and the guard BIF returns
    // the non-value instead of raising. The real one makes a bignum.
    check_both("overflow", &[module("m", vec![main])], &[], "true\n", "false\n", 0);
}
