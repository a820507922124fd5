//! Per-process tables of host objects a guest refers to by number (configs,
//! modules, errors, sockets, ...), as lunatic's ABI does.

use std::collections::HashMap;

/// Objects of one kind, each under a number that is never reused within the
/// table (a stale number finds nothing rather than someone else's object).
#[derive(Debug)]
pub struct Resources<T> {
    items: HashMap<u64, T>,
    next: u64,
}

impl<T> Default for Resources<T> {
    fn default() -> Self {
        Resources { items: HashMap::new(), next: 0 }
    }
}

impl<T> Resources<T> {
    /// Stores `item`; returns its number.
    pub fn add(&mut self, item: T) -> u64 {
        let id = self.next;
        self.next += 1;
        self.items.insert(id, item);
        id
    }

    pub fn get(&self, id: u64) -> Option<&T> {
        self.items.get(&id)
    }

    pub fn get_mut(&mut self, id: u64) -> Option<&mut T> {
        self.items.get_mut(&id)
    }

    pub fn remove(&mut self, id: u64) -> Option<T> {
        self.items.remove(&id)
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_not_reused() {
        let mut r = Resources::default();
        let a = r.add("a");
        assert_eq!(r.remove(a), Some("a"));
        let b = r.add("b");
        assert_ne!(a, b);
        assert_eq!(r.get(a), None);
        assert_eq!(r.get(b), Some(&"b"));
    }
}
