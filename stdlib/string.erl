%% The string module: OTP 20+'s Unicode API over chardata (grapheme
%% clusters, via the runtime's unicode_util BIFs), plus the older list API
%% that OTP 25 still exports.
%%
%% Result shapes follow OTP: a binary argument gives binary results (parts of
%% it), a flat list gives flat lists. Lists that contain binaries give
%% correct characters, not always OTP's exact nesting.
-module(string).

-export([is_empty/1, length/1, to_graphemes/1, reverse/1,
         equal/2, equal/3, equal/4, slice/2, slice/3,
         pad/2, pad/3, pad/4, trim/1, trim/2, trim/3, chomp/1,
         take/2, take/3, take/4, lexemes/2, nth_lexeme/3,
         uppercase/1, lowercase/1, titlecase/1, casefold/1,
         prefix/2, split/2, split/3, replace/3, replace/4,
         find/2, find/3, next_codepoint/1, next_grapheme/1]).
-export([to_float/1, to_integer/1, list_to_float/1, list_to_integer/1]).
-export([len/1, concat/2, chr/2, rchr/2, str/2, rstr/2, span/2, cspan/2,
         substr/2, substr/3, tokens/2, chars/2, chars/3]).
-export([copies/2, words/1, words/2, strip/1, strip/2, strip/3,
         sub_word/2, sub_word/3, left/2, left/3, right/2, right/3,
         sub_string/2, sub_string/3, centre/2, centre/3, join/2]).
-export([to_upper/1, to_lower/1]).

-compile({no_auto_import, [length/1, list_to_integer/1, list_to_float/1]}).

%% ---------------------------------------------------------------------
%% Helpers.

whitespace() -> [[13, 10], 9, 10, 11, 12, 13, 32, 133, 8206, 8207, 8232, 8233].

%% The empty string of the same kind as S.
empty(S) when is_binary(S) -> <<>>;
empty(_) -> [].

%% Appends grapheme cluster G (a code point or a list) in front of list L.
push(G, L) when is_integer(G) -> [G | L];
push(G, L) -> G ++ L.

%% The flat list of code points of the clusters Gs (in order).
flat_gcs(Gs) -> flat_gcs_rev(lists:reverse(Gs), []).

flat_gcs_rev([G | Gs], Acc) -> flat_gcs_rev(Gs, push(G, Acc));
flat_gcs_rev([], Acc) -> Acc.

%% Byte offset of the rest R inside binary B.
offset(B, R) when is_binary(R) -> byte_size(B) - byte_size(R);
offset(B, []) -> byte_size(B).

%% The bytes of B before offset N, and from offset N.
bin_before(B, N) -> binary_part(B, 0, N).
bin_from(B, N) -> binary_part(B, N, byte_size(B) - N).

%% A chardata part of the clusters Gs (reversed) for the kind of Orig.
gc_list_to(Orig, RevGs) when is_binary(Orig) ->
    unicode:characters_to_binary(flat_gcs_rev(RevGs, []));
gc_list_to(_, RevGs) ->
    flat_gcs_rev(RevGs, []).

member_gc(G, Seps) -> lists:member(G, Seps).

%% ---------------------------------------------------------------------
%% The Unicode API.

is_empty([]) -> true;
is_empty(<<>>) -> true;
is_empty([H | T]) -> is_empty(H) andalso is_empty(T);
is_empty(_) -> false.

length(S) -> length_1(S, 0).

length_1(S, N) ->
    case unicode_util:gc(S) of
        [_ | R] -> length_1(R, N + 1);
        [] -> N;
        {error, Err} -> erlang:error({badarg, Err})
    end.

to_graphemes(S) ->
    case unicode_util:gc(S) of
        [G | R] -> [G | to_graphemes(R)];
        [] -> []
    end.

reverse(S) -> reverse_1(S, []).

reverse_1(S, Acc) ->
    case unicode_util:gc(S) of
        [G | R] -> reverse_1(R, [G | Acc]);
        [] -> Acc
    end.

equal(A, B) when is_binary(A), is_binary(B) -> A =:= B;
equal(A, B) -> cps_equal(A, B).

equal(A, B, false) -> equal(A, B);
equal(A, B, true) -> cps_equal(casefold(A), casefold(B)).

equal(A, B, Case, none) -> equal(A, B, Case);
equal(A, B, Case, Norm) ->
    equal(normalize(A, Norm), normalize(B, Norm), Case).

