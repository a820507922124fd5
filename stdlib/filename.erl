%% The filename module, as OTP 25's stdlib `filename` for Unix-style names
%% (kiln targets Linux and WASI; there is no Windows flavour).
%%
%% A name is a string, an atom, a deep list of characters and atoms, or a
%% binary. Functions given a binary (a name, or a second name or extension)
%% return binaries; otherwise they return strings. Work is done on flat
%% character lists and converted back at the end.
%%
%% Normalisation (join/1,2, absname/1,2, nativename/1) only rewrites text:
%% runs of slashes become one, a "/./" becomes "/", and a trailing slash is
%% dropped; "." at the start or end and ".." are kept as OTP keeps them.
-module(filename).
-export([absname/1, absname/2, basename/1, basename/2, dirname/1, extension/1,
         flatten/1, join/1, join/2, nativename/1, pathtype/1, rootname/1, rootname/2,
         split/1]).

%% flatten/1: a binary as it is; otherwise a flat list (atoms become their
%% characters, binaries inside lists stay elements, as in OTP).
flatten(Bin) when is_binary(Bin) -> Bin;
flatten(List) -> do_flatten(List, []).

do_flatten([H | T], Tail) when is_list(H) -> do_flatten(H, do_flatten(T, Tail));
do_flatten([H | T], Tail) when is_atom(H) -> atom_to_list(H) ++ do_flatten(T, Tail);
do_flatten([H | T], Tail) -> [H | do_flatten(T, Tail)];
do_flatten([], Tail) -> Tail;
do_flatten(Atom, Tail) when is_atom(Atom) -> atom_to_list(Atom) ++ Tail.

%% The characters of a name, and a converter back to the caller's kind.
chars(Name) when is_binary(Name) -> binary_to_list(Name);
chars(Name) ->
    Flat = do_flatten(Name, []),
    case lists:all(fun erlang:is_integer/1, Flat) of
        true -> Flat;
        false -> binary_to_list(iolist_to_binary(Flat))
    end.

back(Chars, true) -> list_to_binary(Chars);
back(Chars, false) -> Chars.

%% The OTP result kind: a binary if any argument is one.
is_bin(Names) -> lists:any(fun erlang:is_binary/1, Names).

%% ---------------------------------------------------------------------
%% pathtype/1

pathtype(Name) when is_binary(Name); is_list(Name); is_atom(Name) ->
    case chars(Name) of
        [$/ | _] -> absolute;
        _ -> relative
    end.

%% ---------------------------------------------------------------------
%% join/1,2 and nativename/1

join([Name]) -> back(normalize(chars(Name)), is_binary(Name));
join([Name1, Name2 | Rest]) -> join([join(Name1, Name2) | Rest]).

join(Name1, Name2) ->
    Bin = is_bin([Name1, Name2]),
    C2 = chars(Name2),
    Joined = case C2 of
                 [$/ | _] -> C2;
                 _ -> chars(Name1) ++ [$/ | C2]
             end,
    back(normalize(Joined), Bin).

nativename(Name) -> back(normalize(chars(Name)), is_binary(Name)).

normalize(Chars) -> drop_trailing(dot_segments(collapse(Chars))).

collapse([$/, $/ | T]) -> collapse([$/ | T]);
collapse([C | T]) -> [C | collapse(T)];
collapse([]) -> [].

dot_segments([$/, $., $/ | T]) -> dot_segments([$/ | T]);
dot_segments([C | T]) -> [C | dot_segments(T)];
dot_segments([]) -> [].

drop_trailing("/") -> "/";
drop_trailing(Chars) ->
    case lists:reverse(Chars) of
        [$/ | R] -> lists:reverse(R);
        _ -> Chars
    end.

%% ---------------------------------------------------------------------
%% split/1

split(Name) when is_binary(Name) ->
    [list_to_binary(P) || P <- split_chars(binary_to_list(Name))];
split(Name) when is_list(Name); is_atom(Name) ->
    split_chars(chars(Name)).

split_chars([$/ | T]) -> ["/" | components(T)];
split_chars(Chars) -> components(Chars).

