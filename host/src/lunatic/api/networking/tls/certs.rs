//! Certificates, private keys, and the configurations made of them.
//!
//! # Certificates
//!
//! `tls_bind` takes a PEM buffer of certificates (the server's first, then
//! its chain) and one with the private key (PKCS #8, PKCS #1 or SEC1).
//! `tls_connect` takes an array of PEM buffers whose certificates are the
//! only trust anchors; with none, Mozilla's (`webpki-roots`). Bad
//! certificates or keys are errors answered to the guest (lunatic traps).

use std::sync::{Arc, OnceLock};

use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::{ClientConfig, RootCertStore, ServerConfig};
use wasmtime::{format_err, Caller, Result};

use super::super::super::memory;
use super::super::tcp::guest_ciovecs;
use crate::lunatic::state::GuestState;

fn provider() -> Arc<CryptoProvider> {
    static PROVIDER: OnceLock<Arc<CryptoProvider>> = OnceLock::new();
    PROVIDER.get_or_init(|| Arc::new(rustls::crypto::ring::default_provider())).clone()
}

/// The certificates of a PEM buffer (at least one).
pub(super) fn pem_certs(pem: &[u8]) -> std::result::Result<Vec<CertificateDer<'static>>, String> {
    let certs = CertificateDer::pem_slice_iter(pem)
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| format!("cannot read the certificates: {e}"))?;
    if certs.is_empty() {
        return Err("no PEM certificate found".into());
    }
    Ok(certs)
}

/// A server's configuration: its certificate chain and private key, both
/// PEM.
pub(super) fn server_config(certs: &[u8], key: &[u8]) -> std::result::Result<ServerConfig, String> {
    let certs = pem_certs(certs)?;
    let key = PrivateKeyDer::from_pem_slice(key).map_err(|e| format!("cannot read the private key: {e}"))?;
    ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| format!("unusable certificate or key: {e}"))
}

fn client_config(roots: RootCertStore) -> std::result::Result<ClientConfig, String> {
    Ok(ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_root_certificates(roots)
        .with_no_client_auth())
}

/// The configuration of clients trusting `webpki-roots`, built once.
fn default_client_config() -> std::result::Result<Arc<ClientConfig>, String> {
    static CONFIG: OnceLock<std::result::Result<Arc<ClientConfig>, String>> = OnceLock::new();
    CONFIG
        .get_or_init(|| {
            let roots = RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
            client_config(roots).map(Arc::new)
        })
        .clone()
}

/// The configuration of clients trusting exactly the certificates of the
/// PEM buffers `pems` (webpki-roots' when there are none).
pub(super) fn connect_config(pems: &[Vec<u8>]) -> std::result::Result<Arc<ClientConfig>, String> {
    if pems.is_empty() {
        return default_client_config();
    }
    let mut roots = RootCertStore::empty();
    for (i, pem) in pems.iter().enumerate() {
        for cert in pem_certs(pem).map_err(|e| format!("certificate {i}: {e}"))? {
            roots.add(cert).map_err(|e| format!("certificate {i} is no trust anchor: {e}"))?;
        }
    }
    client_config(roots).map(Arc::new)
}

/// The PEM buffers `tls_connect` was given: `count` 8-byte entries at `ptr`,
/// each naming a buffer by two u32s. The lunatic 0.14 crate writes each as
/// the Rust tuple `(length, pointer)`, while lunatic's runtime reads
/// `(pointer, length)` (and so misses them); kiln takes the order under
/// which the entry names PEM text in memory, the crate's first. A buffer
/// neither names in memory traps; one that is in memory but not PEM is an
/// error for the guest (`Err` inside).
pub(super) fn guest_pems(
    c: &mut Caller<'_, GuestState>,
    ptr: u32,
    count: u32,
    func: &str,
) -> Result<std::result::Result<Vec<Vec<u8>>, String>> {
    let entries = guest_ciovecs(c, ptr, count, "certificates", func)?;
    let mem = memory(c, func)?;
    let data = mem.data(&*c);
    let mut pems = Vec::new();
    for (i, &(a, b)) in entries.iter().enumerate() {
        let candidates = [(b, a), (a, b)].map(|(p, l)| data.get(p..p.checked_add(l)?));
        let pem =
            candidates.iter().flatten().find(|s| CertificateDer::pem_slice_iter(s).next().is_some_and(|r| r.is_ok()));
        match (pem, candidates.iter().flatten().next()) {
            (Some(pem), _) => pems.push(pem.to_vec()),
            (None, Some(_)) => return Ok(Err(format!("certificate {i} is not PEM"))),
            (None, None) => return Err(format_err!("{func}: certificate {i} is outside memory ({a}, {b})")),
        }
    }
    Ok(Ok(pems))
}

#[cfg(test)]
mod tests {
    use super::super::{TEST_CERT as CERT, TEST_KEY as KEY};
    use super::*;

    #[test]
    fn configurations_from_pem() {
        assert!(server_config(CERT.as_bytes(), KEY.as_bytes()).is_ok());
        // Swapped, missing, or not PEM at all.
        assert!(server_config(KEY.as_bytes(), CERT.as_bytes()).is_err());
        assert!(server_config(b"", KEY.as_bytes()).is_err());
        assert!(server_config(CERT.as_bytes(), b"key").is_err());
        assert!(pem_certs(b"no PEM here").is_err());
        assert_eq!(pem_certs(format!("{CERT}{CERT}").as_bytes()).unwrap().len(), 2);
        assert!(connect_config(&[]).is_ok());
        assert!(connect_config(&[CERT.as_bytes().to_vec()]).is_ok());
        assert!(connect_config(&[b"garbage".to_vec()]).is_err());
    }
}