normalize(S, nfc) -> unicode:characters_to_nfc_list(S);
normalize(S, nfd) -> unicode:characters_to_nfd_list(S);
normalize(S, nfkc) -> unicode:characters_to_nfkc_list(S);
normalize(S, nfkd) -> unicode:characters_to_nfkd_list(S).

cps_equal([C | A], [C | B]) when is_integer(C) -> cps_equal(A, B);
cps_equal(A, B) ->
    case {unicode_util:cp(A), unicode_util:cp(B)} of
        {[C | RA], [C | RB]} -> cps_equal(RA, RB);
        {[], []} -> true;
        {X, Y} when is_list(X), is_list(Y) -> false
    end.

%% Skips N clusters: the rest.
skip(S, 0) -> S;
skip(S, N) ->
    case unicode_util:gc(S) of
        [_ | R] -> skip(R, N - 1);
        [] -> []
    end.

%% The first N clusters of S, as the same kind of chardata.
first(S, N) when is_binary(S) ->
    bin_before(S, offset(S, skip(S, N)));
first(S, N) -> first_l(S, N).

first_l(_, 0) -> [];
first_l(S, N) ->
    case unicode_util:gc(S) of
        [G | R] -> push(G, first_l(R, N - 1));
        [] -> []
    end.

slice(S, N) when is_integer(N), N >= 0 ->
    case skip(S, N) of
        [] when is_binary(S) -> <<>>;
        R -> R
    end.

slice(S, N, Len) when is_integer(N), N >= 0, is_integer(Len), Len > 0 ->
    case skip(S, N) of
        [] when is_binary(S) -> <<>>;
        R -> first(R, Len)
    end;
slice(S, N, infinity) ->
    slice(S, N);
slice(S, _, 0) ->
    empty(S).

pad(S, Len) -> pad(S, Len, trailing, $\s).

pad(S, Len, Dir) -> pad(S, Len, Dir, $\s).

pad(S, Len, leading, Char) when is_integer(Len) ->
    [lists:duplicate(max(0, Len - length(S)), Char), S];
pad(S, Len, trailing, Char) when is_integer(Len) ->
    [S | lists:duplicate(max(0, Len - length(S)), Char)];
pad(S, Len, both, Char) when is_integer(Len) ->
    Fill = max(0, Len - length(S)),
    Half = lists:duplicate(Fill div 2, Char),
    case Fill rem 2 of
        1 -> [Half, S, Half, Char];
        0 -> [Half, S, Half]
    end.

trim(S) -> trim(S, both, whitespace()).

trim(S, Dir) -> trim(S, Dir, whitespace()).

trim(S, _, []) -> S;
trim(S, leading, Seps) when is_list(Seps) -> drop_leading(S, Seps);
trim(S, trailing, Seps) when is_list(Seps) ->
    case is_cp_list(S) of
        true -> trim_t_cps(S, Seps, [sep_first(Sep) || Sep <- Seps]);
        false -> element(1, split_trailing(S, Seps, true))
    end;
trim(S, both, Seps) when is_list(Seps) ->
    trim(trim(S, leading, Seps), trailing, Seps).

%% Trailing trim of a flat list, as OTP does it: scanning code point by
%% code point and reading a grapheme cluster only where a separator can
%% start. So a cluster is not always seen whole: "\n" trims "ab\r\n" to
%% "ab\r", like OTP.
trim_t_cps([CP | Cont] = S, Seps, Firsts) ->
    case lists:member(CP, Firsts) of
        true ->
            [G | R] = unicode_util:gc(S),
            case member_gc(G, Seps) of
                true ->
                    case trim_t_cps(R, Seps, Firsts) of
                        [] -> [];
                        Tail -> push(G, Tail)
                    end;
                false -> push(G, trim_t_cps(R, Seps, Firsts))
            end;
        false -> [CP | trim_t_cps(Cont, Seps, Firsts)]
    end;
trim_t_cps([], _, _) -> [].

sep_first([C | _]) -> C;
sep_first(C) -> C.

is_cp_list([C | T]) when is_integer(C) -> is_cp_list(T);
is_cp_list([]) -> true;
is_cp_list(_) -> false.

chomp(S) -> trim(S, trailing, [[$\r, $\n], $\n]).

