//! The table of built-in functions (BIFs) implemented in Rust.
//!
//! Each row names an `extern "C" fn(P, T × arity) -> T` in the runtime. A BIF
//! that fails records the exception in the process and returns
//! [`crate::tag::NON_VALUE`]. The code generator calls BIFs directly by
//! `symbol` (and may inline fast paths for small integers); it also emits a
//! uniform-signature wrapper per BIF so `apply/3`, `fun erlang:F/A` and
//! `spawn/3` reach them like any Erlang function.

/// One built-in function.
#[derive(Debug, Clone, Copy)]
pub struct Bif {
    pub module: &'static str,
    pub name: &'static str,
    pub arity: u32,
    /// The runtime symbol implementing it.
    pub symbol: &'static str,
    /// Allowed in guards (a failure makes the guard fail instead of raising).
    pub guard: bool,
    /// Auto-imported: callable without a module prefix (`length(L)`).
    pub auto_import: bool,
}

macro_rules! bifs {
    ($( $module:literal $name:literal / $arity:literal => $symbol:literal $(, $flag:ident)* ;)*) => {
        /// Every BIF the runtime implements.
        pub static BIFS: &[Bif] = &[
            $( Bif {
                module: $module, name: $name, arity: $arity, symbol: $symbol,
                guard: bifs!(@has guard $($flag)*),
                auto_import: bifs!(@has auto $($flag)*),
            }, )*
        ];
    };
    (@has $want:ident) => { false };
    (@has guard guard $($rest:ident)*) => { true };
    (@has auto auto $($rest:ident)*) => { true };
    (@has $want:ident $other:ident $($rest:ident)*) => { bifs!(@has $want $($rest)*) };
}

