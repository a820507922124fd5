% kiln conformance: calendar: dates, weeks, seconds, now/system time, RFC 3339
-module(calendar_ops).
-export([main/1]).
-mode(compile).

t(F) -> try F() catch C:E -> {C, E} end.

p(L, F) -> io:format("~s: ~p~n", [L, t(F)]).

main(_) ->
    T = 1517501878,
    lists:foreach(
      fun({Tm, O}) -> p(io_lib:format("to_rfc3339 ~p ~p", [Tm, O]), fun() -> calendar:system_time_to_rfc3339(Tm, O) end) end,
      [{T, [{offset, "Z"}]}, {T, [{offset, "+01:00"}]}, {T, [{offset, "-05:30"}]}, {T, [{offset, 0}]},
       {T, [{offset, 3600}]}, {T, [{offset, -1800}]},
       {T * 1000 + 123, [{unit, millisecond}, {offset, "Z"}]}, {T * 1000 + 5, [{unit, millisecond}, {offset, "Z"}]},
       {T * 1000000 + 5, [{unit, microsecond}, {offset, "Z"}]}, {T * 1000000000 + 5, [{unit, nanosecond}, {offset, "Z"}]},
       {T * 1000000000 + 5, [{unit, native}, {offset, "Z"}]}, {T, [{offset, "Z"}, {time_designator, $\s}]},
       {0, [{offset, "Z"}]}, {-1, [{offset, "Z"}]}, {-62167219200, [{offset, "Z"}]}, {-62167219201, [{offset, "Z"}]},
       {T, [{offset, "z"}]}, {T, [{offset, "+1:00"}]}, {T, [{unit, minute}]},
       {T * 1000, [{unit, millisecond}, {offset, 3600000}]}, {253402300799, [{offset, "Z"}]},
       {253402300800, [{offset, "Z"}]}, {T, [{offset, "+01:00"}, {unit, second}, {time_designator, $t}]},
       {T, [{offset, 1}]}, {T, [{offset, "Z"}, {foo, bar}]}]),
    lists:foreach(
      fun({S, O}) -> p(io_lib:format("from_rfc3339 ~s ~p", [S, O]), fun() -> calendar:rfc3339_to_system_time(S, O) end) end,
      [{"2018-02-01T16:17:58+01:00", []}, {"2018-02-01T16:17:58Z", []}, {"2018-02-01t16:17:58z", []},
       {"2018-02-01 16:17:58-05:30", []}, {"2018-02-01T16:17:58.123Z", []}, {"2018-02-01T16:17:58.123Z", [{unit, millisecond}]},
       {"2018-02-01T16:17:58.123456789Z", [{unit, microsecond}]}, {"2018-02-01T16:17:58.5Z", [{unit, nanosecond}]},
       {"2018-02-01T16:17:58.999Z", []}, {"2018-02-01T16:17:58Z", [{unit, native}]}, {"1970-01-01T00:00:00Z", []},
       {"1969-12-31T23:59:59Z", []}, {"2018-02-01T16:17:58+01:00", [{unit, millisecond}]},
       {"2018-02-01X16:17:58Z", []}, {"2018-02-01T16:17:58.Z", []}, {"2018-02-01T24:00:00Z", []},
       {"2016-12-31T23:59:60Z", []}, {"2018-02-01T16:17:58-00:00", []}]),
    p("rfc3339 round trip", fun() -> calendar:rfc3339_to_system_time(calendar:system_time_to_rfc3339(T)) =:= T end),
    p("rfc3339 default", fun() -> length(calendar:system_time_to_rfc3339(0)) end),
    p("rfc3339/1", fun() -> calendar:rfc3339_to_system_time("2018-02-01T16:17:58Z") end),
    Cases = [
        {date_to_gregorian_days, [{2000, 1, 1}]}, {date_to_gregorian_days, [{0, 1, 1}]},
        {date_to_gregorian_days, [{-1, 1, 1}]}, {date_to_gregorian_days, [2024, 2, 29]},
        {gregorian_days_to_date, [0]}, {gregorian_days_to_date, [730485]}, {gregorian_days_to_date, [59]},
        {gregorian_days_to_date, [60]}, {gregorian_days_to_date, [366]}, {gregorian_days_to_date, [-1]},
        {gregorian_days_to_date, [3652424]}, {gregorian_days_to_date, [738000]},
        {datetime_to_gregorian_seconds, [{{2000, 1, 1}, {1, 2, 3}}]}, {datetime_to_gregorian_seconds, [{{1970, 1, 1}, {0, 0, 0}}]},
        {gregorian_seconds_to_datetime, [63113907723]}, {gregorian_seconds_to_datetime, [0]},
        {gregorian_seconds_to_datetime, [-1]},
        {day_of_the_week, [{2024, 2, 29}]}, {day_of_the_week, [{0, 1, 1}]}, {day_of_the_week, [{1970, 1, 1}]},
        {day_of_the_week, [2024, 3, 3]},
        {is_leap_year, [1900]}, {is_leap_year, [2000]}, {is_leap_year, [2024]}, {is_leap_year, [2023]}, {is_leap_year, [a]},
        {valid_date, [{2024, 2, 29}]}, {valid_date, [{2023, 2, 29}]}, {valid_date, [{2023, 13, 1}]},
        {valid_date, [{2023, 0, 1}]}, {valid_date, [{-1, 1, 1}]}, {valid_date, [{a, 1, 1}]},
        {valid_date, [{2023, 4, 31}]}, {valid_date, [{2023, 1, 0}]}, {valid_date, [2024, 2, 29]},
        {iso_week_number, [{2021, 1, 1}]}, {iso_week_number, [{2020, 12, 31}]}, {iso_week_number, [{2018, 12, 31}]},
        {iso_week_number, [{2024, 6, 15}]}, {iso_week_number, [{2026, 1, 1}]}, {iso_week_number, [{2015, 12, 31}]},
        {iso_week_number, [{2016, 1, 3}]}, {iso_week_number, [{2009, 12, 31}]}, {iso_week_number, [{2010, 1, 4}]},
        {seconds_to_daystime, [100000]}, {seconds_to_daystime, [-1]}, {seconds_to_daystime, [-86400]},
        {seconds_to_daystime, [0]}, {seconds_to_time, [3661]}, {seconds_to_time, [86400]}, {seconds_to_time, [-1]},
        {time_to_seconds, [{1, 1, 1}]}, {time_to_seconds, [{25, 0, 0}]},
        {now_to_datetime, [{1517, 501878, 123456}]}, {now_to_universal_time, [{0, 0, 0}]},
        {last_day_of_the_month, [2024, 2]}, {last_day_of_the_month, [2023, 2]}, {last_day_of_the_month, [2023, 13]},
        {last_day_of_the_month, [1900, 2]}, {last_day_of_the_month, [2023, 12]}, {last_day_of_the_month, [2023, 11]},
        {system_time_to_universal_time, [T, second]}, {system_time_to_universal_time, [T * 1000, millisecond]},
        {system_time_to_universal_time, [-1, second]}, {system_time_to_universal_time, [T * 1000 + 999, millisecond]},
        {system_time_to_universal_time, [-1, millisecond]},
        {time_difference, [{{2024, 1, 1}, {0, 0, 0}}, {{2024, 3, 1}, {12, 30, 5}}]},
        {time_difference, [{{2024, 3, 1}, {12, 30, 5}}, {{2024, 1, 1}, {0, 0, 0}}]}],
    lists:foreach(fun({F, A}) -> p(io_lib:format("~p~p", [F, A]), fun() -> apply(calendar, F, A) end) end, Cases),
    %% Round trips over many days.
    p("days round trip", fun() -> lists:all(fun(D) -> calendar:date_to_gregorian_days(calendar:gregorian_days_to_date(D)) =:= D end,
                                             lists:seq(0, 800000, 37)) end),
    p("weekdays", fun() -> [calendar:day_of_the_week(2024, 1, D) || D <- lists:seq(1, 14)] end),
    %% Clocks: only the shapes are deterministic.
    IsDT = fun({{Y, Mo, D}, {H, Mi, S}}) -> lists:all(fun is_integer/1, [Y, Mo, D, H, Mi, S]) andalso Y >= 2020;
              (_) -> false end,
    p("universal_time", fun() -> IsDT(calendar:universal_time()) end),
    p("local_time", fun() -> IsDT(calendar:local_time()) end),
    p("erlang:localtime", fun() -> IsDT(erlang:localtime()) end),
    p("date/time", fun() -> {Y, _, _} = date(), {_, _, _} = time(), Y >= 2020 end),
    p("iso_week_number/0", fun() -> {Y, W} = calendar:iso_week_number(), Y >= 2020 andalso W >= 1 andalso W =< 53 end),
    p("timestamp", fun() -> {M, S, U} = os:timestamp(), {M2, _, _} = erlang:timestamp(), M >= 1500 andalso M2 >= M andalso S < 1000000 andalso U < 1000000 end),
    p("now_to_universal_time", fun() -> IsDT(calendar:now_to_universal_time(os:timestamp())) end),
    p("now_to_local_time", fun() -> IsDT(calendar:now_to_local_time(erlang:timestamp())) end),
    p("u2l/l2u", fun() -> U = {{2024, 6, 1}, {12, 0, 0}}, L = calendar:universal_time_to_local_time(U),
                          calendar:local_time_to_universal_time_dst(L) =:= [U] end),
    p("l2u dst", fun() -> [{{_, _, _}, {_, _, _}}] = calendar:local_time_to_universal_time_dst({{2024, 1, 15}, {12, 0, 0}}), ok end),
    p("system_time_to_local_time", fun() -> IsDT(calendar:system_time_to_local_time(os:system_time(second), second)) end),
    p("u2l badarg", fun() -> erlang:universaltime_to_localtime({{2024, 2, 30}, {0, 0, 0}}) end),
    p("system_time units", fun() -> S = os:system_time(second), Ms = erlang:system_time(millisecond), Ms div 1000 - S < 5 end).