%% S without its leading clusters that are in Seps.
drop_leading(S, Seps) ->
    case unicode_util:gc(S) of
        [G | R] ->
            case member_gc(G, Seps) of
                true -> drop_leading(R, Seps);
                false -> S
            end;
        [] -> empty(S)
    end.

%% {Leading, Rest}: the longest prefix of clusters whose membership in Seps
%% is In.
split_leading(S, Seps, In) when is_binary(S) ->
    R = skip_while(S, Seps, In),
    N = offset(S, R),
    {bin_before(S, N), bin_from(S, N)};
split_leading(S, Seps, In) ->
    split_leading_l(S, Seps, In, []).

skip_while(S, Seps, In) ->
    case unicode_util:gc(S) of
        [G | R] ->
            case member_gc(G, Seps) =:= In of
                true -> skip_while(R, Seps, In);
                false -> S
            end;
        [] -> []
    end.

split_leading_l(S, Seps, In, Acc) ->
    case unicode_util:gc(S) of
        [G | R] ->
            case member_gc(G, Seps) =:= In of
                true -> split_leading_l(R, Seps, In, [G | Acc]);
                false -> {flat_gcs_rev(Acc, []), S}
            end;
        [] -> {flat_gcs_rev(Acc, []), []}
    end.

%% {Head, Tail}: Tail is the longest suffix of clusters whose membership
%% in Seps is In.
split_trailing(S, Seps, In) when is_binary(S) ->
    N = trailing_cut(S, S, Seps, In, 0),
    {bin_before(S, N), bin_from(S, N)};
split_trailing(S, Seps, In) ->
    Gs = to_graphemes(S),
    {Tail, Head} = lists:splitwith(fun(G) -> member_gc(G, Seps) =:= In end, lists:reverse(Gs)),
    TailCps = flat_gcs(lists:reverse(Tail)),
    case has_binary(S) of
        false -> {flat_gcs_rev(Head, []), TailCps};
        true -> {drop_last_cps(S, erlang:length(TailCps)), TailCps}
    end.

has_binary(B) when is_binary(B) -> true;
has_binary([H | T]) -> has_binary(H) orelse has_binary(T);
has_binary(_) -> false.

%% A list with binaries, without its last N code points: code points from
%% lists flattened, binaries kept whole (or cut), a binary at the end as
%% the tail.
drop_last_cps(S, N) ->
    Chunks = chunks(S, []),
    build_chunks(lists:reverse(drop_chunks(Chunks, N))).

chunks(B, Acc) when is_binary(B) -> [B | Acc];
chunks([H | T], Acc) -> chunks(T, chunks(H, Acc));
chunks([], Acc) -> Acc;
chunks(C, Acc) when is_integer(C) -> [C | Acc].

%% Drops N code points from the front of reversed chunks.
drop_chunks(Chunks, 0) -> Chunks;
drop_chunks([C | Cs], N) when is_integer(C) -> drop_chunks(Cs, N - 1);
drop_chunks([B | Cs], N) ->
    Len = erlang:length(unicode:characters_to_list(B)),
    if
        Len =< N -> drop_chunks(Cs, N - Len);
        true -> [first(B, Len - N) | Cs]
    end;
drop_chunks([], _) -> [].

build_chunks([]) -> [];
build_chunks([B]) when is_binary(B) -> B;
build_chunks([<<>> | Cs]) -> build_chunks(Cs);
build_chunks([C | Cs]) -> [C | build_chunks(Cs)].

%% The byte offset where the trailing run of clusters starts.
trailing_cut(B, S, Seps, In, Cut) ->
    case unicode_util:gc(S) of
        [G | R] ->
            case member_gc(G, Seps) =:= In of
                true -> trailing_cut(B, R, Seps, In, Cut);
                false -> trailing_cut(B, R, Seps, In, offset(B, R))
            end;
        [] -> Cut
    end.

take(S, Seps) -> take(S, Seps, false, leading).

take(S, Seps, Complement) -> take(S, Seps, Complement, leading).

take(S, [], Complement, Dir) ->
    E = empty(S),
    case {Complement, Dir} of
        {false, leading} -> {E, S};
        {false, trailing} -> {S, E};
        {true, leading} -> {S, E};
        {true, trailing} -> {E, S}
    end;
take(S, Seps, Complement, leading) -> split_leading(S, Seps, not Complement);
take(S, Seps, Complement, trailing) -> split_trailing(S, Seps, not Complement).

