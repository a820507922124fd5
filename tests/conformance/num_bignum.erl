% kiln conformance-next: bignum arithmetic: factorials, powers, mixed signs, comparisons
-module(num_bignum).
-export([main/1]).
-mode(compile).

main(_) ->
    F100 = fact(100),
    io:format("~p~n", [F100]),
    io:format("~p~n", [fact(250)]),
    io:format("~p~n", [length(integer_to_list(fact(1000)))]),
    io:format("~p~n", [fact(1000) div fact(998)]),
    io:format("~p~n", [fact(52) rem 1000000007]),
    io:format("~p~n", [[pow(2, 64), pow(2, 64) - 1, -pow(2, 63), pow(-3, 41)]]),
    io:format("~w~n", [[pow(2, N) - 1 || N <- [31, 32, 59, 60, 61, 62, 63, 64, 65, 127, 128]]]),
    A = id(123456789012345678901234567890),
    B = id(-987654321098765432109876543210),
    io:format("~p~n", [[A + B, A - B, A * B, B div A, B rem A, A div -7, A rem -7, -A div 7, -A rem 7]]),
    io:format("~p~n", [[abs(B), -B, B * B * B]]),
    io:format("~p~n", [[A > B, A < B, A == A + 0, A =:= A * 1, B < 0, A > 1.0e29, A < 1.0e30, A == 1.2345678901234568e29]]),
    io:format("~p~n", [lists:sort([A, B, 0, 1.0e40, -1.0e40, 1, -1, pow(10, 40)])]),
    io:format("~p~n", [[A + 0.5, B / 3, A / A, float(A)]]),
    io:format("~p~n", [gcd(fact(40), pow(6, 30))]),
    io:format("~p~n", [fib(300)]),
    io:format("~p~n", [isqrt(pow(10, 60) + 12345)]),
    io:format("~p~n", [modpow(3, 1000, pow(2, 127) - 1)]),
    io:format("~p~n", [[pow(2, 62) + pow(2, 62), pow(2, 62) - pow(2, 63), (pow(2, 64) - 1) * (pow(2, 64) + 1)]]),
    io:format("~p~n", [[X div 10 || X <- [pow(10, 20), -pow(10, 20), pow(10, 20) + 9]]]),
    io:format("~p~n", [lists:sum(lists:seq(1, 100000)) * pow(2, 40)]),
    io:format("~p~n", [[is_integer(pow(2, 100)), is_number(A), A band 1, erlang:abs(-pow(2, 70))]]),
    io:format("~p~n", [[pow(2, 100) == float(pow(2, 100)), pow(2, 100) =:= float(pow(2, 100)), pow(2, 100) + 1 == float(pow(2, 100))]]),
    ok.

fact(0) -> 1;
fact(N) -> N * fact(N - 1).

pow(_, 0) -> 1;
pow(B, E) -> B * pow(B, E - 1).

gcd(A, 0) -> A;
gcd(A, B) -> gcd(B, A rem B).

fib(N) -> fib(N, 0, 1).
fib(0, A, _) -> A;
fib(N, A, B) -> fib(N - 1, B, A + B).

isqrt(N) -> isqrt(N, N).
isqrt(N, X) -> Y = (X + N div X) div 2, if Y >= X -> X; true -> isqrt(N, Y) end.

modpow(_, 0, _) -> 1;
modpow(B, E, M) when E rem 2 =:= 0 -> H = modpow(B, E div 2, M), H * H rem M;
modpow(B, E, M) -> B * modpow(B, E - 1, M) rem M.

id(X) -> X.
