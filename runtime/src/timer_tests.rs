//! Unit tests of the timer service (on private `TimerService`s, so they
//! never touch the program's timers).

use super::*;
use std::sync::atomic::AtomicUsize;
use std::sync::Mutex as StdMutex;

fn call(f: impl FnOnce() + Send + 'static) -> TimerAction {
    TimerAction::Call(Box::new(f))
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

#[test]
fn fires_in_deadline_order_then_start_order() {
    let svc = TimerService::new();
    let log = Arc::new(StdMutex::new(Vec::new()));
    let t0 = Instant::now();
    for (i, d) in [(1, 30), (2, 10), (3, 20), (4, 10), (5, 0)] {
        let log = log.clone();
        svc.start_timer(t0 + ms(d), call(move || log.lock().unwrap().push(i)));
    }
    assert_eq!(svc.next_deadline(), Some(t0));
    assert_eq!(svc.fire_expired(t0 + ms(15)), 3);
    assert_eq!(*log.lock().unwrap(), vec![5, 2, 4]);
    assert_eq!(svc.next_deadline(), Some(t0 + ms(20)));
    assert_eq!(svc.fire_expired(t0 + ms(15)), 0);
    assert_eq!(svc.fire_expired(t0 + ms(100)), 2);
    assert_eq!(*log.lock().unwrap(), vec![5, 2, 4, 3, 1]);
    assert_eq!(svc.next_deadline(), None);
    assert!(svc.is_empty());
}

#[test]
fn cancel_and_read() {
    let svc = TimerService::new();
    let hits = Arc::new(AtomicUsize::new(0));
    let t0 = Instant::now();
    let h = hits.clone();
    let (a, first) = svc.start_timer(
        t0 + ms(10_000),
        call(move || {
            h.fetch_add(1, Ordering::SeqCst);
        }),
    );
    assert!(first);
    let h = hits.clone();
    let (b, first) = svc.start_timer(
        t0 + ms(20_000),
        call(move || {
            h.fetch_add(1, Ordering::SeqCst);
        }),
    );
    assert!(!first);
    let left = svc.read(a).unwrap();
    assert!(left > ms(9_000) && left <= ms(10_000));
    let left = svc.cancel(a).unwrap();
    assert!(left > ms(9_000) && left <= ms(10_000));
    assert_eq!(svc.cancel(a), None);
    assert_eq!(svc.read(a), None);
    // Cancelling the earliest moves the published deadline on.
    assert_eq!(svc.next_deadline(), Some(t0 + ms(20_000)));
    assert_eq!(svc.fire_expired(t0 + ms(30_000)), 1);
    assert_eq!(hits.load(Ordering::SeqCst), 1);
    assert_eq!(svc.cancel(b), None);
    assert_eq!(svc.cancel(TimerId(999_999)), None);
}

#[test]
fn callbacks_may_use_the_service() {
    let svc = Arc::new(TimerService::new());
    let t0 = Instant::now();
    let inner = svc.clone();
    let (later, _) = svc.start_timer(t0 + ms(50), call(|| {}));
    svc.start_timer(
        t0,
        call(move || {
            // Runs outside the lock: starting and cancelling do not deadlock.
            inner.start_timer(t0 + ms(5), call(|| {}));
            assert!(inner.cancel(later).is_some());
        }),
    );
    assert_eq!(svc.fire_expired(t0), 1);
    assert_eq!(svc.len(), 1);
    assert_eq!(svc.fire_expired(t0 + ms(100)), 1);
    assert!(svc.is_empty());
}

#[test]
fn many_timers_and_batches() {
    let svc = TimerService::new();
    let t0 = Instant::now();
    let n = 200_000u64;
    let hits = Arc::new(AtomicUsize::new(0));
    let mut ids = Vec::with_capacity(n as usize);
    for i in 0..n {
        let h = hits.clone();
        // Deadlines in a scrambled order.
        let d = (i * 7919) % n;
        ids.push(
            svc.start_timer(
                t0 + Duration::from_micros(d),
                call(move || {
                    h.fetch_add(1, Ordering::Relaxed);
                }),
            )
            .0,
        );
    }
    assert_eq!(svc.len(), n as usize);
    // Cancel every other one.
    let cancelled = ids.iter().step_by(2).filter(|&&id| svc.cancel(id).is_some()).count();
    assert_eq!(cancelled, (n as usize).div_ceil(2));
    let fired = svc.fire_expired(t0 + Duration::from_micros(n));
    assert_eq!(fired, n as usize - cancelled);
    assert_eq!(hits.load(Ordering::Relaxed), fired);
    assert!(svc.is_empty());
    assert_eq!(svc.next_deadline(), None);
}

#[test]
fn cancel_races_with_firing_on_another_thread() {
    // Each timer either fires or is cancelled, never both, never neither.
    for _round in 0..20 {
        let svc = Arc::new(TimerService::new());
        let t0 = Instant::now();
        let n = 2_000;
        let ran: Arc<Vec<AtomicUsize>> = Arc::new((0..n).map(|_| AtomicUsize::new(0)).collect());
        let ids: Vec<TimerId> = (0..n)
            .map(|i| {
                let ran = ran.clone();
                svc.start_timer(
                    t0 + Duration::from_micros(i as u64),
                    call(move || {
                        ran[i].fetch_add(1, Ordering::SeqCst);
                    }),
                )
                .0
            })
            .collect();
        let firer = {
            let svc = svc.clone();
            std::thread::spawn(move || {
                let mut total = 0;
                while !svc.is_empty() {
                    total += svc.fire_expired(t0 + Duration::from_micros(n as u64));
                }
                total
            })
        };
        let cancelled: Vec<bool> = ids.iter().rev().map(|&id| svc.cancel(id).is_some()).collect();
        let fired = firer.join().unwrap();
        let cancelled: Vec<bool> = cancelled.into_iter().rev().collect();
        assert_eq!(fired + cancelled.iter().filter(|&&c| c).count(), n);
        for i in 0..n {
            let r = ran[i].load(Ordering::SeqCst);
            assert_eq!(r, usize::from(!cancelled[i]), "timer {i}");
        }
    }
}

#[test]
fn concurrent_starts_from_many_threads() {
    let svc = Arc::new(TimerService::new());
    let t0 = Instant::now();
    let hits = Arc::new(AtomicUsize::new(0));
    let threads: Vec<_> = (0..4)
        .map(|k| {
            let (svc, hits) = (svc.clone(), hits.clone());
            std::thread::spawn(move || {
                for i in 0..10_000u64 {
                    let h = hits.clone();
                    svc.start_timer(
                        t0 + Duration::from_micros(i * 4 + k),
                        call(move || {
                            h.fetch_add(1, Ordering::Relaxed);
                        }),
                    );
                    if i % 100 == 0 {
                        svc.fire_expired(t0 + Duration::from_micros(i * 2));
                    }
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    svc.fire_expired(t0 + Duration::from_secs(1));
    assert_eq!(hits.load(Ordering::Relaxed), 40_000);
    assert!(svc.is_empty());
}

#[test]
fn repeating_timers_rearm_and_stop_with_their_process() {
    let svc = TimerService::new();
    let t0 = Instant::now();
    // A watched serial that was never registered counts as exited: the
    // timer is dropped at its first expiry without running.
    let send = TimerAction::Send { to: Dest::Pid(u64::MAX >> 8), msg: message(tag::NIL) };
    let (id, _) =
        svc.start_timer(t0, TimerAction::Repeat { period: ms(10), watch: Some(u64::MAX >> 8), action: Box::new(send) });
    assert_eq!(svc.fire_expired(t0), 1);
    assert_eq!(svc.read(id), None);
    // Unwatched: re-armed at deadline + period, same id, until cancelled.
    let send = TimerAction::Send { to: Dest::Pid(u64::MAX >> 8), msg: message(tag::NIL) };
    let (id, _) = svc.start_timer(t0, TimerAction::Repeat { period: ms(10), watch: None, action: Box::new(send) });
    assert_eq!(svc.fire_expired(t0 + ms(25)), 3); // at 0, 10 and 20
    assert_eq!(svc.next_deadline(), Some(t0 + ms(30)));
    assert!(svc.cancel(id).is_some());
    assert!(svc.is_empty());
}

#[test]
fn timer_reference_numbers() {
    let id = TimerId(42);
    assert_eq!(id_of_ref_number(ref_number(id)), Some(id));
    assert_eq!(id_of_ref_number(7), None);
    assert_eq!(id_of_ref_number(REF_BASE), None);
}