uppercase(S) -> map_case(S, fun unicode_util:uppercase/1).
lowercase(S) -> map_case(S, fun unicode_util:lowercase/1).
casefold(S) -> map_case(S, fun unicode_util:casefold/1).

map_case(S, F) when is_binary(S) -> map_case_b(S, F, <<>>);
map_case(S, F) when is_list(S) -> map_case_l(S, F).

map_case_l(S, F) ->
    case F(S) of
        [C | R] -> push(C, map_case_l(R, F));
        [] -> []
    end.

map_case_b(S, F, Acc) ->
    case F(S) of
        [C | R] when is_integer(C) -> map_case_b(R, F, <<Acc/binary, C/utf8>>);
        [Cs | R] -> map_case_b(R, F, <<Acc/binary, (unicode:characters_to_binary(Cs))/binary>>);
        [] -> Acc
    end.

titlecase(S) when is_binary(S) ->
    case unicode_util:titlecase(S) of
        [C | R] when is_integer(C) -> <<C/utf8, R/binary>>;
        [Cs | R] -> <<(unicode:characters_to_binary(Cs))/binary, R/binary>>;
        [] -> <<>>
    end;
titlecase(S) when is_list(S) ->
    case unicode_util:titlecase(S) of
        [C | <<>>] when is_integer(C) -> [C];
        [C | R] when is_integer(C), is_binary(R) -> [C, R];
        [C | R] when is_integer(C) -> [C | R];
        [Cs | <<>>] -> Cs;
        [Cs | R] when is_binary(R) -> [Cs, R];
        [Cs | R] -> Cs ++ R;
        [] -> []
    end.

to_integer(S) ->
    try take(S, "+-0123456789") of
        {Head, Tail} ->
            case is_empty(Head) of
                true -> {error, no_integer};
                false ->
                    L = unicode:characters_to_list(Head),
                    case string:list_to_integer(L) of
                        {error, _} = E -> E;
                        {N, Rest} -> number_rest(S, N, Rest, L, Tail)
                    end
            end
    catch _:_ -> {error, badarg}
    end.

to_float(S) ->
    try take(S, "+-0123456789eE.,") of
        {Head, Tail} ->
            case is_empty(Head) of
                true -> {error, no_float};
                false ->
                    L = unicode:characters_to_list(Head),
                    case string:list_to_float(L) of
                        {error, _} = E -> E;
                        {F, Rest} -> number_rest(S, F, Rest, L, Tail)
                    end
            end
    catch _:_ -> {error, badarg}
    end.

number_rest(S, N, Rest, L, _Tail) when is_binary(S) ->
    Used = erlang:length(L) - erlang:length(Rest),
    {N, bin_from(S, Used)};
number_rest(_, N, Rest, _, Tail) ->
    {N, concat(Rest, Tail)}.

%% {Integer, Rest} from the front of a string of characters.
list_to_integer(L) when is_list(L) ->
    {Sign, Digits} = sign(L),
    case digits(Digits, 0, 0) of
        {_, 0, _} -> {error, no_integer};
        {N, _, Rest} -> {Sign * N, Rest}
    end;
list_to_integer(_) -> {error, not_a_list}.

sign([$- | R]) -> {-1, R};
sign([$+ | R]) -> {1, R};
sign(R) -> {1, R}.

digits([D | R], N, Count) when D >= $0, D =< $9 -> digits(R, N * 10 + D - $0, Count + 1);
digits(R, N, Count) -> {N, Count, R}.

%% {Float, Rest}: [+-]Digits.Digits[(e|E)[+-]Digits] at the front.
list_to_float(L) when is_list(L) ->
    {_, AfterSign} = sign(L),
    case digits(AfterSign, 0, 0) of
        {_, I, [Dot | AfterDot]} when I > 0, (Dot =:= $. orelse Dot =:= $,) ->
            case digits(AfterDot, 0, 0) of
                {_, F, AfterFrac} when F > 0 ->
                    End = exponent(AfterFrac),
                    Text = lists:sublist(L, erlang:length(L) - erlang:length(End)),
                    float_result([dot(C) || C <- Text], End);
                _ -> {error, no_float}
            end;
        _ -> {error, no_float}
    end;
list_to_float(_) -> {error, not_a_list}.

float_result(Text, End) ->
    try erlang:list_to_float(Text) of
        F -> {F, End}
    catch error:badarg -> {error, no_float}
    end.

dot($,) -> $.;
dot(C) -> C.

