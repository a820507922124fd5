//! The `ets` BIFs (and `erlang:match_spec_test/3`): entry points only; the
//! tables, match specifications and their semantics are in `crate::ets`.
//!
//! `ets:all/0` is a BIF here (in OTP it collects answers from every
//! scheduler through `internal_request_all/0`, which kiln does not need).

use crate::abi::{tag, ProcessHeader, Term};
use crate::ets::{compiled, info, ops, replace, select, update};
use crate::term::{bif_return, Error};

macro_rules! ets_bifs {
    ($( $(#[$doc:meta])* $sym:ident ( $($arg:ident),* ) => $body:expr ;)*) => {$(
        $(#[$doc])*
        #[no_mangle]
        pub extern "C" fn $sym(p: *mut ProcessHeader $(, $arg: Term)*) -> Term {
            bif_return(p, |proc| ($body)(proc $(, $arg)*))
        }
    )*};
}

ets_bifs! {
    /// `ets:all/0`.
    kiln_bif_ets_all() => ops::all;
    /// `ets:new/2`.
    kiln_bif_ets_new(name, opts) => ops::new;
    /// `ets:delete/1`.
    kiln_bif_ets_delete(t) => ops::delete;
    /// `ets:delete/2`.
    kiln_bif_ets_delete_2(t, key) => ops::delete_key;
    /// `ets:delete_object/2`.
    kiln_bif_ets_delete_object(t, obj) => ops::delete_object;
    /// `ets:insert/2`.
    kiln_bif_ets_insert(t, objs) => |proc, t, objs| ops::insert(proc, t, objs, false);
    /// `ets:insert_new/2`.
    kiln_bif_ets_insert_new(t, objs) => |proc, t, objs| ops::insert(proc, t, objs, true);
    /// `ets:lookup/2`.
    kiln_bif_ets_lookup(t, key) => ops::lookup;
    /// `ets:lookup_element/3`.
    kiln_bif_ets_lookup_element(t, key, pos) => ops::lookup_element;
    /// `ets:member/2`.
    kiln_bif_ets_member(t, key) => ops::member;
    /// `ets:take/2`.
    kiln_bif_ets_take(t, key) => ops::take;
    /// `ets:update_counter/3`.
    kiln_bif_ets_update_counter(t, key, op) => |proc, t, key, op| update::update_counter(proc, t, key, op, tag::NON_VALUE);
    /// `ets:update_counter/4`.
    kiln_bif_ets_update_counter_4(t, key, op, default) => update::update_counter;
    /// `ets:update_element/3`.
    kiln_bif_ets_update_element(t, key, changes) => update::update_element;
    /// `ets:first/1`.
    kiln_bif_ets_first(t) => |proc, t| ops::first(proc, t, false);
    /// `ets:last/1`.
    kiln_bif_ets_last(t) => |proc, t| ops::first(proc, t, true);
    /// `ets:next/2`.
    kiln_bif_ets_next(t, key) => |proc, t, key| ops::next(proc, t, key, false);
    /// `ets:prev/2`.
    kiln_bif_ets_prev(t, key) => |proc, t, key| ops::next(proc, t, key, true);
    /// `ets:slot/2`.
    kiln_bif_ets_slot(t, i) => ops::slot;
    /// `ets:rename/2`.
    kiln_bif_ets_rename(t, name) => ops::rename;
    /// `ets:whereis/1`.
    kiln_bif_ets_whereis(name) => ops::whereis;
    /// `ets:give_away/3`.
    kiln_bif_ets_give_away(t, pid, gift) => ops::give_away;
    /// `ets:setopts/2`.
    kiln_bif_ets_setopts(t, opts) => ops::setopts;
    /// `ets:safe_fixtable/2`.
    kiln_bif_ets_safe_fixtable(t, fix) => ops::safe_fixtable;
    /// `ets:internal_delete_all/2`.
    kiln_bif_ets_internal_delete_all(t, from) => ops::internal_delete_all;
    /// `ets:info/1`.
    kiln_bif_ets_info(t) => info::info;
    /// `ets:info/2`.
    kiln_bif_ets_info_2(t, what) => info::info_item;
    /// `ets:select/2`.
    kiln_bif_ets_select_2(t, ms) => |proc, t, ms| select::select_all(proc, t, ms, false);
    /// `ets:select_reverse/2`.
    kiln_bif_ets_select_reverse_2(t, ms) => |proc, t, ms| select::select_all(proc, t, ms, true);
    /// `ets:select/3`.
    kiln_bif_ets_select_3(t, ms, n) => |proc, t, ms, n| select::select_chunk(proc, t, ms, n, false);
    /// `ets:select_reverse/3`.
    kiln_bif_ets_select_reverse_3(t, ms, n) => |proc, t, ms, n| select::select_chunk(proc, t, ms, n, true);
    /// `ets:select/1`, `select_reverse/1`, `match/1` and `match_object/1`.
    kiln_bif_ets_select_1(cont) => select::select_continue;
    /// `ets:match/2`.
    kiln_bif_ets_match_2(t, pattern) => |proc: &mut crate::process::Process, t, pattern| {
        let ms = select::pattern_ms(proc, pattern, "$$");
        select::select_all(proc, t, ms, false)
    };
    /// `ets:match/3`.
    kiln_bif_ets_match_3(t, pattern, n) => |proc: &mut crate::process::Process, t, pattern, n| {
        let ms = select::pattern_ms(proc, pattern, "$$");
        select::select_chunk(proc, t, ms, n, false)
    };
    /// `ets:match_object/2`.
    kiln_bif_ets_match_object_2(t, pattern) => |proc: &mut crate::process::Process, t, pattern| {
        let ms = select::pattern_ms(proc, pattern, "$_");
        select::select_all(proc, t, ms, false)
    };
    /// `ets:match_object/3`.
    kiln_bif_ets_match_object_3(t, pattern, n) => |proc: &mut crate::process::Process, t, pattern, n| {
        let ms = select::pattern_ms(proc, pattern, "$_");
        select::select_chunk(proc, t, ms, n, false)
    };
    /// `ets:select_count/2`.
    kiln_bif_ets_select_count(t, ms) => select::select_count;
    /// `ets:internal_select_delete/2`.
    kiln_bif_ets_internal_select_delete(t, ms) => select::select_delete;
    /// `ets:select_replace/2`.
    kiln_bif_ets_select_replace(t, ms) => replace::select_replace;
    /// `ets:match_spec_compile/1`.
    kiln_bif_ets_match_spec_compile(ms) => compiled::match_spec_compile;
    /// `ets:is_compiled_ms/1`.
    kiln_bif_ets_is_compiled_ms(t) => |_proc, t| Ok::<Term, Error>(compiled::is_compiled_ms(t));
    /// `ets:match_spec_run_r/3`.
    kiln_bif_ets_match_spec_run_r(list, ms, acc) => compiled::match_spec_run_r;
}

/// `erlang:match_spec_test/3` (`ets:test_ms/2` calls it): raises `badarg`
/// for an unknown type and `notsup` for the `trace` dialect.
#[no_mangle]
#[allow(clippy::not_unsafe_ptr_arg_deref)]
pub extern "C" fn kiln_bif_match_spec_test(p: *mut ProcessHeader, t: Term, ms: Term, kind: Term) -> Term {
    // SAFETY: BIF entry points are only called with the running process's
    // header (see `bif_table`).
    let proc = unsafe { crate::term::process(p) };
    match compiled::match_spec_test(proc, t, ms, kind) {
        Ok(r) => r,
        Err(reason) => proc.raise_error(reason),
    }
}
