//! `lunatic::metrics`: counters, gauges and histograms reported by guests.
//!
//! lunatic forwards them to a metrics exporter when one is configured and
//! drops them otherwise; kiln keeps the latest value of each in memory
//! ([`snapshot`]), which costs nothing unless a guest reports metrics.

use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};

use wasmtime::Result;
use wasmtime::{Caller, Linker};

use super::read_str;
use crate::lunatic::state::GuestState;

/// The value of one metric.
#[derive(Clone, Debug, PartialEq)]
pub enum Metric {
    Counter(u64),
    Gauge(f64),
    /// Count and sum of the recorded values.
    Histogram {
        count: u64,
        sum: f64,
    },
}

fn table() -> &'static Mutex<BTreeMap<String, Metric>> {
    static T: OnceLock<Mutex<BTreeMap<String, Metric>>> = OnceLock::new();
    T.get_or_init(Default::default)
}

/// Every metric reported so far, by name.
pub fn snapshot() -> BTreeMap<String, Metric> {
    table().lock().unwrap_or_else(|e| e.into_inner()).clone()
}

fn update(name: String, f: impl FnOnce(Option<Metric>) -> Metric) {
    let mut t = table().lock().unwrap_or_else(|e| e.into_inner());
    let old = t.remove(&name);
    t.insert(name, f(old));
}

fn gauge_of(m: Option<Metric>) -> f64 {
    match m {
        Some(Metric::Gauge(v)) => v,
        _ => 0.0,
    }
}

pub fn register(linker: &mut Linker<GuestState>) -> Result<()> {
    const NS: &str = "lunatic::metrics";
    linker.func_wrap(NS, "counter", |mut c: Caller<'_, GuestState>, p: u32, l: u32, v: u64| -> Result<()> {
        let name = read_str(&mut c, p, l, "lunatic::metrics::counter")?;
        update(name, |_| Metric::Counter(v));
        Ok(())
    })?;
    linker.func_wrap(NS, "increment_counter", |mut c: Caller<'_, GuestState>, p: u32, l: u32| -> Result<()> {
        let name = read_str(&mut c, p, l, "lunatic::metrics::increment_counter")?;
        update(name, |m| match m {
            Some(Metric::Counter(n)) => Metric::Counter(n + 1),
            _ => Metric::Counter(1),
        });
        Ok(())
    })?;
    linker.func_wrap(NS, "gauge", |mut c: Caller<'_, GuestState>, p: u32, l: u32, v: f64| -> Result<()> {
        let name = read_str(&mut c, p, l, "lunatic::metrics::gauge")?;
        update(name, |_| Metric::Gauge(v));
        Ok(())
    })?;
    linker.func_wrap(NS, "increment_gauge", |mut c: Caller<'_, GuestState>, p: u32, l: u32, v: f64| -> Result<()> {
        let name = read_str(&mut c, p, l, "lunatic::metrics::increment_gauge")?;
        update(name, |m| Metric::Gauge(gauge_of(m) + v));
        Ok(())
    })?;
    linker.func_wrap(NS, "decrement_gauge", |mut c: Caller<'_, GuestState>, p: u32, l: u32, v: f64| -> Result<()> {
        let name = read_str(&mut c, p, l, "lunatic::metrics::decrement_gauge")?;
        update(name, |m| Metric::Gauge(gauge_of(m) - v));
        Ok(())
    })?;
    linker.func_wrap(NS, "histogram", |mut c: Caller<'_, GuestState>, p: u32, l: u32, v: f64| -> Result<()> {
        let name = read_str(&mut c, p, l, "lunatic::metrics::histogram")?;
        update(name, |m| match m {
            Some(Metric::Histogram { count, sum }) => Metric::Histogram { count: count + 1, sum: sum + v },
            _ => Metric::Histogram { count: 1, sum: v },
        });
        Ok(())
    })?;
    Ok(())
}
