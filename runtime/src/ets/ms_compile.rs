//! Compiling match specifications, with OTP's checks and error messages.
//!
//! A match specification `[{Head, Guards, Body}, ...]` becomes a list of
//! [`Clause`]s: the head as a [`Pat`] (bound `'$N'` variables, `'_'`,
//! constants, tuples, lists and maps), guards and body as [`Expr`]s. The
//! rules are those of OTP 25's `erl_db_util.c` in the table dialect:
//! `'$N'` (no leading zero) is a variable, `'_'` matches anything, a
//! variable seen twice must match `=:=` terms; in guards and bodies `'$_'`
//! is the object, `'$$'` the list of this clause's variables in number
//! order, `{const, X}` is `X`, `{{...}}` builds a tuple, `{F, Args...}`
//! calls a function of [`super::ms_funcs`], lists and maps are built from
//! their evaluated elements, anything else is a constant. The body must be
//! a non-empty list. Errors are collected with OTP's texts (for
//! `erlang:match_spec_test/3`); compilation stops after the first clause
//! that has any.
//!
//! Constants are terms of the specification itself, so a compiled
//! specification that outlives the call owns a copy of it
//! ([`MatchSpec::compile_owned`]).

use std::collections::BTreeMap;

use super::ms_funcs::Func;
use super::stored::Stored;
use crate::abi::{tag, Term};
use crate::term::{list_iter, view, TermView};

/// A compiled match specification.
pub struct MatchSpec {
    pub clauses: Vec<Clause>,
    /// Number of distinct variables (slots).
    pub nvars: usize,
    /// The specification the constants point into, when owned.
    _source: Option<Stored>,
}

/// One `{Head, Guards, Body}`.
pub struct Clause {
    pub head: Pat,
    pub guards: Vec<Expr>,
    pub body: Vec<Expr>,
    /// Slots bound by the head, ascending (the order of `'$$'`).
    pub bound: Vec<u32>,
}

/// A head pattern.
#[derive(Debug)]
pub enum Pat {
    Skip,
    /// First occurrence of a variable: binds the slot.
    Bind(u32),
    /// Later occurrence: must be `=:=` to the bound value.
    Cmp(u32),
    /// A ground term (no variables, `'_'` or maps): must be `=:=`.
    Eq(Term),
    Tuple(Vec<Pat>),
    Cons(Box<Pat>, Box<Pat>),
    /// The map must have each key (`=:=`), its value matching.
    Map(Vec<(Term, Pat)>),
}

/// A guard or body expression.
#[derive(Debug)]
pub enum Expr {
    Const(Term),
    Var(u32),
    /// `'$_'`.
    Whole,
    /// `'$$'`.
    AllBindings,
    SelfPid,
    Tuple(Vec<Expr>),
    Cons(Box<Expr>, Box<Expr>),
    Map(Vec<(Expr, Expr)>),
    Call(Func, Vec<Expr>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
    AndAlso(Vec<Expr>),
    OrElse(Vec<Expr>),
}

/// The number of variable `'$N'`, if `t` is one.
pub fn variable(t: Term) -> Option<u32> {
    let name = crate::atom::try_name(t)?;
    let digits = name.strip_prefix('$')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || (digits.len() > 1 && digits.starts_with('0'))
    {
        return None;
    }
    digits.parse::<u32>().ok().filter(|&n| n < i32::MAX as u32)
}

fn atom_is(t: Term, name: &str) -> bool {
    crate::atom::try_name(t) == Some(name)
}

/// Whether `t` is ground: no variable, no `'_'`, no map.
fn is_ground(t: Term) -> bool {
    let mut stack = vec![t];
    while let Some(t) = stack.pop() {
        match view(t) {
            TermView::Atom(a) if atom_is(a, "_") || variable(a).is_some() => return false,
            TermView::Map(_) => return false,
            TermView::Tuple(es) => stack.extend_from_slice(es),
            TermView::Cons(h, tl) => {
                stack.push(h);
                stack.push(tl);
            }
            _ => {}
        }
    }
    true
}

/// OTP's `%T` (the emulator's printer), as in error messages.
fn show(t: Term) -> String {
    String::from_utf8_lossy(&crate::format::display::display(t)).into_owned()
}

/// Compilation state of one specification.
struct Compiler {
    /// Variable number to slot: numbers in ascending order.
    slots: BTreeMap<u32, u32>,
    /// Slots bound in the clause being compiled.
    bound: Vec<bool>,
    errors: Vec<String>,
}

impl Compiler {
    fn error(&mut self, msg: String) {
        // OTP's messages are truncated to DMC_ERR_STR_LEN (100) - 1 bytes.
        let mut msg = msg;
        if msg.len() > 99 {
            let mut end = 99;
            while !msg.is_char_boundary(end) {
                end -= 1;
            }
            msg.truncate(end);
        }
        self.errors.push(msg);
    }

    fn slot(&self, n: u32) -> u32 {
        self.slots[&n]
    }