exponent([E | R] = S) when E =:= $e; E =:= $E ->
    {_, AfterSign} = sign(R),
    case digits(AfterSign, 0, 0) of
        {_, 0, _} -> S;
        {_, _, Rest} -> Rest
    end;
exponent(S) -> S.

%% The rest after Prefix (a list of code points) at the front of S, or
%% nomatch. The last prefix character must be a whole grapheme cluster.
match_prefix(S, [P]) ->
    case unicode_util:gc(S) of
        [P | R] -> R;
        _ -> nomatch
    end;
match_prefix(S, [P | Ps]) ->
    case unicode_util:cp(S) of
        [P | R] -> match_prefix(R, Ps);
        _ -> nomatch
    end.

prefix(S, Prefix0) ->
    Res = case unicode:characters_to_list(Prefix0) of
              [] -> S;
              Prefix -> match_prefix(S, Prefix)
          end,
    case Res of
        [] when is_binary(S) -> <<>>;
        _ -> Res
    end.

%% Every match of Needle in S, scanning code point by code point:
%% a list of {Before, After} where Before is the reversed code points
%% before the match (from the previous match) and After the rest.
split(S, Pattern) -> split(S, Pattern, leading).

split(S, Pattern, Where) ->
    case is_empty(Pattern) of
        true -> [S];
        false ->
            Needle = unicode:characters_to_list(Pattern),
            case Where of
                leading ->
                    case find_first(S, Needle, []) of
                        nomatch -> [S];
                        {Before, After} -> [part(S, Before, After, Needle), fix_empty(S, After)]
                    end;
                trailing ->
                    case find_last(S, Needle, [], nomatch) of
                        nomatch -> [S];
                        {Before, After} -> [part(S, Before, After, Needle), fix_empty(S, After)]
                    end;
                all ->
                    split_all(S, S, Needle, [])
            end
    end.

split_all(Orig, S, Needle, Acc) ->
    case find_first(S, Needle, []) of
        nomatch -> lists:reverse([rest_part(Orig, S) | Acc]);
        {Before, After} ->
            split_all(Orig, After, Needle, [part_from(Orig, S, Before, After, Needle) | Acc])
    end.

fix_empty(S, []) when is_binary(S) -> <<>>;
fix_empty(_, R) -> R.

rest_part(Orig, S) when is_binary(Orig) ->
    case S of
        [] -> <<>>;
        _ -> S
    end;
rest_part(_, S) -> S.

%% The text before a match that starts the rest After (the whole string
%% being S).
part(S, RevBefore, After, Needle) ->
    part_from(S, S, RevBefore, After, Needle).

part_from(Orig, From, RevBefore, After, Needle) when is_binary(Orig) ->
    Start = offset(Orig, bin_or_empty(From)),
    End = offset(Orig, bin_or_empty(After)) - byte_size(unicode:characters_to_binary(Needle)),
    binary_part(Orig, Start, End - Start);
part_from(_, _, RevBefore, _, _) ->
    lists:reverse(RevBefore).

bin_or_empty([]) -> <<>>;
bin_or_empty(B) -> B.

%% {RevBefore, After} for the first match, or nomatch.
find_first(S, Needle, Acc) ->
    case match_prefix(S, Needle) of
        nomatch ->
            case unicode_util:cp(S) of
                [C | R] -> find_first(R, Needle, [C | Acc]);
                [] -> nomatch
            end;
        After -> {Acc, After}
    end.

%% The last match.
find_last(S, Needle, Acc, Found) ->
    Found1 = case match_prefix(S, Needle) of
                 nomatch -> Found;
                 After -> {Acc, After}
             end,
    case unicode_util:cp(S) of
        [C | R] -> find_last(R, Needle, [C | Acc], Found1);
        [] -> Found1
    end.

replace(S, Pattern, Replacement) ->
    lists:join(Replacement, split(S, Pattern)).

replace(S, Pattern, Replacement, Where) ->
    lists:join(Replacement, split(S, Pattern, Where)).

lexemes([], _) -> [];
lexemes(S, []) -> [S];
lexemes(S, Seps) when is_list(Seps) ->
    lexemes_1(S, Seps, []).

lexemes_1(S, Seps, Acc) ->
    S1 = drop_leading(S, Seps),
    case is_empty_gc(S1) of
        true -> lists:reverse(Acc);
        false ->
            {Lexeme, Rest} = split_leading(S1, Seps, false),
            lexemes_1(Rest, Seps, [Lexeme | Acc])
    end.