components(Chars) -> [C || C <- components(Chars, [], []), C =/= []].

components([$/ | T], Cur, Acc) -> components(T, [], [lists:reverse(Cur) | Acc]);
components([C | T], Cur, Acc) -> components(T, [C | Cur], Acc);
components([], Cur, Acc) -> lists:reverse([lists:reverse(Cur) | Acc]).

%% ---------------------------------------------------------------------
%% basename/1,2, dirname/1

basename(Name) -> back(base_chars(chars(Name)), is_binary(Name)).

base_chars(Chars) ->
    %% One trailing slash is ignored ("a/b/" -> "b", "//a//b//" -> "").
    Trimmed = case lists:reverse(Chars) of
                  [$/ | R] -> lists:reverse(R);
                  _ -> Chars
              end,
    after_last_slash(Trimmed).

after_last_slash(Chars) -> after_last_slash(Chars, Chars).

after_last_slash([$/ | T], _) -> after_last_slash(T, T);
after_last_slash([_ | T], Start) -> after_last_slash(T, Start);
after_last_slash([], Start) -> Start.

%% The extension is only removed when the whole name ends with it (so not
%% from "a.erl/").
basename(Name, Ext) ->
    Chars = chars(Name),
    ExtChars = chars(Ext),
    Base = base_chars(Chars),
    Result = case lists:suffix(ExtChars, Chars) of
                 true -> strip_suffix(Base, ExtChars);
                 false -> Base
             end,
    back(Result, is_bin([Name, Ext])).

strip_suffix(Chars, Suffix) ->
    case lists:suffix(Suffix, Chars) of
        true -> lists:sublist(Chars, length(Chars) - length(Suffix));
        false -> Chars
    end.

dirname(Name) -> back(dir_chars(chars(Name)), is_binary(Name)).

dir_chars(Chars) ->
    case last_slash(Chars) of
        none -> ".";
        I ->
            Before = lists:sublist(Chars, I - 1),
            case strip_slashes(lists:reverse(Before)) of
                [] -> "/";
                R -> lists:reverse(R)
            end
    end.

strip_slashes([$/ | T]) -> strip_slashes(T);
strip_slashes(T) -> T.

%% The 1-based position of the last slash, or none.
last_slash(Chars) -> last_slash(Chars, 1, none).

last_slash([$/ | T], I, _) -> last_slash(T, I + 1, I);
last_slash([_ | T], I, Last) -> last_slash(T, I + 1, Last);
last_slash([], _, Last) -> Last.

%% ---------------------------------------------------------------------
%% extension/1, rootname/1,2

extension(Name) ->
    Last = after_last_slash(chars(Name)),
    Ext = case last_dot(Last) of
              none -> [];
              1 -> [];
              I -> lists:nthtail(I - 1, Last)
          end,
    back(Ext, is_binary(Name)).

last_dot(Chars) -> last_dot(Chars, 1, none).

last_dot([$. | T], I, _) -> last_dot(T, I + 1, I);
last_dot([$/ | T], I, _) -> last_dot(T, I + 1, none);
last_dot([_ | T], I, Last) -> last_dot(T, I + 1, Last);
last_dot([], _, Last) -> Last.

rootname(Name) ->
    Chars = chars(Name),
    Root = case last_dot(Chars) of
               none -> Chars;
               1 -> [];
               I ->
                   case lists:nth(I - 1, Chars) of
                       $/ -> Chars;
                       _ -> lists:sublist(Chars, I - 1)
                   end
           end,
    back(Root, is_binary(Name)).

rootname(Name, Ext) ->
    back(strip_suffix(chars(Name), chars(Ext)), is_bin([Name, Ext])).

%% ---------------------------------------------------------------------
%% absname/1,2

absname(Name) ->
    {ok, Cwd} = file:get_cwd(),
    absname(Name, Cwd).

absname(Name, Cwd) ->
    Bin = is_bin([Name, Cwd]),
    case pathtype(Name) of
        absolute -> back(normalize(chars(Name)), Bin);
        relative -> back(chars(join(Cwd, Name)), Bin)
    end.