    /// The head pattern; `Err` for the errors that end compilation at once.
    fn head(&mut self, t: Term) -> Result<Pat, ()> {
        if is_ground(t) {
            return Ok(Pat::Eq(t));
        }
        match view(t) {
            TermView::Atom(a) if atom_is(a, "_") => Ok(Pat::Skip),
            TermView::Atom(a) => {
                let s = self.slot(variable(a).expect("non-ground atoms are variables"));
                let seen = std::mem::replace(&mut self.bound[s as usize], true);
                Ok(if seen { Pat::Cmp(s) } else { Pat::Bind(s) })
            }
            TermView::Tuple(es) => Ok(Pat::Tuple(es.iter().map(|&e| self.head(e)).collect::<Result<_, _>>()?)),
            TermView::Cons(h, tl) => Ok(Pat::Cons(Box::new(self.head(h)?), Box::new(self.head(tl)?))),
            TermView::Map(m) => {
                let mut pairs = Vec::with_capacity(m.len());
                for (k, v) in m.iter() {
                    if variable(k).is_some() {
                        self.error("Variable found in map key.".into());
                        return Err(());
                    }
                    if atom_is(k, "_") {
                        self.error("Underscore found in map key.".into());
                        return Err(());
                    }
                    pairs.push((k, self.head(v)?));
                }
                Ok(Pat::Map(pairs))
            }
            _ => Ok(Pat::Eq(t)),
        }
    }

    /// A guard or body list; `None` when it is not a list (an error was
    /// recorded).
    fn expr_list(&mut self, l: Term) -> Vec<Expr> {
        let mut out = Vec::new();
        if l == tag::NIL {
            return out;
        }
        if !tag::is_list(l) {
            self.error("Match expression is not a list.".into());
            return out;
        }
        for item in list_iter(l) {
            match item {
                Ok(e) => out.push(self.expr(e).0),
                Err(_) => self.error("Match expression is not a proper list.".into()),
            }
        }
        out
    }

    /// An expression, and whether the term is its own value (a literal).
    fn expr(&mut self, t: Term) -> (Expr, bool) {
        match view(t) {
            TermView::Atom(a) => {
                if let Some(n) = variable(a) {
                    return match self.slots.get(&n) {
                        Some(&s) if self.bound[s as usize] => (Expr::Var(s), false),
                        _ => {
                            self.error(format!("Variable ${n} is unbound."));
                            (Expr::Const(t), false)
                        }
                    };
                }
                match crate::atom::name(a) {
                    "$_" => (Expr::Whole, false),
                    "$$" => (Expr::AllBindings, false),
                    _ => (Expr::Const(t), true),
                }
            }
            TermView::Cons(h, tl) => {
                let ((he, hl), (te, tlit)) = (self.expr(h), self.expr(tl));
                if hl && tlit {
                    (Expr::Const(t), true)
                } else {
                    (Expr::Cons(Box::new(he), Box::new(te)), false)
                }
            }
            TermView::Tuple(es) => (self.tuple(t, es), false),
            TermView::Map(m) => {
                let mut all_literal = true;
                let mut pairs = Vec::with_capacity(m.len());
                for (k, v) in m.iter() {
                    let ((ke, kl), (ve, vl)) = (self.expr(k), self.expr(v));
                    all_literal &= kl && vl;
                    pairs.push((ke, ve));
                }
                if all_literal {
                    (Expr::Const(t), true)
                } else {
                    (Expr::Map(pairs), false)
                }
            }
            _ => (Expr::Const(t), true),
        }
    }

    fn tuple(&mut self, t: Term, es: &[Term]) -> Expr {
        match es {
            [inner] if crate::term::tuple_elements(*inner).is_some() => {
                let elems = crate::term::tuple_elements(*inner).expect("checked");
                Expr::Tuple(elems.iter().map(|&e| self.expr(e).0).collect())
            }
            [f, args @ ..] if tag::is_atom(*f) && variable(*f).is_none() => self.call(t, *f, args),
            _ => {
                self.error(format!(
                    "{} is neither a function call, nor a tuple (tuples are written {{{{ ... }}}}).",
                    show(t)
                ));
                Expr::Const(t)
            }
        }
    }

    fn args(&mut self, args: &[Term]) -> Vec<Expr> {
        args.iter().map(|&a| self.expr(a).0).collect()
    }

