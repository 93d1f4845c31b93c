//! One streaming pass over a file being imported: SHA-256 of its bytes, its first and last
//! bytes (to tell what it is and whether it was cut short), whether it carries a C2PA
//! manifest, and — for the local blob folder — a copy written as it is read.
//!
//! Memory stays fixed whatever the file's size: one [`CHUNK`] buffer plus the kept head and
//! tail. The size limit is checked as bytes arrive, not only from the file's metadata, so a
//! file that grows while it is read is still stopped.

use sha2::{Digest, Sha256};
use std::io::{Read, Write};

/// The read (and database chunk) size: large enough that system calls and hashing dominate
/// nothing, small enough to be no memory concern.
pub(crate) const CHUNK: usize = 1024 * 1024;
/// How much of the start is kept for telling the type and reading an image's header.
const HEAD: usize = 64 * 1024;
/// How much of the end is kept for telling whether the file was cut short.
const TAIL: usize = 1024;
/// The start of a C2PA manifest store: a JUMBF description box (`jumd`) whose type UUID
/// begins with `c2pa`. Found in every format that embeds one (PNG caBX, JPEG APP11, BMFF
/// uuid boxes, RIFF chunks); only files that carry it are handed to the C2PA reader.
const C2PA_MARK: &[u8] = b"jumdc2pa";

/// What a pass found.
#[derive(Debug, Clone)]
pub(crate) struct Scanned {
    /// SHA-256, lowercase hex.
    pub hash: String,
    pub size: u64,
    pub head: Vec<u8>,
    pub tail: Vec<u8>,
    pub has_c2pa: bool,
}

/// Why a pass stopped.
#[derive(Debug)]
pub(crate) enum ScanError {
    TooLarge { size: u64 },
    Read(std::io::Error),
    Write(std::io::Error),
}

/// Reads `src` to its end, copying into `sink` if given.
pub(crate) fn scan(
    src: &mut impl Read,
    mut sink: Option<&mut dyn Write>,
    max_bytes: u64,
) -> Result<Scanned, ScanError> {
    let mut buf = vec![0u8; CHUNK];
    let mut hasher = Sha256::new();
    let mut size = 0u64;
    let mut head = Vec::with_capacity(HEAD);
    let mut tail: Vec<u8> = Vec::with_capacity(TAIL * 2);
    let finder = memchr::memmem::Finder::new(C2PA_MARK);
    let mut has_c2pa = false;
    // The last bytes of the previous chunk, so a marker split across two reads is found.
    let mut seam: Vec<u8> = Vec::with_capacity(C2PA_MARK.len() * 2);
    loop {
        let n = match src.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(ScanError::Read(e)),
        };
        let bytes = &buf[..n];
        size += n as u64;
        if size > max_bytes {
            return Err(ScanError::TooLarge { size });
        }
        hasher.update(bytes);
        if let Some(w) = sink.as_mut() {
            w.write_all(bytes).map_err(ScanError::Write)?;
        }
        if head.len() < HEAD {
            let take = (HEAD - head.len()).min(n);
            head.extend_from_slice(&bytes[..take]);
        }
        if !has_c2pa {
            let keep = C2PA_MARK.len() - 1;
            seam.extend_from_slice(&bytes[..keep.min(n)]);
            has_c2pa = finder.find(&seam).is_some() || finder.find(bytes).is_some();
            seam.clear();
            seam.extend_from_slice(&bytes[n.saturating_sub(keep)..]);
        }
        tail.extend_from_slice(&bytes[n.saturating_sub(TAIL)..]);
        if tail.len() > TAIL {
            tail.drain(..tail.len() - TAIL);
        }
    }
    Ok(Scanned {
        hash: hex::encode(hasher.finalize()),
        size,
        head,
        tail,
        has_c2pa,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads at most `step` bytes at a time, as a slow disk or pipe may.
    struct Trickle<'a>(&'a [u8], usize);
    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let n = self.1.min(self.0.len()).min(out.len());
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn hashes_copies_and_finds_a_marker_split_across_reads() {
        let mut data = vec![7u8; 5000];
        data.extend_from_slice(C2PA_MARK);
        data.extend_from_slice(&[9u8; 3000]);
        let mut copy = Vec::new();
        let got = scan(&mut Trickle(&data, 5003), Some(&mut copy), 1 << 20).expect("scan");
        assert_eq!(copy, data);
        assert_eq!(got.size, data.len() as u64);
        assert_eq!(got.hash, hex::encode(Sha256::digest(&data)));
        assert!(got.has_c2pa);
        assert_eq!(got.tail, data[data.len() - TAIL..]);
        assert_eq!(got.head, data);
        let plain = scan(&mut Trickle(&data[..5004], 4000), None, 1 << 20).expect("scan");
        assert!(!plain.has_c2pa);
    }

    #[test]
    fn stops_at_the_limit_as_bytes_arrive() {
        let data = vec![1u8; 10_000];
        let e = scan(&mut Trickle(&data, 4096), None, 9_000).expect_err("too large");
        assert!(matches!(e, ScanError::TooLarge { size } if size > 9_000));
    }
}
