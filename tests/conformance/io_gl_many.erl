% kiln conformance: output from many processes right before main returns is not lost
-module(io_gl_many).
-export([main/1]).
-mode(compile).

%% A relay group leader: forwards each output request to `user` and
%% answers once it is written.
relay() ->
    receive
        {io_request, From, ReplyAs, Request} ->
            Reply = io:request(user, Request),
            From ! {io_reply, ReplyAs, Reply},
            relay()
    end.

%% Process N waits for the token, prints its lines and passes the token on;
%% the last one tells main, which returns at once.
worker(N, Next, Lines) ->
    receive
        token ->
            [io:format("process ~b line ~b ~s~n", [N, L, lists:duplicate(L rem 7, $*)])
             || L <- lists:seq(1, Lines)],
            io:put_chars(["done ", integer_to_list(N), $\n]),
            Next ! token
    end.

main(_) ->
    Self = self(),
    Relay = spawn(fun relay/0),
    First = lists:foldl(
              fun(N, Next) ->
                      spawn(fun() ->
                                    case N rem 3 of
                                        0 -> group_leader(Relay, self());
                                        _ -> ok
                                    end,
                                    worker(N, Next, 25)
                            end)
              end,
              Self, lists:seq(200, 1, -1)),
    First ! token,
    receive token -> ok end,
    %% More output than one buffer holds, from processes that end just now.
    Pids = [spawn(fun() ->
                          receive go -> ok end,
                          io:format("~s~n", [lists:duplicate(100, $a + I rem 26)]),
                          Self ! {printed, I}
                  end) || I <- lists:seq(1, 100)],
    lists:foreach(fun({I, P}) -> P ! go, receive {printed, I} -> ok end end,
                  lists:zip(lists:seq(1, 100), Pids)),
    %% Requests sent to `user` without waiting for the reply are written
    %% before what is printed after them.
    User = whereis(user),
    [User ! {io_request, Self, {async, I}, {put_chars, unicode, io_lib, format, ["async ~b~n", [I]]}}
     || I <- lists:seq(1, 300)],
    io:put_chars("last line, no newline").