    fn call(&mut self, t: Term, f: Term, args: &[Term]) -> Expr {
        let name = crate::atom::name(f);
        let form = |s: &mut Compiler, what: &str| {
            s.error(format!("Special form '{name}' called {what} in {}.", show(t)));
            Expr::Const(t)
        };
        match name {
            "const" if args.len() == 1 => Expr::Const(args[0]),
            "const" => form(self, "with more than one argument"),
            "and" | "or" | "andalso" | "andthen" | "orelse" if args.is_empty() => form(self, "without arguments"),
            "and" => Expr::And(self.args(args)),
            "or" => Expr::Or(self.args(args)),
            "andalso" | "andthen" => Expr::AndAlso(self.args(args)),
            "orelse" => Expr::OrElse(self.args(args)),
            "self" if args.is_empty() => Expr::SelfPid,
            "self" => form(self, "with arguments"),
            "message" | "is_seq_trace" | "get_seq_token" | "return_trace" | "exception_trace" | "display"
            | "process_dump" | "enable_trace" | "disable_trace" | "trace" | "caller" | "silent" | "caller_line" => {
                self.error(format!("Special form '{name}' used in wrong dialect."));
                Expr::Const(t)
            }
            "set_seq_token" => {
                self.error("Special form 'set_seq_trace' used in wrong dialect.".into());
                Expr::Const(t)
            }
            _ => match Func::lookup(name, args.len()) {
                Ok(func) => Expr::Call(func, self.args(args)),
                Err(trace_only) => {
                    let what = if trace_only { "cannot be called in this context" } else { "does_not_exist" };
                    self.error(format!("Function {}/{} {what}.", show(f), args.len()));
                    Expr::Const(t)
                }
            },
        }
    }

    /// One `{Head, Guards, Body}` (already split).
    fn clause(&mut self, head: Term, guards: Term, body: Term) -> Option<Clause> {
        self.bound = vec![false; self.slots.len()];
        let head = self.head(head).ok()?;
        let guards = self.expr_list(guards);
        if !tag::is_list(body) {
            self.error("Body clause does not return anything.".into());
            return None;
        }
        let body = self.expr_list(body);
        let bound = (0..self.bound.len() as u32).filter(|&s| self.bound[s as usize]).collect();
        Some(Clause { head, guards, body, bound })
    }
}

/// Collects the variable numbers of `t`.
fn collect_vars(t: Term, out: &mut BTreeMap<u32, u32>) {
    let mut stack = vec![t];
    while let Some(t) = stack.pop() {
        match view(t) {
            TermView::Atom(a) => {
                if let Some(n) = variable(a) {
                    out.insert(n, 0);
                }
            }
            TermView::Tuple(es) => stack.extend_from_slice(es),
            TermView::Cons(h, tl) => {
                stack.push(h);
                stack.push(tl);
            }
            TermView::Map(m) => {
                for (k, v) in m.iter() {
                    stack.push(k);
                    stack.push(v);
                }
            }
            _ => {}
        }
    }
}

/// The clauses of a specification, split; `Err(message)` when it is not a
/// proper list of 3-tuples.
fn split(ms: Term) -> Result<Vec<(Term, Term, Term)>, String> {
    if !tag::is_list(ms) && ms != tag::NIL {
        return Err("Match programs are not in a list.".into());
    }
    let items = crate::term::list_to_vec(ms).ok_or_else(|| "Match programs are not in a proper list.".to_string())?;
    let mut out = Vec::with_capacity(items.len());
    for c in items {
        match crate::term::tuple_elements(c) {
            Some(&[h, g, b]) => out.push((h, g, b)),
            _ => return Err("Match program part is not a tuple of arity 3.".into()),
        }
    }
    Ok(out)
}

impl MatchSpec {
    /// Compiles `ms`, whose terms must stay valid while the result is
    /// used (within one BIF call); the errors, with OTP's texts, otherwise.
    pub fn compile(ms: Term) -> Result<MatchSpec, Vec<String>> {
        let parts = split(ms).map_err(|e| vec![e])?;
        let mut slots = BTreeMap::new();
        for &(h, _, _) in &parts {
            collect_vars(h, &mut slots);
        }
        for (i, v) in slots.values_mut().enumerate() {
            *v = i as u32;
        }
        let mut c = Compiler { slots, bound: Vec::new(), errors: Vec::new() };
        let mut clauses = Vec::with_capacity(parts.len());
        for (h, g, b) in parts {
            match c.clause(h, g, b) {
                Some(cl) if c.errors.is_empty() => clauses.push(cl),
                _ => return Err(c.errors),
            }
        }
        Ok(MatchSpec { clauses, nvars: c.slots.len(), _source: None })
    }

    /// Compiles a copy of `ms` that the result owns, so it may outlive the
    /// call.
    pub fn compile_owned(ms: Term) -> Result<MatchSpec, Vec<String>> {
        let source = Stored::copy_of(ms);
        let mut spec = MatchSpec::compile(source.term())?;
        spec._source = Some(source);
        Ok(spec)
    }

    /// The keys every clause's head binds at `keypos` (to a ground term),
    /// or `None` when some clause may match any key.
    pub fn bound_keys(&self, keypos: usize) -> Option<Vec<Term>> {
        self.clauses
            .iter()
            .map(|c| match &c.head {
                Pat::Tuple(ps) => match ps.get(keypos.checked_sub(1)?) {
                    Some(Pat::Eq(k)) => Some(*k),
                    _ => None,
                },
                Pat::Eq(t) => super::key::key_of(*t, keypos),
                _ => None,
            })
            .collect()
    }
}
