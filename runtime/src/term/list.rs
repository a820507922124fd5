//! Walking lists: iteration, length, and extracting character data.

use super::{view, Term, TermView};
use crate::abi::tag;

/// Iterates over a list's elements. Yields `Ok(element)` for each cons
/// cell; if the list is improper, the last item is `Err(tail)` (the
/// non-list tail). A term that is not a list at all yields `Err(term)`.
pub struct ListIter {
    rest: Term,
    done: bool,
}

impl ListIter {
    /// The part of the list not yet visited.
    pub fn rest(&self) -> Term {
        self.rest
    }
}

impl Iterator for ListIter {
    type Item = Result<Term, Term>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match view(self.rest) {
            TermView::Cons(h, t) => {
                self.rest = t;
                Some(Ok(h))
            }
            TermView::Nil => {
                self.done = true;
                None
            }
            _ => {
                self.done = true;
                Some(Err(self.rest))
            }
        }
    }
}

/// Iterates over the list `t` (see [`ListIter`]).
pub fn list_iter(t: Term) -> ListIter {
    ListIter { rest: t, done: false }
}

/// The elements of a proper list, or `None` when `t` is not one.
pub fn list_to_vec(t: Term) -> Option<Vec<Term>> {
    list_iter(t).collect::<Result<Vec<_>, _>>().ok()
}

/// The length of a proper list, or `None` when `t` is not one.
pub fn list_length(t: Term) -> Option<usize> {
    let mut n = 0usize;
    for item in list_iter(t) {
        item.ok()?;
        n += 1;
    }
    Some(n)
}

/// Whether `t` is a proper list (`[]` included).
pub fn is_proper_list(t: Term) -> bool {
    list_length(t).is_some()
}

/// The character code of `t` if it is a small integer in the Unicode range
/// (surrogates excluded).
pub fn char_code(t: Term) -> Option<char> {
    if !tag::is_small(t) {
        return None;
    }
    let v = tag::small_value(t);
    u32::try_from(v).ok().and_then(char::from_u32)
}

/// The string of a proper list of Unicode code points, or `None`.
pub fn list_to_string(t: Term) -> Option<String> {
    let mut s = String::new();
    for item in list_iter(t) {
        s.push(char_code(item.ok()?)?);
    }
    Some(s)
}

/// The bytes of a proper list of latin-1 characters (0..=255), or `None`.
pub fn list_to_bytes(t: Term) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    for item in list_iter(t) {
        let c = item.ok()?;
        if !tag::is_small(c) {
            return None;
        }
        out.push(u8::try_from(tag::small_value(c)).ok()?);
    }
    Some(out)
}