bifs! {
    // Arithmetic and bitwise operators.
    "erlang" "+"/2 => "kiln_bif_add", guard;
    "erlang" "-"/2 => "kiln_bif_sub", guard;
    "erlang" "*"/2 => "kiln_bif_mul", guard;
    "erlang" "/"/2 => "kiln_bif_fdiv", guard;
    "erlang" "div"/2 => "kiln_bif_div", guard;
    "erlang" "rem"/2 => "kiln_bif_rem", guard;
    "erlang" "band"/2 => "kiln_bif_band", guard;
    "erlang" "bor"/2 => "kiln_bif_bor", guard;
    "erlang" "bxor"/2 => "kiln_bif_bxor", guard;
    "erlang" "bsl"/2 => "kiln_bif_bsl", guard;
    "erlang" "bsr"/2 => "kiln_bif_bsr", guard;
    "erlang" "bnot"/1 => "kiln_bif_bnot", guard;
    "erlang" "-"/1 => "kiln_bif_neg", guard;
    "erlang" "+"/1 => "kiln_bif_plus", guard;
    // Boolean operators (strict).
    "erlang" "not"/1 => "kiln_bif_not", guard;
    "erlang" "and"/2 => "kiln_bif_and", guard;
    "erlang" "or"/2 => "kiln_bif_or", guard;
    "erlang" "xor"/2 => "kiln_bif_xor", guard;
    // Comparisons (full term order).
    "erlang" "=="/2 => "kiln_bif_eq", guard;
    "erlang" "/="/2 => "kiln_bif_ne", guard;
    "erlang" "=<"/2 => "kiln_bif_le", guard;
    "erlang" "<"/2 => "kiln_bif_lt", guard;
    "erlang" ">="/2 => "kiln_bif_ge", guard;
    "erlang" ">"/2 => "kiln_bif_gt", guard;
    "erlang" "=:="/2 => "kiln_bif_exact_eq", guard;
    "erlang" "=/="/2 => "kiln_bif_exact_ne", guard;
    // List operators.
    "erlang" "++"/2 => "kiln_bif_append";
    "erlang" "--"/2 => "kiln_bif_subtract";
    // Type tests.
    "erlang" "is_atom"/1 => "kiln_bif_is_atom", guard, auto;
    "erlang" "is_binary"/1 => "kiln_bif_is_binary", guard, auto;
    "erlang" "is_bitstring"/1 => "kiln_bif_is_bitstring", guard, auto;
    "erlang" "is_boolean"/1 => "kiln_bif_is_boolean", guard, auto;
    "erlang" "is_float"/1 => "kiln_bif_is_float", guard, auto;
    "erlang" "is_function"/1 => "kiln_bif_is_function", guard, auto;
    "erlang" "is_function"/2 => "kiln_bif_is_function_2", guard, auto;
    "erlang" "is_integer"/1 => "kiln_bif_is_integer", guard, auto;
    "erlang" "is_list"/1 => "kiln_bif_is_list", guard, auto;
    "erlang" "is_map"/1 => "kiln_bif_is_map", guard, auto;
    "erlang" "is_number"/1 => "kiln_bif_is_number", guard, auto;
    "erlang" "is_pid"/1 => "kiln_bif_is_pid", guard, auto;
    "erlang" "is_port"/1 => "kiln_bif_is_port", guard, auto;
    "erlang" "is_reference"/1 => "kiln_bif_is_reference", guard, auto;
    "erlang" "is_tuple"/1 => "kiln_bif_is_tuple", guard, auto;
    "erlang" "is_record"/2 => "kiln_bif_is_record_2", guard, auto;
    "erlang" "is_record"/3 => "kiln_bif_is_record_3", guard, auto;
    // Data access.
    "erlang" "abs"/1 => "kiln_bif_abs", guard, auto;
    "erlang" "element"/2 => "kiln_bif_element", guard, auto;
    "erlang" "setelement"/3 => "kiln_bif_setelement", auto;
    "erlang" "tuple_size"/1 => "kiln_bif_tuple_size", guard, auto;
    "erlang" "size"/1 => "kiln_bif_size", guard, auto;
    "erlang" "length"/1 => "kiln_bif_length", guard, auto;
    "erlang" "hd"/1 => "kiln_bif_hd", guard, auto;
    "erlang" "tl"/1 => "kiln_bif_tl", guard, auto;
    // Not guard BIFs before OTP 26.
    "erlang" "max"/2 => "kiln_bif_max", auto;
    "erlang" "min"/2 => "kiln_bif_min", auto;
    // Not auto-imported.
    "erlang" "make_tuple"/2 => "kiln_bif_make_tuple";
    "erlang" "make_tuple"/3 => "kiln_bif_make_tuple_3";
    "erlang" "insert_element"/3 => "kiln_bif_insert_element";
    "erlang" "delete_element"/2 => "kiln_bif_delete_element";
    "erlang" "append_element"/2 => "kiln_bif_append_element";
    // Funs, exceptions, unique values (runtime/src/bifs/funs.rs).
    "erlang" "make_fun"/3 => "kiln_bif_make_fun";
    "erlang" "fun_info"/1 => "kiln_bif_fun_info";
    "erlang" "fun_info"/2 => "kiln_bif_fun_info_2";
    "erlang" "fun_to_list"/1 => "kiln_bif_fun_to_list";
    "erlang" "raise"/3 => "kiln_bif_raise_3";
    "erlang" "unique_integer"/0 => "kiln_bif_unique_integer_0";
    "erlang" "unique_integer"/1 => "kiln_bif_unique_integer";
    "erlang" "tuple_to_list"/1 => "kiln_bif_tuple_to_list", auto;
    "erlang" "list_to_tuple"/1 => "kiln_bif_list_to_tuple", auto;
    // Conversions.
    "erlang" "atom_to_list"/1 => "kiln_bif_atom_to_list", auto;
    "erlang" "list_to_atom"/1 => "kiln_bif_list_to_atom", auto;
    "erlang" "list_to_existing_atom"/1 => "kiln_bif_list_to_existing_atom", auto;
    "erlang" "integer_to_list"/1 => "kiln_bif_integer_to_list", auto;
    "erlang" "integer_to_list"/2 => "kiln_bif_integer_to_list_2", auto;
    "erlang" "list_to_integer"/1 => "kiln_bif_list_to_integer", auto;
    "erlang" "list_to_integer"/2 => "kiln_bif_list_to_integer_2", auto;
    "erlang" "float"/1 => "kiln_bif_float", guard, auto;
    "erlang" "trunc"/1 => "kiln_bif_trunc", guard, auto;
    "erlang" "round"/1 => "kiln_bif_round", guard, auto;
    "erlang" "floor"/1 => "kiln_bif_floor", guard, auto;
    "erlang" "ceil"/1 => "kiln_bif_ceil", guard, auto;
    "erlang" "float_to_list"/1 => "kiln_bif_float_to_list", auto;
    "erlang" "list_to_float"/1 => "kiln_bif_list_to_float", auto;
    // Exceptions (always return NON_VALUE after raising).
    "erlang" "error"/1 => "kiln_bif_error", auto;
    "erlang" "error"/2 => "kiln_bif_error_2", auto;
    "erlang" "error"/3 => "kiln_bif_error_3", auto;
    "erlang" "throw"/1 => "kiln_bif_throw", auto;
    "erlang" "exit"/1 => "kiln_bif_exit", auto;
    // Processes.
    "erlang" "self"/0 => "kiln_bif_self", guard, auto;
    "erlang" "node"/0 => "kiln_bif_node", guard, auto;
    "erlang" "node"/1 => "kiln_bif_node_1", guard, auto;
    "erlang" "spawn"/1 => "kiln_bif_spawn", auto;
    "erlang" "spawn"/3 => "kiln_bif_spawn_3", auto;
    "erlang" "!"/2 => "kiln_bif_send";
    "erlang" "send"/2 => "kiln_bif_send";
    "erlang" "make_ref"/0 => "kiln_bif_make_ref", auto;
    // Process semantics (issue 4; runtime/src/proc_bifs.rs, runtime/src/process/
    // signals.rs, registry.rs, info.rs): spawn variants, links, monitors, exit
    // signals, registered names, process flags and process_info.
    "erlang" "spawn"/2 => "kiln_bif_spawn_2", auto;
    "erlang" "spawn"/4 => "kiln_bif_spawn_4", auto;
    "erlang" "spawn_link"/1 => "kiln_bif_spawn_link", auto;
    "erlang" "spawn_link"/3 => "kiln_bif_spawn_link_3", auto;
    "erlang" "spawn_monitor"/1 => "kiln_bif_spawn_monitor", auto;
    "erlang" "spawn_monitor"/3 => "kiln_bif_spawn_monitor_3", auto;
    "erlang" "spawn_link"/2 => "kiln_bif_spawn_link_2", auto;
    "erlang" "spawn_link"/4 => "kiln_bif_spawn_link_4", auto;
    "erlang" "spawn_monitor"/2 => "kiln_bif_spawn_monitor_2", auto;
    "erlang" "spawn_monitor"/4 => "kiln_bif_spawn_monitor_4", auto;
    "erlang" "get"/0 => "kiln_bif_get_0", auto;
    "erlang" "get_keys"/0 => "kiln_bif_get_keys_0", auto;
    "erlang" "get_keys"/1 => "kiln_bif_get_keys_1", auto;
    "erlang" "erase"/0 => "kiln_bif_erase_0", auto;
    "erlang" "spawn_opt"/2 => "kiln_bif_spawn_opt_2", auto;
    "erlang" "spawn_opt"/3 => "kiln_bif_spawn_opt_3", auto;
    "erlang" "spawn_opt"/4 => "kiln_bif_spawn_opt_4", auto;
    "erlang" "spawn_opt"/5 => "kiln_bif_spawn_opt_5", auto;
    "erlang" "link"/1 => "kiln_bif_link", auto;
    "erlang" "unlink"/1 => "kiln_bif_unlink", auto;
    "erlang" "exit"/2 => "kiln_bif_exit_2", auto;
    "erlang" "monitor"/2 => "kiln_bif_monitor", auto;
    "erlang" "monitor"/3 => "kiln_bif_monitor_3", auto;
    // The program's modules (runtime/src/apply.rs).
    "erlang" "module_loaded"/1 => "kiln_bif_module_loaded", auto;
    "erlang" "function_exported"/3 => "kiln_bif_function_exported";
    // init (runtime/src/bifs/init.rs; the rest is stdlib/init.erl).
    "init" "get_plain_arguments"/0 => "kiln_bif_init_get_plain_arguments";
    "erlang" "alias"/0 => "kiln_bif_alias_0", auto;
    "erlang" "alias"/1 => "kiln_bif_alias", auto;
    "erlang" "unalias"/1 => "kiln_bif_unalias", auto;
    "erlang" "demonitor"/1 => "kiln_bif_demonitor", auto;
    "erlang" "demonitor"/2 => "kiln_bif_demonitor_2", auto;
    "erlang" "register"/2 => "kiln_bif_register", auto;
    "erlang" "unregister"/1 => "kiln_bif_unregister", auto;
    "erlang" "whereis"/1 => "kiln_bif_whereis", auto;
    "erlang" "registered"/0 => "kiln_bif_registered", auto;
    "erlang" "process_flag"/2 => "kiln_bif_process_flag", auto;
    "erlang" "is_process_alive"/1 => "kiln_bif_is_process_alive", auto;
    "erlang" "processes"/0 => "kiln_bif_processes", auto;
    "erlang" "yield"/0 => "kiln_bif_yield";
    "erlang" "group_leader"/0 => "kiln_bif_group_leader", auto;
    "erlang" "group_leader"/2 => "kiln_bif_group_leader_2", auto;
    // stdlib/logger.erl's primitives: the primary level and one report.
    "erlang" "$logger_level"/0 => "kiln_bif_logger_level";
    "erlang" "$logger_set_level"/1 => "kiln_bif_logger_set_level";
    "erlang" "$logger_emit"/2 => "kiln_bif_logger_emit";
    "erlang" "$logger_write"/1 => "kiln_bif_logger_write";
    // End of process semantics.
    // process_info of other processes, erlang:send/3, send_nosuspend (runtime/
    // src/proc_bifs.rs, runtime/src/process/{signals,info}.rs). process_info/1,2
    // themselves are Erlang (stdlib/erlang.erl, listed in ERLANG_AUTO_IMPORTS):
    // '$process_info' answers at once, or sends a request signal to the other
    // process and returns a reference; the wrapper then receives {Ref, Answer}.
    "erlang" "$process_info"/1 => "kiln_bif_process_info";
    "erlang" "$process_info"/2 => "kiln_bif_process_info_2";
    "erlang" "send"/3 => "kiln_bif_send_3";
    "erlang" "send_nosuspend"/2 => "kiln_bif_send_nosuspend";
    "erlang" "send_nosuspend"/3 => "kiln_bif_send_nosuspend_3";
    // End of process_info requests and send options.
    "erlang" "put"/2 => "kiln_bif_put", auto;
    "erlang" "get"/1 => "kiln_bif_get", auto;
    "erlang" "erase"/1 => "kiln_bif_erase", auto;
    // System.
    "erlang" "halt"/0 => "kiln_bif_halt_0", auto;
    "erlang" "halt"/1 => "kiln_bif_halt", auto;
    "erlang" "display"/1 => "kiln_bif_display";
    // Time (runtime/src/bifs/time.rs); the native unit is the nanosecond.
    "erlang" "monotonic_time"/0 => "kiln_bif_monotonic_time_0";
    "erlang" "monotonic_time"/1 => "kiln_bif_monotonic_time";
    "erlang" "system_time"/0 => "kiln_bif_system_time_0";
    "erlang" "system_time"/1 => "kiln_bif_system_time";
    "os" "system_time"/0 => "kiln_bif_system_time_0";
    "os" "system_time"/1 => "kiln_bif_system_time";
    // Maps (issue 3; runtime/src/bifs/maps.rs). Compiled map syntax calls
    // '$map_put'(Map, Key, Value) for `M#{K => V}` (and to build `#{...}`
    // from `#{}`) and '$map_update'(Map, Key, Value) for `M#{K := V}`.
    "erlang" "$map_put"/3 => "kiln_bif_map_put";
    "erlang" "$map_update"/3 => "kiln_bif_map_update";
    "erlang" "map_size"/1 => "kiln_bif_map_size", guard, auto;
    "erlang" "is_map_key"/2 => "kiln_bif_is_map_key", guard, auto;
    "erlang" "map_get"/2 => "kiln_bif_map_get", guard, auto;
    "maps" "get"/2 => "kiln_bif_map_get";
    "maps" "get"/3 => "kiln_bif_maps_get_3";
    "maps" "find"/2 => "kiln_bif_maps_find";
    "maps" "put"/3 => "kiln_bif_maps_put";
    "maps" "update"/3 => "kiln_bif_maps_update";
    "maps" "remove"/2 => "kiln_bif_maps_remove";
    "maps" "take"/2 => "kiln_bif_maps_take";
    "maps" "is_key"/2 => "kiln_bif_is_map_key";
    "maps" "size"/1 => "kiln_bif_map_size";
    "maps" "keys"/1 => "kiln_bif_maps_keys";
    "maps" "values"/1 => "kiln_bif_maps_values";
    "maps" "to_list"/1 => "kiln_bif_maps_to_list";
    "maps" "from_list"/1 => "kiln_bif_maps_from_list";
    "maps" "from_keys"/2 => "kiln_bif_maps_from_keys";
    "maps" "merge"/2 => "kiln_bif_maps_merge";
    "maps" "new"/0 => "kiln_bif_maps_new";
    "maps" "with"/2 => "kiln_bif_maps_with";
    "maps" "without"/2 => "kiln_bif_maps_without";
    // End of maps.
    // math (runtime/src/bifs/math.rs): OTP 25's math module (no tau/0 before OTP 26).
    "math" "pi"/0 => "kiln_bif_math_pi";
    "math" "sin"/1 => "kiln_bif_math_sin";
    "math" "cos"/1 => "kiln_bif_math_cos";
    "math" "tan"/1 => "kiln_bif_math_tan";
    "math" "asin"/1 => "kiln_bif_math_asin";
    "math" "acos"/1 => "kiln_bif_math_acos";
    "math" "atan"/1 => "kiln_bif_math_atan";
    "math" "sinh"/1 => "kiln_bif_math_sinh";
    "math" "cosh"/1 => "kiln_bif_math_cosh";
    "math" "tanh"/1 => "kiln_bif_math_tanh";
    "math" "asinh"/1 => "kiln_bif_math_asinh";
    "math" "acosh"/1 => "kiln_bif_math_acosh";
    "math" "atanh"/1 => "kiln_bif_math_atanh";
    "math" "exp"/1 => "kiln_bif_math_exp";
    "math" "log"/1 => "kiln_bif_math_log";
    "math" "log2"/1 => "kiln_bif_math_log2";
    "math" "log10"/1 => "kiln_bif_math_log10";
    "math" "sqrt"/1 => "kiln_bif_math_sqrt";
    "math" "erf"/1 => "kiln_bif_math_erf";
    "math" "erfc"/1 => "kiln_bif_math_erfc";
    "math" "ceil"/1 => "kiln_bif_math_ceil";
    "math" "floor"/1 => "kiln_bif_math_floor";
    "math" "atan2"/2 => "kiln_bif_math_atan2";
    "math" "pow"/2 => "kiln_bif_math_pow";
    "math" "fmod"/2 => "kiln_bif_math_fmod";
    // End of math.
    // Binaries and bitstrings (runtime/src/binary/build.rs, matching.rs).
    // Construction: '$bs_init'() -> Builder; each '$bs_put_*'(Builder, ...)
    // appends a segment in place and returns the Builder; '$bs_finish'
    // returns the bitstring. Flags: bit 0 little, bit 1 signed, bit 2
    // native (little), bits 8..16 the unit; Size counts units, or `all`
    // (binary segments only). Failures raise badarg.
    "erlang" "$bs_init"/0 => "kiln_bif_bs_init";
    // '$bs_append'(Bin, Flags): a builder starting with Bin (appends in
    // place when Bin's buffer allows; see runtime/src/binary/build.rs).
    "erlang" "$bs_append"/2 => "kiln_bif_bs_append";
    "erlang" "$bs_put_integer"/4 => "kiln_bif_bs_put_integer";
    "erlang" "$bs_put_float"/4 => "kiln_bif_bs_put_float";
    "erlang" "$bs_put_binary"/4 => "kiln_bif_bs_put_binary";
    "erlang" "$bs_put_utf8"/2 => "kiln_bif_bs_put_utf8";
    "erlang" "$bs_put_utf16"/3 => "kiln_bif_bs_put_utf16";
    "erlang" "$bs_put_utf32"/3 => "kiln_bif_bs_put_utf32";
    "erlang" "$bs_finish"/1 => "kiln_bif_bs_finish";
    // Binary BIFs (runtime/src/bifs/binary.rs).
    "erlang" "byte_size"/1 => "kiln_bif_byte_size", guard, auto;
    "erlang" "bit_size"/1 => "kiln_bif_bit_size", guard, auto;
    "erlang" "binary_part"/2 => "kiln_bif_binary_part_2", guard, auto;
    "erlang" "binary_part"/3 => "kiln_bif_binary_part_3", guard, auto;
    "erlang" "split_binary"/2 => "kiln_bif_split_binary", auto;
    "erlang" "list_to_binary"/1 => "kiln_bif_list_to_binary", auto;
    "erlang" "binary_to_list"/1 => "kiln_bif_binary_to_list", auto;
    "erlang" "binary_to_list"/3 => "kiln_bif_binary_to_list_3", auto;
    "erlang" "iolist_to_binary"/1 => "kiln_bif_iolist_to_binary", auto;
    "erlang" "iolist_size"/1 => "kiln_bif_iolist_size", auto;
    "erlang" "iolist_to_iovec"/1 => "kiln_bif_iolist_to_iovec";
    "erlang" "bitstring_to_list"/1 => "kiln_bif_bitstring_to_list", auto;
    "erlang" "list_to_bitstring"/1 => "kiln_bif_list_to_bitstring", auto;
    "erlang" "atom_to_binary"/1 => "kiln_bif_atom_to_binary", auto;
    "erlang" "atom_to_binary"/2 => "kiln_bif_atom_to_binary_2", auto;
    "erlang" "binary_to_atom"/1 => "kiln_bif_binary_to_atom", auto;
    "erlang" "binary_to_atom"/2 => "kiln_bif_binary_to_atom_2", auto;
    "erlang" "binary_to_existing_atom"/1 => "kiln_bif_binary_to_existing_atom", auto;
    "erlang" "binary_to_existing_atom"/2 => "kiln_bif_binary_to_existing_atom_2", auto;
    "erlang" "integer_to_binary"/1 => "kiln_bif_integer_to_binary", auto;
    "erlang" "integer_to_binary"/2 => "kiln_bif_integer_to_binary_2", auto;
    "erlang" "binary_to_integer"/1 => "kiln_bif_binary_to_integer", auto;
    "erlang" "binary_to_integer"/2 => "kiln_bif_binary_to_integer_2", auto;
    "erlang" "float_to_binary"/1 => "kiln_bif_float_to_binary", auto;
    "erlang" "float_to_binary"/2 => "kiln_bif_float_to_binary_2", auto;
    "erlang" "float_to_list"/2 => "kiln_bif_float_to_list_2", auto;
    "erlang" "binary_to_float"/1 => "kiln_bif_binary_to_float", auto;
    // The binary module (runtime/src/bifs/binary_module.rs).
    "binary" "at"/2 => "kiln_bif_binary_at";
    "binary" "first"/1 => "kiln_bif_binary_first";
    "binary" "last"/1 => "kiln_bif_binary_last";
    "binary" "part"/2 => "kiln_bif_binary_part_m2";
    "binary" "part"/3 => "kiln_bif_binary_part_m3";
    "binary" "bin_to_list"/1 => "kiln_bif_binary_bin_to_list";
    "binary" "bin_to_list"/2 => "kiln_bif_binary_bin_to_list_2";
    "binary" "bin_to_list"/3 => "kiln_bif_binary_bin_to_list_3";
    "binary" "list_to_bin"/1 => "kiln_bif_binary_list_to_bin";
    "binary" "copy"/1 => "kiln_bif_binary_copy";
    "binary" "copy"/2 => "kiln_bif_binary_copy_2";
    "binary" "decode_unsigned"/1 => "kiln_bif_binary_decode_unsigned";
    "binary" "decode_unsigned"/2 => "kiln_bif_binary_decode_unsigned_2";
    "binary" "encode_unsigned"/1 => "kiln_bif_binary_encode_unsigned";
    "binary" "encode_unsigned"/2 => "kiln_bif_binary_encode_unsigned_2";
    "binary" "referenced_byte_size"/1 => "kiln_bif_binary_referenced_byte_size";
    "binary" "longest_common_prefix"/1 => "kiln_bif_binary_longest_common_prefix";
    "binary" "longest_common_suffix"/1 => "kiln_bif_binary_longest_common_suffix";
    "binary" "match"/2 => "kiln_bif_binary_match";
    "binary" "match"/3 => "kiln_bif_binary_match_3";
    "binary" "matches"/2 => "kiln_bif_binary_matches";
    "binary" "matches"/3 => "kiln_bif_binary_matches_3";
    "binary" "split"/2 => "kiln_bif_binary_split";
    "binary" "split"/3 => "kiln_bif_binary_split_3";
    "binary" "replace"/3 => "kiln_bif_binary_replace";
    "binary" "replace"/4 => "kiln_bif_binary_replace_4";
    "binary" "compile_pattern"/1 => "kiln_bif_binary_compile_pattern";
    // Matching: '$bs_start_match'(T) -> Ctx; each '$bs_get_*'(Ctx, ...)
    // reads a segment and advances Ctx in place; '$bs_test_tail'(Ctx) is
    // true at the end. A mismatch returns NON_VALUE without raising.
    "erlang" "$bs_start_match"/1 => "kiln_bif_bs_start_match", guard;
    "erlang" "$bs_get_integer"/3 => "kiln_bif_bs_get_integer", guard;
    "erlang" "$bs_get_float"/3 => "kiln_bif_bs_get_float", guard;
    "erlang" "$bs_get_binary"/3 => "kiln_bif_bs_get_binary", guard;
    "erlang" "$bs_get_utf8"/1 => "kiln_bif_bs_get_utf8", guard;
    "erlang" "$bs_get_utf16"/2 => "kiln_bif_bs_get_utf16", guard;
    "erlang" "$bs_get_utf32"/2 => "kiln_bif_bs_get_utf32", guard;
    "erlang" "$bs_test_tail"/1 => "kiln_bif_bs_test_tail", guard;
    // '$bs_get_tail'(Ctx, Flags): the rest, ending the match (consumes Ctx).
    "erlang" "$bs_get_tail"/2 => "kiln_bif_bs_get_tail", guard;
    // unicode and the hidden unicode_util module under stdlib/string.erl
    // (runtime/src/bifs/unicode.rs).
    "unicode" "characters_to_list"/1 => "kiln_bif_unicode_characters_to_list_1";
    "unicode" "characters_to_list"/2 => "kiln_bif_unicode_characters_to_list_2";
    "unicode" "characters_to_binary"/1 => "kiln_bif_unicode_characters_to_binary_1";
    "unicode" "characters_to_binary"/2 => "kiln_bif_unicode_characters_to_binary_2";
    "unicode" "characters_to_binary"/3 => "kiln_bif_unicode_characters_to_binary_3";
    "unicode" "characters_to_nfc_list"/1 => "kiln_bif_unicode_characters_to_nfc_list";
    "unicode" "characters_to_nfd_list"/1 => "kiln_bif_unicode_characters_to_nfd_list";
    "unicode" "characters_to_nfkc_list"/1 => "kiln_bif_unicode_characters_to_nfkc_list";
    "unicode" "characters_to_nfkd_list"/1 => "kiln_bif_unicode_characters_to_nfkd_list";
    "unicode" "characters_to_nfc_binary"/1 => "kiln_bif_unicode_characters_to_nfc_binary";
    "unicode" "characters_to_nfd_binary"/1 => "kiln_bif_unicode_characters_to_nfd_binary";
    "unicode" "characters_to_nfkc_binary"/1 => "kiln_bif_unicode_characters_to_nfkc_binary";
    "unicode" "characters_to_nfkd_binary"/1 => "kiln_bif_unicode_characters_to_nfkd_binary";
    "unicode" "bom_to_encoding"/1 => "kiln_bif_unicode_bom_to_encoding";
    "unicode" "encoding_to_bom"/1 => "kiln_bif_unicode_encoding_to_bom";
    "unicode_util" "cp"/1 => "kiln_bif_unicode_util_cp";
    "unicode_util" "gc"/1 => "kiln_bif_unicode_util_gc";
    "unicode_util" "uppercase"/1 => "kiln_bif_unicode_util_uppercase";
    "unicode_util" "lowercase"/1 => "kiln_bif_unicode_util_lowercase";
    "unicode_util" "titlecase"/1 => "kiln_bif_unicode_util_titlecase";
    "unicode_util" "casefold"/1 => "kiln_bif_unicode_util_casefold";
    // End of unicode.
    // External term format, hashes and checksums (runtime/src/bifs/external.rs,
    // runtime/src/bifs/hash.rs, runtime/src/etf/encode.rs).
    "erlang" "term_to_binary"/1 => "kiln_bif_term_to_binary", auto;
    "erlang" "term_to_binary"/2 => "kiln_bif_term_to_binary_2", auto;
    "erlang" "binary_to_term"/1 => "kiln_bif_binary_to_term", auto;
    "erlang" "binary_to_term"/2 => "kiln_bif_binary_to_term_2", auto;
    "erlang" "external_size"/1 => "kiln_bif_external_size";
    "erlang" "external_size"/2 => "kiln_bif_external_size_2";
    "erlang" "phash2"/1 => "kiln_bif_phash2";
    "erlang" "phash2"/2 => "kiln_bif_phash2_2";
    "erlang" "phash"/2 => "kiln_bif_phash";
    "erlang" "md5"/1 => "kiln_bif_md5";
    "erlang" "crc32"/1 => "kiln_bif_crc32";
    "erlang" "crc32"/2 => "kiln_bif_crc32_2";
    "erlang" "adler32"/1 => "kiln_bif_adler32";
    "erlang" "adler32"/2 => "kiln_bif_adler32_2";
    // End of external term format and hashes.
    // The base64 module (runtime/src/bifs/base64.rs).
    "base64" "encode"/1 => "kiln_bif_base64_encode";
    "base64" "encode_to_string"/1 => "kiln_bif_base64_encode_to_string";
    "base64" "decode"/1 => "kiln_bif_base64_decode";
    "base64" "decode_to_string"/1 => "kiln_bif_base64_decode_to_string";
    "base64" "mime_decode"/1 => "kiln_bif_base64_mime_decode";
    "base64" "mime_decode_to_string"/1 => "kiln_bif_base64_mime_decode_to_string";
    // file (runtime/src/bifs/file.rs; format_error/1 is stdlib/file.erl).
    "file" "read_file"/1 => "kiln_bif_file_read_file";
    "file" "write_file"/2 => "kiln_bif_file_write_file";
    "file" "write_file"/3 => "kiln_bif_file_write_file_3";
    "file" "delete"/1 => "kiln_bif_file_delete";
    "file" "rename"/2 => "kiln_bif_file_rename";
    "file" "make_dir"/1 => "kiln_bif_file_make_dir";
    "file" "del_dir"/1 => "kiln_bif_file_del_dir";
    "file" "del_dir_r"/1 => "kiln_bif_file_del_dir_r";
    "file" "list_dir"/1 => "kiln_bif_file_list_dir";
    "file" "list_dir_all"/1 => "kiln_bif_file_list_dir_all";
    "file" "read_file_info"/1 => "kiln_bif_file_read_file_info";
    "file" "read_file_info"/2 => "kiln_bif_file_read_file_info_2";
    "file" "read_link_info"/1 => "kiln_bif_file_read_link_info";
    "file" "read_link_info"/2 => "kiln_bif_file_read_link_info_2";
    "file" "get_cwd"/0 => "kiln_bif_file_get_cwd";
    "file" "set_cwd"/1 => "kiln_bif_file_set_cwd";
    "file" "copy"/2 => "kiln_bif_file_copy";
    "file" "copy"/3 => "kiln_bif_file_copy_3";
    "file" "consult"/1 => "kiln_bif_file_consult";
    "file" "open"/2 => "kiln_bif_file_open";
    "file" "close"/1 => "kiln_bif_file_close";
    "file" "read"/2 => "kiln_bif_file_read";
    "file" "read_line"/1 => "kiln_bif_file_read_line";
    "file" "write"/2 => "kiln_bif_file_write";
    "file" "position"/2 => "kiln_bif_file_position";
    // End of file.
    // Calendar time (runtime/src/bifs/time_local.rs): local time is UTC on
    // wasm32-wasip1.
    "erlang" "universaltime"/0 => "kiln_bif_universaltime";
    "erlang" "localtime"/0 => "kiln_bif_localtime";
    "erlang" "date"/0 => "kiln_bif_date", auto;
    "erlang" "time"/0 => "kiln_bif_time", auto;
    "erlang" "timestamp"/0 => "kiln_bif_timestamp";
    "os" "timestamp"/0 => "kiln_bif_timestamp";
    "erlang" "universaltime_to_localtime"/1 => "kiln_bif_universaltime_to_localtime";
    "erlang" "localtime_to_universaltime"/1 => "kiln_bif_localtime_to_universaltime";
    "erlang" "localtime_to_universaltime"/2 => "kiln_bif_localtime_to_universaltime_2";
    "erlang" "posixtime_to_universaltime"/1 => "kiln_bif_posixtime_to_universaltime";
    "erlang" "universaltime_to_posixtime"/1 => "kiln_bif_universaltime_to_posixtime";
    // End of calendar time.
    // Timers (issue 4; runtime/src/bifs/timers.rs, timers_clock.rs, the
    // service in runtime/src/timer.rs). '$timer_start'(Kind, Time, Target,
    // Payload) is the primitive under stdlib/timer.erl's intervals.
    "erlang" "send_after"/3 => "kiln_bif_send_after";
    "erlang" "send_after"/4 => "kiln_bif_send_after_4";
    "erlang" "start_timer"/3 => "kiln_bif_start_timer";
    "erlang" "start_timer"/4 => "kiln_bif_start_timer_4";
    "erlang" "cancel_timer"/1 => "kiln_bif_cancel_timer";
    "erlang" "cancel_timer"/2 => "kiln_bif_cancel_timer_2";
    "erlang" "read_timer"/1 => "kiln_bif_read_timer";
    "erlang" "read_timer"/2 => "kiln_bif_read_timer_2";
    "erlang" "$timer_start"/4 => "kiln_bif_timer_start";
    "erlang" "convert_time_unit"/3 => "kiln_bif_convert_time_unit";
    "erlang" "time_offset"/0 => "kiln_bif_time_offset_0";
    "erlang" "time_offset"/1 => "kiln_bif_time_offset";
    "erlang" "now"/0 => "kiln_bif_now", auto;
    // End of timers.
    // I/O. The io module is Erlang (stdlib/io.erl) over the I/O servers
    // (stdlib/kiln_user_io.erl); these reach the built-in servers' devices
    // without a message (runtime/src/io_server.rs). io_lib's formatting is
    // here (runtime/src/io_bifs.rs).
    "erlang" "$io_format"/3 => "kiln_bif_io_format_fast";
    "erlang" "$io_put_chars"/3 => "kiln_bif_io_put_chars_fast";
    "erlang" "$io_put"/3 => "kiln_bif_io_server_put";
    "erlang" "$io_encoding"/1 => "kiln_bif_io_encoding";
    "erlang" "$io_set_encoding"/2 => "kiln_bif_io_set_encoding";
    "erlang" "$io_read_line"/0 => "kiln_bif_io_read_line";
    "io_lib" "format"/2 => "kiln_bif_io_lib_format";
    "io_lib" "fwrite"/2 => "kiln_bif_io_lib_format";
    "io_lib" "write"/1 => "kiln_bif_io_lib_write";
    "io_lib" "write"/2 => "kiln_bif_io_lib_write_2";
    "io_lib" "print"/1 => "kiln_bif_io_lib_print";
    "io_lib" "print"/4 => "kiln_bif_io_lib_print_4";
    "io_lib" "write_atom"/1 => "kiln_bif_io_lib_write_atom";
    // End of io / io_lib.
    // VM services. Text forms of pids, ports and references
    // (runtime/src/bifs/id_text.rs).
    "erlang" "pid_to_list"/1 => "kiln_bif_pid_to_list", auto;
    "erlang" "list_to_pid"/1 => "kiln_bif_list_to_pid", auto;
    "erlang" "port_to_list"/1 => "kiln_bif_port_to_list", auto;
    "erlang" "list_to_port"/1 => "kiln_bif_list_to_port", auto;
    "erlang" "ref_to_list"/1 => "kiln_bif_ref_to_list", auto;
    "erlang" "list_to_ref"/1 => "kiln_bif_list_to_ref", auto;
    // The system: statistics/1, system_info/1, system_flag/2
    // (runtime/src/bifs/{statistics,system_info,system_flag}.rs).
    "erlang" "statistics"/1 => "kiln_bif_statistics", auto;
    "erlang" "system_info"/1 => "kiln_bif_system_info";
    "erlang" "system_flag"/2 => "kiln_bif_system_flag";
    // A node that is never distributed, and halt/2 (runtime/src/bifs/node.rs).
    "erlang" "is_alive"/0 => "kiln_bif_is_alive", auto;
    "erlang" "nodes"/0 => "kiln_bif_nodes", auto;
    "erlang" "nodes"/1 => "kiln_bif_nodes_1", auto;
    "erlang" "nodes"/2 => "kiln_bif_nodes_2", auto;
    "erlang" "halt"/2 => "kiln_bif_halt_2", auto;
    // Checksums of concatenations (runtime/src/bifs/checksum_combine.rs).
    "erlang" "crc32_combine"/3 => "kiln_bif_crc32_combine";
    "erlang" "adler32_combine"/3 => "kiln_bif_adler32_combine";
    // binary:encode_hex/1, decode_hex/1 (runtime/src/bifs/binary_hex.rs).
    "binary" "encode_hex"/1 => "kiln_bif_binary_encode_hex";
    "binary" "decode_hex"/1 => "kiln_bif_binary_decode_hex";
    // The os module's BIFs (runtime/src/bifs/os.rs); os.erl itself is OTP's.
    "os" "env"/0 => "kiln_bif_os_env";
    "os" "getenv"/1 => "kiln_bif_os_getenv";
    "os" "putenv"/2 => "kiln_bif_os_putenv";
    "os" "unsetenv"/1 => "kiln_bif_os_unsetenv";
    "os" "getpid"/0 => "kiln_bif_os_getpid";
    "os" "perf_counter"/0 => "kiln_bif_os_perf_counter";
    // persistent_term (runtime/src/bifs/persistent_term.rs).
    "persistent_term" "put"/2 => "kiln_bif_persistent_term_put";
    "persistent_term" "get"/1 => "kiln_bif_persistent_term_get";
    "persistent_term" "get"/2 => "kiln_bif_persistent_term_get_2";
    "persistent_term" "get"/0 => "kiln_bif_persistent_term_get_0";
    "persistent_term" "erase"/1 => "kiln_bif_persistent_term_erase";
    "persistent_term" "info"/0 => "kiln_bif_persistent_term_info";
    // atomics and counters (runtime/src/bifs/atomics.rs, counters.rs).
    "atomics" "new"/2 => "kiln_bif_atomics_new";
    "atomics" "put"/3 => "kiln_bif_atomics_put";
    "atomics" "get"/2 => "kiln_bif_atomics_get";
    "atomics" "add"/3 => "kiln_bif_atomics_add";
    "atomics" "add_get"/3 => "kiln_bif_atomics_add_get";
    "atomics" "sub"/3 => "kiln_bif_atomics_sub";
    "atomics" "sub_get"/3 => "kiln_bif_atomics_sub_get";
    "atomics" "exchange"/3 => "kiln_bif_atomics_exchange";
    "atomics" "compare_exchange"/4 => "kiln_bif_atomics_compare_exchange";
    "atomics" "info"/1 => "kiln_bif_atomics_info";
    "counters" "new"/2 => "kiln_bif_counters_new";
    "counters" "get"/2 => "kiln_bif_counters_get";
    "counters" "add"/3 => "kiln_bif_counters_add";
    "counters" "sub"/3 => "kiln_bif_counters_sub";
    "counters" "put"/3 => "kiln_bif_counters_put";
    "counters" "info"/1 => "kiln_bif_counters_info";
    // End of VM services.
    // Ports: OS processes spoken to through pipes (runtime/src/bifs/port.rs,
    // runtime/src/port/).
    "erlang" "open_port"/2 => "kiln_bif_open_port", auto;
    "erlang" "port_command"/2 => "kiln_bif_port_command", auto;
    "erlang" "port_command"/3 => "kiln_bif_port_command_3", auto;
    "erlang" "port_close"/1 => "kiln_bif_port_close", auto;
    "erlang" "port_connect"/2 => "kiln_bif_port_connect", auto;
    "erlang" "port_control"/3 => "kiln_bif_port_control", auto;
    "erlang" "port_call"/2 => "kiln_bif_port_call_2";
    "erlang" "port_call"/3 => "kiln_bif_port_call_3";
    "erlang" "port_info"/1 => "kiln_bif_port_info";
    "erlang" "port_info"/2 => "kiln_bif_port_info_2";
    "erlang" "ports"/0 => "kiln_bif_ports";
    // End of ports.
    // ETS (runtime/src/bifs/ets.rs, runtime/src/ets/): every function OTP 25's
    // ets.erl leaves to the emulator, ets:all/0, the internal_* functions
    // its Erlang code calls, and erlang:match_spec_test/3 (ets:test_ms/2).
    "ets" "all"/0 => "kiln_bif_ets_all";
    "ets" "new"/2 => "kiln_bif_ets_new";
    "ets" "delete"/1 => "kiln_bif_ets_delete";
    "ets" "delete"/2 => "kiln_bif_ets_delete_2";
    "ets" "delete_object"/2 => "kiln_bif_ets_delete_object";
    "ets" "insert"/2 => "kiln_bif_ets_insert";
    "ets" "insert_new"/2 => "kiln_bif_ets_insert_new";
    "ets" "lookup"/2 => "kiln_bif_ets_lookup";
    "ets" "lookup_element"/3 => "kiln_bif_ets_lookup_element";
    "ets" "member"/2 => "kiln_bif_ets_member";
    "ets" "take"/2 => "kiln_bif_ets_take";
    "ets" "update_counter"/3 => "kiln_bif_ets_update_counter";
    "ets" "update_counter"/4 => "kiln_bif_ets_update_counter_4";
    "ets" "update_element"/3 => "kiln_bif_ets_update_element";
    "ets" "first"/1 => "kiln_bif_ets_first";
    "ets" "last"/1 => "kiln_bif_ets_last";
    "ets" "next"/2 => "kiln_bif_ets_next";
    "ets" "prev"/2 => "kiln_bif_ets_prev";
    "ets" "slot"/2 => "kiln_bif_ets_slot";
    "ets" "rename"/2 => "kiln_bif_ets_rename";
    "ets" "whereis"/1 => "kiln_bif_ets_whereis";
    "ets" "give_away"/3 => "kiln_bif_ets_give_away";
    "ets" "setopts"/2 => "kiln_bif_ets_setopts";
    "ets" "safe_fixtable"/2 => "kiln_bif_ets_safe_fixtable";
    "ets" "internal_delete_all"/2 => "kiln_bif_ets_internal_delete_all";
    "ets" "info"/1 => "kiln_bif_ets_info";
    "ets" "info"/2 => "kiln_bif_ets_info_2";
    "ets" "match"/1 => "kiln_bif_ets_select_1";
    "ets" "match"/2 => "kiln_bif_ets_match_2";
    "ets" "match"/3 => "kiln_bif_ets_match_3";
    "ets" "match_object"/1 => "kiln_bif_ets_select_1";
    "ets" "match_object"/2 => "kiln_bif_ets_match_object_2";
    "ets" "match_object"/3 => "kiln_bif_ets_match_object_3";
    "ets" "select"/1 => "kiln_bif_ets_select_1";
    "ets" "select"/2 => "kiln_bif_ets_select_2";
    "ets" "select"/3 => "kiln_bif_ets_select_3";
    "ets" "select_reverse"/1 => "kiln_bif_ets_select_1";
    "ets" "select_reverse"/2 => "kiln_bif_ets_select_reverse_2";
    "ets" "select_reverse"/3 => "kiln_bif_ets_select_reverse_3";
    "ets" "select_count"/2 => "kiln_bif_ets_select_count";
    "ets" "internal_select_delete"/2 => "kiln_bif_ets_internal_select_delete";
    "ets" "select_replace"/2 => "kiln_bif_ets_select_replace";
    "ets" "match_spec_compile"/1 => "kiln_bif_ets_match_spec_compile";
    "ets" "is_compiled_ms"/1 => "kiln_bif_ets_is_compiled_ms";
    "ets" "match_spec_run_r"/3 => "kiln_bif_ets_match_spec_run_r";
    "erlang" "match_spec_test"/3 => "kiln_bif_match_spec_test";
    // End of ETS.
    // kiln's own: WebAssembly guests as processes (runtime/src/bifs/wasm_host.rs).
    "kiln" "spawn_wasm"/2 => "kiln_bif_kiln_spawn_wasm_2";
    "kiln" "spawn_wasm"/3 => "kiln_bif_kiln_spawn_wasm_3";
    "kiln" "process_id"/1 => "kiln_bif_kiln_process_id_1";
    "kiln" "pid"/1 => "kiln_bif_kiln_pid_1";
}

/// Finds the BIF `module:name/arity`.
pub fn lookup(module: &str, name: &str, arity: u32) -> Option<&'static Bif> {
    BIFS.iter().find(|b| b.module == module && b.name == name && b.arity == arity)
}

/// Auto-imported `erlang` functions written in Erlang (`stdlib/erlang.erl`),
/// not in [`BIFS`]: a call without a module prefix becomes a remote call of
/// `erlang:F/A`, which the standard library module defines. Their `symbol`
/// is empty: nothing in the runtime implements them.
pub static ERLANG_AUTO_IMPORTS: &[Bif] = &[
    Bif { module: "erlang", name: "process_info", arity: 1, symbol: "", guard: false, auto_import: true },
    Bif { module: "erlang", name: "process_info", arity: 2, symbol: "", guard: false, auto_import: true },
];

/// Finds an auto-imported BIF (or auto-imported `erlang` function written
/// in Erlang, see [`ERLANG_AUTO_IMPORTS`]) called without a module prefix.
pub fn lookup_auto_import(name: &str, arity: u32) -> Option<&'static Bif> {
    BIFS.iter().chain(ERLANG_AUTO_IMPORTS).find(|b| b.auto_import && b.name == name && b.arity == arity)
}
