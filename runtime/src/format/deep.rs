//! Printing deeply nested terms without overflowing the native stack.
//!
//! The printers recurse once per level of nesting, like OTP's (whose
//! recursion lives on the Erlang heap). A scheduler thread's stack holds a
//! few hundred levels comfortably but not a list nested 100 000 deep. So
//! each recursive step [`enter`]s a level; past [`LIMIT`] levels it gives
//! up, and [`on_big_stack`] reruns the whole print on a thread with a large
//! stack, where there is no limit. (The terms are only read, and the calling
//! process waits for the result, so nothing moves them meanwhile.) Targets
//! without threads (wasm32) simply recurse.

use std::cell::Cell;

/// Levels of nesting printed on the caller's own stack.
pub const LIMIT: u32 = 400;

/// Stack size of the thread that prints deeper terms.
const BIG_STACK: usize = 1 << 30;

thread_local! {
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    static TOO_DEEP: Cell<bool> = const { Cell::new(false) };
    static UNLIMITED: Cell<bool> = const { Cell::new(cfg!(target_family = "wasm")) };
}

/// One level of nesting entered; left when dropped.
pub struct Level(());

impl Drop for Level {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

/// Enters a level of nesting; `None` when the limit is reached (the caller
/// returns at once, and the print is redone on a big stack).
pub fn enter() -> Option<Level> {
    let depth = DEPTH.with(|d| {
        let v = d.get() + 1;
        d.set(v);
        v
    });
    if depth > LIMIT && !UNLIMITED.with(Cell::get) {
        DEPTH.with(|d| d.set(d.get() - 1));
        TOO_DEEP.with(|t| t.set(true));
        return None;
    }
    Some(Level(()))
}

/// Runs a print; if it went too deep, runs it again on a thread with a big
/// stack and returns that result.
pub fn on_big_stack<R: Send>(print: impl Fn() -> R + Send + Sync) -> R {
    let outer = TOO_DEEP.with(|t| t.replace(false));
    let r = print();
    let deep = TOO_DEEP.with(|t| t.replace(outer));
    if !deep {
        return r;
    }
    let spawned = std::thread::scope(|s| {
        std::thread::Builder::new()
            .stack_size(BIG_STACK)
            .spawn_scoped(s, || {
                UNLIMITED.with(|u| u.set(true));
                print()
            })
            .ok()
            .and_then(|h| h.join().ok())
    });
    match spawned {
        Some(r) => r,
        None => {
            // No thread could be made: recurse here, whatever the depth.
            drop(r);
            let before = UNLIMITED.with(|u| u.replace(true));
            let r = print();
            UNLIMITED.with(|u| u.set(before));
            r
        }
    }
}
