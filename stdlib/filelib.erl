%% The filelib module, as OTP 25's stdlib `filelib`, over the file BIFs
%% (runtime/src/bifs/file.rs).
%%
%% wildcard/1,2 patterns: `?` (one character), `*` (any characters, dot
%% files included, as in OTP), `[a-z0-9]` (a character class; `^` and `!`
%% are ordinary characters), `{a,b*}` (alternatives, which may nest), `**`
%% as a whole component (any number of directory levels, zero included),
%% and `\` quoting the next character. An unclosed `[` is an ordinary
%% character; an unclosed `{` raises {badpattern, missing_delimiter}.
%% Results are sorted.
%%
%% fold_files/5 visits directories in sorted name order (OTP uses the
%% directory's own order, which is unspecified) and matches file names
%% with a small regular-expression engine (there is no `re` module yet):
%% literals, `.`, classes `[...]` / `[^...]`, escapes (`\d`, `\w`, `\s`,
%% `\.`), groups with `|`, `*`, `+`, `?`, and the anchors `^` and `$`.
-module(filelib).
-export([is_dir/1, is_file/1, is_regular/1, file_size/1, last_modified/1,
         ensure_dir/1, ensure_path/1, wildcard/1, wildcard/2, fold_files/5,
         safe_relative_path/2]).

%% ---------------------------------------------------------------------
%% Queries.

is_dir(Name) ->
    case file:read_file_info(Name) of
        {ok, Info} -> element(3, Info) =:= directory;
        _ -> false
    end.

is_file(Name) ->
    case file:read_file_info(Name) of
        {ok, Info} -> element(3, Info) =:= regular orelse element(3, Info) =:= directory;
        _ -> false
    end.

is_regular(Name) ->
    case file:read_file_info(Name) of
        {ok, Info} -> element(3, Info) =:= regular;
        _ -> false
    end.

file_size(Name) ->
    case file:read_file_info(Name) of
        {ok, Info} -> element(2, Info);
        _ -> 0
    end.

last_modified(Name) ->
    case file:read_file_info(Name) of
        {ok, Info} -> element(6, Info);
        _ -> 0
    end.

%% ---------------------------------------------------------------------
%% Making directories.

%% Makes sure the directory that would hold Name exists.
ensure_dir(Name) ->
    Dir = filename:dirname(Name),
    case is_dir(Dir) of
        true -> ok;
        false when Dir =:= Name -> {error, einval};
        false ->
            _ = ensure_dir(Dir),
            make_dir(Dir)
    end.

%% Makes sure the directory Path and all its parents exist.
ensure_path(Path) ->
    case is_dir(Path) of
        true -> ok;
        false ->
            Parent = filename:dirname(Path),
            case Parent =:= Path of
                true -> {error, einval};
                false ->
                    _ = ensure_path(Parent),
                    make_dir(Path)
            end
    end.

make_dir(Dir) ->
    case file:make_dir(Dir) of
        {error, eexist} = EExist ->
            case is_dir(Dir) of
                true -> ok;
                false -> EExist
            end;
        Other -> Other
    end.

%% ---------------------------------------------------------------------
%% safe_relative_path/2: the name with "." and ".." resolved, or unsafe
%% when it is absolute or climbs out of its starting point. (OTP also
%% follows symbolic links relative to Cwd; this version does not.)

safe_relative_path(Name, _Cwd) ->
    case filename:pathtype(Name) of
        absolute -> unsafe;
        relative -> safe_parts(filename:split(Name), [])
    end.

safe_parts([], []) -> [];
safe_parts([], Acc) -> filename:join(lists:reverse(Acc));
safe_parts([P | Ps], Acc) ->
    case name_chars(P) of
        "." -> safe_parts(Ps, Acc);
        ".." ->
            case Acc of
                [] -> unsafe;
                [_ | Up] -> safe_parts(Ps, Up)
            end;
        _ -> safe_parts(Ps, [P | Acc])
    end.

name_chars(B) when is_binary(B) -> binary_to_list(B);
name_chars(L) -> L.

%% ---------------------------------------------------------------------
%% wildcard/1,2

wildcard(Pattern) when is_list(Pattern) ->
    wildcard_in(Pattern, none).

wildcard(Pattern, Cwd) when is_list(Pattern), is_list(Cwd) ->
    wildcard_in(Pattern, Cwd).

wildcard_in(Pattern, Cwd) ->
    Flat = filename:flatten(Pattern),
    Parts = filename:split(Flat),
    Compiled = [compile_part(P) || P <- Parts],
    {Start, Rest} = case Compiled of
                        [{literal, "/"} | More] -> {"/", More};
                        _ -> {"", Compiled}
                    end,
    Found = expand(Rest, [Start], Cwd),
    lists:usort([filename:join([F]) || F <- Found, F =/= ""]).

%% Each component: {literal, Name}, double_star, or {pattern, Tokens}.
compile_part("**") -> double_star;
compile_part(Part) ->
    Tokens = tokens(Part),
    case lists:all(fun is_integer/1, Tokens) of
        true -> {literal, Tokens};
        false -> {pattern, Tokens}
    end.

%% Tokens: a character, star, question, {class, Ranges} or
%% {alt, [Tokens]}.
tokens(Chars) ->
    case tokens(Chars, []) of
        {Tokens, []} -> Tokens;
        {_, _} -> erlang:error({badpattern, missing_delimiter})
    end.

%% Tokens up to the end, or up to a `,` or `}` of an enclosing brace
%% (returned as the rest).
tokens([], Acc) -> {lists:reverse(Acc), []};
tokens([C | _] = Rest, Acc) when C =:= $,; C =:= $} -> {lists:reverse(Acc), Rest};
tokens([$\\, C | T], Acc) -> tokens(T, [C | Acc]);
tokens([$* | T], Acc) -> tokens(T, [star | Acc]);
tokens([$? | T], Acc) -> tokens(T, [question | Acc]);
tokens([$[ | T] = All, Acc) ->
    case class(T, []) of
        {ok, Ranges, Rest} -> tokens(Rest, [{class, Ranges} | Acc]);
        error -> literal_rest(All, Acc)
    end;
tokens([${ | T], Acc) ->
    {Alts, Rest} = alternatives(T, []),
    tokens(Rest, [{alt, Alts} | Acc]);
tokens([C | T], Acc) -> tokens(T, [C | Acc]).

%% An unclosed `[`: an ordinary character.
literal_rest([$[ | T], Acc) -> tokens(T, [$[ | Acc]).

class([$] | T], Acc) when Acc =/= [] -> {ok, lists:reverse(Acc), T};
class([A, $-, B | T], Acc) when B =/= $] -> class(T, [{A, B} | Acc]);
class([$\\, C | T], Acc) -> class(T, [{C, C} | Acc]);
class([C | T], Acc) -> class(T, [{C, C} | Acc]);
class([], _) -> error.

alternatives(Chars, Acc) ->
    case tokens(Chars, []) of
        {Alt, [$, | Rest]} -> alternatives(Rest, [Alt | Acc]);
        {Alt, [$} | Rest]} -> {lists:reverse([Alt | Acc]), Rest};
        {_, []} -> erlang:error({badpattern, missing_delimiter})
    end.

%% Does the name match the tokens?
match([], []) -> true;
match([star | Ts], Name) -> match_star(Ts, Name);
match([question | Ts], [_ | Cs]) -> match(Ts, Cs);
match([{class, Ranges} | Ts], [C | Cs]) ->
    in_ranges(C, Ranges) andalso match(Ts, Cs);
match([{alt, Alts} | Ts], Name) ->
    lists:any(fun(Alt) -> match(Alt ++ Ts, Name) end, Alts);
match([C | Ts], [C | Cs]) when is_integer(C) -> match(Ts, Cs);
match(_, _) -> false.

match_star(Ts, Name) ->
    match(Ts, Name) orelse
        case Name of
            [_ | Cs] -> match_star(Ts, Cs);
            [] -> false
        end.

in_ranges(C, [{A, B} | Rs]) -> (C >= A andalso C =< B) orelse in_ranges(C, Rs);
in_ranges(_, []) -> false.

%% Expands the components from each prefix ("" is the current directory).
expand([], Prefixes, _) -> Prefixes;
expand([{literal, Name} | Rest], Prefixes, Cwd) ->
    Next = [P1 || P <- Prefixes, P1 <- [child(P, Name)], exists(P1, Cwd)],
    expand(Rest, Next, Cwd);
expand([{pattern, Tokens} | Rest], Prefixes, Cwd) ->
    Next = [child(P, N) || P <- Prefixes, N <- entries(P, Cwd), match(Tokens, N)],
    expand(Rest, Next, Cwd);
expand([double_star], Prefixes, Cwd) ->
    lists:append([descendants(P, Cwd, all) || P <- Prefixes]);
expand([double_star | Rest], Prefixes, Cwd) ->
    Next = lists:append([[P | descendants(P, Cwd, dirs)] || P <- Prefixes]),
    expand(Rest, Next, Cwd).

child("", Name) -> Name;
child("/", Name) -> [$/ | Name];
child(Dir, Name) -> Dir ++ [$/ | Name].

%% The path to give the file BIFs.
actual("", none) -> ".";
actual("", Cwd) -> Cwd;
actual(Path, none) -> Path;
actual([$/ | _] = Path, _) -> Path;
actual(Path, Cwd) -> filename:join(Cwd, Path).

exists(Path, Cwd) ->
    case file:read_link_info(actual(Path, Cwd)) of
        {ok, _} -> true;
        _ -> false
    end.

entries(Dir, Cwd) ->
    case file:list_dir(actual(Dir, Cwd)) of
        {ok, Names} -> Names;
        _ -> []
    end.

%% Everything below Dir (all), or only the directories (dirs).
descendants(Dir, Cwd, What) ->
    lists:append(
      [begin
           Path = child(Dir, N),
           IsDir = is_dir(actual(Path, Cwd)),
           Below = case IsDir of
                       true -> descendants(Path, Cwd, What);
                       false -> []
                   end,
           case What =:= all orelse IsDir of
               true -> [Path | Below];
               false -> Below
           end
       end || N <- entries(Dir, Cwd)]).

%% ---------------------------------------------------------------------
%% fold_files/5

fold_files(Dir, RegExp, Recursive, Fun, Acc) ->
    Re = re_compile(RegExp),
    fold_dir(Dir, Re, Recursive, Fun, Acc).

fold_dir(Dir, Re, Recursive, Fun, Acc) ->
    case file:list_dir(Dir) of
        {ok, Names} ->
            fold_names(lists:sort(Names), Dir, Re, Recursive, Fun, Acc);
        {error, _} -> Acc
    end.

fold_names([], _, _, _, _, Acc) -> Acc;
fold_names([Name | Names], Dir, Re, Recursive, Fun, Acc0) ->
    Path = filename:join(Dir, Name),
    Acc = case is_dir(Path) of
              true when Recursive -> fold_dir(Path, Re, Recursive, Fun, Acc0);
              true -> Acc0;
              false ->
                  case is_regular(Path) andalso re_match(Re, Name) of
                      true -> Fun(Path, Acc0);
                      false -> Acc0
                  end
          end,
    fold_names(Names, Dir, Re, Recursive, Fun, Acc).

%% A small backtracking regular-expression engine. A compiled expression
%% is a list of alternatives, each a list of items:
%% {char, C} | any | {class, Negated, Ranges} | bol | eol | {group, Alts}
%% | {repeat, Min, Max, Item}.

re_compile(RegExp) when is_binary(RegExp) -> re_compile(binary_to_list(RegExp));
re_compile(RegExp) ->
    case re_alts(RegExp, [], []) of
        {Alts, []} -> Alts;
        _ -> erlang:error(badarg)
    end.

re_alts([], Seq, Alts) -> {lists:reverse([lists:reverse(Seq) | Alts]), []};
re_alts([$) | _] = Rest, Seq, Alts) -> {lists:reverse([lists:reverse(Seq) | Alts]), Rest};
re_alts([$| | T], Seq, Alts) -> re_alts(T, [], [lists:reverse(Seq) | Alts]);
re_alts(Chars, Seq, Alts) ->
    {Item, Rest} = re_atom(Chars),
    {Quantified, Rest1} = re_quantifier(Item, Rest),
    re_alts(Rest1, [Quantified | Seq], Alts).

re_atom([$( | T]) ->
    T1 = case T of
             [$?, $: | More] -> More;
             _ -> T
         end,
    case re_alts(T1, [], []) of
        {Alts, [$) | Rest]} -> {{group, Alts}, Rest};
        _ -> erlang:error(badarg)
    end;
re_atom([$. | T]) -> {any, T};
re_atom([$^ | T]) -> {bol, T};
re_atom([$$ | T]) -> {eol, T};
re_atom([$[, $^ | T]) -> re_class(T, true, []);
re_atom([$[ | T]) -> re_class(T, false, []);
re_atom([$\\, C | T]) -> {re_escape(C), T};
re_atom([C | T]) -> {{char, C}, T}.

re_escape($d) -> {class, false, [{$0, $9}]};
re_escape($D) -> {class, true, [{$0, $9}]};
re_escape($w) -> {class, false, [{$a, $z}, {$A, $Z}, {$0, $9}, {$_, $_}]};
re_escape($W) -> {class, true, [{$a, $z}, {$A, $Z}, {$0, $9}, {$_, $_}]};
re_escape($s) -> {class, false, [{$\s, $\s}, {$\t, $\r}]};
re_escape($S) -> {class, true, [{$\s, $\s}, {$\t, $\r}]};
re_escape($n) -> {char, $\n};
re_escape($t) -> {char, $\t};
re_escape(C) -> {char, C}.

re_class([$] | T], Neg, Acc) when Acc =/= [] -> {{class, Neg, Acc}, T};
re_class([$\\, C | T], Neg, Acc) ->
    case re_escape(C) of
        {char, X} -> re_class(T, Neg, [{X, X} | Acc]);
        {class, false, Rs} -> re_class(T, Neg, Rs ++ Acc);
        {class, true, _} -> erlang:error(badarg)
    end;
re_class([A, $-, B | T], Neg, Acc) when B =/= $] -> re_class(T, Neg, [{A, B} | Acc]);
re_class([C | T], Neg, Acc) -> re_class(T, Neg, [{C, C} | Acc]);
re_class([], _, _) -> erlang:error(badarg).

re_quantifier(Item, [$* | T]) -> re_lazy({repeat, 0, infinity, Item}, T);
re_quantifier(Item, [$+ | T]) -> re_lazy({repeat, 1, infinity, Item}, T);
re_quantifier(Item, [$? | T]) -> re_lazy({repeat, 0, 1, Item}, T);
re_quantifier(Item, T) -> {Item, T}.

%% A lazy `?` after a quantifier changes no match/no-match answer.
re_lazy(Q, [$? | T]) -> {Q, T};
re_lazy(Q, T) -> {Q, T}.

%% Does the expression match anywhere in the name?
re_match(Alts, Name) -> re_search(Alts, Name, true).

re_search(Alts, Name, AtStart) ->
    re_alts_match(Alts, Name, AtStart, fun(_) -> true end) orelse
        case Name of
            [_ | T] -> re_search(Alts, T, false);
            [] -> false
        end.

re_alts_match(Alts, Name, AtStart, K) ->
    lists:any(fun(Seq) -> re_seq(Seq, Name, AtStart, K) end, Alts).

%% Matches the items at Name, then calls K with the rest.
re_seq([], Name, _, K) -> K(Name);
re_seq([Item | Items], Name, AtStart, K) ->
    re_item(Item, Name, AtStart,
            fun(Rest) -> re_seq(Items, Rest, AtStart andalso Rest =:= Name, K) end).

re_item({char, C}, [C | T], _, K) -> K(T);
re_item(any, [C | T], _, K) when C =/= $\n -> K(T);
re_item({class, Neg, Ranges}, [C | T], _, K) ->
    (in_ranges(C, Ranges) =/= Neg) andalso K(T);
re_item(bol, Name, true, K) -> K(Name);
re_item(eol, [], _, K) -> K([]);
re_item({group, Alts}, Name, AtStart, K) -> re_alts_match(Alts, Name, AtStart, K);
re_item({repeat, Min, Max, Item}, Name, AtStart, K) -> re_repeat(Item, Min, Max, Name, AtStart, K);
re_item(_, _, _, _) -> false.

%% Greedy repetition with backtracking.
re_repeat(Item, Min, Max, Name, AtStart, K) ->
    More = Max =:= infinity orelse Max > 0,
    Next = fun(Rest) ->
                   Rest =/= Name andalso
                       re_repeat(Item, max(Min - 1, 0), dec(Max), Rest, false, K)
           end,
    (More andalso re_item(Item, Name, AtStart, Next)) orelse
        (Min =:= 0 andalso K(Name)).

dec(infinity) -> infinity;
dec(N) -> N - 1.
