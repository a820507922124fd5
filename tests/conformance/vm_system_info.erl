% kiln conformance: erlang:system_info/1 items programs read (values that differ between runtimes are printed as shapes) and os:type/0, os:version/0.
-module(vm_system_info).
-export([main/1]).
-mode(compile).

id(X) -> X.

info(I) -> erlang:system_info(I).

nat(X) -> is_integer(X) andalso X >= 0.
pos(X) -> is_integer(X) andalso X > 0.

main(_) ->
    %% Values kiln answers exactly as OTP 25.
    [io:format("~p: ~p~n", [I, info(I)])
     || I <- [otp_release, wordsize, {wordsize, internal}, {wordsize, external}, machine, endian,
              build_type, emu_type, emu_flavor, heap_type, nif_version, creation, dist_ctrl,
              debug_compiled, multi_scheduling_blockers, compat_rel, message_queue_data,
              scheduler_bind_type, sequential_tracer, trace_control_word, taints,
              lock_checking, lock_counting, modified_timing_level]],
    {Family, Name} = info(os_type),
    io:format("os_type: ~p ~p~n", [Family, is_atom(Name)]),
    io:format("os:type(): ~p~n", [os:type() =:= info(os_type)]),
    OsV = os:version(),
    io:format("os:version(): ~p~n", [is_list(OsV) orelse (is_tuple(OsV) andalso tuple_size(OsV) =:= 3)]),
    Version = info(version),
    io:format("version: ~p~n", [is_list(Version) andalso length(string:tokens(Version, ".")) >= 2]),
    SV = info(system_version),
    io:format("system_version: ~p~n", [lists:prefix("Erlang/OTP 25 ", SV) andalso lists:last(SV) =:= $\n]),
    Arch = info(system_architecture),
    io:format("system_architecture: ~p~n", [io_lib:printable_list(Arch)]),
    {CC, _} = info(c_compiler_used),
    io:format("c_compiler_used: ~p~n", [is_atom(CC)]),
    %% Schedulers and processors.
    S = info(schedulers),
    io:format("schedulers: ~p online: ~p~n", [pos(S), info(schedulers_online) =:= S]),
    io:format("scheduler_id: ~p~n", [pos(info(scheduler_id)) andalso info(scheduler_id) =< S]),
    io:format("dirty: ~p~n", [[nat(info(I)) || I <- [dirty_cpu_schedulers, dirty_cpu_schedulers_online, dirty_io_schedulers]]]),
    io:format("multi_scheduling: ~p~n", [lists:member(info(multi_scheduling), [enabled, disabled, blocked, blocked_normal])]),
    Bindings = info(scheduler_bindings),
    io:format("scheduler_bindings: ~p~n", [is_tuple(Bindings) andalso tuple_size(Bindings) =:= S]),
    [io:format("~p: ~p~n", [I, pos(info(I)) orelse info(I) =:= unknown])
     || I <- [logical_processors, logical_processors_available, logical_processors_online]],
    io:format("thread_pool_size: ~p~n", [nat(info(thread_pool_size))]),
    io:format("threads, smp_support, kernel_poll: ~p~n", [[is_boolean(info(I)) || I <- [threads, smp_support, kernel_poll]]]),
    %% Processes and atoms.
    PC = info(process_count),
    Pids = [spawn(fun() -> receive stop -> ok end end) || _ <- lists:seq(1, 10)],
    PC2 = info(process_count),
    io:format("process_count: ~p ~p~n", [pos(PC), PC2 >= PC + 10]),
    [P ! stop || P <- Pids],
    io:format("process_limit: ~p~n", [info(process_limit) > PC2]),
    NewAtom = lists:flatten(io_lib:format("vm_system_info_~p", [erlang:unique_integer([positive])])),
    AC = info(atom_count),
    _ = list_to_atom(NewAtom),
    io:format("atom_count: ~p ~p~n", [pos(AC), info(atom_count) =:= AC + 1]),
    io:format("atom_limit: ~p~n", [info(atom_limit)]),
    %% Garbage collection settings.
    {min_heap_size, MHS} = info(min_heap_size),
    {min_bin_vheap_size, MBV} = info(min_bin_vheap_size),
    {fullsweep_after, FA} = info(fullsweep_after),
    io:format("gc settings: ~p ~p ~p~n", [pos(MHS), pos(MBV), nat(FA)]),
    GC = info(garbage_collection),
    io:format("garbage_collection keys: ~p~n", [lists:sort([K || {K, _} <- GC])]),
    io:format("garbage_collection agrees: ~p~n", [lists:keyfind(min_heap_size, 1, GC) =:= {min_heap_size, MHS}]),
    io:format("max_heap_size: ~p~n", [info(max_heap_size)]),
    HS = info(heap_sizes),
    io:format("heap_sizes increase: ~p~n", [length(HS) > 10 andalso lists:sort(HS) =:= HS]),
    %% Time.
    io:format("start_time: ~p~n", [is_integer(info(start_time)) andalso info(start_time) =< erlang:monotonic_time()]),
    io:format("time_offset: ~p~n", [lists:member(info(time_offset), [preliminary, final, volatile])]),
    io:format("time_warp_mode: ~p~n", [lists:member(info(time_warp_mode), [no_time_warp, single_time_warp, multi_time_warp])]),
    io:format("time_correction: ~p~n", [is_boolean(info(time_correction))]),
    io:format("tolerant_timeofday: ~p~n", [lists:member(info(tolerant_timeofday), [enabled, disabled])]),
    [begin
         Src = info(I),
         io:format("~p: ~p~n", [I, is_list(Src) andalso lists:keymember(function, 1, Src)
                                    andalso is_integer(element(2, lists:keyfind(time, 1, Src)))])
     end || I <- [os_monotonic_time_source, os_system_time_source]],
    [io:format("system_info(~p) -> ~p~n", [B, try erlang:system_info(id(B)) catch C:R -> {C, R} end])
     || B <- [bogus, "otp_release", 1, {wordsize, x}, {bogus, internal}, halt_flush_timeout]],
    ok.
