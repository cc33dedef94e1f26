//! `TCP_NODELAY` on the JSON-RPC server's connections.
//!
//! The RPC server of the Polkadot SDK release the node is built on (`sc-rpc-server` 33.0.0)
//! accepts its connections itself and never sets `TCP_NODELAY` on them, unlike the `jsonrpsee`
//! server it wraps. A WebSocket answer is written as a frame header and a payload, and with
//! Nagle's algorithm on, the payload's last segment waits for the client's delayed
//! acknowledgement of the first: every answer larger than a segment took 40 ms more over
//! WebSocket than over HTTP (docs/PERFORMANCE.md, "Reads").
//!
//! Linux copies `TCP_NODELAY` from a listening socket to the connections it accepts, so
//! setting it on the server's listeners, once they are bound, sets it on every connection.
//! The listeners are found among the process's open descriptors by the ports the server
//! reports it listens on. On other systems this does nothing.

use sc_network::multiaddr::{Multiaddr, Protocol};

/// Sets `TCP_NODELAY` on the process's listening TCP sockets bound to the ports of
/// `rpc_addresses` (the RPC server's, as `spawn_tasks` reports them). Returns how many
/// listeners it set.
pub fn set_on_rpc_listeners(rpc_addresses: &[Multiaddr]) -> std::io::Result<usize> {
	let ports: Vec<u16> = rpc_addresses
		.iter()
		.filter_map(|address| {
			address.iter().find_map(|protocol| match protocol {
				Protocol::Tcp(port) => Some(port),
				_ => None,
			})
		})
		.collect();
	if ports.is_empty() {
		return Ok(0);
	}
	set_on_listeners(&ports)
}

#[cfg(target_os = "linux")]
fn set_on_listeners(ports: &[u16]) -> std::io::Result<usize> {
	use std::os::fd::{BorrowedFd, RawFd};

	let descriptors = std::fs::read_dir("/proc/self/fd")?;
	let mut set = 0;
	for entry in descriptors.flatten() {
		let Some(fd) = entry.file_name().to_str().and_then(|name| name.parse::<RawFd>().ok())
		else {
			continue;
		};
		// Only sockets: files, pipes and the listing's own descriptor are skipped.
		let is_socket = std::fs::read_link(entry.path())
			.is_ok_and(|target| target.to_string_lossy().starts_with("socket:"));
		if !is_socket {
			continue;
		}
		// SAFETY: `fd` is open in this process (it is listed under /proc/self/fd and is a
		// socket); the borrow lasts for this iteration only and never closes it.
		let fd = unsafe { BorrowedFd::borrow_raw(fd) };
		let socket = socket2::SockRef::from(&fd);
		let listening_on_rpc = socket.is_listener().unwrap_or(false)
			&& socket.r#type().is_ok_and(|kind| kind == socket2::Type::STREAM)
			&& socket
				.local_addr()
				.ok()
				.and_then(|address| address.as_socket())
				.is_some_and(|address| ports.contains(&address.port()));
		if listening_on_rpc {
			socket.set_tcp_nodelay(true)?;
			set += 1;
		}
	}
	Ok(set)
}

#[cfg(not(target_os = "linux"))]
fn set_on_listeners(_ports: &[u16]) -> std::io::Result<usize> {
	Ok(0)
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
	use super::*;
	use std::net::{TcpListener, TcpStream};

	/// Whether a connection the listener accepts has `TCP_NODELAY` set.
	fn accepted_has_nodelay(listener: &TcpListener) -> bool {
		let _client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
		let (accepted, _) = listener.accept().unwrap();
		accepted.nodelay().unwrap()
	}

	#[test]
	fn connections_to_the_rpc_port_get_tcp_nodelay_and_others_do_not() {
		let rpc = TcpListener::bind("127.0.0.1:0").unwrap();
		let other = TcpListener::bind("127.0.0.1:0").unwrap();
		let port = rpc.local_addr().unwrap().port();
		let address: Multiaddr = format!("/ip4/127.0.0.1/tcp/{port}").parse().unwrap();
		assert!(!accepted_has_nodelay(&rpc), "Linux leaves TCP_NODELAY off by default");

		assert_eq!(set_on_rpc_listeners(&[address]).unwrap(), 1);
		assert!(accepted_has_nodelay(&rpc));
		assert!(!accepted_has_nodelay(&other));
	}

	#[test]
	fn without_rpc_addresses_nothing_is_set() {
		assert_eq!(set_on_rpc_listeners(&[]).unwrap(), 0);
	}
}
