//! The SSA text form (`kiln build --emit ssa`), used by snapshot tests.

use super::*;
use std::fmt::Write;

/// Renders a module as text, one function after another.
pub fn module_to_text(m: &Module) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "module {}", m.name);
    for (i, lit) in m.literals.iter().enumerate() {
        let _ = writeln!(out, "literal {i} = {}", literal_text(lit));
    }
    for (i, l) in m.lambdas.iter().enumerate() {
        let _ = writeln!(out, "lambda {i} {} arity {} free {} -> fn {}", l.name, l.arity, l.num_free, l.function);
    }
    for f in &m.functions {
        out.push('\n');
        function_text(&mut out, f);
    }
    out
}

fn literal_text(l: &Literal) -> String {
    match l {
        Literal::Integer(i) => i.clone(),
        Literal::Float(f) => format!("{f:?}"),
        Literal::Atom(a) => format!("'{a}'"),
        Literal::Nil => "[]".into(),
        Literal::Cons(h, t) => format!("[{} | {}]", literal_text(h), literal_text(t)),
        Literal::Tuple(es) => format!("{{{}}}", es.iter().map(literal_text).collect::<Vec<_>>().join(", ")),
        Literal::String(s) => format!("{:?}", s.iter().map(|c| char::from_u32(*c).unwrap_or('?')).collect::<String>()),
        Literal::Export(m, f, a) => format!("fun '{m}':'{f}'/{a}"),
        Literal::Binary(b) => format!("<<{}>>", b.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(",")),
        Literal::Map(pairs) => {
            format!(
                "#{{{}}}",
                pairs
                    .iter()
                    .map(|(k, v)| format!("{} => {}", literal_text(k), literal_text(v)))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    }
}

fn vals(vs: &[Value]) -> String {
    vs.iter().map(|v| format!("{v:?}")).collect::<Vec<_>>().join(", ")
}

fn block_call(b: &BlockCall) -> String {
    format!("{:?}({})", b.block, vals(&b.args))
}

fn callee_text(c: &Callee) -> String {
    match c {
        Callee::Local { name, arity } => format!("{name}/{arity}"),
        Callee::Remote { module, name, arity } => format!("{module}:{name}/{arity}"),
        Callee::Dynamic { module, name } => format!("{module:?}:{name:?}"),
        Callee::Fun(f) => format!("fun {f:?}"),
        Callee::ApplyList { module: Some(m), fun, args } => format!("apply {m:?}:{fun:?}({args:?})"),
        Callee::ApplyList { module: None, fun, args } => format!("apply {fun:?}({args:?})"),
    }
}

fn function_text(out: &mut String, f: &Function) {
    let kind = match &f.kind {
        FunctionKind::Named { exported: true } => "export fn".to_string(),
        FunctionKind::Named { exported: false } => "fn".to_string(),
        FunctionKind::Lambda { index } => format!("lambda#{index} fn"),
    };
    let _ = writeln!(out, "{kind} '{}'/{} {{", f.name, f.arity);
    for (i, b) in f.blocks.iter().enumerate() {
        let kind = match b.kind {
            BlockKind::Normal => "",
            BlockKind::Continuation => " continuation",
            BlockKind::TryHandler => " try_handler",
            BlockKind::CatchHandler => " catch_handler",
        };
        let params = b.params.iter().map(|p| format!("{p:?}: {}", type_text(f.ty(*p)))).collect::<Vec<_>>().join(", ");
        let _ = writeln!(out, "b{i}({params}){kind}:");
        for inst in &b.insts {
            let lhs = if inst.results.is_empty() { String::new() } else { format!("{} = ", vals(&inst.results)) };
            let _ = writeln!(out, "    {lhs}{}", op_text(&inst.op));
        }
        let _ = writeln!(out, "    {}{}", term_text(&b.term), at(b.line));
    }
    let _ = writeln!(out, "}}");
}

/// ` @Line` after a call, BIF or raise with a known source line.
fn at(line: u32) -> String {
    if line == 0 {
        String::new()
    } else {
        format!(" @{line}")
    }
}

fn type_text(t: Type) -> &'static str {
    match t {
        Type::Term => "term",
        Type::Bool => "bool",
        Type::Int => "int",
    }
}

fn op_text(op: &Op) -> String {
    match op {
        Op::Const(Const::Small(i)) => format!("const {i}"),
        Op::Const(Const::Atom(a)) => format!("const '{a}'"),
        Op::Const(Const::Nil) => "const []".into(),
        Op::Const(Const::Int(i)) => format!("const int {i}"),
        Op::Const(Const::Bool(b)) => format!("const bool {b}"),
        Op::Literal(i) => format!("literal {i}"),
        Op::TestHeap { need, live } => format!("test_heap {need} [{}]", vals(live)),
        Op::Cons(h, t) => format!("cons {h:?}, {t:?}"),
        Op::Tuple(es) => format!("tuple {{{}}}", vals(es)),
        Op::MakeFun { lambda, free } => format!("make_fun #{lambda} [{}]", vals(free)),
        Op::FunFree { fun, index } => format!("fun_free {fun:?}, {index}"),
        Op::Hd(v) => format!("hd {v:?}"),
        Op::Tl(v) => format!("tl {v:?}"),
        Op::Element { tuple, index } => format!("element {tuple:?}, {index}"),
        Op::IsSmall(v) => format!("is_small {v:?}"),
        Op::IsAtom(v) => format!("is_atom {v:?}"),
        Op::IsNil(v) => format!("is_nil {v:?}"),
        Op::IsCons(v) => format!("is_cons {v:?}"),
        Op::IsList(v) => format!("is_list {v:?}"),
        Op::IsTuple(v) => format!("is_tuple {v:?}"),
        Op::IsTupleArity { value, arity } => format!("is_tuple_arity {value:?}, {arity}"),
        Op::WordEq(a, b) => format!("word_eq {a:?}, {b:?}"),
        Op::ExactEq(a, b) => format!("exact_eq {a:?}, {b:?}"),
        Op::IsNonValue(v) => format!("is_non_value {v:?}"),
        Op::Not(v) => format!("not {v:?}"),
        Op::BoolToTerm(v) => format!("bool_to_term {v:?}"),
        Op::IsTrue(v) => format!("is_true {v:?}"),
        Op::Bif { module, name, args, guard, line } => {
            // A guard BIF never raises: its line does not matter.
            let line = if *guard { 0 } else { *line };
            format!("{}bif {module}:'{name}'({}){}", if *guard { "guard_" } else { "" }, vals(args), at(line))
        }
        Op::RecvPeek => "recv_peek".into(),
        Op::RecvNext => "recv_next".into(),
        Op::RecvAccept => "recv_accept".into(),
        Op::RecvTimer(v) => format!("recv_timer {v:?}"),
        Op::RecvTimedOut => "recv_timed_out".into(),
        Op::ExcClass => "exc_class".into(),
        Op::ExcReason => "exc_reason".into(),
        Op::ExcTrace => "exc_trace".into(),
        Op::CatchValue => "catch_value".into(),
        Op::PopHandler { handler } => format!("pop_handler {handler:?}"),
    }
}

fn term_text(t: &Terminator) -> String {
    match t {
        Terminator::Jump(b) => format!("jump {}", block_call(b)),
        Terminator::Branch { cond, then, otherwise } => {
            format!("br {cond:?}, {}, {}", block_call(then), block_call(otherwise))
        }
        Terminator::Return(v) => format!("return {v:?}"),
        Terminator::TailCall { callee, args } => format!("tail_call {}({})", callee_text(callee), vals(args)),
        Terminator::Call { callee, args, cont } => {
            format!("call {}({}) -> {}", callee_text(callee), vals(args), block_call(cont))
        }
        Terminator::Raise { class, reason } => format!("raise {class:?}, {reason:?}"),
        Terminator::Reraise { class, reason, trace } => format!("reraise {class:?}, {reason:?}, {trace:?}"),
        Terminator::PushHandler { handler, body } => {
            format!("push_handler {} then {}", block_call(handler), block_call(body))
        }
        Terminator::Wait { resume } => format!("wait -> {}", block_call(resume)),
        Terminator::Unreachable => "unreachable".into(),
    }
}
