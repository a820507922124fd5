//! The state of one guest process: what its host functions read and write
//! (the data of its wasmtime `Store`).

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use kiln_runtime::foreign::Incoming;
use wasmtime::ResourceLimiter;
use wasmtime::{format_err, Result};
use wasmtime_wasi::p1::WasiP1Ctx;

use super::api::networking::NetResources;
use super::config::GuestConfig;
use super::process::with_context;
use super::resources::Resources;
use super::transit;
use super::GuestModule;

/// A host object that can travel inside a message.
pub enum Resource {
    Module(Arc<GuestModule>),
    TcpStream(super::api::networking::TcpStreamHandle),
    UdpSocket(super::api::networking::UdpSocketHandle),
    TlsStream(super::api::networking::TlsStreamHandle),
}

/// A data message: bytes with a read position, an optional tag, and the
/// resources moved along (each taken at most once).
pub struct DataMessage {
    pub tag: Option<i64>,
    pub bytes: Vec<u8>,
    pub read_pos: usize,
    pub resources: Vec<Option<Resource>>,
}

/// A message as a guest receives it.
pub enum GuestMessage {
    Data(DataMessage),
    /// A linked process failed (delivered instead of dying when
    /// `die_when_link_dies(false)`); the link's tag.
    LinkDied(Option<i64>),
    /// A monitored process ended.
    ProcessDied(u64),
}

impl GuestMessage {
    pub fn tag(&self) -> Option<i64> {
        match self {
            GuestMessage::Data(d) => d.tag,
            GuestMessage::LinkDied(t) => *t,
            GuestMessage::ProcessDied(_) => None,
        }
    }
}

pub struct GuestState {
    /// This process's id (its pid serial in the runtime).
    pub id: u64,
    pub module: Arc<GuestModule>,
    pub config: Arc<GuestConfig>,
    /// The instance's exported memory (looked up once: host functions use
    /// it on every call).
    pub memory: Option<wasmtime::Memory>,
    /// Built on first use: most processes never touch WASI, and building it
    /// opens every preopened directory.
    wasi: Option<Box<WasiP1Ctx>>,
    pub configs: Resources<GuestConfig>,
    pub modules: Resources<Arc<GuestModule>>,
    pub errors: Resources<String>,
    pub net: NetResources,
    pub mailbox: VecDeque<GuestMessage>,
    /// The message being written (before `send`) or read (after `receive`).
    pub scratch: Option<GuestMessage>,
    /// Tags of links made with one (by the linked process's id).
    pub link_tags: HashMap<u64, i64>,
    /// Monitors by monitored process id (the runtime's monitor number).
    pub monitors: HashMap<u64, u64>,
}

impl GuestState {
    pub fn new(id: u64, module: Arc<GuestModule>, config: Arc<GuestConfig>) -> GuestState {
        GuestState {
            id,
            module,
            config,
            memory: None,
            wasi: None,
            configs: Resources::default(),
            modules: Resources::default(),
            errors: Resources::default(),
            net: NetResources::default(),
            mailbox: VecDeque::new(),
            scratch: None,
            link_tags: HashMap::new(),
            monitors: HashMap::new(),
        }
    }

    pub fn wasi(&mut self) -> &mut WasiP1Ctx {
        let config = &self.config;
        self.wasi.get_or_insert_with(|| Box::new(config.wasi()))
    }

    /// Moves the messages that have arrived into the guest's mailbox,
    /// turning exits and `'DOWN'`s into lunatic's signal messages.
    pub fn pull_messages(&mut self) {
        let mailbox = &mut self.mailbox;
        let link_tags = &mut self.link_tags;
        let monitors = &mut self.monitors;
        with_context(|cx| {
            cx.take_messages(|m| match m {
                Incoming::Data { tag, bytes, resources, .. } => {
                    let resources = resources.into_iter().map(transit::take).collect();
                    let tag = (tag != 0).then_some(tag);
                    mailbox.push_back(GuestMessage::Data(DataMessage { tag, bytes, read_pos: 0, resources }));
                }
                Incoming::LinkExit { from, normal } => {
                    let tag = link_tags.remove(&from);
                    if !normal {
                        mailbox.push_back(GuestMessage::LinkDied(tag));
                    }
                }
                Incoming::Down { from } => {
                    if monitors.remove(&from).is_some() {
                        mailbox.push_back(GuestMessage::ProcessDied(from));
                    }
                }
                Incoming::Notice => {}
            })
        });
    }

    /// Records an error for the guest to read through `lunatic::error`;
    /// returns its id.
    pub fn add_error(&mut self, e: impl std::fmt::Display) -> u64 {
        self.errors.add(e.to_string())
    }

    /// The config resource `id`, or a trap naming `func`.
    pub fn config_mut(&mut self, id: u64, func: &str) -> Result<&mut GuestConfig> {
        self.configs.get_mut(id).ok_or_else(|| format_err!("{func}: config {id} does not exist"))
    }
}

impl ResourceLimiter for GuestState {
    fn memory_growing(&mut self, current: usize, desired: usize, _maximum: Option<usize>) -> Result<bool> {
        if desired as u64 > self.config.max_memory {
            return Err(format_err!(
                "memory limit exceeded: the process may use {} bytes of memory and tried to grow from {current} to {desired} bytes",
                self.config.max_memory
            ));
        }
        Ok(true)
    }

    fn table_growing(&mut self, _current: usize, desired: usize, _maximum: Option<usize>) -> Result<bool> {
        Ok(desired <= MAX_TABLE_ELEMENTS)
    }
}

/// Table growth beyond this is refused (a guest's function table holds a
/// few thousand entries at most).
const MAX_TABLE_ELEMENTS: usize = 1 << 20;
