#!/usr/bin/env escript
%% Regenerates runtime/testdata/etf_cases.txt: what real OTP 25 returns for
%% term_to_binary/2, external_size/2, phash2/1,2, phash/2 and
%% binary_to_term/2 over a few thousand varied terms. The runtime's unit
%% tests (bifs/hash/tests.rs) decode each term and compare. Never edit the
%% output by hand:
%%
%%     escript runtime/testdata/gen_etf_cases.escript runtime/testdata/etf_cases.txt
%%
%% Lines:
%% - "T <etf hex of T>": the next lines are about T.
%% - "E <index of the option list in opts()> <hex of term_to_binary(T, Opts)>"
%% - "S <external_size(T)> <external_size(T, [{minor_version, 0}])>"
%% - "H <phash2(T)> <phash2(T, 1000)> <phash2(T, 1 bsl 32)> <phash2(T, 1024)>
%%    <phash(T, 1 bsl 32)> <phash(T, 1000)>"
%% - "D <options index in dopts()> <hex of the input binary> <etf hex of
%%   {ok, binary_to_term(B, Opts)} or error>"
%% - "C <hex of iodata etf> <md5 hex> <crc32> <crc32(12345, D)> <adler32>
%%   <adler32(777, D)>"
-mode(compile).
-compile(nowarn_deprecated_function).

main([Out]) ->
    rand:seed(exsss, {17, 42, 4242}),
    Terms = fixed_terms() ++ [random_term(4) || _ <- lists:seq(1, 2500)],
    Lines = [[term_lines(T) || T <- Terms],
             [decode_lines(B) || B <- decode_inputs(Terms)],
             [checksum_line(D) || D <- checksum_inputs()]],
    ok = file:write_file(Out, Lines).

hex(Bin) -> [io_lib:format("~2.16.0b", [B]) || <<B>> <= Bin].

opts() ->
    [[], [{minor_version, 0}], [{minor_version, 1}], [{minor_version, 2}], [deterministic],
     [compressed], [{compressed, 1}], [{compressed, 9}], [{compressed, 0}]].

dopts() -> [[], [used], [safe], [safe, used]].

term_lines(T) ->
    Es = [["E ", integer_to_list(I), " ", hex(term_to_binary(T, O)), $\n]
          || {I, O} <- lists:zip(lists:seq(0, length(opts()) - 1), opts())],
    S = io_lib:format("S ~w ~w~n", [erlang:external_size(T), erlang:external_size(T, [{minor_version, 0}])]),
    H = io_lib:format("H ~w ~w ~w ~w ~w ~w~n",
                      [erlang:phash2(T), erlang:phash2(T, 1000), erlang:phash2(T, 1 bsl 32),
                       erlang:phash2(T, 1024), erlang:phash(T, 1 bsl 32), erlang:phash(T, 1000)]),
    [["T ", hex(term_to_binary(T)), $\n], Es, S, H].

decode_lines(B) ->
    [begin
         R = try {ok, binary_to_term(B, O)} catch error:badarg -> error end,
         ["D ", integer_to_list(I), " ", hex(B), " ", hex(term_to_binary(R)), $\n]
     end || {I, O} <- lists:zip(lists:seq(0, length(dopts()) - 1), dopts())].

