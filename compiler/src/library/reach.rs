//! Which modules a program can reach, function by function.
//!
//! OTP's modules call each other densely: following every static call of
//! every function of `gen_server` reaches distribution, the compiler and
//! the debugger. What a program can run is much less. Starting from all of
//! the program's own functions, a function is reachable when
//! - a reachable function calls it (local, remote, `fun m:f/a`, a lambda);
//! - it is exported, and one reachable function names both its module (an
//!   atom, for a module that may be called by name) and the function (an
//!   atom, or the function of a dynamic call `M:f(...)`):
//!   `proc_lib:spawn_link(gen, init_it, [...])`, `{M, F, A}` child specs,
//!   `apply(lists, reverse, [L])`.
//!
//! A module is linked (whole, from the cache) when one of its functions is
//! reachable, so the rule only has to find modules, not every function
//! used: `GenMod:init_it(...)` in `gen` needs no edge, because whoever
//! passed `gen_server` as `GenMod` called `gen_server` already. Pairing
//! names within one function keeps common atoms (`start`, `user`, `zip`)
//! from pulling in unrelated modules. Code that builds names at run time
//! (`list_to_atom`, names passed between functions) can miss a module: the
//! call then fails with `undef`, as a call to a module that is not there
//! does.

use super::summary::{Summary, ANY_ARITY};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

/// The reachability walk; `load` gives the summary of a module (`None`:
/// no such module, or it does not compile), `by_name` whether a mentioned
/// module may be called by name.
pub struct Walk<L, N> {
    load: L,
    by_name: N,
    modules: HashMap<String, Option<Arc<Summary>>>,
    reached: HashSet<(String, String, u32)>,
    /// (function, what made it reachable).
    work: Vec<(Node, Why)>,
    /// The first reason each module was reached (`KILN_EXPLAIN_LINK`).
    pub why: HashMap<String, String>,
}

type Node = (String, String, u32);
type Why = Arc<str>;

impl<L: FnMut(&str) -> Option<Arc<Summary>>, N: Fn(&str) -> bool> Walk<L, N> {
    pub fn new(load: L, by_name: N) -> Self {
        Walk { load, by_name, modules: HashMap::new(), reached: HashSet::new(), work: Vec::new(), why: HashMap::new() }
    }

    /// Adds a module of the program: all its functions are reachable.
    pub fn root(&mut self, name: &str, summary: Summary) {
        let s = Arc::new(summary);
        let why: Why = Arc::from(format!("{name} is a module of the program"));
        for f in &s.functions {
            self.work.push(((name.to_string(), f.name.clone(), f.arity), why.clone()));
        }
        self.modules.insert(name.to_string(), Some(s));
    }

    /// Adds one library function the runtime itself calls: reachable
    /// whatever the program does.
    pub fn start(&mut self, module: &str, name: &str, arity: u32, why: &str) {
        self.work.push(((module.to_string(), name.to_string(), arity), Arc::from(why)));
    }

    /// Walks to the end; returns the modules with a reachable function,
    /// each with the first reason it was reached and its summary.
    pub fn run(mut self) -> BTreeMap<String, (String, Arc<Summary>)> {
        while let Some((node, why)) = self.work.pop() {
            self.visit(node, why);
        }
        let mut out = BTreeMap::new();
        for (m, _, _) in &self.reached {
            if out.contains_key(m) {
                continue;
            }
            if let Some(Some(s)) = self.modules.get(m) {
                out.insert(m.clone(), (self.why.get(m).cloned().unwrap_or_default(), s.clone()));
            }
        }
        out
    }

    fn summary(&mut self, module: &str) -> Option<Arc<Summary>> {
        if let Some(s) = self.modules.get(module) {
            return s.clone();
        }
        let s = (self.load)(module);
        self.modules.insert(module.to_string(), s.clone());
        s
    }

    fn visit(&mut self, (module, name, arity): Node, why: Why) {
        if self.reached.contains(&(module.clone(), name.clone(), arity)) {
            return;
        }
        let Some(s) = self.summary(&module) else { return };
        let Some(f) = s.functions.iter().find(|f| f.name == name && f.arity == arity) else { return };
        self.reached.insert((module.clone(), name.clone(), arity));
        self.why.entry(module.clone()).or_insert_with(|| format!("{module}:{name}/{arity} ({why})"));
        let here: Why = Arc::from(format!("from {module}:{name}/{arity}"));
        for (n, a) in &f.locals {
            self.work.push(((module.clone(), n.clone(), *a), here.clone()));
        }
        self.work.extend(f.remote.iter().map(|r| (r.clone(), here.clone())));
        // Modules this function names, called through names it holds.
        let named: Vec<&String> = f.mentions.iter().filter(|a| (self.by_name)(a)).collect();
        if !named.is_empty() {
            let names: Vec<(String, u32)> =
                f.mentions.iter().map(|a| (a.clone(), ANY_ARITY)).chain(f.dynamic.iter().cloned()).collect();
            let why: Why = Arc::from(format!("named {here}"));
            for m in named {
                for (n, a) in &names {
                    self.call_by_name(m, n, *a, &why);
                }
            }
        }
    }

    /// Exported `module:name/arity` (any arity for [`ANY_ARITY`]) is reachable.
    fn call_by_name(&mut self, module: &str, name: &str, arity: u32, why: &Why) {
        let Some(s) = self.summary(module) else { return };
        for f in s.functions.iter().filter(|f| f.exported && f.name == name && (arity == ANY_ARITY || f.arity == arity))
        {
            self.work.push(((module.to_string(), f.name.clone(), f.arity), why.clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::summary::Function;
    use std::collections::BTreeSet;

    fn f(name: &str, exported: bool, remote: &[(&str, &str, u32)], mentions: &[&str]) -> Function {
        Function {
            name: name.into(),
            arity: 0,
            exported,
            remote: remote.iter().map(|(m, n, a)| (m.to_string(), n.to_string(), *a)).collect(),
            mentions: mentions.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn follows_calls_and_names_but_not_unreached_functions() {
        let lib: HashMap<&str, Summary> = HashMap::from([
            (
                "a",
                Summary {
                    functions: vec![f("used", true, &[], &["b", "go"]), f("unused", true, &[("c", "x", 0)], &[])],
                },
            ),
            ("b", Summary { functions: vec![f("go", true, &[], &[]), f("other", true, &[("d", "y", 0)], &[])] }),
            ("c", Summary { functions: vec![f("x", true, &[], &[])] }),
            ("d", Summary { functions: vec![f("y", true, &[], &[])] }),
        ]);
        let mut walk = Walk::new(|m: &str| lib.get(m).cloned().map(Arc::new), |_: &str| true);
        walk.root("main", Summary { functions: vec![f("main", true, &[("a", "used", 0)], &[])] });
        let reached: BTreeSet<String> = walk.run().into_keys().collect();
        assert_eq!(reached, BTreeSet::from(["main".to_string(), "a".to_string(), "b".to_string()]));
    }
}
