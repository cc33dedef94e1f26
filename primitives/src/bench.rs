//! The `bench` chain's load-test registry: the facilities the node puts in its genesis and
//! whose keys the load generator (`healthnet load`) derives to sign their reports.
//!
//! Facility `i` (from 0) is a clinic with one member account, the sr25519 key of
//! [`facility_uri`]`(i)`; facilities `20c .. 20c + 19` form cluster `c`, one district of
//! Karnataka (`IN-KA-B01`, `IN-KA-B02`, ...), coordinated by its first facility. The keys are
//! as public as the development keys: the chain is for measuring, never for data.

use alloc::{format, string::String};

/// How many facilities the `bench` chain registers.
pub const FACILITIES: u32 = 1_000;

/// How many facilities form one cluster (and one district).
pub const FACILITIES_PER_CLUSTER: u32 = 20;

/// The secret URI of facility `index`'s member key.
pub fn facility_uri(index: u32) -> String {
	format!("//Bench//{index}")
}

/// The region code of cluster `cluster` (from 0) of the bench facilities.
pub fn district(cluster: u32) -> String {
	format!("IN-KA-B{:02}", cluster + 1)
}