is_empty_gc(S) -> unicode_util:gc(S) =:= [].

nth_lexeme(S, 1, []) -> S;
nth_lexeme(S, N, Seps) when is_list(Seps), is_integer(N), N > 0 ->
    nth_lexeme_1(S, N, Seps).

nth_lexeme_1(S, N, Seps) ->
    S1 = drop_leading(S, Seps),
    case is_empty_gc(S1) of
        true -> empty(S);
        false ->
            {Lexeme, Rest} = split_leading(S1, Seps, false),
            case N of
                1 -> Lexeme;
                _ -> nth_lexeme_1(Rest, N - 1, Seps)
            end
    end.

find(S, Pattern) -> find(S, Pattern, leading).

find(S, "", _) -> S;
find(S, <<>>, _) -> S;
find(S, Pattern, leading) ->
    find_from(S, unicode:characters_to_list(Pattern));
find(S, Pattern, trailing) ->
    find_from_last(S, unicode:characters_to_list(Pattern), nomatch).

find_from(S, Needle) ->
    case match_prefix(S, Needle) of
        nomatch ->
            case unicode_util:cp(S) of
                [_ | R] -> find_from(R, Needle);
                [] -> nomatch
            end;
        _ -> S
    end.

find_from_last(S, Needle, Found) ->
    Found1 = case match_prefix(S, Needle) of
                 nomatch -> Found;
                 _ -> S
             end,
    case unicode_util:cp(S) of
        [_ | R] -> find_from_last(R, Needle, Found1);
        [] -> Found1
    end.

next_grapheme(S) -> unicode_util:gc(S).

next_codepoint(S) -> unicode_util:cp(S).

%% ---------------------------------------------------------------------
%% The old list API.

len(S) -> erlang:length(S).

concat(S1, S2) -> S1 ++ S2.

chr(S, C) when is_integer(C) -> chr_1(S, C, 1).

chr_1([C | _], C, I) -> I;
chr_1([_ | T], C, I) -> chr_1(T, C, I + 1);
chr_1([], _, _) -> 0.

rchr(S, C) when is_integer(C) -> rchr_1(S, C, 1, 0).

rchr_1([C | T], C, I, _) -> rchr_1(T, C, I + 1, I);
rchr_1([_ | T], C, I, Last) -> rchr_1(T, C, I + 1, Last);
rchr_1([], _, _, Last) -> Last.

str(S, Sub) when is_list(Sub) -> str_1(S, Sub, 1).

str_1([], _, _) -> 0;
str_1([_ | T] = S, Sub, I) ->
    case lists:prefix(Sub, S) of
        true when Sub =/= [] -> I;
        _ -> str_1(T, Sub, I + 1)
    end.

rstr(S, Sub) when is_list(Sub) -> rstr_1(S, Sub, 1, 0).

rstr_1([], _, _, Last) -> Last;
rstr_1([_ | T] = S, Sub, I, Last) ->
    case lists:prefix(Sub, S) of
        true when Sub =/= [] -> rstr_1(T, Sub, I + 1, I);
        _ -> rstr_1(T, Sub, I + 1, Last)
    end.

span(S, Cs) when is_list(Cs) -> span_1(S, Cs, 0).

span_1([C | T], Cs, I) ->
    case lists:member(C, Cs) of
        true -> span_1(T, Cs, I + 1);
        false -> I
    end;
span_1([], _, I) -> I.

cspan(S, Cs) when is_list(Cs) -> cspan_1(S, Cs, 0).

cspan_1([C | T], Cs, I) ->
    case lists:member(C, Cs) of
        true -> I;
        false -> cspan_1(T, Cs, I + 1)
    end;
cspan_1([], _, I) -> I.

substr(S, 1) when is_list(S) -> S;
substr(S, Start) when is_integer(Start), Start > 1 -> drop(S, Start - 1).

substr(S, Start, Len) when is_integer(Start), Start >= 1, is_integer(Len), Len >= 0 ->
    take_n(drop(S, Start - 1), Len).

drop(S, 0) when is_list(S) -> S;
drop([_ | T], N) -> drop(T, N - 1).

take_n([C | T], N) when N > 0 -> [C | take_n(T, N - 1)];
take_n(S, _) when is_list(S) -> [].

sub_string(S, Start) -> substr(S, Start).