%% Valid encodings, with trailing bytes, truncated, compressed, with an
%% atom that does not exist, and random bytes.
decode_inputs(Terms) ->
    Some = lists:sublist(Terms, 1, 400),
    Valid = [term_to_binary(T) || T <- Some],
    Trailing = [<<(term_to_binary(T))/binary, 1, 2, 3>> || T <- lists:sublist(Some, 50)],
    Truncated = [binary:part(B, 0, N) || B <- lists:sublist(Valid, 120), byte_size(B) > 2,
                                         N <- lists:usort([1, 2, byte_size(B) div 2, byte_size(B) - 1])],
    Compressed = [term_to_binary(T, [compressed]) || T <- lists:sublist(Some, 200)],
    NewAtom = [<<131, 100, 0, 26, "kiln_etf_atom_never_made_1">>,
               <<131, 104, 2, 97, 1, 119, 26, "kiln_etf_atom_never_made_2">>],
    Random = [<<131, (rand:bytes(rand:uniform(12)))/binary>> || _ <- lists:seq(1, 300)],
    Bad = [<<>>, <<130, 97, 1>>, <<131>>, <<131, 80, 0, 0, 0, 5, 1, 2, 3>>,
           <<131, 77, 0, 0, 0, 1, 0, 1>>, <<131, 77, 0, 0, 0, 1, 9, 1>>, <<131, 116, 0, 0, 0, 2, 97, 1, 97, 1, 97, 1, 97, 2>>],
    Valid ++ Trailing ++ Truncated ++ Compressed ++ NewAtom ++ Random ++ Bad.

checksum_inputs() ->
    [<<>>, <<"abc">>, "hello world", [<<"a">>, [98, <<"c">>] | <<"d">>], list_to_binary(lists:seq(0, 255)),
     binary:copy(<<"0123456789">>, 100), [], [[]], a, <<1:3>>, [256], 1] ++
    [rand:bytes(rand:uniform(200)) || _ <- lists:seq(1, 40)].

checksum_line(D) ->
    R = try [hex(erlang:md5(D)), erlang:crc32(D), erlang:crc32(12345, D), erlang:adler32(D), erlang:adler32(777, D)]
        catch error:badarg -> [badarg]
        end,
    ["C ", hex(term_to_binary(D)), [[" ", io_lib:format("~s", [to_s(X)])] || X <- R], $\n].

to_s(X) when is_integer(X) -> integer_to_list(X);
to_s(X) when is_atom(X) -> atom_to_list(X);
to_s(X) -> X.

pid(Id, Serial) ->
    binary_to_term(<<131, 88, 100, 0, 13, "nonode@nohost", Id:32, Serial:32, 0:32>>).
port(Id) ->
    binary_to_term(<<131, 89, 100, 0, 13, "nonode@nohost", Id:32, 0:32>>).
ref(Lo, Hi) ->
    binary_to_term(<<131, 90, 3:16, 100, 0, 13, "nonode@nohost", 0:32, Lo:32, Hi:32, 0:32>>).
negzero() -> binary_to_term(<<131, 70, 128, 0, 0, 0, 0, 0, 0, 0>>).

