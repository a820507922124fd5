//! A module's call graph, function by function: what linking needs to know
//! which library modules a program can reach (see [`super::reach`]).
//!
//! Per function: the local functions and lambdas it refers to, the remote
//! functions it calls (`m:f(...)`, `fun m:f/a`), the function names of its
//! dynamic calls (`M:f(...)`, `apply(M, f, Args)`), and the atoms it
//! mentions (any of which may name a module or a function used
//! dynamically). Summaries are small text, cached next to the objects.

use kiln_ir::ssa::{self, Callee, Const, Literal, Op, Terminator};
use std::collections::{BTreeSet, HashMap};

/// A `module:function/arity`.
pub type Mfa = (String, String, u32);

/// [`Function::dynamic`] arity meaning "any" (`apply(M, f, Args)`).
pub const ANY_ARITY: u32 = u32::MAX;

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Summary {
    pub functions: Vec<Function>,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Function {
    pub name: String,
    pub arity: u32,
    pub exported: bool,
    pub locals: BTreeSet<(String, u32)>,
    pub remote: BTreeSet<Mfa>,
    /// Function names (with arity, or [`ANY_ARITY`]) of dynamic calls.
    pub dynamic: BTreeSet<(String, u32)>,
    pub mentions: BTreeSet<String>,
}

impl Summary {
    /// The exported functions.
    pub fn exports<'a>(&'a self, module: &'a str) -> impl Iterator<Item = Mfa> + 'a {
        self.functions.iter().filter(|f| f.exported).map(move |f| (module.to_string(), f.name.clone(), f.arity))
    }

    /// Every remote function any of its functions calls.
    pub fn calls(&self) -> BTreeSet<Mfa> {
        self.functions.iter().flat_map(|f| f.remote.iter().cloned()).collect()
    }
}

/// The summary of a lowered module.
pub fn of(m: &ssa::Module) -> Summary {
    let functions = m.functions.iter().map(|f| function(m, f)).collect();
    Summary { functions }
}

fn function(m: &ssa::Module, f: &ssa::Function) -> Function {
    let mut out = Function {
        name: f.name.clone(),
        arity: f.arity,
        exported: matches!(f.kind, ssa::FunctionKind::Named { exported: true }),
        ..Default::default()
    };
    let mut atoms: HashMap<ssa::Value, &str> = HashMap::new();
    for b in &f.blocks {
        for i in &b.insts {
            match &i.op {
                Op::Const(Const::Atom(a)) => {
                    if let Some(v) = i.results.first() {
                        atoms.insert(*v, a);
                    }
                    out.mentions.insert(a.clone());
                }
                Op::Literal(n) => {
                    if let Some(lit) = m.literals.get(*n as usize) {
                        literal(lit, &mut out);
                    }
                }
                Op::MakeFun { lambda, .. } => {
                    if let Some(body) = m.lambdas.get(*lambda as usize).and_then(|l| m.functions.get(l.function)) {
                        out.locals.insert((body.name.clone(), body.arity));
                    }
                }
                _ => {}
            }
        }
    }
    for b in &f.blocks {
        let (Terminator::TailCall { callee, args } | Terminator::Call { callee, args, .. }) = &b.term else { continue };
        match callee {
            Callee::Local { name, arity } => {
                out.locals.insert((name.clone(), *arity));
            }
            Callee::Remote { module, name, arity } => {
                out.remote.insert((module.clone(), name.clone(), *arity));
            }
            Callee::Dynamic { name, .. } => {
                if let Some(n) = atoms.get(name) {
                    out.dynamic.insert((n.to_string(), args.len() as u32));
                }
            }
            Callee::ApplyList { module: Some(_), fun, .. } => {
                if let Some(n) = atoms.get(fun) {
                    out.dynamic.insert((n.to_string(), ANY_ARITY));
                }
            }
            Callee::ApplyList { module: None, .. } | Callee::Fun(_) => {}
        }
    }
    out
}

fn literal(lit: &Literal, out: &mut Function) {
    match lit {
        Literal::Atom(a) => {
            out.mentions.insert(a.clone());
        }
        Literal::Export(m, f, a) => {
            out.remote.insert((m.clone(), f.clone(), *a));
        }
        Literal::Cons(h, t) => {
            literal(h, out);
            literal(t, out);
        }
        Literal::Tuple(es) => es.iter().for_each(|e| literal(e, out)),
        Literal::Map(kvs) => kvs.iter().for_each(|(k, v)| {
            literal(k, out);
            literal(v, out);
        }),
        _ => {}
    }
}

/// The summary as text: a `fn NAME ARITY exported|local` line per
/// function, followed by its `local`, `remote`, `dynamic` and `mention`
/// lines. Names are escaped so every field is one space-free word.
pub fn to_text(s: &Summary) -> String {
    let mut t = String::new();
    for f in &s.functions {
        let vis = if f.exported { "exported" } else { "local" };
        t.push_str(&format!("fn {} {} {vis}\n", escape(&f.name), f.arity));
        for (n, a) in &f.locals {
            t.push_str(&format!("local {} {a}\n", escape(n)));
        }
        for (m, n, a) in &f.remote {
            t.push_str(&format!("remote {} {} {a}\n", escape(m), escape(n)));
        }
        for (n, a) in &f.dynamic {
            let a = if *a == ANY_ARITY { "*".to_string() } else { a.to_string() };
            t.push_str(&format!("dynamic {} {a}\n", escape(n)));
        }
        for atom in &f.mentions {
            t.push_str(&format!("mention {}\n", escape(atom)));
        }
    }
    t
}

/// The inverse of [`to_text`]; `None` if the text is not a summary.
pub fn from_text(text: &str) -> Option<Summary> {
    let mut s = Summary::default();
    for line in text.lines() {
        let words: Vec<&str> = line.split(' ').collect();
        if let ["fn", name, arity, vis] = words[..] {
            let exported = match vis {
                "exported" => true,
                "local" => false,
                _ => return None,
            };
            s.functions.push(Function {
                name: unescape(name),
                arity: arity.parse().ok()?,
                exported,
                ..Default::default()
            });
            continue;
        }
        let f = s.functions.last_mut()?;
        match words[..] {
            ["local", n, a] => {
                f.locals.insert((unescape(n), a.parse().ok()?));
            }
            ["remote", m, n, a] => {
                f.remote.insert((unescape(m), unescape(n), a.parse().ok()?));
            }
            ["dynamic", n, "*"] => {
                f.dynamic.insert((unescape(n), ANY_ARITY));
            }
            ["dynamic", n, a] => {
                f.dynamic.insert((unescape(n), a.parse().ok()?));
            }
            ["mention", atom] => {
                f.mentions.insert(unescape(atom));
            }
            _ => return None,
        }
    }
    Some(s)
}

/// `\\`, `\s` and `\n` for backslash, space and newline.
fn escape(name: &str) -> String {
    name.replace('\\', "\\\\").replace(' ', "\\s").replace('\n', "\\n")
}

fn unescape(word: &str) -> String {
    let mut out = String::new();
    let mut chars = word.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('s') => out.push(' '),
            Some('n') => out.push('\n'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary_of(src: &str) -> Summary {
        let (sources, ast) = kiln_frontend::parse_source("m.erl", src);
        let core = kiln_ir::core::lower::lower_module(&ast.unwrap(), &sources).unwrap();
        of(&kiln_ir::ssa::lower_module(&core).unwrap())
    }

    #[test]
    fn records_calls_funs_dynamic_calls_and_mentions() {
        let s = summary_of(
            "-module(m).\n-export([f/1]).\n\
             f(M) -> g(), lists:reverse([1]), M:init(x), F = fun(X) -> X end, {F, fun io:format/1, 'an atom'}.\n\
             g() -> apply(m, h, []).\n",
        );
        let f = s.functions.iter().find(|f| f.name == "f").unwrap();
        assert!(f.exported);
        assert!(f.locals.contains(&("g".to_string(), 0)));
        assert!(f.locals.iter().any(|(n, _)| n.starts_with("-f/1-fun-")), "{:?}", f.locals);
        assert!(f.remote.contains(&("lists".into(), "reverse".into(), 1)));
        assert!(f.remote.contains(&("io".into(), "format".into(), 1)));
        assert!(f.dynamic.contains(&("init".into(), 1)));
        assert!(f.mentions.contains("an atom"));
        let round_trip = from_text(&to_text(&s)).unwrap();
        assert_eq!(round_trip, s);
    }
}
