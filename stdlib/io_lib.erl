%% The io_lib module: the parts written in Erlang. format/2, fwrite/2,
%% write/1,2, print/1,4 and write_atom/1 are BIFs (runtime/src/io_bifs.rs)
%% that return OTP 25's deep lists. See docs/io.md.
-module(io_lib).
-export([nl/0, write_string/1, write_string/2, write_latin1_string/1,
         write_latin1_string/2, write_char/1, write_latin1_char/1,
         char_list/1, deep_char_list/1, latin1_char_list/1,
         deep_latin1_char_list/1, printable_list/1, printable_latin1_list/1,
         printable_unicode_list/1, indentation/2, chars_length/1,
         fread/2]).

nl() -> "\n".

write_string(S) -> write_string(S, $").

write_string(S, Q) -> [Q | quote_chars(unicode, S, Q)].

write_latin1_string(S) -> write_latin1_string(S, $").

write_latin1_string(S, Q) -> [Q | quote_chars(latin1, S, Q)].

quote_chars(_Enc, [], Q) -> [Q];
quote_chars(Enc, [C | Cs], Q) -> escape(Enc, C, Q, quote_chars(Enc, Cs, Q)).

escape(_, Q, Q, More) -> [$\\, Q | More];
escape(_, $\\, _, More) -> [$\\, $\\ | More];
escape(_, C, _, More) when C >= $\s, C =< $~ -> [C | More];
escape(latin1, C, _, More) when C >= 160, C =< 255 -> [C | More];
escape(unicode, C, _, More) when is_integer(C), C >= 160 -> [C | More];
escape(_, $\n, _, More) -> [$\\, $n | More];
escape(_, $\r, _, More) -> [$\\, $r | More];
escape(_, $\t, _, More) -> [$\\, $t | More];
escape(_, $\v, _, More) -> [$\\, $v | More];
escape(_, $\b, _, More) -> [$\\, $b | More];
escape(_, $\f, _, More) -> [$\\, $f | More];
escape(_, $\e, _, More) -> [$\\, $e | More];
escape(_, $\d, _, More) -> [$\\, $d | More];
escape(_, C, _, More) when is_integer(C), C >= 0, C < 160 ->
    [$\\, $0 + (C bsr 6), $0 + ((C bsr 3) band 7), $0 + (C band 7) | More].

write_char($\s) -> "$\\s";
write_char(C) when is_integer(C), C >= 0 -> [$$ | escape(unicode, C, -1, [])].

write_latin1_char(C) when is_integer(C), C >= 0, C =< 255 ->
    [$$ | escape(latin1, C, -1, [])].

char_list([C | Cs]) when is_integer(C), C >= 0, C < 16#D800;
                         is_integer(C), C > 16#DFFF, C < 16#FFFE;
                         is_integer(C), C > 16#FFFF, C =< 16#10FFFF ->
    char_list(Cs);
char_list([]) -> true;
char_list(_) -> false.

deep_char_list(Cs) -> deep_chars(Cs, [], fun char_list/1).

latin1_char_list([C | Cs]) when is_integer(C), C >= 0, C =< 255 -> latin1_char_list(Cs);
latin1_char_list([]) -> true;
latin1_char_list(_) -> false.

deep_latin1_char_list(Cs) -> deep_chars(Cs, [], fun latin1_char_list/1).

%% Walks a deep list with a stack of pending tails; every integer must
%% pass Flat on its own.
deep_chars([C | Cs], More, Flat) when is_list(C) -> deep_chars(C, [Cs | More], Flat);
deep_chars([C | Cs], More, Flat) ->
    case Flat([C]) of
        true -> deep_chars(Cs, More, Flat);
        false -> false
    end;
deep_chars([], [Cs | More], Flat) -> deep_chars(Cs, More, Flat);
deep_chars([], [], _Flat) -> true;
deep_chars(_, _, _) -> false.

%% The printable range of this runtime is latin1 (as `erl +pc latin1`).
printable_list(L) -> printable_latin1_list(L).

printable_latin1_list([C | Cs]) when is_integer(C), C >= $\s, C =< $~ -> printable_latin1_list(Cs);
printable_latin1_list([C | Cs]) when is_integer(C), C >= 160, C =< 255 -> printable_latin1_list(Cs);
printable_latin1_list([C | Cs]) when C =:= $\n; C =:= $\r; C =:= $\t; C =:= $\v;
                                     C =:= $\b; C =:= $\f; C =:= $\e ->
    printable_latin1_list(Cs);
printable_latin1_list([]) -> true;
printable_latin1_list(_) -> false.

printable_unicode_list([C | Cs]) when is_integer(C), C >= $\s, C =< $~ -> printable_unicode_list(Cs);
printable_unicode_list([C | Cs]) when is_integer(C), C >= 160, C < 16#D800;
                                      is_integer(C), C > 16#DFFF, C < 16#FFFE;
                                      is_integer(C), C > 16#FFFF, C =< 16#10FFFF ->
    printable_unicode_list(Cs);
printable_unicode_list([C | Cs]) when C =:= $\n; C =:= $\r; C =:= $\t; C =:= $\v;
                                      C =:= $\b; C =:= $\f; C =:= $\e ->
    printable_unicode_list(Cs);
printable_unicode_list([]) -> true;
printable_unicode_list(_) -> false.

%% The column after printing a deep character list from column I (tabs
%% every 8 columns).
indentation([$\n | Cs], _I) -> indentation(Cs, 0);
indentation([$\t | Cs], I) -> indentation(Cs, ((I + 8) div 8) * 8);
indentation([C | Cs], I) when is_integer(C) -> indentation(Cs, I + 1);
indentation([C | Cs], I) -> indentation(Cs, indentation(C, I));
indentation([], I) -> I.

chars_length(S) ->
    try iolist_size(S) catch _:_ -> length(lists:flatten(S)) end.

%% fread(Format, Input): a basic reader for ~d, ~s, ~a, ~f (optionally with a
%% field width), literal characters and whitespace. Running out of input
%% before the format ends gives {more, RestFormat, CharsRead, ResultsSoFar}.
fread(Format, Input) -> fread_(Format, Input, 0, []).

fread_([], In, _N, Acc) -> {ok, lists:reverse(Acc), In};
fread_([$~ | F0], In0, N, Acc) ->
    {Width, F1} = fread_width(F0, none),
    case F1 of
        [C | F2] when C =:= $d; C =:= $s; C =:= $a; C =:= $f ->
            {In1, N1} = skip_ws(In0, N),
            case In1 of
                [] -> {more, [$~ | F0], N1, Acc};
                _ ->
                    {Field, In2} = take_field(In1, Width),
                    case fread_convert(C, Field) of
                        {ok, V} -> fread_(F2, In2, N1 + length(Field), [V | Acc]);
                        error -> {error, {fread, fread_what(C)}}
                    end
            end;
        [$~ | F2] ->
            case In0 of
                [$~ | In1] -> fread_(F2, In1, N + 1, Acc);
                [] -> {more, [$~ | F0], N, Acc};
                _ -> {error, {fread, input}}
            end;
        _ -> {error, {fread, format}}
    end;
fread_([C | F], In0, N, Acc) when C =:= $\s; C =:= $\t; C =:= $\n ->
    {In1, N1} = skip_ws(In0, N),
    fread_(F, In1, N1, Acc);
fread_([C | F], [C | In], N, Acc) -> fread_(F, In, N + 1, Acc);
fread_(F, [], N, Acc) -> {more, F, N, Acc};
fread_(_, _, _, _) -> {error, {fread, input}}.

fread_width([D | F], W) when D >= $0, D =< $9 ->
    fread_width(F, case W of none -> D - $0; _ -> W * 10 + D - $0 end);
fread_width(F, W) -> {W, F}.

skip_ws([C | In], N) when C =:= $\s; C =:= $\t; C =:= $\n; C =:= $\r -> skip_ws(In, N + 1);
skip_ws(In, N) -> {In, N}.

take_field(In, none) -> lists:splitwith(fun(C) -> not is_ws(C) end, In);
take_field(In, W) -> lists:split(min(W, length(In)), In).

is_ws(C) -> C =:= $\s orelse C =:= $\t orelse C =:= $\n orelse C =:= $\r.

fread_convert($s, Field) -> {ok, Field};
fread_convert($a, Field) -> {ok, list_to_atom(Field)};
fread_convert($d, Field) ->
    try {ok, list_to_integer(Field)} catch _:_ -> error end;
fread_convert($f, Field) ->
    try {ok, list_to_float(Field)} catch _:_ -> error end.

fread_what($d) -> integer;
fread_what($f) -> float;
fread_what(_) -> string.