sub_string(S, Start, Stop) -> substr(S, Start, Stop - Start + 1).

tokens(S, Seps) ->
    tokens_1(S, Seps, [], []).

tokens_1([C | T], Seps, Tok, Acc) ->
    case lists:member(C, Seps) of
        true -> tokens_1(T, Seps, [], add_token(Tok, Acc));
        false -> tokens_1(T, Seps, [C | Tok], Acc)
    end;
tokens_1([], _, Tok, Acc) ->
    lists:reverse(add_token(Tok, Acc)).

add_token([], Acc) -> Acc;
add_token(Tok, Acc) -> [lists:reverse(Tok) | Acc].

chars(C, N) -> chars(C, N, []).

chars(C, N, Tail) when is_integer(N), N > 0 -> chars(C, N - 1, [C | Tail]);
chars(C, 0, Tail) when is_integer(C) -> Tail.

copies(S, N) when is_list(S), is_integer(N), N >= 0 -> copies_1(S, N, []).

copies_1(_, 0, Acc) -> Acc;
copies_1(S, N, Acc) -> copies_1(S, N - 1, S ++ Acc).

words(S) -> words(S, $\s).

words(S, Char) when is_integer(Char) ->
    erlang:length(tokens(S, [Char])) + words_empty(S, Char).

%% OTP counts an all-separator (or empty) string as one word.
words_empty(S, Char) ->
    case strip(S, both, Char) of
        [] -> 1;
        _ -> 0
    end.

sub_word(S, Index) -> sub_word(S, Index, $\s).

sub_word(S, Index, Char) when is_integer(Index), is_integer(Char) ->
    case tokens(S, [Char]) of
        Ws when erlang:length(Ws) >= Index, Index >= 1 -> lists:nth(Index, Ws);
        _ -> []
    end.

strip(S) -> strip(S, both).

strip(S, Dir) -> strip(S, Dir, $\s).

strip(S, left, C) -> strip_left(S, C);
strip(S, right, C) -> strip_right(S, C);
strip(S, both, C) -> strip_right(strip_left(S, C), C).

strip_left([C | T], C) -> strip_left(T, C);
strip_left(S, C) when is_list(S), is_integer(C) -> S.

strip_right(S, C) when is_integer(C) ->
    lists:reverse(strip_left(lists:reverse(S), C)).

left(S, Len) when is_integer(Len) -> left(S, Len, $\s).

left(S, Len, Char) when is_integer(Char) ->
    N = erlang:length(S),
    if
        N > Len -> substr(S, 1, Len);
        N < Len -> S ++ chars(Char, Len - N);
        true -> S
    end.

right(S, Len) when is_integer(Len) -> right(S, Len, $\s).

right(S, Len, Char) when is_integer(Char) ->
    N = erlang:length(S),
    if
        N > Len -> substr(S, N - Len + 1);
        N < Len -> chars(Char, Len - N, S);
        true -> S
    end.

centre(S, Len) when is_integer(Len) -> centre(S, Len, $\s).

centre(S, 0, Char) when is_list(S), is_integer(Char) -> [];
centre(S, Len, Char) when is_integer(Char) ->
    N = erlang:length(S),
    if
        N > Len -> substr(S, (N - Len) div 2 + 1, Len);
        N < Len ->
            Left = (Len - N) div 2,
            chars(Char, Left, S ++ chars(Char, Len - N - Left));
        true -> S
    end.

join([], Sep) when is_list(Sep) -> [];
join([H | T], Sep) -> H ++ lists:append([Sep ++ X || X <- T]).

to_upper(S) when is_list(S) -> [upper_latin1(C) || C <- S];
to_upper(C) when is_integer(C) -> upper_latin1(C).

to_lower(S) when is_list(S) -> [lower_latin1(C) || C <- S];
to_lower(C) when is_integer(C) -> lower_latin1(C).

upper_latin1(C) when is_integer(C), C >= $a, C =< $z -> C - 32;
upper_latin1(C) when is_integer(C), C >= 16#E0, C =< 16#FE, C =/= 16#F7 -> C - 32;
upper_latin1(C) -> C.

lower_latin1(C) when is_integer(C), C >= $A, C =< $Z -> C + 32;
lower_latin1(C) when is_integer(C), C >= 16#C0, C =< 16#DE, C =/= 16#D7 -> C + 32;
lower_latin1(C) -> C.