fixed_terms() ->
    Ints = [0, 1, -1, 255, 256, -256, 127, 128, 1 bsl 27 - 1, 1 bsl 27, -(1 bsl 27), -(1 bsl 27) - 1,
            1 bsl 31 - 1, 1 bsl 31, -(1 bsl 31), -(1 bsl 31) - 1, 1 bsl 32, 1 bsl 32 - 1,
            1 bsl 59, 1 bsl 60 - 1, 1 bsl 60, -(1 bsl 60), -(1 bsl 60) - 1, 1 bsl 63, 1 bsl 64 - 1,
            1 bsl 64, -(1 bsl 64), 1 bsl 100, -(1 bsl 100) + 7, 1 bsl 2040, 1 bsl 2048 + 3, -(1 bsl 3000)],
    Floats = [0.0, negzero(), 1.0, -1.0, 0.1, 1.5, 3.141592653589793, 1.0e300, -1.0e-300, 5.0e-324,
              1.7976931348623157e308, 123456789.125, 2.5e-5, 1.0e15, 1.0e16, 1.0e100],
    Atoms = [a, abc, '', 'hello world', 'é', 'ñandú', list_to_atom([1024, 1025]), list_to_atom([128512]),
             list_to_atom(lists:duplicate(255, $a)), list_to_atom(lists:duplicate(255, 233)),
             list_to_atom(lists:duplicate(100, 1024)), true, false, undefined, nonode@nohost],
    Lists = [[], "abc", [0], [255], [256], [-1], [1, 2 | 3], [a | b], [[]], [[], []], "a" ++ [a] ++ "bc",
             lists:seq(1, 300), lists:duplicate(300, 7),
             [1.5, "x", <<"y">>], [[1, 2], [3 | 4]]],
    Bins = [<<>>, <<0>>, <<"abc">>, list_to_binary(lists:seq(0, 255)), binary:copy(<<"xyz">>, 1000),
            <<1:1>>, <<5:3>>, <<255, 1:7>>, <<"abcdefghijklmnop", 3:2>>, <<0:100>>,
            binary:part(list_to_binary(lists:seq(0, 99)), 3, 70)],
    Maps = [#{}, #{a => 1}, #{b => 1, a => 2}, #{1 => a, 1.0 => b, <<"k">> => c, [] => d, {} => e},
            maps:from_list([{I, I * I} || I <- lists:seq(1, 32)]),
            maps:from_list([{I, I} || I <- lists:seq(1, 33)]),
            maps:from_list([{integer_to_list(I), I} || I <- lists:seq(1, 100)]),
            #{#{a => 1} => #{b => 2}, [#{}] => x}],
    Funs = [fun lists:map/2, fun erlang:abs/1, fun 'é':'ñ'/0, fun m:f/255],
    Pids = [pid(0, 0), pid(9, 0), pid(32767, 0), pid(123, 5), pid(1, 8191)],
    Ports = [port(0), port(1), port(1000), port(268435455)],
    Refs = [ref(1, 0), ref(0, 1), ref(262143, 4294967295), ref(12345, 678)],
    Tuples = [{}, {a}, {1, 2, 3}, list_to_tuple(lists:seq(1, 256)), {{{{}}}}, {[], [[]], {[]}}],
    Ints ++ Floats ++ Atoms ++ Lists ++ Bins ++ Maps ++ Funs ++ Pids ++ Ports ++ Refs ++ Tuples.

random_term(0) -> random_leaf();
random_term(D) ->
    case rand:uniform(10) of
        1 -> list_to_tuple([random_term(D - 1) || _ <- lists:seq(1, rand:uniform(5) - 1)]);
        2 -> [random_term(D - 1) || _ <- lists:seq(1, rand:uniform(5) - 1)];
        3 -> maps:from_list([{random_term(D - 1), random_term(D - 1)} || _ <- lists:seq(1, rand:uniform(6) - 1)]);
        4 -> [random_term(D - 1) | random_leaf()];
        5 -> [rand:uniform(256) - 1 || _ <- lists:seq(1, rand:uniform(8))];
        _ -> random_leaf()
    end.

random_leaf() ->
    case rand:uniform(16) of
        1 -> rand:uniform(256) - 1;
        2 -> rand:uniform(1 bsl 32) - (1 bsl 31);
        3 -> rand:uniform(1 bsl 62) - (1 bsl 61);
        4 -> (rand:uniform(1 bsl 200) - (1 bsl 199)) * (1 bsl rand:uniform(100));
        5 -> (rand:uniform() - 0.5) * math:pow(10, rand:uniform(40) - 20);
        6 -> lists:nth(rand:uniform(6), [a, ok, 'Élan', 'x y', '', list_to_atom([300, 97])]);
        7 -> [];
        8 -> rand:bytes(rand:uniform(10) - 1);
        9 -> <<(rand:uniform(255)):(rand:uniform(7))>>;
        10 -> list_to_binary([rand:bytes(rand:uniform(90))]);
        11 -> pid(rand:uniform(32767), 0);
        12 -> ref(rand:uniform(262143), rand:uniform(1 bsl 32) - 1);
        13 -> fun lists:reverse/1;
        14 -> rand:uniform(1 bsl 27) * (2 * rand:uniform(2) - 3);
        15 -> float(rand:uniform(1000));
        16 -> {}
    end.
