//! Unit tests of storage and match specifications (no process needed for
//! most: terms are built on a test process heap).

use super::hash_store::{HashKind, HashStore};
use super::ms_compile::MatchSpec;
use super::scratch::Scratch;
use super::stored::Stored;
use super::tree_store::TreeStore;
use crate::abi::{tag, Term};
use crate::compare::exact_eq;
use crate::process::Process;
use crate::term::make_float;

fn atom(s: &str) -> Term {
    crate::atom::intern(s)
}

/// Runs `ms` on `obj`; the result is copied to `p` (scratch memory goes
/// away with the run).
fn run(p: &mut Process, ms: Term, obj: Term) -> Option<Term> {
    let spec = MatchSpec::compile(ms).expect("compiles");
    let mut h = Scratch::default();
    let mut vars = Vec::new();
    spec.run(obj, tag::pid(1), &mut h, &mut vars).map(|r| crate::copy::copy_to_process(p, r))
}

#[test]
fn set_replaces_and_bag_keeps_distinct_objects() {
    let mut p = Process::new(0);
    let mut set = HashStore::new(HashKind::Set, 1);
    let mut bag = HashStore::new(HashKind::Bag, 1);
    let mut dup = HashStore::new(HashKind::DuplicateBag, 1);
    for v in [1, 2, 1] {
        let o = p.tuple(&[atom("k"), tag::small(v)]);
        set.insert(Stored::copy_of(o));
        bag.insert(Stored::copy_of(o));
        dup.insert(Stored::copy_of(o));
    }
    assert_eq!((set.len(), bag.len(), dup.len()), (1, 2, 3));
    assert_eq!(set.lookup(atom("k"))[0].element(2), Some(tag::small(1)));
    let one = p.tuple(&[atom("k"), tag::small(1)]);
    assert_eq!(dup.delete_object(one), 2);
    assert_eq!(bag.delete_object(one), 1);
    // The group is re-keyed under its remaining object.
    assert_eq!(bag.lookup(atom("k")).len(), 1);
    assert_eq!(bag.first(), Some(atom("k")));
}

#[test]
fn hash_keys_are_exact_and_tree_keys_are_equal() {
    let mut p = Process::new(0);
    let f = make_float(&mut *p, 1.0);
    let mut set = HashStore::new(HashKind::Set, 1);
    let mut tree = TreeStore::new(1);
    let a = p.tuple(&[tag::small(1), atom("int")]);
    let b = p.tuple(&[f, atom("float")]);
    for o in [a, b] {
        set.insert(Stored::copy_of(o));
        tree.insert(Stored::copy_of(o));
    }
    assert_eq!(set.len(), 2);
    assert_eq!(tree.len(), 1);
    assert!(exact_eq(tree.lookup(tag::small(1)).unwrap().term(), b));
    assert_eq!(tree.next(tag::small(0)).map(|k| exact_eq(k, f)), Some(true));
    assert_eq!(tree.prev(tag::small(0)), None);
}

#[test]
fn traversal_visits_every_key_once_in_hash_order() {
    let mut p = Process::new(0);
    let mut set = HashStore::new(HashKind::Set, 1);
    for i in 0..100 {
        let o = p.tuple(&[tag::small(i)]);
        set.insert(Stored::copy_of(o));
    }
    let mut seen = Vec::new();
    let mut k = set.first();
    while let Some(key) = k {
        seen.push(tag::small_value(key));
        k = set.next(key);
    }
    seen.sort_unstable();
    assert_eq!(seen, (0..100).collect::<Vec<_>>());
    assert_eq!(set.slot(100).err(), Some(100));
}

#[test]
fn match_spec_heads_guards_and_bodies() {
    let mut p = Process::new(0);
    let obj = p.tuple(&[atom("a"), tag::small(5), tag::small(7)]);
    // [{{'$1','$2','$3'}, [{'<','$2','$3'}], [{{'$3','$1'}}]}]
    let lt = p.tuple(&[atom("<"), atom("$2"), atom("$3")]);
    let guards = p.list(&[lt]);
    let inner = p.tuple(&[atom("$3"), atom("$1")]);
    let built = p.tuple(&[inner]);
    let body = p.list(&[built]);
    let head = p.tuple(&[atom("$1"), atom("$2"), atom("$3")]);
    let clause = p.tuple(&[head, guards, body]);
    let ms = p.list(&[clause]);
    let r = run(&mut p, ms, obj).expect("matches");
    let want = p.tuple(&[tag::small(7), atom("a")]);
    assert!(exact_eq(r, want));
    // A repeated variable must match equal terms.
    let head2 = p.tuple(&[atom("_"), atom("$1"), atom("$1")]);
    let all = p.list(&[atom("$$")]);
    let clause2 = p.tuple(&[head2, tag::NIL, all]);
    let ms2 = p.list(&[clause2]);
    assert_eq!(run(&mut p, ms2, obj), None);
}

#[test]
fn body_failures_are_exit_and_guard_failures_reject() {
    let mut p = Process::new(0);
    let obj = p.tuple(&[tag::small(1)]);
    let head = p.tuple(&[atom("$1")]);
    let bad = p.tuple(&[atom("+"), atom("$1"), atom("x")]);
    let body = p.list(&[bad]);
    let clause = p.tuple(&[head, tag::NIL, body]);
    let ms = p.list(&[clause]);
    assert_eq!(run(&mut p, ms, obj), Some(crate::atom::known::EXIT_TAG));
    let guards = p.list(&[bad]);
    let ok = p.list(&[atom("ok")]);
    let clause = p.tuple(&[head, guards, ok]);
    let ms = p.list(&[clause]);
    assert_eq!(run(&mut p, ms, obj), None);
}

#[test]
fn compile_errors_have_otp_texts() {
    let mut p = Process::new(0);
    let head = p.tuple(&[atom("$1")]);
    let body = p.list(&[atom("$2"), atom("$3")]);
    let clause = p.tuple(&[head, tag::NIL, body]);
    let ms = p.list(&[clause]);
    let errors = MatchSpec::compile(ms).err().expect("fails");
    assert_eq!(errors, vec!["Variable $2 is unbound.", "Variable $3 is unbound."]);
    let call = p.tuple(&[atom("foo"), atom("$1")]);
    let body = p.list(&[call]);
    let clause = p.tuple(&[head, tag::NIL, body]);
    let ms = p.list(&[clause]);
    assert_eq!(MatchSpec::compile(ms).err().unwrap(), vec!["Function foo/1 does_not_exist."]);
    let clause = p.tuple(&[head, tag::NIL, tag::NIL]);
    let ms = p.list(&[clause]);
    assert_eq!(MatchSpec::compile(ms).err().unwrap(), vec!["Body clause does not return anything."]);
    assert_eq!(MatchSpec::compile(atom("x")).err().unwrap(), vec!["Match programs are not in a list."]);
}

#[test]
fn variables_are_dollar_numbers_without_leading_zeros() {
    use super::ms_compile::variable;
    assert_eq!(variable(atom("$0")), Some(0));
    assert_eq!(variable(atom("$17")), Some(17));
    assert_eq!(variable(atom("$01")), None);
    assert_eq!(variable(atom("$_")), None);
    assert_eq!(variable(atom("$")), None);
}

#[test]
fn stored_counters_update_in_place() {
    let mut p = Process::new(0);
    let o = p.tuple(&[atom("c"), tag::small(1)]);
    let mut s = Stored::copy_of(o);
    assert!(s.set_element(2, tag::small(2)));
    assert_eq!(s.element(2), Some(tag::small(2)));
    assert!(!s.set_element(3, tag::small(2)));
}
